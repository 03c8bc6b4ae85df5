import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { STOP_REASONS } from '../model.ts';
import { sumBy } from '../stats.ts';
import { mostReplicatedEntries, type ReplicatedEntry } from '../store/catalogue-store.ts';
import { ALL_SCOPE } from '../store/stats-store.ts';
import { listBoards, unitNames } from '../store/org-store.ts';
import { boardsMergedInto } from './unit-changes.ts';
import { indicatorRollup, readScopedStats, yearIndicators, type IndicatorFigure } from './statistics.ts';

/** What the five-year summary (tổng kết giai đoạn) counts each year. */
export const SUMMARY_EVENTS = ['REGISTERED', 'RECOGNIZED', 'REPLICATED', 'STOPPED'] as const;
export type SummaryEvent = (typeof SUMMARY_EVENTS)[number];
/** Stops counted before stop reasons were: the stops a reason does not account for. */
export const UNRECORDED_REASON = 'UNRECORDED';

export type EventBreakdown = {
  total: number;
  byArea: Record<string, number>;
  byKind: Record<string, number>;
  byLevel: Record<string, number>;
};
export type SummaryYear = { year: number; events: Record<SummaryEvent, EventBreakdown>; stopReasons: Record<string, number> };

function breakdown(counters: Record<string, number>, event: SummaryEvent): EventBreakdown {
  const only = Object.fromEntries(Object.entries(counters).filter(([n]) => n.startsWith(`e|${event}|`)));
  return {
    total: sumBy(only, 'e')[event] ?? 0,
    byArea: sumBy(only, 'e', {}, 1),
    byKind: sumBy(only, 'e', {}, 2),
    byLevel: sumBy(only, 'e', {}, 3),
  };
}

function stopReasons(counters: Record<string, number>, stopped: number): Record<string, number> {
  const byReason = sumBy(counters, 's');
  const out: Record<string, number> = Object.fromEntries(STOP_REASONS.map((r) => [r, byReason[r] ?? 0]));
  const unrecorded = stopped - STOP_REASONS.reduce((n, r) => n + (out[r] ?? 0), 0);
  if (unrecorded > 0) out[UNRECORDED_REASON] = unrecorded;
  return out;
}

const addBreakdowns = (a: EventBreakdown, b: EventBreakdown): EventBreakdown => {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return { total: a.total + b.total, byArea: add(a.byArea, b.byArea), byKind: add(a.byKind, b.byKind), byLevel: add(a.byLevel, b.byLevel) };
};

export type PeriodSummary = {
  scope: string;
  period: string;
  structure: 'recorded' | 'today';
  years: SummaryYear[];
  total: Omit<SummaryYear, 'year'>;
  indicators: IndicatorFigure[];
  mostReplicated: (ReplicatedEntry & { unitName: string })[];
};

/**
 * The five-year summary of a board (or ALL): per year registered, recognized, replicated and
 * stopped (with reasons) by area, kind and level, the indicator totals and the most replicated
 * models. Read from the statistics counters (one Query per board) and the catalogue listing.
 */
export async function periodSummary(deps: Deps, actor: Actor, query: unknown): Promise<PeriodSummary> {
  const { q, scope, period, years, counters, labels } = await readScopedStats(deps, actor, query);
  const perYear: SummaryYear[] = years.map((year) => {
    const c = counters.get(year) ?? {};
    const events = Object.fromEntries(SUMMARY_EVENTS.map((e) => [e, breakdown(c, e)])) as Record<SummaryEvent, EventBreakdown>;
    return { year, events, stopReasons: stopReasons(c, events.STOPPED.total) };
  });
  const empty: EventBreakdown = { total: 0, byArea: {}, byKind: {}, byLevel: {} };
  const totalEvents = Object.fromEntries(
    SUMMARY_EVENTS.map((e) => [e, perYear.reduce((sum, y) => addBreakdowns(sum, y.events[e]), empty)]),
  ) as Record<SummaryEvent, EventBreakdown>;
  const totalReasons: Record<string, number> = {};
  for (const y of perYear) for (const [r, n] of Object.entries(y.stopReasons)) totalReasons[r] = (totalReasons[r] ?? 0) + n;
  const boards =
    scope === ALL_SCOPE ? undefined : [scope, ...(q.structure === 'today' ? boardsMergedInto(await listBoards(deps), scope) : [])];
  const replicated = await mostReplicatedEntries(deps, boards, 10);
  const names = await unitNames(
    deps,
    replicated.map((r) => r.unitId),
  );
  return {
    scope,
    period,
    structure: q.structure ?? 'recorded',
    years: perYear,
    total: { events: totalEvents, stopReasons: totalReasons },
    indicators: indicatorRollup(
      years.map((year) => yearIndicators(counters.get(year) ?? {}, labels)),
      labels,
    ),
    mostReplicated: replicated.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? r.unitId })),
  };
}
