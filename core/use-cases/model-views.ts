import * as z from 'zod';
import { modelWithDecisions } from './batch-decisions.ts';
import { draftRuleAllows, type Actor } from '../actor.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import type { Model } from '../model.ts';
import { getModelCards, listModelItems, listModels, readModelPage, readModelsPage, type ModelCard } from '../store/model-store.ts';
import { ModelListFilterSchema, pageModelRows, type ModelListPage, type ModelRow } from '../model-list.ts';
import { unitNameMap } from '../store/lineage-store.ts';
import { getReport, type StoredReport } from '../store/report-store.ts';
import { boardNames, displayNames, listBoards, nextBoard } from '../store/org-store.ts';
import { queryTasks, type PendingTask } from '../store/task-store.ts';
import { visibleOrMissing } from './complete-task.ts';
import { evidenceOf } from './evidence-files.ts';
import { unitReminders } from '../store/reminder-store.ts';
import { parseOrThrow } from '../validation.ts';

/** What a task looks like outside the store: never its token, nor the key of the request that decided it. */
export function publicTask(task: PendingTask): Omit<PendingTask, 'token' | 'overdueToken' | 'version' | 'decidedByRequest'> {
  const { token: _token, overdueToken: _overdue, version: _version, decidedByRequest: _request, ...rest } = task;
  return rest;
}

export type { ModelCard };

/**
 * The models a board's queue shows: its list (`models`, its newest) plus the card of any older
 * one a task waits on.
 */
export async function queueModels(deps: Deps, tasks: { modelId: string }[], models: Model[]): Promise<ModelCard[]> {
  const known = new Set(models.map((m) => m.id));
  const missing = [...new Set(tasks.map((t) => t.modelId).filter((id) => !known.has(id)))];
  if (missing.length === 0) return models;
  return [...models, ...(await getModelCards(deps, missing))];
}

/** A model's yearly report of `year`, if it was submitted. */
export const yearlyReportOf = (deps: Deps, modelId: string, year: number): Promise<StoredReport | undefined> =>
  getReport(deps, modelId, year);

/**
 * The names a model page shows in place of ids: its unit's and board's, and each person who
 * acted on it (events, decisions, their approval trails). Read in one round trip per kind.
 */
export async function namesOnModelPage(deps: Deps, detail: Awaited<ReturnType<typeof getModelDetail>>) {
  const trails = detail.decisions.flatMap((d) => (Array.isArray(d.details?.trail) ? (d.details.trail as { actor?: unknown }[]) : []));
  const usernames = [...detail.events.map((e) => e.actor), ...detail.decisions.map((d) => d.actor), ...trails.map((s) => s.actor)].filter(
    (name): name is string => typeof name === 'string' && name !== 'system',
  );
  const registeredBy = detail.model.registeredByUnitId !== detail.model.unitId ? detail.model.registeredByUnitId : undefined;
  const [units, boards, people] = await Promise.all([
    unitNameMap(deps, [detail.model.unitId, ...(registeredBy ? [registeredBy] : [])]),
    boardNames(deps, [detail.model.boardId]),
    displayNames(deps, usernames),
  ]);
  return {
    unit: units.get(detail.model.unitId),
    board: boards.get(detail.model.boardId),
    people,
    ...(registeredBy ? { registeredBy: units.get(registeredBy) ?? registeredBy } : {}),
  };
}

export async function getModelDetail(deps: Deps, actor: Actor, id: string) {
  const page = await readModelPage(deps, id);
  const model = visibleOrMissing(actor, id, page.model);
  // Names stored before they were cleaned (bidi, control characters) are cleaned on the way out.
  const evidence = page.evidence.map(evidenceOf).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt));
  const shown = await modelWithDecisions(deps, model);
  return { model: shown, events: page.events, decisions: page.decisions, tasks: page.tasks.map(publicTask), evidence };
}

type ListScope = { unitId: string } | { boardId: string } | 'ALL';

/**
 * A unit sees its own models (its drafts too), a board its jurisdiction; an administrator a
 * unit or board, or every board's. Other units' drafts are left out by the draft rule (boards
 * and administrators never list a draft). At most `limit` models, newest first (board by board for ALL).
 */
export async function listVisibleModels(deps: Deps, actor: Actor, filter: { unitId?: string; boardId?: string }, limit = 100) {
  const scope = scopeOfList(actor, filter);
  if (scope !== 'ALL') return (await listModels(deps, scope, limit)).filter((model) => draftRuleAllows(actor, model));
  const models: Model[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await allBoardsPage(deps, Math.min(1000, limit - models.length), cursor);
    models.push(...page.models.filter((model) => draftRuleAllows(actor, model)));
    cursor = page.nextKey;
  } while (cursor && models.length < limit);
  return models;
}

function scopeOfList(actor: Actor, filter: { unitId?: string; boardId?: string }): ListScope {
  if (actor.kind === 'user' && actor.role === 'unit') return { unitId: actor.unitId };
  if (actor.kind === 'user' && actor.role === 'board') return { boardId: actor.boardId };
  if (filter.unitId) return { unitId: filter.unitId };
  if (filter.boardId) return { boardId: filter.boardId };
  return 'ALL';
}

export const ModelListQuerySchema = z.object({
  unitId: z.string().max(100).optional().describe('Administrators: the models of this unit'),
  boardId: z
    .string()
    .max(100)
    .optional()
    .describe('Administrators: the models of this board (with neither unitId nor boardId: every board, board by board)'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Models per page, 1-200 (default 100)'),
  cursor: z.string().max(2000).optional().describe('The `nextCursor` of the previous page'),
});

/** Boards visited at most for one page of ALL: a page of many empty boards still answers soon (with a cursor). */
const BOARDS_PER_PAGE = 100;
const ORG_BOARDS = 'ORG#BOARD';

/**
 * One page of the models of every board: the boards in the organisation index's order, each
 * board's models newest first. The key resumes inside a board (its gsi2 key) or at the start
 * of the next one (`{ gsi2pk }` alone).
 */
async function allBoardsPage(deps: Deps, limit: number, startKey?: Record<string, unknown>) {
  const models: Model[] = [];
  let board = startKey ? String(startKey.gsi2pk).slice('BOARD#'.length) : (await nextBoard(deps))?.id;
  let within = startKey && 'gsi2sk' in startKey ? startKey : undefined;
  for (let visited = 0; board !== undefined && models.length < limit && visited < BOARDS_PER_PAGE; visited++) {
    const page = await readModelsPage(deps, { boardId: board }, { limit: limit - models.length, startKey: within });
    models.push(...page.models);
    if (page.nextKey) return { models, nextKey: page.nextKey };
    board = (await nextBoard(deps, { pk: `BOARD#${board}`, sk: 'META', gsi1pk: ORG_BOARDS, gsi1sk: board }))?.id;
    within = undefined;
  }
  return { models, nextKey: board === undefined ? undefined : { gsi2pk: `BOARD#${board}` } };
}

const isModelKey = (key: Record<string, unknown>) => String(key.pk).startsWith('MODEL#') && key.sk === 'META';

/** Only a key of the very list being paged is accepted: a cursor cannot open another scope. */
function cursorAccepts(scope: ListScope) {
  return (key: Record<string, unknown>): boolean => {
    const names = Object.keys(key).sort().join(',');
    if (scope === 'ALL') {
      return String(key.gsi2pk).startsWith('BOARD#') && (names === 'gsi2pk' || (names === 'gsi2pk,gsi2sk,pk,sk' && isModelKey(key)));
    }
    if ('unitId' in scope) return names === 'gsi1pk,gsi1sk,pk,sk' && key.gsi1pk === `UNIT#${scope.unitId}` && isModelKey(key);
    return names === 'gsi2pk,gsi2sk,pk,sk' && key.gsi2pk === `BOARD#${scope.boardId}` && isModelKey(key);
  };
}

/**
 * The models in the actor's scope a page at a time (default 100, newest first): a unit's own,
 * a board's jurisdiction, an administrator's chosen unit or board or, with neither, every
 * board's, board by board. `nextCursor` resumes after the page; drafts follow the draft rule,
 * so a page may hold fewer than `limit`.
 */
export async function listModelPage(deps: Deps, actor: Actor, query: unknown): Promise<{ models: Model[]; nextCursor?: string }> {
  const q = parseOrThrow(ModelListQuerySchema, query);
  const scope = scopeOfList(actor, q);
  const limit = q.limit ?? 100;
  const startKey = q.cursor ? decodeCursor(q.cursor, cursorAccepts(scope)) : undefined;
  const page = scope === 'ALL' ? await allBoardsPage(deps, limit, startKey) : await readModelsPage(deps, scope, { limit, startKey });
  return {
    models: page.models.filter((model) => draftRuleAllows(actor, model)),
    nextCursor: page.nextKey ? encodeCursor(page.nextKey) : undefined,
  };
}

/**
 * Every model in the reader's scope with its unit's name (a unit: its own, drafts too; a board:
 * its jurisdiction; an administrator: every board's), read through the unit's or board's index
 * with only the list's attributes, all pages. Held in memory to search and page: fine for a
 * province's thousands (2,500 rows are about 1 MB); beyond tens of thousands it needs a search index.
 */
export async function modelRowsInScope(deps: Deps, actor: Actor): Promise<ModelRow[]> {
  const scope = scopeOfList(actor, {});
  const scopes = scope === 'ALL' ? (await listBoards(deps)).map((b) => ({ boardId: b.id })) : [scope];
  const items = (await Promise.all(scopes.map((s) => listModelItems(deps, s)))).flat().filter((m) => draftRuleAllows(actor, m));
  const names = await unitNameMap(deps, [...new Set(items.map((m) => m.unitId))]);
  return items.map((m) => ({ ...m, unitName: names.get(m.unitId) ?? m.unitId }));
}

/** One page of the reader's model list, searched (name or unit, with or without diacritics) and filtered. */
export async function searchModelList(deps: Deps, actor: Actor, query: unknown): Promise<ModelListPage> {
  const filter = parseOrThrow(ModelListFilterSchema, query);
  return pageModelRows(await modelRowsInScope(deps, actor), filter);
}

function queueKey(actor: Actor): string {
  if (actor.kind !== 'user' || actor.role === 'admin') throw new ForbiddenError('error.queueForUnitsAndBoards');
  return `ASSIGNEE#${actor.role === 'unit' ? `UNIT#${actor.unitId}` : `BOARD#${actor.boardId}`}`;
}

/** The signed-in account's queue, soonest due first: its first 200 tasks (the pages filter them). */
export async function myTasks(deps: Deps, actor: Actor) {
  const { tasks } = await queryTasks(deps, queueKey(actor), { limit: 200 });
  return tasks.map(publicTask);
}

export const TaskPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().describe('Tasks per page, 1-200 (default 50)'),
  cursor: z.string().max(2000).optional().describe('The `nextCursor` of the previous page'),
});

/** The queue a page at a time (default 50): `nextCursor` resumes after the page's last task. */
export async function myTaskPage(deps: Deps, actor: Actor, query: unknown) {
  const gsi1pk = queueKey(actor);
  const q = parseOrThrow(TaskPageSchema, query);
  // Only a key of this very queue is accepted: a cursor cannot open another account's queue.
  const ownKey = (key: Record<string, unknown>) =>
    key.gsi1pk === gsi1pk &&
    String(key.sk).startsWith('TASK#') &&
    String(key.pk).startsWith('MODEL#') &&
    typeof key.gsi1sk === 'string' &&
    Object.keys(key).length === 4;
  const { tasks, nextKey } = await queryTasks(deps, gsi1pk, {
    limit: q.limit ?? 50,
    startKey: q.cursor ? decodeCursor(q.cursor, ownKey) : undefined,
  });
  return { tasks: tasks.map(publicTask), nextCursor: nextKey ? encodeCursor(nextKey) : undefined };
}

/** Reminders of overdue revisions and reports, for a unit. */
export async function myReminders(deps: Deps, actor: Actor) {
  if (!(actor.kind === 'user' && actor.role === 'unit')) throw new ForbiddenError('error.remindersForUnits');
  return unitReminders(deps, actor.unitId);
}
