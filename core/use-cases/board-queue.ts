import * as z from 'zod';
import { BOARD_ROLES, type Actor, type BoardRole } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { DomainError, ForbiddenError } from '../errors.ts';
import type { MessageKey, MessageParams } from '../messages.ts';
import { periodOf, type Model } from '../model.ts';
import { getAppraisalSteps } from '../store/appraisal-store.ts';
import { listCriteriaSets, type StoredCriteriaSet } from '../store/criteria-store.ts';
import { getModels } from '../store/model-store.ts';
import { parseOrThrow } from '../validation.ts';
import { decideAsBoard } from './decide.ts';
import { myTasks, publicTask } from './model-views.ts';

export type QueueTask = ReturnType<typeof publicTask> & {
  /** The chain role an appraisal waits on (absent: any member of the board may act). */
  waitsOn?: BoardRole;
};

/**
 * The chain of a model's appraisal, as appraisalSetFor picks it (appraisal.ts): the set of its
 * period and kind, else the board's latest set of its kind, else any; none: decided directly.
 */
export function chainFor(sets: StoredCriteriaSet[], model: Pick<Model, 'kind' | 'period' | 'cycleYear'>): BoardRole[] | undefined {
  const period = model.period ?? periodOf(model.cycleYear);
  const exact = sets.find((s) => s.period === period && s.kind === model.kind);
  if (exact) return exact.approvalChain;
  const latest = [...sets].sort((a, b) => b.period.localeCompare(a.period));
  return (latest.find((s) => s.kind === model.kind) ?? latest[0])?.approvalChain;
}

/**
 * A board member's queue: the board's tasks, each appraisal with the role it waits on; a
 * member who holds only some roles of the chain sees only the appraisals waiting on one of
 * them (after the leader approved, the appraisal waits on the committee, not on him).
 * Registration reviews and direct decisions are any member's.
 */
export async function boardQueue(deps: Deps, actor: Actor): Promise<{ tasks: QueueTask[]; forRoles?: BoardRole[]; hidden: number }> {
  if (!(actor.kind === 'user' && actor.role === 'board')) throw new ForbiddenError('error.queueForUnitsAndBoards');
  const tasks: QueueTask[] = await myTasks(deps, actor);
  const appraisals = tasks.filter((t) => t.stage === 'APPRAISAL');
  if (appraisals.length > 0) {
    const [steps, sets, models] = await Promise.all([
      getAppraisalSteps(deps, appraisals),
      listCriteriaSets(deps, actor.boardId),
      getModels(deps, [...new Set(appraisals.map((t) => t.modelId))]),
    ]);
    const stepOf = new Map(steps.map((s) => [`${s.modelId}#${s.year}#${s.round}`, s]));
    const modelOf = new Map(models.map((m) => [m.id, m]));
    for (const task of appraisals) {
      const step = stepOf.get(`${task.modelId}#${task.year}#${task.round}`);
      const model = modelOf.get(task.modelId);
      task.waitsOn = step?.status === 'IN_APPROVAL' ? step.approvalChain[step.step] : model ? chainFor(sets, model)?.[0] : undefined;
    }
  }
  const mine = actor.boardRoles ?? BOARD_ROLES;
  if (BOARD_ROLES.every((role) => mine.includes(role))) return { tasks, hidden: 0 };
  const shown = tasks.filter((t) => !t.waitsOn || mine.includes(t.waitsOn));
  return { tasks: shown, forRoles: [...mine], hidden: tasks.length - shown.length };
}

export const BatchAcceptSchema = z.strictObject({
  modelIds: z.array(z.string().min(1).max(100)).min(1).max(100).describe('The registrations to accept, 1-100'),
  comment: z.string().trim().max(2000).optional().describe('One comment for all of them'),
});

export type BatchAcceptResult = {
  accepted: string[];
  refused: { modelId: string; key: MessageKey; params?: MessageParams }[];
};

/**
 * A board accepts several registrations at once: each is its own decision (its own
 * transaction, exactly once, retried safely with the request's Idempotency-Key), so one that
 * cannot be accepted (decided meanwhile, not in scope) is listed with its reason and the
 * others go through.
 */
export async function acceptRegistrations(deps: Deps, actor: Actor, body: unknown): Promise<BatchAcceptResult> {
  const { modelIds, comment } = parseOrThrow(BatchAcceptSchema, body);
  if (!(actor.kind === 'user' && actor.role === 'board')) throw new ForbiddenError('error.notBoardMember');
  const result: BatchAcceptResult = { accepted: [], refused: [] };
  for (const modelId of [...new Set(modelIds)]) {
    try {
      await decideAsBoard(deps, actor, modelId, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT', ...(comment ? { comment } : {}) });
      result.accepted.push(modelId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result.refused.push({ modelId, key: error.key, params: error.params });
    }
  }
  return result;
}
