import { AREAS, KINDS, LEVELS, MODEL_STATUSES } from '../../../core/model.ts';
import { FUNNEL_EVENTS } from '../../../core/stats.ts';
import type { getStatistics } from '../../../core/use-cases/statistics.ts';
import { label, t, type DictKey, type Lang } from '../../i18n/dictionary.ts';
import type { ExportTable } from './export-table.ts';
import type { Cell } from './safe-text.ts';

export type Statistics = Awaited<ReturnType<typeof getStatistics>>;

/** Statuses a registered model can be in (drafts are never counted). */
export const COUNTED_STATUSES = MODEL_STATUSES.filter((s) => s !== 'DRAFT');

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const countOf = (record: Record<string, number>, key: string) => record[key] ?? 0;

type Dimension = 'byArea' | 'byKind' | 'byLevel' | 'recognizedByKind';

/**
 * A category x year table of events (they add up): one column per year, the period in the
 * last column, a totals row.
 */
function byYearTable(
  stats: Statistics,
  lang: Lang,
  spec: { id: string; sheet: DictKey; column: DictKey; family: string; codes: readonly string[]; dim: Dimension; note: DictKey },
): ExportTable {
  const rows = spec.codes.map((code) => {
    const perYear = stats.years.map((y) => countOf(y[spec.dim], code));
    return [label(lang, spec.family, code), ...perYear, countOf(stats.rollup[spec.dim], code)];
  });
  const totals = rows[0]!.map((_, i) => (i === 0 ? t(lang, 'stats.total') : sum(rows.map((r) => r[i] as number))));
  return {
    id: spec.id,
    sheet: t(lang, spec.sheet),
    note: t(lang, spec.note),
    headers: [t(lang, spec.column), ...yearHeaders(stats, lang)],
    rows,
    totals,
  };
}

function yearHeaders(stats: Statistics, lang: Lang, withPeriod = true): string[] {
  const years = stats.years.map((y) => t(lang, 'stats.col.yearN', { year: y.year }));
  return withPeriod ? [...years, t(lang, 'stats.col.period', { period: stats.period })] : years;
}

/** Statuses are each year's state: a totals row per year, never a sum across years. */
function statusTable(stats: Statistics, lang: Lang): ExportTable {
  const rows = COUNTED_STATUSES.map((status) => [label(lang, 'status', status), ...stats.years.map((y) => countOf(y.byStatus, status))]);
  const totals = [t(lang, 'stats.total'), ...stats.years.map((y) => sum(COUNTED_STATUSES.map((s) => countOf(y.byStatus, s))))];
  return {
    id: 'status',
    sheet: t(lang, 'stats.sheet.status'),
    note: t(lang, 'stats.note.status'),
    headers: [t(lang, 'stats.col.status'), ...yearHeaders(stats, lang, false)],
    rows,
    totals,
  };
}

/** The funnel: a row per year, a column per step; the totals row is the period. */
function funnelTable(stats: Statistics, lang: Lang): ExportTable {
  const headers = [t(lang, 'stats.col.year'), ...FUNNEL_EVENTS.map((e) => t(lang, `stats.funnel.${e}`))];
  const rows = stats.years.map((y) => [y.year, ...FUNNEL_EVENTS.map((e) => countOf(y.funnel, e))]);
  const totals = [t(lang, 'stats.col.period', { period: stats.period }), ...FUNNEL_EVENTS.map((e) => countOf(stats.rollup.funnel, e))];
  return {
    id: 'funnel',
    sheet: t(lang, 'stats.sheet.funnel'),
    note: t(lang, 'stats.note.funnel'),
    headers,
    rows,
    totals,
    formats: { 0: '0' },
  };
}

/**
 * Indicators by year, each as its unit means: counts and money summed, rates averaged over the
 * reports; different units are never added up, so no totals row. Names as typed.
 */
function indicatorTable(stats: Statistics, lang: Lang): ExportTable {
  const rows = [...stats.rollup.indicators]
    .sort((a, b) => a.unit.localeCompare(b.unit, 'vi') || a.name.localeCompare(b.name, 'vi'))
    .map((i) => [
      i.name,
      i.unit,
      t(lang, i.aggregation === 'AVERAGE' ? 'stats.aggregation.average' : 'stats.aggregation.sum'),
      ...stats.years.map((y) => y.indicators.find((x) => x.key === i.key)?.value ?? (i.aggregation === 'SUM' ? 0 : '')),
      i.value ?? '',
    ]);
  const headers = [
    t(lang, 'stats.col.indicator'),
    t(lang, 'stats.col.unit'),
    t(lang, 'stats.col.aggregation'),
    ...yearHeaders(stats, lang),
  ];
  return { id: 'indicators', sheet: t(lang, 'stats.sheet.indicators'), note: t(lang, 'stats.note.indicators'), headers, rows };
}

/** The five-year roll-up: the funnel over the period, recognitions split by kind, each as a share of registrations. */
function rollupTable(stats: Statistics, lang: Lang): ExportTable {
  const { funnel, recognizedByKind } = stats.rollup;
  const registered = countOf(funnel, 'REGISTERED');
  const share = (n: number): Cell => (registered > 0 ? Math.round((n / registered) * 1000) / 10 : null);
  const line = (name: string, n: number): Cell[] => [name, n, share(n)];
  const rows: Cell[][] = [];
  for (const event of FUNNEL_EVENTS) {
    rows.push(line(t(lang, `stats.funnel.${event}`), countOf(funnel, event)));
    if (event === 'RECOGNIZED')
      for (const kind of KINDS)
        rows.push(line(t(lang, 'stats.recognizedOf', { kind: label(lang, 'kind', kind) }), countOf(recognizedByKind, kind)));
  }
  const headers = [t(lang, 'stats.col.item'), t(lang, 'stats.col.count'), t(lang, 'stats.col.share')];
  return {
    id: 'rollup',
    sheet: t(lang, 'stats.sheet.rollup'),
    note: t(lang, 'stats.note.rollup', { period: stats.period }),
    headers,
    rows,
  };
}

/** Every table of the statistics, in the reader's language, in the order of the workbook's sheets. */
export function statisticsTables(stats: Statistics, lang: Lang): ExportTable[] {
  const registered = 'stats.note.registered' as const;
  return [
    statusTable(stats, lang),
    byYearTable(stats, lang, {
      id: 'area',
      sheet: 'stats.sheet.area',
      column: 'stats.col.area',
      family: 'area',
      codes: AREAS,
      dim: 'byArea',
      note: registered,
    }),
    byYearTable(stats, lang, {
      id: 'kind',
      sheet: 'stats.sheet.kind',
      column: 'stats.col.kind',
      family: 'kind',
      codes: KINDS,
      dim: 'byKind',
      note: registered,
    }),
    byYearTable(stats, lang, {
      id: 'recognized-kind',
      sheet: 'stats.sheet.recognizedKind',
      column: 'stats.col.kind',
      family: 'kind',
      codes: KINDS,
      dim: 'recognizedByKind',
      note: 'stats.note.recognized',
    }),
    byYearTable(stats, lang, {
      id: 'level',
      sheet: 'stats.sheet.level',
      column: 'stats.col.level',
      family: 'level',
      codes: LEVELS,
      dim: 'byLevel',
      note: registered,
    }),
    funnelTable(stats, lang),
    indicatorTable(stats, lang),
    rollupTable(stats, lang),
  ];
}

/** The filters in words, for the workbook's "Thông tin" sheet and the page. */
export function filterSummary(stats: Statistics, lang: Lang): string {
  const part = (family: string, codes: string[] | undefined) =>
    codes?.length ? codes.map((c) => label(lang, family, c)).join(', ') : t(lang, 'stats.info.all');
  return [
    `${t(lang, 'stats.col.area')}: ${part('area', stats.filter.areas)}`,
    `${t(lang, 'stats.col.kind')}: ${part('kind', stats.filter.kinds)}`,
    `${t(lang, 'stats.col.level')}: ${part('level', stats.filter.levels)}`,
  ].join('; ');
}
