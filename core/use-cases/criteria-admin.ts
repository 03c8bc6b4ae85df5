import type { Actor } from '../actor.ts';
import { CriteriaSetSchema } from '../criteria.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { listCriteriaSets, putCriteriaSet } from '../store/criteria-store.ts';
import { getBoard } from '../store/org-store.ts';
import { parseOrThrow } from '../validation.ts';

/** An administrator defines (or replaces) the criteria set of a board, period and kind. */
export async function saveCriteriaSet(deps: Deps, actor: Actor, body: unknown) {
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('error.adminsOnly');
  const set = parseOrThrow(CriteriaSetSchema, body);
  const [start, end] = set.period.split('-').map(Number);
  if (end! - start! !== 4) throw new ValidationError([{ field: 'period', key: 'reason.fiveYearPeriod' }]);
  if (!(await getBoard(deps, set.boardId))) throw new ValidationError([{ field: 'boardId', key: 'reason.noSuchBoard' }]);
  const stored = { ...set, updatedAt: deps.now().toISOString(), updatedBy: actor.username };
  await putCriteriaSet(deps, stored);
  return stored;
}

/** A board's criteria sets: its members and administrators may read them. */
export async function criteriaSetsOf(deps: Deps, actor: Actor, boardId: string) {
  const allowed = actor.kind === 'system' || actor.role === 'admin' || (actor.role === 'board' && actor.boardId === boardId);
  if (!allowed) throw new ForbiddenError('error.notBoardMember');
  return listCriteriaSets(deps, boardId);
}
