import * as z from 'zod';
import { holdsBoardRole, type Actor, type BoardRole } from '../actor.ts';
import { scoreIssues, type CriteriaSet } from '../criteria.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { AppraisalProposalSchema } from '../step-inputs.ts';
import { periodOf, type Model } from '../model.ts';
import { getCriteriaSet, listCriteriaSets } from '../store/criteria-store.ts';
import { getBoard } from '../store/org-store.ts';
import type { Appraisal } from '../records.ts';
import { getAppraisalRecord, publishedAppraisalItems, saveAppraisal } from '../store/appraisal-store.ts';
import { getTask } from '../store/task-store.ts';
import { assertLevelExists, assertLevelWithinBoard } from '../rules.ts';
import { messageKey } from '../messages.ts';
import { parseOrThrow } from '../validation.ts';
import { loadVisibleModel } from './complete-task.ts';
import { publishAppraisal } from './publish-appraisal.ts';

export type { Appraisal };

export const ScoringSchema = z.strictObject({
  scores: z
    .array(
      z.strictObject({
        criterionId: z.string().min(1).max(40),
        score: z.number().int(messageKey('reason.wholeScore')).min(0, messageKey('reason.scoreNotNegative')),
        comment: z.string().trim().max(1000).optional(),
      }),
    )
    .max(20),
  proposal: AppraisalProposalSchema,
});
export const ReturnSchema = z.strictObject({ reason: z.string().trim().min(1, messageKey('reason.reasonRequired')).max(2000) });

/** The model waiting for appraisal, its pending round, the criteria set that applies and any appraisal in progress. */
async function appraisalContext(deps: Deps, actor: Actor, modelId: string) {
  const model = await loadVisibleModel(deps, actor, modelId);
  const task = await getTask(deps, model.id, model.cycleYear, 'APPRAISAL');
  if (!task || task.status !== 'PENDING') throw new ConflictError('error.notWaitingForAppraisal');
  const set = await appraisalSetFor(deps, model);
  if (!set) throw new ConflictError('error.boardDecidesDirectly');
  const current = await getAppraisalRecord(deps, model.id, model.cycleYear, task.round, { consistent: true });
  return { model, round: task.round, set, current };
}

export function criteriaFor(deps: Deps, model: Model) {
  return getCriteriaSet(deps, model.boardId, model.period ?? periodOf(model.cycleYear), model.kind);
}

/**
 * The board's approval chain, if it has one: a board with any criteria set appraises along
 * the chain of its set for this kind of the latest period (else of any kind). A board with
 * none decides directly.
 */
export async function boardApprovalChain(deps: Deps, boardId: string, kind: Model['kind']): Promise<BoardRole[] | undefined> {
  const sets = (await listCriteriaSets(deps, boardId)).sort((a, b) => b.period.localeCompare(a.period));
  return (sets.find((s) => s.kind === kind) ?? sets[0])?.approvalChain;
}

/**
 * What the model's appraisal follows: the criteria set of its board, period and kind; or, when
 * the board has a chain but no set for this period and kind, that chain with no criteria to
 * score (the first role proposes, the others approve, the last publishes). The chain applies
 * whenever the board has one. Undefined: the board decides directly (decide.ts).
 */
export async function appraisalSetFor(deps: Deps, model: Model): Promise<CriteriaSet | undefined> {
  const set = await criteriaFor(deps, model);
  if (set) return set;
  const approvalChain = await boardApprovalChain(deps, model.boardId, model.kind);
  return (
    approvalChain && {
      boardId: model.boardId,
      period: model.period ?? periodOf(model.cycleYear),
      kind: model.kind,
      criteria: [],
      approvalChain,
    }
  );
}

function assertRole(actor: Actor, model: Model, role: BoardRole): void {
  if (!holdsBoardRole(actor, model.boardId, role)) throw new ForbiddenError('error.stepForRole', { role });
}

async function save(deps: Deps, appraisal: Appraisal, previousVersion: number | undefined): Promise<void> {
  await saveAppraisal(deps, appraisal, previousVersion, 'error.appraisalChanged');
}

async function publish(deps: Deps, actor: Actor, model: Model, appraisal: Appraisal) {
  const details = { scores: appraisal.scores, total: appraisal.total, maxTotal: appraisal.maxTotal, trail: appraisal.trail };
  return publishAppraisal(deps, actor, model, appraisal.proposal, { details, items: publishedAppraisalItems(deps.tableName, appraisal) });
}

/** The first role of the chain scores every criterion (each within its maximum) and proposes an outcome. */
export async function scoreAppraisal(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const { model, round, set, current } = await appraisalContext(deps, actor, modelId);
  assertRole(actor, model, set.approvalChain[0]!);
  if (current?.status === 'IN_APPROVAL') throw new ConflictError('error.alreadyScored');
  const input = parseOrThrow(ScoringSchema, body);
  const issues = scoreIssues(set, input.scores);
  if (issues.length) throw new ValidationError(issues);
  if (input.proposal.outcome === 'RECOGNIZE') {
    assertLevelExists(input.proposal.level, deps.now(), 'proposal.level');
    assertLevelWithinBoard(await getBoard(deps, model.boardId), input.proposal.level, 'proposal.level');
  }
  const at = deps.now().toISOString();
  const appraisal: Appraisal = {
    modelId: model.id,
    year: model.cycleYear,
    round,
    criteria: set.criteria,
    approvalChain: set.approvalChain,
    scores: input.scores,
    total: input.scores.reduce((sum, s) => sum + s.score, 0),
    maxTotal: set.criteria.reduce((sum, c) => sum + c.maxScore, 0),
    proposal: input.proposal,
    step: 1,
    status: 'IN_APPROVAL',
    trail: [...(current?.trail ?? []), { role: set.approvalChain[0]!, action: 'SCORED', actor: actor.username, at }],
    version: (current?.version ?? 0) + 1,
  };
  if (set.approvalChain.length === 1)
    return { appraisal, published: await publish(deps, actor, model, { ...appraisal, version: current?.version ?? 0 }) };
  await save(deps, appraisal, current?.version);
  return { appraisal };
}

/** The next role approves; the last role's approval publishes the decision. */
export async function approveAppraisal(deps: Deps, actor: Actor, modelId: string) {
  const { model, current } = await appraisalContext(deps, actor, modelId);
  if (current?.status !== 'IN_APPROVAL') throw new ConflictError('error.nothingWaitingForApproval');
  const role = current.approvalChain[current.step]!;
  assertRole(actor, model, role);
  const last = current.step === current.approvalChain.length - 1;
  const at = deps.now().toISOString();
  const next: Appraisal = {
    ...current,
    step: current.step + 1,
    trail: [...current.trail, { role, action: last ? 'PUBLISHED' : 'APPROVED', actor: actor.username, at }],
  };
  if (last) return { appraisal: { ...next, status: 'PUBLISHED' as const }, published: await publish(deps, actor, model, next) };
  await save(deps, { ...next, version: current.version + 1 }, current.version);
  return { appraisal: next };
}

/** A later role sends the scoring back to the first, always with a reason. */
export async function returnAppraisal(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const { reason } = parseOrThrow(ReturnSchema, body);
  const { model, current } = await appraisalContext(deps, actor, modelId);
  if (current?.status !== 'IN_APPROVAL') throw new ConflictError('error.nothingWaitingForApproval');
  const role = current.approvalChain[current.step]!;
  assertRole(actor, model, role);
  const next: Appraisal = {
    ...current,
    step: 0,
    status: 'RETURNED',
    version: current.version + 1,
    trail: [...current.trail, { role, action: 'RETURNED', actor: actor.username, at: deps.now().toISOString(), reason }],
  };
  await save(deps, next, current.version);
  return { appraisal: next };
}

/** The appraisal in progress (or published) for the model's current cycle, with its criteria set. */
export async function getAppraisal(deps: Deps, actor: Actor, modelId: string) {
  const model = await loadVisibleModel(deps, actor, modelId);
  const task = await getTask(deps, model.id, model.cycleYear, 'APPRAISAL');
  const set = await appraisalSetFor(deps, model);
  if (!task) return { criteriaSet: set ?? null, appraisal: null };
  const appraisal = await getAppraisalRecord(deps, model.id, model.cycleYear, task.round);
  return { criteriaSet: set ?? null, appraisal: appraisal ?? null };
}
