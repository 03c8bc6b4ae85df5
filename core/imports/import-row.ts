import { createHash } from 'node:crypto';
import type { FieldIssue } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { Level, Registration } from '../model.ts';
import { RegistrationSchema } from '../registration.ts';
import { readVietnameseNumber } from '../numbers.ts';
import type { Unit } from '../records.ts';
import { levelIssue } from '../rules.ts';
import { normalizeSearchText } from '../search-text.ts';
import { parseOrThrow } from '../validation.ts';
import {
  AREA_LABELS,
  IMPORT_COLUMNS,
  KIND_LABELS,
  LEVEL_LABELS,
  STATUS_LABELS,
  STOP_REASON_LABELS,
  type ImportColumn,
  type SheetRow,
} from './import-columns.ts';

export type ImportStatus = (typeof STATUS_LABELS)[keyof typeof STATUS_LABELS];
export type StopReason = (typeof STOP_REASON_LABELS)[keyof typeof STOP_REASON_LABELS];

/** A row that passed every check: what the import writes for it. */
export type PlannedRow = {
  row: number;
  /** The same row (unit, kind, name, year) always gets the same id: a second import finds it. */
  id: string;
  registration: Registration;
  /** The unit the model is under today (the successor of a merged unit), and the one named in the row. */
  unitId: string;
  boardId: string;
  registeredByUnitId?: string;
  status: ImportStatus;
  recognition?: { year: number; level: Level; number: string; date: string };
  stop?: { year: number; reason: StopReason };
};

/** Why a row is refused: the column and the reason, each rendered in the reader's language. */
export type RowIssue = { column: ImportColumn | '(row)'; key: FieldIssue['key']; params?: FieldIssue['params'] };
export type RefusedRow = SheetRow & { issues: RowIssue[] };

export type PlanContext = {
  /** Every unit, to find the row's by official code or id. */
  units: Unit[];
  /** A board plans only rows of units in its jurisdiction; an administrator any. */
  boardId?: string;
  /** The cycle year now (Vietnam time) and today (yyyy-mm-dd). */
  cycleYear: number;
  today: string;
};

const byLabel = <T extends string>(labels: Record<string, T>) => {
  const map = new Map(Object.entries(labels).map(([label, value]) => [normalizeSearchText(label), value]));
  for (const value of Object.values(labels)) map.set(normalizeSearchText(value), value);
  return (text: string): T | undefined => map.get(normalizeSearchText(text));
};
const readKind = byLabel(KIND_LABELS);
const readArea = byLabel(AREA_LABELS);
const readStatus = byLabel(STATUS_LABELS);
const readLevel = byLabel(LEVEL_LABELS);
const readStopReason = byLabel(STOP_REASON_LABELS);

/** The id of an imported model: a hash of what identifies it (its unit as named, kind, name, year). */
export function importedModelId(unitId: string, kind: string, name: string, year: number): string {
  const digest = createHash('sha256')
    .update(`${unitId}|${kind}|${normalizeSearchText(name)}|${year}`)
    .digest('hex');
  return `imp-${digest.slice(0, 32)}`;
}

/** A date as offices write it (dd/mm/yyyy) or as the sheet reads a date cell (yyyy-mm-dd). */
export function readDate(text: string): string | undefined {
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/** "Số hộ tham gia (hộ): 1.250" per line or separated by ";"; the target may be left out. */
function readIndicators(text: string, issues: RowIssue[]): Registration['indicators'] {
  const indicators: Registration['indicators'] = [];
  for (const part of text.split(/[;\n]/).map((p) => p.trim())) {
    if (!part) continue;
    const match = /^(.+?)\s*\(([^()]+)\)\s*(?:[:=]\s*(.+))?$/.exec(part);
    if (!match) {
      issues.push({ column: 'indicators', key: 'reason.importIndicatorFormat', params: { text: part.slice(0, 80) } });
      continue;
    }
    let target: number | null = null;
    if (match[3]) {
      const number = readVietnameseNumber(match[3]);
      if (!number.ok) {
        issues.push({ column: 'indicators', key: number.reason, params: { text: match[3] } });
        continue;
      }
      target = number.value;
    }
    indicators.push({ name: match[1]!.trim(), unit: match[2]!.trim(), target });
  }
  return indicators;
}

const REGISTRATION_COLUMNS = IMPORT_COLUMNS.slice(0, 9).map((c) => c.key);

/** The registration the row describes, checked by the registration form's own schema. */
function readRegistration(cells: SheetRow['cells'], issues: RowIssue[], year: number | undefined, level: Level | undefined) {
  const kind = readKind(cells.kind);
  const area = readArea(cells.area);
  if (!cells.kind) issues.push({ column: 'kind', key: 'reason.required' });
  else if (!kind) issues.push({ column: 'kind', key: 'reason.importChooseValue', params: { values: Object.keys(KIND_LABELS).join(', ') } });
  if (!cells.area) issues.push({ column: 'area', key: 'reason.required' });
  else if (!area) issues.push({ column: 'area', key: 'reason.importChooseValue', params: { values: Object.keys(AREA_LABELS).join(', ') } });
  const indicators = readIndicators(cells.indicators, issues);
  const body = {
    ...Object.fromEntries(REGISTRATION_COLUMNS.map((key) => [key, cells[key]])),
    kind: kind ?? 'MODEL',
    area: area ?? 'ECONOMY',
    year: year ?? 2025,
    targetLevel: level ?? 'COMMUNE',
    indicators,
  };
  try {
    return parseOrThrow(RegistrationSchema, body);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.issues) {
      const column = issue.field.split('.')[0] as ImportColumn;
      issues.push({ column: IMPORT_COLUMNS.some((c) => c.key === column) ? column : '(row)', key: issue.key, params: issue.params });
    }
    return undefined;
  }
}

function readYear(text: string, column: 'year' | 'statusYear', issues: RowIssue[], min: number, max: number): number | undefined {
  if (!text) {
    issues.push({ column, key: 'reason.required' });
    return undefined;
  }
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(year)) issues.push({ column, key: 'reason.importYearFormat', params: { text } });
  else if (year < min || year > max) issues.push({ column, key: 'reason.importYearRange', params: { year, min, max } });
  else return year;
  return undefined;
}

/** The unit as it is today: a merged unit's successor (followed along the chain). */
function currentUnit(unit: Unit, byId: Map<string, Unit>): Unit {
  let current = unit;
  for (let hops = 0; hops < 10; hops++) {
    const next = current.successorId ? byId.get(current.successorId) : undefined;
    if (!next) break;
    current = next;
  }
  return current;
}

/** Finds units by their official code or their id. */
export function unitFinder(units: Unit[]) {
  const byId = new Map(units.map((u) => [u.id, u]));
  const byCode = new Map(units.filter((u) => u.code).map((u) => [u.code!, u]));
  return {
    find: (text: string) => byCode.get(text) ?? byId.get(text) ?? byId.get(text.toLowerCase()),
    current: (unit: Unit) => currentUnit(unit, byId),
  };
}

/** Checks one row; either its plan or every issue found in it (all columns at once). */
export function planRow(sheetRow: SheetRow, ctx: PlanContext, units = unitFinder(ctx.units)): PlannedRow | RowIssue[] {
  const { cells } = sheetRow;
  const issues: RowIssue[] = [];
  const status = cells.status ? readStatus(cells.status) : undefined;
  if (!cells.status) issues.push({ column: 'status', key: 'reason.required' });
  else if (!status)
    issues.push({ column: 'status', key: 'reason.importChooseValue', params: { values: Object.keys(STATUS_LABELS).join(', ') } });
  const year = readYear(cells.year, 'year', issues, 2009, ctx.cycleYear + (status === 'REGISTERED' ? 1 : 0));
  if (status === 'REGISTERED' && year !== undefined && year < ctx.cycleYear)
    issues.push({ column: 'year', key: 'reason.registrationYear', params: { current: ctx.cycleYear, next: ctx.cycleYear + 1 } });

  // What the status reached needs, and what only another status may carry.
  const onlyFor = (columns: ImportColumn[], key: 'reason.importOnlyForRecognized' | 'reason.importOnlyForStopped') => {
    for (const column of columns) if (cells[column]) issues.push({ column, key });
  };
  if (status !== 'RECOGNIZED') onlyFor(['level', 'decisionNumber', 'decisionDate'], 'reason.importOnlyForRecognized');
  if (status !== 'STOPPED') onlyFor(['stopReason'], 'reason.importOnlyForStopped');
  if (status !== 'RECOGNIZED' && status !== 'STOPPED' && cells.statusYear)
    issues.push({ column: 'statusYear', key: 'reason.importOnlyForRecognizedOrStopped' });
  let recognition: PlannedRow['recognition'];
  let stop: PlannedRow['stop'];
  let level: Level | undefined;
  if (status === 'RECOGNIZED' || status === 'STOPPED') {
    const statusYear = readYear(cells.statusYear, 'statusYear', issues, year ?? 2009, ctx.cycleYear);
    if (status === 'RECOGNIZED') recognition = readRecognition(cells, statusYear, ctx, issues);
    else {
      const reason = cells.stopReason ? readStopReason(cells.stopReason) : undefined;
      if (!cells.stopReason) issues.push({ column: 'stopReason', key: 'reason.required' });
      else if (!reason)
        issues.push({
          column: 'stopReason',
          key: 'reason.importChooseValue',
          params: { values: Object.keys(STOP_REASON_LABELS).join(', ') },
        });
      if (statusYear !== undefined && reason) stop = { year: statusYear, reason };
    }
    level = recognition?.level;
  }

  const named = cells.unit ? units.find(cells.unit) : undefined;
  if (!cells.unit) issues.push({ column: 'unit', key: 'reason.required' });
  else if (!named) issues.push({ column: 'unit', key: 'reason.importUnitUnknown', params: { unit: cells.unit } });
  const unit = named && units.current(named);
  if (unit && ctx.boardId && unit.boardId !== ctx.boardId)
    issues.push({ column: 'unit', key: 'reason.importUnitOutsideBoard', params: { unit: unit.name } });

  const registration = readRegistration(cells, issues, year, level);
  if (issues.length || !registration || !unit || !named || !status || year === undefined) return issues;
  return {
    row: sheetRow.row,
    id: importedModelId(named.id, registration.kind, registration.name, year),
    registration,
    unitId: unit.id,
    boardId: unit.boardId,
    ...(named.id !== unit.id ? { registeredByUnitId: named.id } : {}),
    status,
    ...(recognition ? { recognition } : {}),
    ...(stop ? { stop } : {}),
  };
}

function readRecognition(
  cells: SheetRow['cells'],
  year: number | undefined,
  ctx: PlanContext,
  issues: RowIssue[],
): PlannedRow['recognition'] | undefined {
  const level = cells.level ? readLevel(cells.level) : undefined;
  if (!cells.level) issues.push({ column: 'level', key: 'reason.required' });
  else if (!level)
    issues.push({ column: 'level', key: 'reason.importChooseValue', params: { values: Object.keys(LEVEL_LABELS).join(', ') } });
  if (!cells.decisionNumber) issues.push({ column: 'decisionNumber', key: 'reason.required' });
  else if (cells.decisionNumber.length > 100) issues.push({ column: 'decisionNumber', key: 'reason.tooLong', params: { maximum: 100 } });
  const date = cells.decisionDate ? readDate(cells.decisionDate) : undefined;
  if (!cells.decisionDate) issues.push({ column: 'decisionDate', key: 'reason.required' });
  else if (!date) issues.push({ column: 'decisionDate', key: 'reason.importDateFormat', params: { text: cells.decisionDate } });
  else if (date > ctx.today) issues.push({ column: 'decisionDate', key: 'reason.importDateFuture', params: { date } });
  // A year's recognition is decided in that year or early the next.
  else if (year !== undefined && (Number(date.slice(0, 4)) < year || Number(date.slice(0, 4)) > year + 1))
    issues.push({ column: 'decisionDate', key: 'reason.importDateOutsideYear', params: { date, year } });
  // The district level existed until 1 July 2025: a decision dated before then may name it.
  const abolished = level && date ? levelIssue(level, new Date(`${date}T12:00:00+07:00`), 'level') : undefined;
  if (abolished) issues.push({ column: 'level', key: abolished.key, params: abolished.params });
  if (!level || !date || year === undefined || issues.some((i) => i.column === 'decisionNumber')) return undefined;
  return { year, level, number: cells.decisionNumber, date };
}

/**
 * Checks every row: the plans of the rows that pass and, for each refused row, every issue. A
 * row that names the same model (unit, kind, name, year) as an earlier row is refused as its
 * duplicate: the file imports it once.
 */
export function planRows(rows: SheetRow[], ctx: PlanContext): { planned: PlannedRow[]; refused: RefusedRow[] } {
  const units = unitFinder(ctx.units);
  const planned: PlannedRow[] = [];
  const refused: RefusedRow[] = [];
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    const plan = planRow(row, ctx, units);
    if (Array.isArray(plan)) refused.push({ ...row, issues: plan });
    else if (firstRow.has(plan.id))
      refused.push({ ...row, issues: [{ column: '(row)', key: 'reason.importDuplicateRow', params: { row: firstRow.get(plan.id)! } }] });
    else {
      firstRow.set(plan.id, plan.row);
      planned.push(plan);
    }
  }
  return { planned, refused };
}
