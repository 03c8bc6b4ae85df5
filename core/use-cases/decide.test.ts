import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../errors.ts';
import { modelTimeline } from '../store/model-store.ts';
import { getTask } from '../store/task-store.ts';
import { ADMIN, boardActor, registrationBody, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { THIS_YEAR } from '../../test/support/years.ts';
import { decideAsBoard, submitRevision } from './decide.ts';

/** decideAsBoard and submitRevision on the real store; Step Functions mocked (only the commands sent are checked). */
let w: World;
beforeAll(async () => {
  w = await useCaseWorld('decide');
});

const accept = { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' };
const task = (id: string, stage: 'REGISTRATION_REVIEW' | 'APPRAISAL' | 'REVISION') => getTask(w.deps, id, THIS_YEAR, stage);

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the use case to refuse');
  return error;
}

describe('the registration review', () => {
  it('is decided by the model’s board: the task is decided, the model moves, and the waiting execution gets the outcome with its token', async () => {
    const { id, token } = await w.inReview(w.ids.chainUnit);
    const result = await decideAsBoard(w.deps, boardActor(w.ids.chain), id, { ...accept, comment: 'Đồng ý' });
    const decisionId = `${id}:${THIS_YEAR}:REGISTRATION_REVIEW:1`;
    expect(result).toEqual({ decisionId, outcome: 'ACCEPT', status: 'IMPLEMENTING', delivery: 'delivered' });
    expect(w.sentResults(token)).toEqual([{ outcome: 'ACCEPT', decisionId }]);
    expect(await task(id, 'REGISTRATION_REVIEW')).toMatchObject({ status: 'DECIDED', delivered: true, result: { outcome: 'ACCEPT' } });
    // Accepted: it rests until its year's review, listed where the review finds it.
    expect(await getTask(w.deps, id, THIS_YEAR, 'YEARLY_REVIEW')).toMatchObject({ status: 'PENDING', token: '' });
    const { decisions } = await modelTimeline(w.deps, id);
    expect(decisions).toEqual([
      expect.objectContaining({ stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT', details: { comment: 'Đồng ý' } }),
    ]);
  });

  it('may be decided by an administrator for any board', async () => {
    const { id } = await w.inReview(w.ids.otherUnit);
    expect(await decideAsBoard(w.deps, ADMIN, id, accept)).toMatchObject({ status: 'IMPLEMENTING' });
  });

  it('is refused to the model’s unit (403), and hidden from another board or unit (404), changing nothing', async () => {
    const { id, token } = await w.inReview(w.ids.chainUnit);
    expect(await refusal(decideAsBoard(w.deps, unitActor(w.ids.chainUnit), id, accept))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(decideAsBoard(w.deps, boardActor(w.ids.other), id, accept))).toBeInstanceOf(NotFoundError);
    expect(await refusal(decideAsBoard(w.deps, unitActor(w.ids.otherUnit), id, accept))).toBeInstanceOf(NotFoundError);
    expect(await refusal(decideAsBoard(w.deps, boardActor(w.ids.chain), 'no-such-model', accept))).toBeInstanceOf(NotFoundError);
    expect((await w.model(id)).status).toBe('SUBMITTED');
    expect(await task(id, 'REGISTRATION_REVIEW')).toMatchObject({ status: 'PENDING', token });
    expect(w.sentResults(token)).toEqual([]);
  });

  it('refuses a step that is no longer waiting, or was never opened (409)', async () => {
    const { id, token } = await w.inReview(w.ids.chainUnit);
    await decideAsBoard(w.deps, boardActor(w.ids.chain), id, accept);
    const again = await refusal(
      decideAsBoard(w.deps, boardActor(w.ids.chain), id, { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT', reason: 'Muộn' }),
    );
    expect(again).toBeInstanceOf(ConflictError);
    expect((await w.model(id)).status).toBe('IMPLEMENTING');
    expect(w.sentResults(token)).toHaveLength(1);

    // Submitted, but the execution has not opened its review yet.
    const early = await w.submitted(w.ids.chainUnit);
    expect(await refusal(decideAsBoard(w.deps, boardActor(w.ids.chain), early.id, accept))).toBeInstanceOf(ConflictError);
    expect((await w.model(early.id)).status).toBe('SUBMITTED');
  });

  it('returns and rejects only with a reason, kept in the timeline and sent with the outcome', async () => {
    const { id, token } = await w.inReview(w.ids.chainUnit);
    const board = boardActor(w.ids.chain);
    for (const body of [
      { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN' },
      { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: '   ' },
      { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT' },
    ]) {
      const error = await refusal(decideAsBoard(w.deps, board, id, body));
      expect(error, JSON.stringify(body)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['reason']);
    }
    expect((await w.model(id)).status).toBe('SUBMITTED');

    const result = await decideAsBoard(w.deps, board, id, { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: 'Bổ sung chỉ tiêu' });
    expect(result).toMatchObject({ outcome: 'RETURN', status: 'RETURNED', delivery: 'delivered' });
    expect(w.sentResults(token)).toEqual([{ outcome: 'RETURN', decisionId: `${id}:${THIS_YEAR}:REGISTRATION_REVIEW:1` }]);
    const { events } = await modelTimeline(w.deps, id);
    expect(events.find((e) => e.to === 'RETURNED')).toMatchObject({ from: 'SUBMITTED', reason: 'Bổ sung chỉ tiêu', actor: board.username });

    const rejected = await w.inReview(w.ids.chainUnit);
    expect(
      await decideAsBoard(w.deps, board, rejected.id, { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT', reason: 'Không phù hợp' }),
    ).toMatchObject({ status: 'REJECTED' });
  });

  it('refuses a reason on an acceptance (a note there is a comment)', async () => {
    const { id } = await w.inReview(w.ids.chainUnit);
    const error = await refusal(decideAsBoard(w.deps, boardActor(w.ids.chain), id, { ...accept, reason: 'Tốt' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).not.toBeInstanceOf(RuleViolationError);
    expect((error as ValidationError).issues).toHaveLength(1);
    expect((await w.model(id)).status).toBe('SUBMITTED');
    // The same decision with its note as a comment goes through.
    expect(await decideAsBoard(w.deps, boardActor(w.ids.chain), id, { ...accept, comment: 'Tốt' })).toMatchObject({
      status: 'IMPLEMENTING',
    });
  });

  // An unknown field is reported under its own name, so a form can mark it.
  it('names `reason` as the refused field of an acceptance', async () => {
    const { id } = await w.inReview(w.ids.chainUnit);
    const error = await refusal(decideAsBoard(w.deps, boardActor(w.ids.chain), id, { ...accept, reason: 'Tốt' }));
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(['reason']);
  });
});

describe('a revision after a return', () => {
  it('is the model’s unit’s to send: the model is submitted again and its execution told', async () => {
    const { id } = await w.inReview(w.ids.chainUnit);
    await decideAsBoard(w.deps, boardActor(w.ids.chain), id, { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: 'Bổ sung' });
    const token = await w.openStep(id, 'REVISION');
    const { year: _year, ...revision } = registrationBody({ name: 'Tên đã sửa' });
    expect(await refusal(submitRevision(w.deps, boardActor(w.ids.chain), id, revision))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(submitRevision(w.deps, unitActor(w.ids.otherUnit), id, revision))).toBeInstanceOf(NotFoundError);
    expect(await refusal(submitRevision(w.deps, unitActor(w.ids.chainUnit), id, { ...revision, year: THIS_YEAR }))).toBeInstanceOf(
      ValidationError,
    );
    expect(await submitRevision(w.deps, unitActor(w.ids.chainUnit), id, revision)).toMatchObject({
      outcome: 'REVISE',
      status: 'SUBMITTED',
    });
    expect(w.sentResults(token)).toEqual([{ outcome: 'REVISE', decisionId: `${id}:${THIS_YEAR}:REVISION:1` }]);
    expect((await w.model(id)).name).toBe('Tên đã sửa');
    // The second review is round 2 of the step.
    const second = await w.openStep(id, 'REGISTRATION_REVIEW');
    expect(await decideAsBoard(w.deps, boardActor(w.ids.chain), id, accept)).toMatchObject({
      decisionId: `${id}:${THIS_YEAR}:REGISTRATION_REVIEW:2`,
    });
    expect(w.sentResults(second)).toHaveLength(1);
  });
});

describe('a direct appraisal decision', () => {
  it('is refused to a board with an approval chain, whatever the kind (409): it appraises along its chain', async () => {
    const { id, token } = await w.inAppraisal(w.ids.chainUnit);
    const recognize = { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'COMMUNE' };
    expect(await refusal(decideAsBoard(w.deps, boardActor(w.ids.chain), id, recognize))).toBeInstanceOf(ConflictError);
    expect(await refusal(decideAsBoard(w.deps, ADMIN, id, recognize))).toBeInstanceOf(ConflictError);
    // An exemplar: the board has no criteria set for that kind, but it has a chain.
    const exemplar = await w.inAppraisal(w.ids.chainUnit, { kind: 'EXEMPLAR' });
    expect(
      await refusal(decideAsBoard(w.deps, boardActor(w.ids.chain), exemplar.id, { stage: 'APPRAISAL', outcome: 'CONTINUE' })),
    ).toBeInstanceOf(ConflictError);
    expect((await w.model(id)).status).toBe('REPORTED');
    expect(w.sentResults(token)).toEqual([]);
  });

  it('recognizes at the board’s level or below, with a numbered decision, and refuses a level above it (422, field level)', async () => {
    const board = boardActor(w.ids.direct);
    const { id, token } = await w.inAppraisal(w.ids.directUnit);
    for (const level of ['PROVINCE', 'CENTRAL']) {
      const error = await refusal(decideAsBoard(w.deps, board, id, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level }));
      expect(error, level).toBeInstanceOf(RuleViolationError);
      expect((error as RuleViolationError).issues.map((i) => i.field)).toEqual(['level']);
    }
    expect((await w.model(id)).status).toBe('REPORTED');
    expect(await task(id, 'APPRAISAL')).toMatchObject({ status: 'PENDING' });

    const result = await decideAsBoard(w.deps, board, id, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'COMMUNE' });
    expect(result).toMatchObject({ outcome: 'RECOGNIZE', status: 'RECOGNIZED', delivery: 'delivered' });
    expect(w.sentResults(token)).toEqual([{ outcome: 'RECOGNIZE', decisionId: `${id}:${THIS_YEAR}:APPRAISAL:1` }]);
    const model = await w.model(id);
    expect(model.recognitions).toEqual([
      expect.objectContaining({
        year: THIS_YEAR,
        level: 'COMMUNE',
        issuingBody: `Ban ${w.ids.direct}`,
      }),
    ]);
    expect(model.recognitions[0]!.number).toMatch(/^\d+\/QĐ-BDV$/);
  });

  it('continues, or stops only with a reason and a stop reason', async () => {
    const board = boardActor(w.ids.direct);
    const going = await w.inAppraisal(w.ids.directUnit);
    expect(await refusal(decideAsBoard(w.deps, board, going.id, { stage: 'APPRAISAL', outcome: 'CONTINUE', reason: 'x' }))).toBeInstanceOf(
      ValidationError,
    );
    expect(await decideAsBoard(w.deps, board, going.id, { stage: 'APPRAISAL', outcome: 'CONTINUE' })).toMatchObject({
      status: 'CONTINUING',
    });

    const { id } = await w.inAppraisal(w.ids.directUnit);
    const noReason = await refusal(decideAsBoard(w.deps, board, id, { stage: 'APPRAISAL', outcome: 'STOP', stopReason: 'FORMALISTIC' }));
    expect((noReason as ValidationError).issues.map((i) => i.field)).toEqual(['reason']);
    const noStopReason = await refusal(decideAsBoard(w.deps, board, id, { stage: 'APPRAISAL', outcome: 'STOP', reason: 'Hình thức' }));
    expect((noStopReason as ValidationError).issues.map((i) => i.field)).toEqual(['stopReason']);
    expect(
      await decideAsBoard(w.deps, board, id, { stage: 'APPRAISAL', outcome: 'STOP', stopReason: 'FORMALISTIC', reason: 'Hình thức' }),
    ).toMatchObject({ status: 'STOPPED' });
    expect((await w.model(id)).stopReason).toBe('FORMALISTIC');
  });

  it('is refused to the model’s unit (403) and to another board (404)', async () => {
    const { id, token } = await w.inAppraisal(w.ids.directUnit);
    const body = { stage: 'APPRAISAL', outcome: 'CONTINUE' };
    expect(await refusal(decideAsBoard(w.deps, unitActor(w.ids.directUnit), id, body))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(decideAsBoard(w.deps, boardActor(w.ids.other), id, body))).toBeInstanceOf(NotFoundError);
    expect(w.sentResults(token)).toEqual([]);
  });

  // The board's official numbering ("n/QĐ-BDV") has no gap from a request it never made.
  it('does not take a decision number for a recognition the actor may not decide', async () => {
    const board = boardActor(w.ids.direct);
    const number = async (id: string) => Number((await w.model(id)).recognitions[0]!.number!.split('/')[0]);
    const first = await w.inAppraisal(w.ids.directUnit);
    const second = await w.inAppraisal(w.ids.directUnit);
    const recognize = { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'COMMUNE' };
    await decideAsBoard(w.deps, board, first.id, recognize);
    expect(await refusal(decideAsBoard(w.deps, unitActor(w.ids.directUnit), second.id, recognize))).toBeInstanceOf(ForbiddenError);
    await decideAsBoard(w.deps, board, second.id, recognize);
    expect(await number(second.id)).toBe((await number(first.id)) + 1);
  });
});
