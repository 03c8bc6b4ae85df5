import { ForbiddenError } from './errors.ts';

export const ROLES = ['unit', 'board', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles inside a board's approval chain (e.g. a specialist scores, the leader decides, the committee publishes). */
export const BOARD_ROLES = ['SPECIALIST', 'LEADER', 'COMMITTEE'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

/** Who is acting: a signed-in account, or the system (workflow tasks, the yearly trigger). */
export type Actor =
  | { kind: 'user'; username: string; role: 'unit'; unitId: string }
  | { kind: 'user'; username: string; role: 'board'; boardId: string; boardRoles?: BoardRole[] }
  | { kind: 'user'; username: string; role: 'admin' }
  | { kind: 'system'; username: 'system' };

export const SYSTEM: Actor = { kind: 'system', username: 'system' };

/**
 * The draft rule, the one place it is decided: a model in DRAFT is its unit's work in progress,
 * private to that unit until it is submitted. Nobody else reads it (its board, other units,
 * administrators, the public) in any form: the model, lists, lineage, search, signals,
 * statistics, exports, pages. The system (the workflow that submits it) is not a reader.
 * `viewer` undefined is the public (no session).
 */
export function draftRuleAllows(viewer: Actor | undefined, model: { status: string; unitId: string }): boolean {
  if (model.status !== 'DRAFT') return true;
  if (!viewer) return false;
  return viewer.kind === 'system' || (viewer.role === 'unit' && viewer.unitId === model.unitId);
}

/** Can this actor read the model (its own unit, its board's jurisdiction, admins), drafts by the draft rule? */
export function canSee(actor: Actor, model: { unitId: string; boardId: string; status: string }): boolean {
  if (!draftRuleAllows(actor, model)) return false;
  if (actor.kind === 'system' || actor.role === 'admin') return true;
  return actor.role === 'unit' ? actor.unitId === model.unitId : actor.boardId === model.boardId;
}

/**
 * Who reads a yearly review's progress: the board it belongs to (scope = its id) and
 * administrators (every scope, ALL included). A unit, or another board, does not.
 */
export function canReadReview(actor: Actor, scope: string): boolean {
  if (actor.kind === 'system' || actor.role === 'admin') return true;
  return actor.role === 'board' && actor.boardId === scope;
}

/** Does this board member hold a role of the board's approval chain? Administrators act for any role. */
export function holdsBoardRole(actor: Actor, boardId: string, role: BoardRole): boolean {
  if (actor.kind === 'system') return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'board' && actor.boardId === boardId && (actor.boardRoles ?? BOARD_ROLES).includes(role);
}

/** Can this actor complete a step assigned to `assignee` (BOARD#id, UNIT#id, REVIEW#year)? */
export function assertCanAct(actor: Actor, assignee: string): void {
  if (actor.kind === 'system') return;
  const [kind, id] = assignee.split('#');
  const allowed =
    (kind === 'BOARD' && ((actor.role === 'board' && actor.boardId === id) || actor.role === 'admin')) ||
    (kind === 'UNIT' && actor.role === 'unit' && actor.unitId === id) ||
    (kind === 'REVIEW' && actor.role === 'admin');
  if (!allowed) throw new ForbiddenError('error.mayNotActOnStep');
}
