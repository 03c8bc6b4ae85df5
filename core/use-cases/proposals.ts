import * as z from 'zod';
import { canSee, holdsBoardRole, type Actor } from '../actor.ts';
import type { Model } from '../model.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { messageKey } from '../messages.ts';
import { PROPOSAL_ANSWERS, PROPOSAL_KINDS, type Proposal } from '../records.ts';
import { boardNames, getBoard, getUnit } from '../store/org-store.ts';
import { getProposal, proposalsAbout, proposalsTo, putProposal, putProposalAnswer } from '../store/proposal-store.ts';
import { unitNameMap } from '../store/lineage-store.ts';
import { parseOrThrow } from '../validation.ts';
import { loadVisibleModel } from './complete-task.ts';

export { PROPOSAL_KINDS };
export const ProposalSchema = z.strictObject({
  kind: z
    .enum(PROPOSAL_KINDS)
    .describe('NEXT_LEVEL: to the board one level up; COMMENDATION: for a commendation (khen thưởng), to the own board'),
  year: z
    .number()
    .int()
    .min(2009)
    .max(2100)
    .describe('The year of the recognition proposed (the model must have been recognized that year)'),
  note: z.string().trim().max(2000).optional(),
});

export type { Proposal };

/** The board one level up: the board of the parent of the unit this board is attached to. */
async function nextLevelBoard(deps: Deps, boardId: string): Promise<string | undefined> {
  const board = await getBoard(deps, boardId);
  const unit = board && (await getUnit(deps, board.unitId));
  const parent = unit?.parentId ? await getUnit(deps, unit.parentId) : undefined;
  return parent?.boardId;
}

/**
 * A board's leader proposes a model it recognized to the next level's board, or for a
 * commendation (khen thưởng); one proposal of each kind per model and year.
 */
export async function propose(deps: Deps, actor: Actor, modelId: string, body: unknown): Promise<Proposal> {
  const input = parseOrThrow(ProposalSchema, body);
  const model = await loadVisibleModel(deps, actor, modelId);
  if (!holdsBoardRole(actor, model.boardId, 'LEADER')) throw new ForbiddenError('error.leaderProposesOnly');
  const recognition = model.recognitions.find((r) => r.year === input.year);
  if (!recognition) throw new ConflictError('error.notRecognizedInYear', { year: input.year });
  const toBoardId = input.kind === 'COMMENDATION' ? model.boardId : await nextLevelBoard(deps, model.boardId);
  if (!toBoardId) throw new ConflictError('error.noHigherBoard');
  const proposal: Proposal = {
    ...input,
    modelId: model.id,
    modelName: model.name,
    unitId: model.unitId,
    fromBoardId: model.boardId,
    toBoardId,
    level: recognition.level,
    proposedBy: actor.username,
    at: deps.now().toISOString(),
  };
  await putProposal(deps, proposal, 'error.alreadyProposed');
  return proposal;
}

/** Proposals received by the actor's board. */
export async function receivedProposals(deps: Deps, actor: Actor): Promise<Proposal[]> {
  if (!(actor.kind === 'user' && actor.role === 'board')) throw new ForbiddenError('error.boardsReceiveProposals');
  return proposalsTo(deps, actor.boardId, 200);
}

/** A proposal as pages show it: with the names of its boards and unit (the id when one is gone). */
export type ProposalRow = Proposal & { fromBoardName: string; toBoardName: string; unitName: string };

export const ProposalAnswerSchema = z
  .strictObject({
    outcome: z.enum(PROPOSAL_ANSWERS).describe('ACCEPTED: the receiving board takes it up; DECLINED: it does not (a note says why)'),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === 'DECLINED' && !value.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: messageKey('reason.reasonRequired') });
  });

/**
 * The receiving board answers a proposal, once (a leader of that board, or an administrator): the
 * proposing board sees the answer on the model's page. Unknown proposal: 404; answered already: 409.
 */
export async function answerProposal(
  deps: Deps,
  actor: Actor,
  key: { modelId: string; kind: string; year: number },
  body: unknown,
): Promise<Proposal> {
  const input = parseOrThrow(ProposalAnswerSchema, body);
  const kind = z.enum(PROPOSAL_KINDS).safeParse(key.kind);
  const proposal = kind.success ? await getProposal(deps, { ...key, kind: kind.data }) : undefined;
  const admin = actor.kind === 'user' && actor.role === 'admin';
  // Another board's proposals are not disclosed: 404 as if there were none.
  if (!proposal || !(admin || (actor.kind === 'user' && actor.role === 'board' && actor.boardId === proposal.toBoardId)))
    throw new NotFoundError('error.proposalNotFound');
  if (!admin && !holdsBoardRole(actor, proposal.toBoardId, 'LEADER')) throw new ForbiddenError('error.leaderProposesOnly');
  const answer = { ...input, by: actor.kind === 'user' ? actor.username : 'system', at: deps.now().toISOString() };
  return putProposalAnswer(deps, { modelId: proposal.modelId, kind: proposal.kind, year: proposal.year }, answer, 'error.proposalAnswered');
}

/** Proposals with the names of their boards and units, read in two batches. */
export async function namedProposals(deps: Deps, proposals: Proposal[]): Promise<ProposalRow[]> {
  if (proposals.length === 0) return [];
  const [boards, units] = await Promise.all([
    boardNames(deps, [...new Set(proposals.flatMap((p) => [p.fromBoardId, p.toBoardId]))]),
    unitNameMap(deps, [...new Set(proposals.map((p) => p.unitId))]),
  ]);
  return proposals.map((p) => ({
    ...p,
    fromBoardName: boards.get(p.fromBoardId) ?? p.fromBoardId,
    toBoardName: boards.get(p.toBoardId) ?? p.toBoardId,
    unitName: units.get(p.unitId) ?? p.unitId,
  }));
}

/** Who reads the proposals sent about a model: its own board (which sends them) and administrators, not the unit. */
export const readsProposalsOf = (actor: Actor, model: { boardId: string }): boolean =>
  actor.kind === 'system' || actor.role === 'admin' || (actor.role === 'board' && actor.boardId === model.boardId);

/**
 * The proposals sent about a model (read by getModelDetail, so visible to the actor), newest
 * first, with names; `undefined` for a reader who may see the model but not its proposals (its unit).
 */
export async function proposalsOfModel(deps: Deps, actor: Actor, model: Model): Promise<ProposalRow[] | undefined> {
  if (!canSee(actor, model) || !readsProposalsOf(actor, model)) return undefined;
  const proposals = await proposalsAbout(deps, model.id);
  return (await namedProposals(deps, proposals)).sort((a, b) => b.at.localeCompare(a.at));
}
