import { beforeAll, describe, expect, it } from 'vitest';
import type { BoardRole } from '../actor.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../errors.ts';
import { getCatalogueEntry } from '../store/catalogue-store.ts';
import { modelTimeline } from '../store/model-store.ts';
import { getTask } from '../store/task-store.ts';
import { ADMIN, CHAIN, CRITERIA, boardActor, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { NEXT_YEAR, THIS_PERIOD, THIS_YEAR } from '../../test/support/years.ts';
import { approveAppraisal, getAppraisal, returnAppraisal, scoreAppraisal, type Appraisal } from './appraisal.ts';
import { saveCriteriaSet } from './criteria-admin.ts';
import { publishAppraisal } from './publish-appraisal.ts';

/**
 * The approval chain (score → approve → publish) and publication, called directly on the real
 * store. The chain board's set: SPECIALIST scores, LEADER approves, COMMITTEE publishes; in this
 * file the "other" board gets a one-role chain (LEADER alone scores and publishes).
 */
let w: World;
beforeAll(async () => {
  w = await useCaseWorld('appraisal');
  await saveCriteriaSet(w.deps, ADMIN, {
    boardId: w.ids.other,
    period: THIS_PERIOD,
    kind: 'MODEL',
    criteria: CRITERIA,
    approvalChain: ['LEADER'],
  });
});

const member = (role: BoardRole, boardId = w.ids.chain) => boardActor(boardId, [role], role.toLowerCase());
const scores = (score: (max: number) => number) => CRITERIA.map((c) => ({ criterionId: c.id, score: score(c.maxScore) }));
const recognizeProvince = { outcome: 'RECOGNIZE', level: 'PROVINCE' };

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the use case to refuse');
  return error;
}
const fieldsOf = (error: Error) => (error as ValidationError).issues.map((i) => i.field);
const stored = async (id: string): Promise<Appraisal | null> => (await getAppraisal(w.deps, ADMIN, id)).appraisal;

describe('reading the appraisal', () => {
  it('gives the criteria set and chain that apply, none for a board that decides directly, and hides it from other boards', async () => {
    const { id } = await w.inAppraisal(w.ids.chainUnit);
    const read = await getAppraisal(w.deps, member('LEADER'), id);
    expect(read.appraisal).toBeNull();
    expect(read.criteriaSet).toMatchObject({ boardId: w.ids.chain, period: THIS_PERIOD, criteria: CRITERIA, approvalChain: CHAIN });
    // Its own unit reads it too (in scope); a stranger does not.
    expect((await getAppraisal(w.deps, unitActor(w.ids.chainUnit), id)).criteriaSet).not.toBeNull();
    expect(await refusal(getAppraisal(w.deps, boardActor(w.ids.direct), id))).toBeInstanceOf(NotFoundError);

    const direct = await w.inAppraisal(w.ids.directUnit);
    expect(await getAppraisal(w.deps, boardActor(w.ids.direct), direct.id)).toEqual({ criteriaSet: null, appraisal: null });
  });
});

describe('scoring', () => {
  it('is the first role’s: others of the board are refused (403), other boards see no model (404)', async () => {
    const { id } = await w.inAppraisal(w.ids.chainUnit);
    const body = { scores: scores(() => 10), proposal: recognizeProvince };
    for (const actor of [member('LEADER'), member('COMMITTEE'), unitActor(w.ids.chainUnit)])
      expect(await refusal(scoreAppraisal(w.deps, actor, id, body)), actor.username).toBeInstanceOf(ForbiddenError);
    expect(await refusal(scoreAppraisal(w.deps, member('SPECIALIST', w.ids.other), id, body))).toBeInstanceOf(NotFoundError);
    expect(await stored(id)).toBeNull();
    // Administrators act for any role.
    expect((await scoreAppraisal(w.deps, ADMIN, id, body)).appraisal).toMatchObject({ status: 'IN_APPROVAL', step: 1 });
  });

  it('checks every criterion against its maximum, naming the row', async () => {
    const { id } = await w.inAppraisal(w.ids.chainUnit);
    const specialist = member('SPECIALIST');
    const tooHigh = await refusal(
      scoreAppraisal(w.deps, specialist, id, { scores: scores((max) => max + 1), proposal: recognizeProvince }),
    );
    expect(tooHigh).toBeInstanceOf(ValidationError);
    expect(fieldsOf(tooHigh)).toEqual(['scores.0.score', 'scores.1.score']);
    const missing = await refusal(
      scoreAppraisal(w.deps, specialist, id, { scores: scores(() => 5).slice(0, 1), proposal: recognizeProvince }),
    );
    expect(fieldsOf(missing)).toEqual(['scores.1.score']);
    const unknown = await refusal(
      scoreAppraisal(w.deps, specialist, id, {
        scores: [...scores(() => 5), { criterionId: 'khac', score: 1 }],
        proposal: recognizeProvince,
      }),
    );
    expect(fieldsOf(unknown)).toEqual(['scores']);
    const negative = await refusal(scoreAppraisal(w.deps, specialist, id, { scores: scores(() => -1), proposal: recognizeProvince }));
    expect(fieldsOf(negative)).toEqual(['scores.0.score', 'scores.1.score']);
    const stopWithoutReason = await refusal(
      scoreAppraisal(w.deps, specialist, id, { scores: scores(() => 1), proposal: { outcome: 'STOP', stopReason: 'INEFFECTIVE' } }),
    );
    expect(fieldsOf(stopWithoutReason)).toEqual(['proposal.reason']);
    expect(await stored(id)).toBeNull();
  });

  it('refuses to propose a recognition above the board’s level (422, field proposal.level)', async () => {
    const { id } = await w.inAppraisal(w.ids.chainUnit);
    const error = await refusal(
      scoreAppraisal(w.deps, member('SPECIALIST'), id, { scores: scores(() => 10), proposal: { outcome: 'RECOGNIZE', level: 'CENTRAL' } }),
    );
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(fieldsOf(error)).toEqual(['proposal.level']);
    expect(await stored(id)).toBeNull();
  });

  it('is refused while the model is not waiting for appraisal, and on a board that decides directly (409)', async () => {
    const { id } = await w.inReview(w.ids.chainUnit);
    const body = { scores: scores(() => 10), proposal: recognizeProvince };
    expect(await refusal(scoreAppraisal(w.deps, member('SPECIALIST'), id, body))).toBeInstanceOf(ConflictError);
    const direct = await w.inAppraisal(w.ids.directUnit);
    expect(await refusal(scoreAppraisal(w.deps, boardActor(w.ids.direct), direct.id, body))).toBeInstanceOf(ConflictError);
    expect(await refusal(approveAppraisal(w.deps, boardActor(w.ids.direct), direct.id))).toBeInstanceOf(ConflictError);
  });
});

describe('the chain: score → approve → publish', () => {
  it('moves role by role, each only in its turn, and the last approval publishes the decision once', async () => {
    const { id, token } = await w.inAppraisal(w.ids.chainUnit);
    expect(await refusal(approveAppraisal(w.deps, member('LEADER'), id))).toBeInstanceOf(ConflictError); // nothing scored yet

    const scored = await scoreAppraisal(w.deps, member('SPECIALIST'), id, {
      scores: scores((max) => max - 2),
      proposal: recognizeProvince,
    });
    expect(scored.appraisal).toMatchObject({ status: 'IN_APPROVAL', step: 1, total: 46, maxTotal: 50, round: 1, year: THIS_YEAR });
    expect(scored).not.toHaveProperty('published');
    expect(
      await refusal(scoreAppraisal(w.deps, member('SPECIALIST'), id, { scores: scores(() => 1), proposal: recognizeProvince })),
    ).toBeInstanceOf(ConflictError);
    expect(await refusal(approveAppraisal(w.deps, member('COMMITTEE'), id))).toBeInstanceOf(ForbiddenError); // the leader's turn
    expect(await refusal(approveAppraisal(w.deps, member('SPECIALIST'), id))).toBeInstanceOf(ForbiddenError);
    expect((await w.model(id)).status).toBe('REPORTED');
    expect(w.sentResults(token)).toEqual([]);

    expect((await approveAppraisal(w.deps, member('LEADER'), id)).appraisal).toMatchObject({ status: 'IN_APPROVAL', step: 2 });
    expect(await refusal(approveAppraisal(w.deps, member('LEADER'), id))).toBeInstanceOf(ForbiddenError); // now the committee's
    expect((await w.model(id)).status).toBe('REPORTED');

    const published = await approveAppraisal(w.deps, member('COMMITTEE'), id);
    expect(published.appraisal.status).toBe('PUBLISHED');
    expect(published.published).toMatchObject({ outcome: 'RECOGNIZE', status: 'RECOGNIZED', delivery: 'delivered' });
    expect(w.sentResults(token)).toEqual([{ outcome: 'RECOGNIZE', decisionId: `${id}:${THIS_YEAR}:APPRAISAL:1` }]);
    expect((await w.model(id)).recognitions).toEqual([expect.objectContaining({ year: THIS_YEAR, level: 'PROVINCE' })]);

    const appraisal = await stored(id);
    expect(appraisal).toMatchObject({ status: 'PUBLISHED', step: 3 });
    expect(appraisal!.trail.map((t) => [t.role, t.action])).toEqual([
      ['SPECIALIST', 'SCORED'],
      ['LEADER', 'APPROVED'],
      ['COMMITTEE', 'PUBLISHED'],
    ]);
    const { decisions } = await modelTimeline(w.deps, id);
    const decision = decisions.find((d) => d.stage === 'APPRAISAL');
    expect(decision).toMatchObject({
      outcome: 'RECOGNIZE',
      details: { level: 'PROVINCE', total: 46, maxTotal: 50, scores: scores((max) => max - 2) },
    });
  });

  it('takes a return from a later role only with a reason, back to the first role, who scores again', async () => {
    const { id, token } = await w.inAppraisal(w.ids.chainUnit);
    await scoreAppraisal(w.deps, member('SPECIALIST'), id, { scores: scores(() => 10), proposal: recognizeProvince });
    for (const body of [{}, { reason: '  ' }])
      expect(fieldsOf(await refusal(returnAppraisal(w.deps, member('LEADER'), id, body)))).toEqual(['reason']);
    expect(await refusal(returnAppraisal(w.deps, member('SPECIALIST'), id, { reason: 'Tự trả' }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(returnAppraisal(w.deps, member('COMMITTEE'), id, { reason: 'Chưa đến lượt' }))).toBeInstanceOf(ForbiddenError);

    const returned = await returnAppraisal(w.deps, member('LEADER'), id, { reason: 'Điểm bền vững quá cao' });
    expect(returned.appraisal).toMatchObject({ status: 'RETURNED', step: 0 });
    expect(returned.appraisal.trail.at(-1)).toMatchObject({ role: 'LEADER', action: 'RETURNED', reason: 'Điểm bền vững quá cao' });
    expect(await refusal(approveAppraisal(w.deps, member('LEADER'), id))).toBeInstanceOf(ConflictError);
    expect(await refusal(returnAppraisal(w.deps, member('LEADER'), id, { reason: 'Lần nữa' }))).toBeInstanceOf(ConflictError);

    const rescored = await scoreAppraisal(w.deps, member('SPECIALIST'), id, {
      scores: scores(() => 8),
      proposal: { outcome: 'CONTINUE', comment: 'Tiếp tục theo dõi' },
    });
    expect(rescored.appraisal).toMatchObject({ status: 'IN_APPROVAL', step: 1, total: 16, proposal: { outcome: 'CONTINUE' } });
    expect(rescored.appraisal.trail.map((t) => t.action)).toEqual(['SCORED', 'RETURNED', 'SCORED']);
    await approveAppraisal(w.deps, member('LEADER'), id);
    expect((await approveAppraisal(w.deps, member('COMMITTEE'), id)).published).toMatchObject({ status: 'CONTINUING' });
    expect(w.sentResults(token)).toEqual([{ outcome: 'CONTINUE', decisionId: `${id}:${THIS_YEAR}:APPRAISAL:1` }]);
  });

  it('keeps a published appraisal as it is: scoring, approving and returning it again are refused (409)', async () => {
    const { id, token } = await w.inAppraisal(w.ids.chainUnit);
    await scoreAppraisal(w.deps, ADMIN, id, { scores: scores(() => 10), proposal: recognizeProvince });
    await approveAppraisal(w.deps, ADMIN, id);
    await approveAppraisal(w.deps, ADMIN, id);
    const before = await stored(id);
    expect(before?.status).toBe('PUBLISHED');
    const body = { scores: scores(() => 1), proposal: { outcome: 'STOP', stopReason: 'FORMALISTIC', reason: 'Đổi ý' } };
    expect(await refusal(scoreAppraisal(w.deps, member('SPECIALIST'), id, body))).toBeInstanceOf(ConflictError);
    expect(await refusal(approveAppraisal(w.deps, member('COMMITTEE'), id))).toBeInstanceOf(ConflictError);
    expect(await refusal(returnAppraisal(w.deps, member('COMMITTEE'), id, { reason: 'Đổi ý' }))).toBeInstanceOf(ConflictError);
    expect(await stored(id)).toEqual(before);
    expect((await w.model(id)).status).toBe('RECOGNIZED');
    expect(w.sentResults(token)).toHaveLength(1);
  });

  it('lets only one of two simultaneous approvals through, and publishes once', async () => {
    const { id, token } = await w.inAppraisal(w.ids.chainUnit);
    await scoreAppraisal(w.deps, member('SPECIALIST'), id, { scores: scores(() => 10), proposal: recognizeProvince });
    const approvals = await Promise.allSettled([
      approveAppraisal(w.deps, member('LEADER'), id),
      approveAppraisal(w.deps, member('LEADER'), id),
    ]);
    expect(approvals.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect((await stored(id))!.trail.map((t) => t.action)).toEqual(['SCORED', 'APPROVED']);

    const publications = await Promise.allSettled([approveAppraisal(w.deps, member('COMMITTEE'), id), approveAppraisal(w.deps, ADMIN, id)]);
    expect(publications.filter((p) => p.status === 'fulfilled')).toHaveLength(1);
    const lost = publications.find((p): p is PromiseRejectedResult => p.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(ConflictError);
    expect(w.sentResults(token)).toHaveLength(1);
    expect((await w.model(id)).recognitions).toHaveLength(1);
    expect((await getTask(w.deps, id, THIS_YEAR, 'APPRAISAL'))?.status).toBe('DECIDED');
  });

  it('publishes at once when the chain has one role', async () => {
    const { id, token } = await w.inAppraisal(w.ids.otherUnit);
    expect(
      await refusal(
        scoreAppraisal(w.deps, member('SPECIALIST', w.ids.other), id, { scores: scores(() => 3), proposal: { outcome: 'CONTINUE' } }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    const out = await scoreAppraisal(w.deps, member('LEADER', w.ids.other), id, {
      scores: scores(() => 3),
      proposal: { outcome: 'CONTINUE' },
    });
    expect(out.published).toMatchObject({ outcome: 'CONTINUE', status: 'CONTINUING' });
    expect(w.sentResults(token)).toEqual([{ outcome: 'CONTINUE', decisionId: `${id}:${THIS_YEAR}:APPRAISAL:1` }]);
    expect(await stored(id)).toMatchObject({ status: 'PUBLISHED', total: 6, trail: [{ role: 'LEADER', action: 'SCORED' }] });
  });

  it('follows the board’s chain with nothing to score when no set covers the model’s kind', async () => {
    const { id } = await w.inAppraisal(w.ids.chainUnit, { kind: 'EXEMPLAR' });
    const { criteriaSet } = await getAppraisal(w.deps, member('SPECIALIST'), id);
    expect(criteriaSet).toMatchObject({ kind: 'EXEMPLAR', criteria: [], approvalChain: CHAIN });
    expect(
      await refusal(
        scoreAppraisal(w.deps, member('SPECIALIST'), id, {
          scores: [{ criterionId: 'sang-tao', score: 1 }],
          proposal: { outcome: 'CONTINUE' },
        }),
      ),
    ).toBeInstanceOf(ValidationError);
    const { appraisal } = await scoreAppraisal(w.deps, member('SPECIALIST'), id, { scores: [], proposal: { outcome: 'CONTINUE' } });
    expect(appraisal).toMatchObject({ status: 'IN_APPROVAL', total: 0, maxTotal: 0, approvalChain: CHAIN });
  });
});

describe('publishing an appraisal outcome', () => {
  it('checks the level before it numbers the decision, and lists a recognition in the catalogue', async () => {
    const board = boardActor(w.ids.direct);
    const first = await w.inAppraisal(w.ids.directUnit);
    const second = await w.inAppraisal(w.ids.directUnit);
    await publishAppraisal(w.deps, board, await w.model(first.id), { outcome: 'RECOGNIZE', level: 'COMMUNE' });
    const numberOf = async (id: string) => Number((await w.model(id)).recognitions[0]!.number!.split('/')[0]);
    const refused = await refusal(publishAppraisal(w.deps, board, await w.model(second.id), { outcome: 'RECOGNIZE', level: 'PROVINCE' }));
    expect(refused).toBeInstanceOf(RuleViolationError);
    await publishAppraisal(w.deps, board, await w.model(second.id), { outcome: 'RECOGNIZE', level: 'COMMUNE' });
    expect(await numberOf(second.id)).toBe((await numberOf(first.id)) + 1);
    expect(await getCatalogueEntry(w.deps, second.id)).toMatchObject({
      modelId: second.id,
      level: 'COMMUNE',
      year: THIS_YEAR,
      replicationCount: 0,
    });
    expect(w.sentResults(second.token)).toEqual([{ outcome: 'RECOGNIZE', decisionId: `${second.id}:${THIS_YEAR}:APPRAISAL:1` }]);
  });

  it('delists a recognized model that is stopped in a later cycle', async () => {
    const source = await w.recognized(w.ids.directUnit);
    expect((await getCatalogueEntry(w.deps, source.id))?.delisted).toBeUndefined();
    const token = await w.nextCycleAppraisal(source.id);
    const stopped = await publishAppraisal(w.deps, boardActor(w.ids.direct), await w.model(source.id), {
      outcome: 'STOP',
      stopReason: 'NOT_SUITABLE',
      reason: 'Không còn phù hợp',
    });
    expect(stopped).toMatchObject({ status: 'STOPPED', delivery: 'delivered' });
    expect(w.sentResults(token)).toEqual([{ outcome: 'STOP', decisionId: `${source.id}:${NEXT_YEAR}:APPRAISAL:1` }]);
    expect(await getCatalogueEntry(w.deps, source.id)).toMatchObject({ delisted: true });
    expect((await w.model(source.id)).recognitions).toHaveLength(1);
  });
});
