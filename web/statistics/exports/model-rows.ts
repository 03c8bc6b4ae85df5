import * as z from 'zod';
import { draftRuleAllows, type Actor } from '../../../core/actor.ts';
import { AREAS, KINDS, LEVELS, MODEL_STATUSES, type Model, type Recognition } from '../../../core/model.ts';
import { label, t, type Lang } from '../../i18n/dictionary.ts';
import type { ExportTable } from './export-table.ts';
import { vietnamDay } from './safe-text.ts';

/** `a,b` or a single value; an empty string is no filter. */
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.enum(values)).optional(),
  );

export const ModelExportQuerySchema = z.object({
  /** Administrators choose a unit or a board, as for /api/models. */
  unitId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  boardId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  area: list(AREAS),
  kind: list(KINDS),
  status: list(MODEL_STATUSES),
  level: list(LEVELS),
  /**
   * A year the model had a cycle in (registered for it, ran through it, or was recognized in
   * it): a model recognized in 2026 stays in year=2026 after its 2027 cycle has begun.
   */
  year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(2009).max(2100).optional()),
});
export type ModelExportQuery = z.infer<typeof ModelExportQuerySchema>;

/**
 * The models of the list that pass the filter. Drafts follow the draft rule (core/actor.ts):
 * only the unit itself exports its own.
 */
export function filterModels(models: Model[], q: Partial<ModelExportQuery>, actor: Actor): Model[] {
  const keeps = <T extends string>(allowed: T[] | undefined, value: T | undefined) =>
    !allowed?.length || (value !== undefined && allowed.includes(value));
  return models.filter(
    (m) =>
      draftRuleAllows(actor, m) &&
      keeps(q.area, m.area) &&
      keeps(q.kind, m.kind) &&
      keeps(q.status, m.status) &&
      keeps(q.level, m.targetLevel ?? 'COMMUNE') &&
      (q.year === undefined || hadCycleIn(m, q.year)),
  );
}

/** Did the model have a cycle in `year`: from the year it was registered for to its current cycle year, or a recognition then. */
export function hadCycleIn(model: Pick<Model, 'year' | 'cycleYear' | 'recognitions'>, year: number): boolean {
  const first = Math.min(model.year ?? model.cycleYear, model.cycleYear);
  return (first <= year && year <= model.cycleYear) || (model.recognitions ?? []).some((r) => r.year === year);
}

/** The recognition a row shows: that year's when the export is for a year, else the latest. */
export function recognitionFor(model: Pick<Model, 'recognitions'>, year?: number): Recognition | undefined {
  const recognitions = model.recognitions ?? [];
  if (year !== undefined) return recognitions.find((r) => r.year === year);
  return recognitions.reduce<Recognition | undefined>((latest, r) => (!latest || r.year >= latest.year ? r : latest), undefined);
}

/**
 * The model list as one table: Vietnamese headers in the order offices use, a totals row. The
 * recognized level and decision number are those of `year`'s recognition (an export for a
 * year), else of the latest.
 */
export function modelTable(models: Model[], unitNames: Map<string, string>, lang: Lang, year?: number): ExportTable {
  const headers = [
    t(lang, 'export.model.name'),
    t(lang, 'export.model.unit'),
    t(lang, 'stats.col.area'),
    t(lang, 'stats.col.kind'),
    t(lang, 'export.model.level'),
    t(lang, 'export.model.year'),
    t(lang, 'stats.col.status'),
    t(lang, 'export.model.createdAt'),
    t(lang, 'export.model.replications'),
    t(lang, 'export.model.recognizedLevel'),
    t(lang, 'export.model.decisionNumber'),
  ];
  const rows = models.map((m) => [
    m.name,
    unitNames.get(m.unitId) ?? m.unitId,
    label(lang, 'area', m.area),
    label(lang, 'kind', m.kind),
    label(lang, 'level', m.targetLevel ?? 'COMMUNE'),
    m.cycleYear,
    label(lang, 'status', m.status),
    vietnamDay(m.createdAt),
    m.replicationCount ?? 0,
    ...recognitionCells(recognitionFor(m, year), lang),
  ]);
  const replications = models.reduce((n, m) => n + (m.replicationCount ?? 0), 0);
  const totals = [
    t(lang, 'export.model.total', { count: models.length }),
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    replications,
    null,
    null,
  ];
  return { id: 'models', sheet: t(lang, 'export.model.sheet'), headers, rows, totals, formats: { 5: '0' } };
}

const recognitionCells = (recognition: Recognition | undefined, lang: Lang) =>
  recognition ? [label(lang, 'level', recognition.level), recognition.number ?? null] : [null, null];
