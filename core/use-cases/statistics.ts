import * as z from 'zod';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import { AREAS, KINDS, LEVELS, periodOf } from '../model.ts';
import { aggregationOf, sumBy, type StatsFilter } from '../stats.ts';
import { ALL_SCOPE, readStats } from '../store/stats-store.ts';
import { parseOrThrow } from '../validation.ts';
import { cycleYearAt } from '../rules.ts';
import { listBoards } from '../store/org-store.ts';
import { boardsMergedInto } from './unit-changes.ts';

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values)).optional());

export const StatsQuerySchema = z.object({
  /** A board id, or ALL (administrators). Boards see their own jurisdiction. */
  scope: z.string().max(100).optional(),
  /** The five-year period to roll up, e.g. 2026-2030; defaults to the current one. */
  period: z
    .string()
    .regex(/^\d{4}-\d{4}$/)
    .optional(),
  areas: list(AREAS),
  kinds: list(KINDS),
  levels: list(LEVELS),
  /**
   * `recorded` (the default): each board's counters as they were written, the units as they were
   * each year. `today`: a board's figures add those of every board merged into it (unit changes).
   */
  structure: z.enum(['recorded', 'today']).optional(),
});

export type YearStats = {
  year: number;
  byStatus: Record<string, number>;
  funnel: Record<string, number>;
  byArea: Record<string, number>;
  byKind: Record<string, number>;
  byLevel: Record<string, number>;
  recognizedByKind: Record<string, number>;
  indicators: IndicatorFigure[];
};

/**
 * One indicator's figure: `total` is the sum of the reported values and `reports` how many
 * reports gave one; `value` is what the unit means across models, the total of counts and money,
 * the average of a rate (null where data from before the report count cannot give it).
 */
export type IndicatorFigure = {
  key: string;
  unit: string;
  name: string;
  total: number;
  reports: number | null;
  aggregation: 'SUM' | 'AVERAGE';
  value: number | null;
};

function indicatorFigure(key: string, total: number, reports: number | undefined, labels: Record<string, string>): IndicatorFigure {
  const [unit = '', search = ''] = key.split('|');
  const aggregation = aggregationOf(unit);
  const value = aggregation === 'SUM' ? total : reports ? Math.round((total / reports) * 100) / 100 : null;
  return { key, unit, name: labels[`t|${key}`] ?? search, total, reports: reports ?? null, aggregation, value };
}

function yearStats(year: number, counters: Record<string, number>, filter: StatsFilter, labels: Record<string, string>): YearStats {
  const indicators = yearIndicators(counters, labels);
  // "Registered" counts every model that reached the board this year: the funnel's first step.
  const registeredBy = (by: 1 | 2 | 3) =>
    sumBy(Object.fromEntries(Object.entries(counters).filter(([n]) => n.startsWith('e|REGISTERED|'))), 'e', filter, by);
  return {
    year,
    byStatus: sumBy(counters, 'n', filter, 0),
    funnel: sumBy(counters, 'e', filter, 0),
    byArea: registeredBy(1),
    byKind: registeredBy(2),
    byLevel: registeredBy(3),
    recognizedByKind: sumBy(Object.fromEntries(Object.entries(counters).filter(([n]) => n.startsWith('e|RECOGNIZED|'))), 'e', filter, 2),
    indicators,
  };
}

function addUp(records: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of records) for (const [k, v] of Object.entries(record)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * The counters a reader may see: a board its own (administrators any scope, ALL included), for
 * the five years of the period, with the boards merged into it when read by today's structure.
 */
export async function readScopedStats(deps: Deps, actor: Actor, query: unknown) {
  const q = parseOrThrow(StatsQuerySchema, query);
  let scope = q.scope ?? ALL_SCOPE;
  if (actor.kind === 'user' && actor.role === 'board') {
    if (q.scope && q.scope !== actor.boardId) throw new ForbiddenError('error.ownBoardFiguresOnly');
    scope = actor.boardId;
  } else if (actor.kind === 'user' && actor.role === 'unit') {
    throw new ForbiddenError('error.statisticsForBoardsAndAdmins');
  }
  const period = q.period ?? periodOf(cycleYearAt(deps.now()));
  const [start] = period.split('-').map(Number);
  const years = [0, 1, 2, 3, 4].map((i) => start! + i);
  const { counters, labels } = await readStats(deps, scope, years);
  if (q.structure === 'today' && scope !== ALL_SCOPE) {
    // One Query of the organisation index, then one Query per board merged in (never a Scan).
    for (const merged of boardsMergedInto(await listBoards(deps), scope)) {
      const more = await readStats(deps, merged, years);
      for (const [year, sums] of more.counters) counters.set(year, addUp([counters.get(year) ?? {}, sums]));
      for (const [name, text] of Object.entries(more.labels)) labels[name] ??= text;
    }
  }
  return { q, scope, period, years, counters, labels };
}

/** An indicator's figures over several years: totals add up; the report count is unknown if any year lacks it. */
export function indicatorRollup(perYear: IndicatorFigure[][], labels: Record<string, string>): IndicatorFigure[] {
  const sums = new Map<string, { total: number; reports: number | undefined }>();
  for (const i of perYear.flat()) {
    const sum = sums.get(i.key);
    // A year from before the report count leaves the period's count unknown.
    const reports = sum && sum.reports === undefined ? undefined : i.reports === null ? undefined : (sum?.reports ?? 0) + i.reports;
    sums.set(i.key, { total: (sum?.total ?? 0) + i.total, reports });
  }
  return [...sums].map(([key, s]) => indicatorFigure(key, s.total, s.reports, labels));
}

/** A year's indicator figures from its counters. */
export function yearIndicators(counters: Record<string, number>, labels: Record<string, string>): IndicatorFigure[] {
  return Object.entries(counters)
    .filter(([name]) => name.startsWith('i|'))
    .map(([name, total]) => indicatorFigure(name.slice(2), total, counters[`r|${name.slice(2)}`], labels));
}

/**
 * Counts by year, status, area, kind and level, the registered -> recognized funnel,
 * replications, indicator totals and the five-year roll-up: read from counters only.
 */
export async function getStatistics(deps: Deps, actor: Actor, query: unknown) {
  const { q, scope, period, years, counters, labels } = await readScopedStats(deps, actor, query);
  const filter: StatsFilter & Pick<z.infer<typeof StatsQuerySchema>, 'areas' | 'kinds' | 'levels'> = {
    areas: q.areas,
    kinds: q.kinds,
    levels: q.levels,
  };
  const perYear = years.map((year) => yearStats(year, counters.get(year)!, filter, labels));
  const indicatorTotals = indicatorRollup(
    perYear.map((y) => y.indicators),
    labels,
  );
  return {
    scope,
    period,
    filter,
    years: perYear,
    // Over the period: events add up; statuses are each year's end state, so they are not summed.
    rollup: {
      funnel: addUp(perYear.map((y) => y.funnel)),
      byArea: addUp(perYear.map((y) => y.byArea)),
      byKind: addUp(perYear.map((y) => y.byKind)),
      byLevel: addUp(perYear.map((y) => y.byLevel)),
      recognizedByKind: addUp(perYear.map((y) => y.recognizedByKind)),
      indicators: indicatorTotals,
    },
  };
}
