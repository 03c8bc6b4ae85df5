import type { Actor } from '../../../core/actor.ts';
import { withDecisionDataMany } from '../../../core/use-cases/batch-decisions.ts';
import type { Deps } from '../../../core/deps.ts';
import { ALL_SCOPE } from '../../../core/records.ts';
import { findBoard, findUnit, unitNamesOf } from '../../../core/use-cases/organisation.ts';
import { listVisibleModels } from '../../../core/use-cases/model-views.ts';
import { getStatistics } from '../../../core/use-cases/statistics.ts';
import { parseOrThrow } from '../../../core/validation.ts';
import { t, type Lang } from '../../i18n/dictionary.ts';
import { formatDateTime } from '../../ui/format.ts';
import { toCsv } from './csv.ts';
import { CSV_TYPE, contentDisposition } from './download.ts';
import { tablesAsRows, type ExportTable } from './export-table.ts';
import { ModelExportQuerySchema, filterModels, modelTable } from './model-rows.ts';
import { filterSummary, statisticsTables, type Statistics } from './stats-tables.ts';
import { XLSX_TYPE } from './xlsx-type.ts';

export type ExportFormat = 'xlsx' | 'csv';
/** A finished download: bytes (or text) and headers. */
export type Download = { body: Uint8Array<ArrayBuffer> | string; headers: Record<string, string> };

/** Exports are for offices: always Vietnamese. */
const LANG: Lang = 'vi';

/** The display name of a statistics scope: a board's name, or "all boards". */
export async function scopeName(deps: Deps, scope: string, lang: Lang): Promise<string> {
  if (scope === ALL_SCOPE) return t(lang, 'stats.scopeAll');
  return (await findBoard(deps, scope))?.name ?? scope;
}

/** The "Thông tin" sheet: what these figures are (scope, period, filters, when). */
function aboutTable(stats: Statistics, scope: string, now: Date): ExportTable {
  return {
    id: 'about',
    sheet: t(LANG, 'stats.sheet.info'),
    headers: [t(LANG, 'stats.col.item'), t(LANG, 'stats.col.value')],
    rows: [
      [t(LANG, 'stats.info.scope'), scope],
      [t(LANG, 'stats.period'), stats.period],
      [t(LANG, 'stats.info.filters'), filterSummary(stats, LANG)],
      [t(LANG, 'stats.info.generated'), formatDateTime(now.toISOString())],
    ],
  };
}

async function pack(
  format: ExportFormat,
  name: string,
  tables: ExportTable[],
  csvRows: Parameters<typeof toCsv>[0],
  now: Date,
): Promise<Download> {
  const common = { 'Content-Disposition': contentDisposition(`${name}.${format}`), 'Cache-Control': 'private, no-store' };
  if (format === 'csv') return { body: toCsv(csvRows), headers: { ...common, 'Content-Type': CSV_TYPE } };
  const bytes = await (await import('./workbook.ts')).buildWorkbook(tables, { title: name, created: now });
  return { body: new Uint8Array(bytes), headers: { ...common, 'Content-Type': XLSX_TYPE } };
}

/** Every statistics table (one sheet each, or one CSV with the tables one under the other). */
export async function statisticsDownload(deps: Deps, actor: Actor, query: unknown, format: ExportFormat): Promise<Download> {
  const stats = await getStatistics(deps, actor, query);
  const now = deps.now();
  const scope = await scopeName(deps, stats.scope, LANG);
  const tables = [...statisticsTables(stats, LANG), aboutTable(stats, scope, now)];
  const name = t(LANG, 'export.file.stats', { scope, period: stats.period });
  return pack(format, name, tables, tablesAsRows(tables), now);
}

/** The model list in the actor's scope (as /api/models), filtered by area, kind, status, level and year. */
export async function modelsDownload(deps: Deps, actor: Actor, query: unknown, format: ExportFormat): Promise<Download> {
  const q = parseOrThrow(ModelExportQuerySchema, query);
  const listed = filterModels(await listVisibleModels(deps, actor, { unitId: q.unitId, boardId: q.boardId }, 20_000), q, actor);
  // Recognitions on batch decisions take the decision's number (one round trip per 100 decisions).
  const shown = await withDecisionDataMany(
    deps,
    listed.map((m) => m.recognitions),
  );
  const models = listed.map((m, i) => ({ ...m, recognitions: shown[i]! }));
  const names = await unitNamesOf(deps, [...new Set(models.map((m) => m.unitId))]);
  const table = modelTable(models, names, LANG, q.year);
  let scope: string;
  if (actor.kind === 'user' && actor.role === 'unit')
    scope = names.get(actor.unitId) ?? (await findUnit(deps, actor.unitId))?.name ?? actor.unitId;
  else if (actor.kind === 'user' && actor.role === 'board') scope = await scopeName(deps, actor.boardId, LANG);
  else scope = q.unitId ? ((await findUnit(deps, q.unitId))?.name ?? q.unitId) : await scopeName(deps, q.boardId ?? ALL_SCOPE, LANG);
  const name = t(LANG, 'export.file.models', { scope });
  return pack(format, name, [table], [table.headers, ...table.rows, ...(table.totals ? [table.totals] : [])], deps.now());
}
