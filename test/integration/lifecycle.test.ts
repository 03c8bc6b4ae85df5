import { describe as suite, expect, it } from 'vitest';
import {
  appraise,
  openReview,
  openReviewOf,
  describe,
  history,
  register,
  runningExecutionsOf,
  transitions,
  waitForExecution,
  waitForStep,
  useDemoRuntime,
} from '../support/lifecycle-driver.ts';
import { NEXT_YEAR, THIS_YEAR } from '../support/years.ts';
import type { AppraisalTrail } from '../support/api-client.ts';

const ctx = useDemoRuntime();

suite('a model through its whole lifecycle, over HTTP, on DynamoDB Local and the local Step Functions engine', () => {
  it('is returned, revised, accepted, reviewed, reported, recognized, and its next cycle runs', async () => {
    const { unit, board, admin } = ctx.users;
    const id = await register(unit);

    await waitForStep(board, id, 'REGISTRATION_REVIEW');
    const returned = await board.post(`/api/models/${id}/decisions`, {
      stage: 'REGISTRATION_REVIEW',
      outcome: 'RETURN',
      reason: 'Bổ sung chỉ tiêu đo lường',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'RETURNED', delivery: 'delivered' });

    await waitForStep(unit, id, 'REVISION');
    const { year: _year, ...revised } = (await unit.get(`/api/models/${id}`)).body.model;
    const revision = await unit.post(`/api/models/${id}/revision`, {
      name: 'Dân vận khéo trong xây dựng nông thôn mới (bổ sung)',
      situation: revised.situation,
      objectives: 'Chỉ tiêu: 120 hộ, 2 km đường',
      content: revised.content,
      targetGroup: revised.targetGroup,
      forces: revised.forces,
      resources: revised.resources,
      outputs: revised.outputs,
      sustainability: revised.sustainability,
      kind: revised.kind,
      area: revised.area,
    });
    expect(revision.status).toBe(200);

    await waitForStep(board, id, 'REGISTRATION_REVIEW', 2);
    expect((await board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);

    await waitForStep(admin, id, 'YEARLY_REVIEW');
    const review = await admin.post('/api/reviews', { year: THIS_YEAR });
    expect(review.status).toBe(202);
    expect(review.body).toMatchObject({ year: THIS_YEAR, scope: 'ALL', started: true });

    await waitForStep(unit, id, 'YEARLY_REPORT');
    expect((await unit.post(`/api/models/${id}/report`, { report: '120 hộ tham gia, 2,1 km đường bê tông hoàn thành.' })).status).toBe(200);

    await waitForStep(board, id, 'APPRAISAL');
    const direct = await board.post(`/api/models/${id}/decisions`, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'PROVINCE' });
    expect(direct.status).toBe(409); // this board scores by criteria
    const recognized = await appraise(board, id, { outcome: 'RECOGNIZE', level: 'PROVINCE' });
    expect(recognized).toMatchObject({ status: 'RECOGNIZED' });

    await waitForExecution(ctx.runtime, id, THIS_YEAR, 'SUCCEEDED');
    await waitForStep(admin, id, 'YEARLY_REVIEW');
    // Between its appraisal and the next review the model holds no open execution: it rests in DynamoDB.
    expect(await runningExecutionsOf(ctx.runtime, id)).toEqual([]);
    await expect(describe(ctx.runtime, id, NEXT_YEAR)).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });

    const detail = (await unit.get(`/api/models/${id}`)).body;
    expect(detail.model).toMatchObject({
      status: 'IMPLEMENTING',
      cycleYear: NEXT_YEAR,
      name: 'Dân vận khéo trong xây dựng nông thôn mới (bổ sung)',
    });
    // Quảng Ninh issues one decision for the year's recognitions: until then the recognition has no number.
    const batchId = `ban-tinh-qn.${THIS_YEAR}.1`;
    expect(detail.model.recognitions).toEqual([
      expect.objectContaining({ year: THIS_YEAR, level: 'PROVINCE', batchId, awaitingDecision: true }),
    ]);
    const issued = await board.post(`/api/decisions/${batchId}/issue`, {
      date: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ number: '01-QĐ/BTGDVTU', count: 1, status: 'ISSUED' });
    expect((await unit.get(`/api/models/${id}`)).body.model.recognitions).toEqual([
      expect.objectContaining({
        year: THIS_YEAR,
        level: 'PROVINCE',
        number: '01-QĐ/BTGDVTU',
        issuingBody: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh',
      }),
    ]);
    const appraisal = detail.decisions.find((d) => d.stage === 'APPRAISAL')!.details;
    expect(appraisal).toMatchObject({ total: 100, maxTotal: 100, level: 'PROVINCE' });
    expect((appraisal.trail as AppraisalTrail).map((t) => `${t.role}:${t.action}`)).toEqual([
      'SPECIALIST:SCORED',
      'LEADER:APPROVED',
      'COMMITTEE:PUBLISHED',
    ]);
    expect(detail.decisions.map((d: { stage: string; outcome: string }) => `${d.stage}:${d.outcome}`)).toEqual([
      'APPRAISAL:RECOGNIZE',
      'REGISTRATION_REVIEW:RETURN',
      'REGISTRATION_REVIEW:ACCEPT',
      'REVISION:REVISE',
      'YEARLY_REPORT:REPORT',
      'YEARLY_REVIEW:OPEN',
    ]);
    expect(detail.decisions.find((d) => d.outcome === 'RETURN')?.details).toEqual({
      reason: 'Bổ sung chỉ tiêu đo lường',
    });
    expect(await transitions(unit, id)).toEqual([
      '>DRAFT',
      'DRAFT>SUBMITTED',
      'SUBMITTED>RETURNED',
      'RETURNED>SUBMITTED',
      'SUBMITTED>IMPLEMENTING',
      'IMPLEMENTING>REPORTING',
      'REPORTING>REPORTED',
      'REPORTED>RECOGNIZED',
      'RECOGNIZED>IMPLEMENTING',
    ]);

    const registrationEvents = await history(ctx.runtime, id, 'r');
    const entered = (events: typeof registrationEvents) =>
      events.filter((e) => e.type === 'TaskStateEntered').map((e) => e.stateEnteredEventDetails?.name);
    expect(entered(registrationEvents)).toEqual([
      'Submit',
      'AwaitRegistrationReview',
      'AwaitRevision',
      'AwaitRegistrationReview',
      'JoinOpenReview',
    ]);
    expect(registrationEvents.filter((e) => e.type === 'SucceedStateEntered').map((e) => e.stateEnteredEventDetails?.name)).toEqual([
      'Resting',
    ]);
    const events = await history(ctx.runtime, id, THIS_YEAR);
    expect(entered(events)).toEqual(['BeginCycle', 'AwaitYearlyReport', 'AwaitAppraisal', 'BeginNextCycle']);
    expect(events.filter((e) => e.type === 'TaskSubmitted')).toHaveLength(2); // the two callbacks
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));

    // The next year's review starts its next cycle.
    await openReviewOf(ctx.runtime, NEXT_YEAR);
    await waitForStep(unit, id, 'YEARLY_REPORT');
    expect((await describe(ctx.runtime, id, NEXT_YEAR)).status).toBe('RUNNING');
    expect(await runningExecutionsOf(ctx.runtime, id)).toEqual([`${id}-y${NEXT_YEAR}`]);
  });

  it('stops a formalistic model with its reason, and no next cycle starts', async () => {
    const { unit, board, admin } = ctx.users;
    const id = await register(unit, { name: 'Mô hình hình thức', area: 'CULTURE_SOCIETY', kind: 'EXEMPLAR' });
    await waitForStep(board, id, 'REGISTRATION_REVIEW');
    await board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT', comment: 'Đồng ý' });
    // This year's review is already open (first test): an accepted model joins it at once.
    await openReview(admin);
    await waitForStep(unit, id, 'YEARLY_REPORT');
    await unit.post(`/api/models/${id}/report`, { report: 'Không có kết quả mới.' });
    await waitForStep(board, id, 'APPRAISAL');
    const stopped = await appraise(
      board,
      id,
      { outcome: 'STOP', stopReason: 'FORMALISTIC', reason: 'Chỉ làm trên giấy, không có kết quả thực chất' },
      () => 5,
    );
    expect(stopped).toMatchObject({ status: 'STOPPED' });

    await waitForExecution(ctx.runtime, id, THIS_YEAR, 'SUCCEEDED');
    const events = await history(ctx.runtime, id, THIS_YEAR);
    expect(events.filter((e) => e.type === 'SucceedStateEntered').map((e) => e.stateEnteredEventDetails?.name)).toEqual(['Stopped']);
    await expect(describe(ctx.runtime, id, NEXT_YEAR)).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    const detail = (await unit.get(`/api/models/${id}`)).body;
    expect(detail.model).toMatchObject({ status: 'STOPPED', stopReason: 'FORMALISTIC', cycleYear: THIS_YEAR });
    expect((await transitions(unit, id)).at(-1)).toBe('REPORTED>STOPPED');
    const stopEvent = detail.events.find((e: { to?: string }) => e.to === 'STOPPED');
    expect(stopEvent).toMatchObject({
      actor: 'ban.quangninh',
      reason: 'Chỉ làm trên giấy, không có kết quả thực chất',
      stage: 'APPRAISAL',
      outcome: 'STOP',
    });
  });
});
