import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient, type AppraisalTrail } from '../support/api-client.ts';
import { demoUsers, openReview, register, waitForStep } from '../support/lifecycle-driver.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { LAST_YEAR, THIS_YEAR } from '../support/years.ts';
import { stringMatching } from '../support/matchers.ts';

let runtime: Runtime;
let users: Awaited<ReturnType<typeof demoUsers>>;
let chain: { specialist: ApiClient; leader: ApiClient; committee: ApiClient; central: ApiClient };
beforeAll(async () => {
  runtime = await startTestRuntime();
  users = await demoUsers(runtime);
  const signIn = (name: string) => ApiClient.signIn(runtime.webUrl, name);
  chain = {
    specialist: await signIn('chuyenvien.qn'),
    leader: await signIn('lanhdao.qn'),
    committee: await signIn('thuongtruc.qn'),
    central: await signIn('quantri'),
  };
});
afterAll(async () => runtime?.stop());

/** A model of donvi.halong, accepted and reported, waiting for appraisal. */
async function modelWaitingForAppraisal(kind = 'MODEL') {
  const id = await register(users.unit, { kind });
  await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
  await users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
  await openReview(users.admin);
  await waitForStep(users.unit, id, 'YEARLY_REPORT');
  await users.unit.post(`/api/models/${id}/report`, { report: 'Kết quả', indicators: [] });
  await waitForStep(users.board, id, 'APPRAISAL');
  return id;
}

const allScores = (criteria: { id: string; maxScore: number }[], score: (max: number) => number) =>
  criteria.map((c) => ({ criterionId: c.id, score: score(c.maxScore), comment: 'Đạt' }));

describe('appraisal along the approval chain', () => {
  it('checks scores against each maximum, enforces each role, takes returns with a reason, and publishes once', async () => {
    const id = await modelWaitingForAppraisal();
    const criteriaSet = (await chain.specialist.get(`/api/models/${id}/appraisal`)).body.criteriaSet!;
    expect(criteriaSet.approvalChain).toEqual(['SPECIALIST', 'LEADER', 'COMMITTEE']);
    const proposal = { outcome: 'RECOGNIZE', level: 'PROVINCE' };

    const tooHigh = await chain.specialist.post(`/api/models/${id}/appraisal/scores`, {
      scores: allScores(criteriaSet.criteria, (max) => max + 1),
      proposal,
    });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.error?.fields?.[0]).toEqual({
      field: 'scores.0.score',
      reason: 'vượt điểm tối đa 20',
      key: 'reason.aboveMaximum',
      params: { maxScore: 20 },
    });
    const missing = await chain.specialist.post(`/api/models/${id}/appraisal/scores`, {
      scores: allScores(criteriaSet.criteria, () => 10).slice(1),
      proposal,
    });
    expect(missing.status).toBe(400);
    expect(
      (await chain.leader.post(`/api/models/${id}/appraisal/scores`, { scores: allScores(criteriaSet.criteria, () => 10), proposal }))
        .status,
    ).toBe(403);

    const scored = await chain.specialist.post(`/api/models/${id}/appraisal/scores`, {
      scores: allScores(criteriaSet.criteria, () => 15),
      proposal,
    });
    expect(scored.body.appraisal).toMatchObject({ total: 75, maxTotal: 100, step: 1, status: 'IN_APPROVAL' });
    expect((await chain.specialist.post(`/api/models/${id}/appraisal/approve`)).status).toBe(403);
    const noReason = await chain.leader.post(`/api/models/${id}/appraisal/return`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    const returned = await chain.leader.post(`/api/models/${id}/appraisal/return`, { reason: 'Chấm lại tiêu chí huy động lực lượng' });
    expect(returned.body.appraisal).toMatchObject({ status: 'RETURNED', step: 0 });

    await chain.specialist.post(`/api/models/${id}/appraisal/scores`, { scores: allScores(criteriaSet.criteria, () => 18), proposal });
    expect((await chain.leader.post(`/api/models/${id}/appraisal/approve`)).body.appraisal?.step).toBe(2);
    expect((await chain.leader.post(`/api/models/${id}/appraisal/approve`)).status).toBe(403);
    const published = await chain.committee.post(`/api/models/${id}/appraisal/approve`);
    expect(published.body.published).toMatchObject({ status: 'RECOGNIZED' });
    expect((await chain.committee.post(`/api/models/${id}/appraisal/approve`)).status).toBe(409);

    const detail = (await users.unit.get(`/api/models/${id}`)).body;
    const decision = detail.decisions.find((d) => d.stage === 'APPRAISAL')!;
    const trail = decision.details.trail as AppraisalTrail;
    expect(decision.details).toMatchObject({
      total: 90,
      level: 'PROVINCE',
      recognition: { batchId: stringMatching(/^ban-tinh-qn\.\d{4}\.1$/) },
    });
    expect(trail.map((t) => t.action)).toEqual(['SCORED', 'RETURNED', 'SCORED', 'APPROVED', 'PUBLISHED']);
    expect(trail[1]?.reason).toBe('Chấm lại tiêu chí huy động lực lượng');
  });

  it('numbers recognition decisions in sequence, and proposes a recognized model upward once', async () => {
    const recognize = async () => {
      const id = await modelWaitingForAppraisal('EXEMPLAR');
      const criteriaSet = (await users.board.get(`/api/models/${id}/appraisal`)).body.criteriaSet!;
      await users.board.post(`/api/models/${id}/appraisal/scores`, {
        scores: allScores(criteriaSet.criteria, (m) => m),
        proposal: { outcome: 'RECOGNIZE', level: 'PROVINCE' },
      });
      await users.board.post(`/api/models/${id}/appraisal/approve`);
      await users.board.post(`/api/models/${id}/appraisal/approve`);
      return id;
    };
    const first = await recognize();
    const second = await recognize();
    const numberOf = async (id: string) =>
      Number((await users.board.get(`/api/models/${id}`)).body.model.recognitions[0]?.number?.split('/')[0]);
    expect(await numberOf(second)).toBe((await numberOf(first)) + 1);

    expect((await chain.specialist.post(`/api/models/${first}/proposals`, { kind: 'NEXT_LEVEL', year: THIS_YEAR })).status).toBe(403);
    const proposed = await chain.leader.post(`/api/models/${first}/proposals`, {
      kind: 'NEXT_LEVEL',
      year: THIS_YEAR,
      note: 'Đề nghị Trung ương công nhận',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ toBoardId: 'ban-dan-van-tw', level: 'PROVINCE' });
    expect((await chain.leader.post(`/api/models/${first}/proposals`, { kind: 'NEXT_LEVEL', year: THIS_YEAR })).status).toBe(409);
    expect((await chain.leader.post(`/api/models/${first}/proposals`, { kind: 'COMMENDATION', year: LAST_YEAR })).status).toBe(409);
    const commendation = await chain.leader.post(`/api/models/${first}/proposals`, { kind: 'COMMENDATION', year: THIS_YEAR });
    expect(commendation.body.toBoardId).toBe('ban-tinh-qn');
    const received = (await users.board.get('/api/proposals')).body.proposals;
    expect(received.map((p: { modelId: string; kind: string }) => `${p.kind}:${p.modelId}`)).toContain(`COMMENDATION:${first}`);
  });
});

describe('organisation administration', () => {
  it('lets only administrators change units, boards, accounts and criteria, with field errors', async () => {
    expect(
      (
        await users.board.call('PUT', '/api/units', {
          id: 'xa-moi',
          name: 'Xã Mới',
          type: 'COMMUNE',
          level: 'COMMUNE',
          parentId: 'tinh-qn',
          boardId: 'ban-tinh-qn',
        })
      ).status,
    ).toBe(403);
    const badParent = await users.admin.call('PUT', '/api/units', {
      id: 'xa-moi',
      name: 'Xã Mới',
      type: 'COMMUNE',
      level: 'COMMUNE',
      parentId: 'khong-co',
      boardId: 'ban-tinh-qn',
    });
    expect(badParent.status).toBe(400);
    expect(badParent.error?.fields).toEqual([expect.objectContaining({ field: 'parentId' })]);
    expect(
      (
        await users.admin.call('PUT', '/api/units', {
          id: 'xa-moi',
          name: 'Xã Mới',
          type: 'COMMUNE',
          level: 'COMMUNE',
          parentId: 'tinh-qn',
          boardId: 'ban-tinh-qn',
        })
      ).status,
    ).toBe(200);
    const account = await users.admin.call('PUT', '/api/accounts', {
      username: 'donvi.xamoi',
      displayName: 'Cán bộ Xã Mới',
      role: 'unit',
      unitId: 'xa-moi',
      password: 'mat-khau-du-dai',
    });
    expect(account.body).not.toHaveProperty('passwordHash');
    const newcomer = await ApiClient.signIn(runtime.webUrl, 'donvi.xamoi', 'mat-khau-du-dai');
    expect((await newcomer.post('/api/models', (await import('../support/api-client.ts')).registration())).status).toBe(202);
    const units = (await users.admin.get('/api/units')).body.units.map((u: { id: string }) => u.id);
    expect(units).toEqual(expect.arrayContaining(['xa-moi', 'huyen-hoanh-bo', 'trung-uong']));

    const criteria = {
      boardId: 'ban-tinh-qt',
      period: '2026-2030',
      kind: 'MODEL',
      criteria: [{ id: 'hieu-qua', name: 'Hiệu quả', maxScore: 50 }],
      approvalChain: ['LEADER'],
    };
    expect((await users.admin.call('PUT', '/api/criteria', { ...criteria, period: '2026-2029' })).status).toBe(400);
    expect(
      (
        await users.admin.call('PUT', '/api/criteria', {
          ...criteria,
          criteria: [...criteria.criteria, { id: 'hieu-qua', name: 'x', maxScore: 5 }],
        })
      ).status,
    ).toBe(400);
    expect((await users.admin.call('PUT', '/api/criteria', criteria)).status).toBe(200);
    expect((await users.otherBoard.get('/api/boards/ban-tinh-qt/criteria')).body.criteriaSets).toHaveLength(1);
    expect((await users.board.get('/api/boards/ban-tinh-qt/criteria')).status).toBe(403);
  });
});
