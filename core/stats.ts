import { createHash } from 'node:crypto';
import type { Model, ModelStatus } from './model.ts';
import { normalizeSearchText } from './search-text.ts';

/**
 * Dashboard counters, kept in the same transaction as every transition so reports never
 * scan. Each counter is an attribute of a small item per scope (a board, and ALL) and
 * cycle year, sharded by model so concurrent transitions rarely touch the same item:
 *   n|STATUS|AREA|KIND|LEVEL   models currently in STATUS in that cycle year
 *   e|EVENT|AREA|KIND|LEVEL    cumulative events: REGISTERED, ACCEPTED, RECOGNIZED, STOPPED, REPLICATED
 *   i|UNIT|INDICATOR           sum of reported indicator values
 *   r|UNIT|INDICATOR           how many reports gave a value (to average rates)
 *   s|REASON|AREA|KIND|LEVEL   stops by reason (counted since this counter exists; earlier stops have none)
 * and one string attribute per indicator, written once: t|UNIT|INDICATOR, the name as first typed.
 */
export const STATS_SHARDS = 8;
export const FUNNEL_EVENTS = ['REGISTERED', 'ACCEPTED', 'RECOGNIZED', 'STOPPED', 'REPLICATED'] as const;
export type FunnelEvent = (typeof FUNNEL_EVENTS)[number];

export const statsShard = (modelId: string) => createHash('sha1').update(modelId).digest()[0]! % STATS_SHARDS;
const dims = (model: Pick<Model, 'area' | 'kind' | 'targetLevel'>) => `${model.area}|${model.kind}|${model.targetLevel ?? 'COMMUNE'}`;

/** The counter that holds a model while it is in `status` in its cycle year (`n|STATUS|AREA|KIND|LEVEL`). */
export const statusCounter = (model: Pick<Model, 'area' | 'kind' | 'targetLevel'>, status: ModelStatus) => `n|${status}|${dims(model)}`;

/** Indicator names are totalled across models by their search text: case, marks and punctuation ignored. */
export const normalizeIndicatorName = normalizeSearchText;

/** The counter key of an indicator: its unit as typed and its name's search text. */
export const indicatorKey = (indicator: { unit: string; name: string }) =>
  `${indicator.unit.trim().replaceAll('|', '/')}|${normalizeIndicatorName(indicator.name)}`;

/** The names as typed, by counter key (`t|UNIT|INDICATOR`), shown instead of the search text. */
export const indicatorLabels = (indicators: { unit: string; name: string }[] = []): Record<string, string> =>
  Object.fromEntries(indicators.map((i) => [`t|${indicatorKey(i)}`, i.name.trim()]));

/**
 * How values of a unit add up across models: a rate ("%", "tỷ lệ") is averaged over the reports,
 * anything else (households, km, million đồng) is summed.
 */
export const aggregationOf = (unit: string): 'SUM' | 'AVERAGE' => {
  const u = normalizeSearchText(unit);
  return unit.includes('%') || /\b(ty le|phan tram|percent|rate)\b/.test(u) ? 'AVERAGE' : 'SUM';
};

/** The counter deltas of one transition, per cycle year. */
export function transitionDeltas(
  model: Pick<Model, 'area' | 'kind' | 'targetLevel' | 'cycleYear' | 'sourceModelId'>,
  from: ModelStatus | undefined,
  to: ModelStatus,
  options: { nextYear?: number; indicators?: { name: string; unit: string; actual: number }[]; stopReason?: string } = {},
): Map<number, Record<string, number>> {
  const byYear = new Map<number, Record<string, number>>();
  const add = (year: number, key: string, n: number) => {
    const deltas = byYear.get(year) ?? {};
    deltas[key] = (deltas[key] ?? 0) + n;
    byYear.set(year, deltas);
  };
  const d = dims(model);
  const year = model.cycleYear;
  if (options.nextYear) {
    // A new cycle: the old year keeps its final status; the model counts again in the new year.
    add(options.nextYear, `n|${to}|${d}`, 1);
    return byYear;
  }
  if (from && from !== 'DRAFT') add(year, `n|${from}|${d}`, -1);
  if (to !== 'DRAFT') add(year, `n|${to}|${d}`, 1);
  const event: FunnelEvent | undefined =
    from === 'DRAFT' && to === 'SUBMITTED'
      ? 'REGISTERED'
      : to === 'IMPLEMENTING' && from === 'SUBMITTED'
        ? 'ACCEPTED'
        : to === 'RECOGNIZED'
          ? 'RECOGNIZED'
          : to === 'STOPPED'
            ? 'STOPPED'
            : undefined;
  if (event) add(year, `e|${event}|${d}`, 1);
  if (event === 'STOPPED' && options.stopReason) add(year, `s|${options.stopReason}|${d}`, 1);
  if (event === 'REGISTERED' && model.sourceModelId) add(year, `e|REPLICATED|${d}`, 1);
  for (const indicator of options.indicators ?? []) {
    add(year, `i|${indicatorKey(indicator)}`, indicator.actual);
    add(year, `r|${indicatorKey(indicator)}`, 1);
  }
  return byYear;
}

export type StatsFilter = { areas?: string[]; kinds?: string[]; levels?: string[] };

/** Sums counters of the form prefix|KEY|AREA|KIND|LEVEL by KEY, over the dimensions the filter keeps. */
export function sumBy(
  counters: Record<string, number>,
  prefix: 'n' | 'e' | 's',
  filter: StatsFilter = {},
  by: 0 | 1 | 2 | 3 = 0,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counters)) {
    const [p, key, area, kind, level] = name.split('|');
    if (p !== prefix) continue;
    if (filter.areas?.length && !filter.areas.includes(area!)) continue;
    if (filter.kinds?.length && !filter.kinds.includes(kind!)) continue;
    if (filter.levels?.length && !filter.levels.includes(level!)) continue;
    const group = [key, area, kind, level][by]!;
    out[group] = (out[group] ?? 0) + value;
  }
  return out;
}

/**
 * The counters of a model imported at the status it had reached: registered (and accepted,
 * unless it still waits for review) in its registration year, recognized or stopped in the year
 * the row names, and running in the year of the review it waits for. A model imported as
 * registered counts nothing here: its registration, submitted by the workflow, does.
 */
export function importDeltas(
  model: Pick<Model, 'area' | 'kind' | 'targetLevel' | 'status'>,
  plan: { status: string; registration: { year: number }; recognition?: { year: number }; stop?: { year: number; reason?: string } },
  restsUntil: number | undefined,
): Map<number, Record<string, number>> {
  const byYear = new Map<number, Record<string, number>>();
  const add = (year: number, key: string) => {
    const deltas = byYear.get(year) ?? {};
    deltas[key] = (deltas[key] ?? 0) + 1;
    byYear.set(year, deltas);
  };
  if (plan.status === 'REGISTERED') return byYear;
  const d = dims(model);
  add(plan.registration.year, `e|REGISTERED|${d}`);
  add(plan.registration.year, `e|ACCEPTED|${d}`);
  if (plan.recognition) {
    add(plan.recognition.year, `e|RECOGNIZED|${d}`);
    add(plan.recognition.year, `n|RECOGNIZED|${d}`);
  }
  if (plan.stop) {
    add(plan.stop.year, `e|STOPPED|${d}`);
    if (plan.stop.reason) add(plan.stop.year, `s|${plan.stop.reason}|${d}`);
    add(plan.stop.year, `n|STOPPED|${d}`);
  }
  if (restsUntil !== undefined) add(restsUntil, `n|IMPLEMENTING|${d}`);
  return byYear;
}
