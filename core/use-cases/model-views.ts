import { z } from 'zod';
import { draftRuleAllows, type Actor } from '../actor.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { listModels, readModelPage } from '../store/model-store.ts';
import { queryTasks, type PendingTask } from '../store/task-store.ts';
import { visibleOrMissing } from './complete-task.ts';
import { evidenceOf } from './evidence-files.ts';
import { unitReminders } from '../store/reminder-store.ts';
import { parseOrThrow } from '../validation.ts';

/** What a task looks like outside the store: never its token. */
export function publicTask(task: Record<string, unknown>) {
  const { token: _token, overdueToken: _overdue, version: _version, ...rest } = task;
  return rest as Omit<PendingTask, 'token' | 'overdueToken' | 'version'>;
}

export async function getModelDetail(deps: Deps, actor: Actor, id: string) {
  const page = await readModelPage(deps, id);
  const model = visibleOrMissing(actor, id, page.model);
  // Names stored before they were cleaned (bidi, control characters) are cleaned on the way out.
  const evidence = (page.evidence as Record<string, unknown>[]).map(evidenceOf).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt));
  return { model, events: page.events, decisions: page.decisions, tasks: page.tasks.map(publicTask), evidence };
}

/**
 * A unit sees its own models (its drafts too), a board its jurisdiction; an administrator picks
 * a unit or board. Other units' drafts are left out by the draft rule (boards and administrators
 * never list a draft).
 */
export async function listVisibleModels(deps: Deps, actor: Actor, filter: { unitId?: string; boardId?: string }, limit = 100) {
  const scope = scopeOfList(actor, filter);
  return (await listModels(deps, scope, limit)).filter((model) => draftRuleAllows(actor, model));
}

function scopeOfList(actor: Actor, filter: { unitId?: string; boardId?: string }): { unitId: string } | { boardId: string } {
  if (actor.kind === 'user' && actor.role === 'unit') return { unitId: actor.unitId };
  if (actor.kind === 'user' && actor.role === 'board') return { boardId: actor.boardId };
  if (filter.unitId) return { unitId: filter.unitId };
  if (filter.boardId) return { boardId: filter.boardId };
  throw new ValidationError([{ field: 'unitId', reason: 'quản trị viên cần chọn đơn vị hoặc ban / choose a unitId or boardId' }]);
}

function queueKey(actor: Actor): string {
  if (actor.kind !== 'user' || actor.role === 'admin') throw new ForbiddenError('Chỉ đơn vị và ban có hàng chờ / only units and boards have a queue');
  return `ASSIGNEE#${actor.role === 'unit' ? `UNIT#${actor.unitId}` : `BOARD#${actor.boardId}`}`;
}

/** The signed-in account's queue, soonest due first: its first 200 tasks (the pages filter them). */
export async function myTasks(deps: Deps, actor: Actor) {
  const { tasks } = await queryTasks(deps, queueKey(actor), { limit: 200 });
  return tasks.map(publicTask);
}

export const TaskPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});

/** The queue a page at a time (default 50): `nextCursor` resumes after the page's last task. */
export async function myTaskPage(deps: Deps, actor: Actor, query: unknown) {
  const gsi1pk = queueKey(actor);
  const q = parseOrThrow(TaskPageSchema, query);
  // Only a key of this very queue is accepted: a cursor cannot open another account's queue.
  const ownKey = (key: Record<string, unknown>) => key.gsi1pk === gsi1pk && String(key.sk).startsWith('TASK#') && String(key.pk).startsWith('MODEL#') && typeof key.gsi1sk === 'string' && Object.keys(key).length === 4;
  const { tasks, nextKey } = await queryTasks(deps, gsi1pk, { limit: q.limit ?? 50, startKey: q.cursor ? decodeCursor(q.cursor, ownKey) : undefined });
  return { tasks: tasks.map(publicTask), nextCursor: nextKey ? encodeCursor(nextKey) : undefined };
}

/** Reminders of overdue revisions and reports, for a unit. */
export async function myReminders(deps: Deps, actor: Actor) {
  if (!(actor.kind === 'user' && actor.role === 'unit')) throw new ForbiddenError('Nhắc việc dành cho đơn vị / reminders are for units');
  return unitReminders(deps, actor.unitId);
}
