import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, type FieldIssue } from '../errors.ts';
import { messageKey } from '../messages.ts';
import { OFFICIAL_CODE } from '../official-units.ts';
import type { Board, Unit } from '../records.ts';
import { getCatalogueEntry } from '../store/catalogue-store.ts';
import { listModelItems, readModelPage } from '../store/model-store.ts';
import {
  getAccount,
  getBoard,
  getUnit,
  listAccounts,
  listBoards,
  listUnits,
  putAccount,
  putBoard,
  putUnit,
  unitNames,
} from '../store/org-store.ts';
import { deleteSessionsOf } from '../store/session-store.ts';
import {
  countAccountMoved,
  createUnitChange,
  finishUnitChange,
  getUnitChange,
  listUnitChanges,
  moveModel,
  type UnitChange,
} from '../store/unit-change-store.ts';
import { parseOrThrow } from '../validation.ts';
import { assertAdmin } from './organisation.ts';
import { recordSecurityEvent } from './security-events.ts';

/**
 * Merged, split and renamed units (issue 16): an administrator records that units were merged
 * into a successor (or one split into several, or renamed) on a date. The models, their running
 * cycles and waiting steps, the catalogue entries and the unit accounts of the predecessors move
 * to the successor; the predecessors stay, marked historical with their successor, so history
 * still says who registered what. Statistics counters stay where they were written (earlier
 * years read as the units were); `structure=today` adds the boards merged away (statistics.ts).
 *
 * Resumable and idempotent: the change record is written first (MOVING, its id derived from what
 * it says), each model moves in its own transaction (one moved already is skipped) and the
 * change becomes DONE at the end. Posting the same change again finishes an interrupted one, and
 * changes nothing once it is DONE.
 *
 * It runs inside the request: hundreds of models move in a few seconds. A province-wide merger
 * (tens of thousands of models) would outlast API Gateway's 29-second integration timeout: on AWS
 * the request would only write the MOVING record and hand its id to a background worker (an SQS
 * queue or a Step Functions Distributed Map over the predecessors' model ids, each item calling
 * `moveOneModel`), with the page polling the record's counts; `continueUnitChange` is already
 * that worker's loop, safe to rerun from any point.
 */

const unitId = z.string().trim().min(1).max(100);
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: messageKey('reason.dateFormat'), abort: true })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: messageKey('reason.dateFormat'),
  })
  .describe('The day it took effect, yyyy-mm-dd');
const note = z.string().trim().max(1000).optional();

export const UnitChangeInputSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('MERGE'),
    from: z.array(unitId).min(1).max(50).describe('The units merged (they become historical)'),
    to: unitId.describe('The successor: it receives their models and accounts'),
    date,
    note,
  }),
  z.strictObject({
    type: z.literal('SPLIT'),
    from: unitId.describe('The unit split (it becomes historical)'),
    to: z.array(unitId).min(1).max(50).describe('The units it was split into'),
    modelsTo: unitId.describe('The one of `to` that receives its models and accounts'),
    date,
    note,
  }),
  z.strictObject({
    type: z.literal('RENAME'),
    unit: unitId,
    name: z.string().trim().min(1).max(200),
    code: z
      .string()
      .trim()
      .regex(OFFICIAL_CODE, messageKey('reason.officialCode'))
      .optional()
      .describe('Its new official code, if it changed'),
    date,
    note,
  }),
]);
export type UnitChangeInput = z.infer<typeof UnitChangeInputSchema>;

export type { UnitChange };

type Plan = Pick<UnitChange, 'type' | 'from' | 'to' | 'modelsTo' | 'date' | 'note' | 'name' | 'code'>;

function planOf(input: UnitChangeInput): Plan {
  if (input.type === 'MERGE')
    return { type: 'MERGE', from: input.from, to: [input.to], modelsTo: input.to, date: input.date, note: input.note };
  if (input.type === 'SPLIT')
    return { type: 'SPLIT', from: [input.from], to: input.to, modelsTo: input.modelsTo, date: input.date, note: input.note };
  return { type: 'RENAME', from: [input.unit], to: [input.unit], date: input.date, note: input.note, name: input.name, code: input.code };
}

/** The same change (type, units, date, and a rename's name and code) always gets the same id. */
function changeId(plan: Plan): string {
  const what = [plan.type, [...plan.from].sort().join(','), [...plan.to].sort().join(','), plan.modelsTo, plan.date, plan.name, plan.code];
  return `${plan.date}-${plan.type.toLowerCase()}-${createHash('sha1').update(JSON.stringify(what)).digest('hex').slice(0, 10)}`;
}

/** What is wrong with the change on its face (no reads): a unit into itself, a unit twice, a split's receiver not among its units. */
function faceIssues(plan: Plan): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const twice = (ids: string[], field: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) issues.push({ field, key: 'reason.unitTwice', params: { unitId: id } });
      seen.add(id);
    }
  };
  if (plan.type === 'MERGE') {
    if (plan.from.includes(plan.modelsTo!)) issues.push({ field: 'to', key: 'reason.unitIntoItself' });
    twice(plan.from, 'from');
  }
  if (plan.type === 'SPLIT') {
    if (plan.to.includes(plan.from[0]!)) issues.push({ field: 'to', key: 'reason.unitIntoItself' });
    if (!plan.to.includes(plan.modelsTo!)) issues.push({ field: 'modelsTo', key: 'reason.modelsToNotSuccessor' });
    twice(plan.to, 'to');
  }
  return issues;
}

export type UnitChangeResult = { change: UnitChange; created: boolean };

/**
 * Records a merger, a split or a rename and moves what it moves (administrators). Bad input
 * writes nothing: 400 (shape, date), 422 (a unit into itself, twice, a successor that ended),
 * 404 (an unknown unit), 409 (a predecessor that already ended in another change, a code taken).
 */
export async function recordUnitChange(deps: Deps, actor: Actor, body: unknown): Promise<UnitChangeResult> {
  assertAdmin(actor);
  const plan = planOf(parseOrThrow(UnitChangeInputSchema, body));
  const face = faceIssues(plan);
  if (face.length) throw new RuleViolationError(face);
  const id = changeId(plan);
  const existing = await getUnitChange(deps, id);
  if (existing) {
    // The same change again: finish it if it was interrupted; once DONE, nothing changes.
    if (existing.status === 'DONE') return { change: existing, created: false };
    return { change: await continueUnitChange(deps, actor, existing), created: false };
  }

  const units = new Map<string, Unit>();
  for (const unitId of new Set([...plan.from, ...plan.to])) {
    const unit = await getUnit(deps, unitId);
    if (!unit) throw new NotFoundError('error.unitNotFound', { unitId });
    units.set(unitId, unit);
  }
  const ended = plan.to.filter((id) => units.get(id)!.successorId);
  if (ended.length && plan.type !== 'RENAME')
    throw new RuleViolationError(ended.map((unitId) => ({ field: 'to', key: 'reason.successorEnded', params: { unitId } })));
  for (const unitId of plan.from) {
    const unit = units.get(unitId)!;
    if (unit.successorId && plan.type !== 'RENAME')
      throw new ConflictError('error.unitAlreadyEnded', { unitId, successorId: unit.successorId, endedAt: unit.endedAt ?? '' });
  }
  const at = deps.now().toISOString();
  const base: UnitChange = { id, ...plan, status: 'MOVING', modelsMoved: 0, accountsMoved: 0, by: actor.username, at };

  if (plan.type === 'RENAME') return { change: await rename(deps, base, units.get(plan.from[0]!)!), created: true };

  const successor = units.get(plan.modelsTo!)!;
  // A merger that takes units to another board: the boards of the merged units are merged into the successor's.
  const boardsMerged =
    plan.type === 'MERGE'
      ? (await listBoards(deps))
          .filter((board) => plan.from.includes(board.unitId) && board.id !== successor.boardId && !board.mergedInto)
          .map((board) => ({ from: board.id, to: successor.boardId }))
      : [];
  const change: UnitChange = { ...base, ...(boardsMerged.length ? { boardsMerged } : {}) };
  await createUnitChange(deps, change, 'error.changedMeanwhile');
  return { change: await continueUnitChange(deps, actor, change), created: true };
}

async function rename(deps: Deps, change: UnitChange, unit: Unit): Promise<UnitChange> {
  if (change.code && change.code !== unit.code) {
    const holder = (await listUnits(deps)).find((u) => u.code === change.code && u.id !== unit.id);
    if (holder) throw new ConflictError('error.unitCodeTaken', { code: change.code, unitId: holder.id, name: holder.name });
  }
  const done: UnitChange = {
    ...change,
    formerName: unit.name,
    ...(unit.code ? { formerCode: unit.code } : {}),
    status: 'DONE',
    doneAt: change.at,
  };
  await createUnitChange(deps, done, 'error.changedMeanwhile');
  const former = {
    name: unit.name,
    until: change.date,
    ...(change.code && unit.code && unit.code !== change.code ? { code: unit.code } : {}),
  };
  await putUnit(deps, {
    ...unit,
    name: change.name!,
    ...(change.code ? { code: change.code } : {}),
    formerNames: [...(unit.formerNames ?? []), former],
  });
  return done;
}

/**
 * Moves what a MOVING change has still to move, then marks it DONE: the predecessors become
 * historical (first, so nothing new lands in them), their boards merge, their accounts move
 * (sessions ended), then each model still listed under a predecessor moves.
 */
export async function continueUnitChange(deps: Deps, actor: Actor, change: UnitChange): Promise<UnitChange> {
  const to = change.modelsTo!;
  const successor = await getUnit(deps, to);
  if (!successor) throw new NotFoundError('error.unitNotFound', { unitId: to });
  for (const unitId of change.from) {
    const unit = await getUnit(deps, unitId);
    if (unit && unit.successorId !== to) await putUnit(deps, { ...unit, historical: true, successorId: to, endedAt: change.date });
  }
  for (const merged of change.boardsMerged ?? []) {
    const board = await getBoard(deps, merged.from);
    if (board && board.mergedInto !== merged.to) await putBoard(deps, { ...board, mergedInto: merged.to, mergedAt: change.date });
  }
  await moveAccounts(deps, actor, change, to);
  for (const unitId of change.from) await moveModelsOf(deps, actor, change, unitId, { unitId: to, boardId: successor.boardId });
  await finishUnitChange(deps, change.id, deps.now().toISOString());
  return (await getUnitChange(deps, change.id))!;
}

/** The unit officers of the predecessors now act for the successor; what they were signed in as ends. */
async function moveAccounts(deps: Deps, actor: Actor, change: UnitChange, to: string) {
  const officers = (await listAccounts(deps)).filter((a) => a.role === 'unit' && a.unitId && change.from.includes(a.unitId));
  for (const officer of officers) {
    const account = await getAccount(deps, officer.username);
    if (!account?.unitId || !change.from.includes(account.unitId)) continue;
    await putAccount(deps, { ...account, unitId: to });
    await countAccountMoved(deps, change.id);
    const ended = await deleteSessionsOf(deps, account.username);
    await recordSecurityEvent(deps, {
      type: 'ACCOUNT_CHANGED',
      actor: actor.kind === 'user' ? actor.username : 'system',
      subject: account.username,
      detail: `unitId ${account.unitId} → ${to} (unit change ${change.id}); ${ended} session(s) ended`,
    });
  }
}

/**
 * Every model listed under the unit moves. The index is read again until a pass finds nothing
 * left to move (an index read may still list a model that just moved: its own read says so).
 */
async function moveModelsOf(deps: Deps, actor: Actor, change: UnitChange, fromUnitId: string, to: { unitId: string; boardId: string }) {
  for (let pass = 0; pass < 10; pass++) {
    const listed = await listModelItems(deps, { unitId: fromUnitId });
    let moved = 0;
    for (const item of listed) if (await moveOneModel(deps, actor, change, item.id, fromUnitId, to)) moved++;
    if (moved === 0) return;
  }
}

/** One model, if it is still the predecessor's: read with its tasks, moved in one transaction; a model changed meanwhile is read again. */
export async function moveOneModel(
  deps: Deps,
  actor: Actor,
  change: Pick<UnitChange, 'id'>,
  modelId: string,
  fromUnitId: string,
  to: { unitId: string; boardId: string },
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const { model, tasks } = await readModelPage(deps, modelId);
    if (!model || model.unitId !== fromUnitId) return false;
    const listed = model.recognitions.length > 0 && (await getCatalogueEntry(deps, model.id)) !== undefined;
    try {
      await moveModel(
        deps,
        { model, tasks, listed, to, change: { id: change.id, at: deps.now().toISOString(), actor: actor.username } },
        'error.changedMeanwhile',
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 8) throw error;
    }
  }
}

export type UnitHistory = {
  unit: Unit;
  parent?: Unit;
  board?: Board;
  successor?: Unit;
  changes: UnitChange[];
  /** Names of every unit the page mentions, by id. */
  names: Map<string, string>;
};

/**
 * A unit with its official code, parent, board, successor and every change it took part in:
 * administrators, and the board whose jurisdiction it is (or its successor is) in.
 */
export async function unitHistory(deps: Deps, actor: Actor, unitId: string): Promise<UnitHistory> {
  if (!(actor.kind === 'user' && (actor.role === 'admin' || actor.role === 'board'))) throw new ForbiddenError('error.forBoardsAndAdmins');
  const unit = await getUnit(deps, unitId);
  if (!unit) throw new NotFoundError('error.unitNotFound', { unitId });
  const successor = unit.successorId ? await getUnit(deps, unit.successorId) : undefined;
  if (actor.role === 'board' && unit.boardId !== actor.boardId && successor?.boardId !== actor.boardId)
    throw new NotFoundError('error.unitNotFound', { unitId });
  const [parent, board, changes] = await Promise.all([
    unit.parentId ? getUnit(deps, unit.parentId) : undefined,
    getBoard(deps, unit.boardId),
    listUnitChanges(deps, unit.id),
  ]);
  const names = await unitNames(deps, [unit.id, ...changes.flatMap((c) => [...c.from, ...c.to])]);
  return { unit, parent, board, successor, changes, names };
}

/** Boards whose unit was merged into another board's, transitively, as `mergedInto` records it. */
export function boardsMergedInto(boards: Board[], boardId: string): string[] {
  const found: string[] = [];
  let frontier = [boardId];
  while (frontier.length > 0) {
    const next = boards.filter((b) => b.mergedInto && frontier.includes(b.mergedInto) && b.id !== boardId && !found.includes(b.id));
    found.push(...next.map((b) => b.id));
    frontier = next.map((b) => b.id);
  }
  return found;
}

/** An administrator finishes an interrupted change (the same as posting it again); a DONE change is answered as it is. */
export async function resumeUnitChange(deps: Deps, actor: Actor, id: string): Promise<UnitChange> {
  assertAdmin(actor);
  const change = await getUnitChange(deps, id);
  if (!change) throw new NotFoundError('error.unitChangeNotFound', { changeId: id });
  return change.status === 'DONE' ? change : continueUnitChange(deps, actor, change);
}
