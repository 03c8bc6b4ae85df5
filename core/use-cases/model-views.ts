import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { listModels, modelTasks, modelTimeline } from '../store/model-store.ts';
import { queryTasks, type PendingTask } from '../store/task-store.ts';
import { loadVisibleModel } from './complete-task.ts';
import { listEvidence } from './evidence-files.ts';
import { unitReminders } from '../store/reminder-store.ts';

/** What a task looks like outside the store: never its token. */
export function publicTask(task: Record<string, unknown>) {
  const { token: _token, overdueToken: _overdue, version: _version, ...rest } = task;
  return rest as Omit<PendingTask, 'token' | 'overdueToken' | 'version'>;
}

export async function getModelDetail(deps: Deps, actor: Actor, id: string) {
  const model = await loadVisibleModel(deps, actor, id);
  const [{ events, decisions }, tasks, evidence] = await Promise.all([modelTimeline(deps, id), modelTasks(deps, id), listEvidence(deps, id)]);
  return { model, events, decisions, tasks: tasks.map(publicTask), evidence };
}

/** A unit sees its own models, a board its jurisdiction; an administrator picks a unit or board. */
export async function listVisibleModels(deps: Deps, actor: Actor, filter: { unitId?: string; boardId?: string }, limit = 100) {
  if (actor.kind === 'user' && actor.role === 'unit') return listModels(deps, { unitId: actor.unitId }, limit);
  if (actor.kind === 'user' && actor.role === 'board') return listModels(deps, { boardId: actor.boardId }, limit);
  if (filter.unitId) return listModels(deps, { unitId: filter.unitId }, limit);
  if (filter.boardId) return listModels(deps, { boardId: filter.boardId }, limit);
  throw new ValidationError([{ field: 'unitId', reason: 'quản trị viên cần chọn đơn vị hoặc ban / choose a unitId or boardId' }]);
}

/** The signed-in account's queue, soonest due first. */
export async function myTasks(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user' || actor.role === 'admin') throw new ForbiddenError('Chỉ đơn vị và ban có hàng chờ / only units and boards have a queue');
  const assignee = actor.role === 'unit' ? `UNIT#${actor.unitId}` : `BOARD#${actor.boardId}`;
  const { tasks } = await queryTasks(deps, `ASSIGNEE#${assignee}`, { limit: 200 });
  return tasks.map(publicTask);
}

/** Reminders of overdue revisions and reports, for a unit. */
export async function myReminders(deps: Deps, actor: Actor) {
  if (!(actor.kind === 'user' && actor.role === 'unit')) throw new ForbiddenError('Nhắc việc dành cho đơn vị / reminders are for units');
  return unitReminders(deps, actor.unitId);
}
