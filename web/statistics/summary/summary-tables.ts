import { AREAS, CURRENT_LEVELS, KINDS, LEVELS, STOP_REASONS } from '../../../core/model.ts';
import { SUMMARY_EVENTS, UNRECORDED_REASON, type PeriodSummary, type SummaryYear } from '../../../core/use-cases/period-summary.ts';
import { label, t, type Lang } from '../../i18n/dictionary.ts';
import type { ExportTable } from '../exports/export-table.ts';

const eventHeaders = (lang: Lang) => SUMMARY_EVENTS.map((e) => t(lang, `summary.event.${e}`));

/** Levels with any figure in the period (DISTRICT only where earlier years have it). */
function levelsOf(summary: PeriodSummary): readonly string[] {
  const used = new Set(SUMMARY_EVENTS.flatMap((e) => Object.keys(summary.total.events[e].byLevel)));
  return LEVELS.filter((l) => (CURRENT_LEVELS as readonly string[]).includes(l) || used.has(l));
}

function byDimension(
  lang: Lang,
  summary: PeriodSummary,
  dim: 'byArea' | 'byKind' | 'byLevel',
  codes: readonly string[],
  family: string,
): ExportTable {
  const rowsOf = (y: Pick<SummaryYear, 'events'>, year: string | number) =>
    codes.map((code) => [year, label(lang, family, code), ...SUMMARY_EVENTS.map((e) => y.events[e][dim][code] ?? 0)]);
  return {
    id: `summary-${dim}`,
    sheet: t(lang, `summary.sheet.${dim}`),
    headers: [t(lang, 'summary.year'), t(lang, `summary.dim.${dim}`), ...eventHeaders(lang)],
    rows: [...summary.years.flatMap((y) => rowsOf(y, y.year)), ...rowsOf(summary.total, summary.period)],
    formats: { 0: '@' },
  };
}

/** The summary as tables: a sheet each in the workbook, and the tables of the docx draft. */
export function summaryTables(lang: Lang, summary: PeriodSummary): ExportTable[] {
  const reasons = [...STOP_REASONS, UNRECORDED_REASON];
  const reasonLabel = (r: string) => (r === UNRECORDED_REASON ? t(lang, 'summary.reasonUnrecorded') : label(lang, 'stopReason', r));
  return [
    {
      id: 'summary-years',
      sheet: t(lang, 'summary.sheet.years'),
      note: t(lang, 'summary.note.years'),
      headers: [t(lang, 'summary.year'), ...eventHeaders(lang)],
      rows: summary.years.map((y) => [y.year, ...SUMMARY_EVENTS.map((e) => y.events[e].total)]),
      totals: [t(lang, 'summary.total', { period: summary.period }), ...SUMMARY_EVENTS.map((e) => summary.total.events[e].total)],
      formats: { 0: '0' },
    },
    byDimension(lang, summary, 'byArea', AREAS, 'area'),
    byDimension(lang, summary, 'byKind', KINDS, 'kind'),
    byDimension(lang, summary, 'byLevel', levelsOf(summary), 'level'),
    {
      id: 'summary-stops',
      sheet: t(lang, 'summary.sheet.stops'),
      note: t(lang, 'summary.note.stops'),
      headers: [t(lang, 'summary.year'), ...reasons.map(reasonLabel), t(lang, 'summary.event.STOPPED')],
      rows: summary.years.map((y) => [y.year, ...reasons.map((r) => y.stopReasons[r] ?? 0), y.events.STOPPED.total]),
      totals: [
        t(lang, 'summary.total', { period: summary.period }),
        ...reasons.map((r) => summary.total.stopReasons[r] ?? 0),
        summary.total.events.STOPPED.total,
      ],
      formats: { 0: '0' },
    },
    {
      id: 'summary-indicators',
      sheet: t(lang, 'summary.sheet.indicators'),
      note: t(lang, 'summary.note.indicators'),
      headers: [
        t(lang, 'summary.indicator'),
        t(lang, 'summary.indicatorUnit'),
        t(lang, 'summary.indicatorValue'),
        t(lang, 'summary.reports'),
      ],
      rows: summary.indicators.map((i) => [i.name, i.unit, i.value, i.reports]),
    },
    {
      id: 'summary-replicated',
      sheet: t(lang, 'summary.sheet.replicated'),
      headers: [
        t(lang, 'summary.no'),
        t(lang, 'summary.model'),
        t(lang, 'summary.unit'),
        t(lang, 'field.area'),
        t(lang, 'summary.dim.byKind'),
        t(lang, 'summary.replications'),
      ],
      rows: summary.mostReplicated.map((m, i) => [
        i + 1,
        m.name,
        m.unitName,
        label(lang, 'area', m.area),
        label(lang, 'kind', m.kind),
        m.replicationCount,
      ]),
    },
  ];
}
