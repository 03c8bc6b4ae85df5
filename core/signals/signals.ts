/**
 * Formalism signals (issue 3): facts that suggest a model may be run only on paper, shown to
 * the board during appraisal. They never decide anything; each carries the facts that made
 * it fire so the board can check them. Pure: the caller reads the data (model-signals.ts).
 */
import { normalizeText, similarityTo } from './text-similarity.ts';

/** Two reports whose word 3-shingles overlap at least this much (Jaccard) are "nearly identical". */
export const SIMILARITY_THRESHOLD = 0.8;
/** At most this many similar peers are listed (the most similar first): enough to act on. */
export const MAX_PEER_SIGNALS = 3;

const DAY_MS = 24 * 3600 * 1000;

export const SIGNAL_CODES = [
  'REPORT_OVERDUE',
  'INDICATOR_WITHOUT_TARGET',
  'OUTCOMES_UNCHANGED',
  'REPORT_SIMILAR_TO_LAST_YEAR',
  'REPORT_SIMILAR_TO_PEER',
  'NO_EVIDENCE',
] as const;
export type SignalCode = (typeof SIGNAL_CODES)[number];

export type Signal =
  /** The yearly report came (or is still missing) after its due date; a started day counts as a day. */
  | { code: 'REPORT_OVERDUE'; params: { dueAt: string; submittedAt?: string; daysLate: number } }
  /** Registered indicators whose target is null; `registered: 0` means nothing measurable was registered at all. */
  | { code: 'INDICATOR_WITHOUT_TARGET'; params: { indicators: string[]; registered: number } }
  /** Every indicator reported in both years has the same actual value as last year. */
  | { code: 'OUTCOMES_UNCHANGED'; params: { previousYear: number; indicators: { name: string; actual: number }[] } }
  /** `similarity` and `threshold` are whole percents. */
  | { code: 'REPORT_SIMILAR_TO_LAST_YEAR'; params: { previousYear: number; similarity: number; threshold: number } }
  | { code: 'REPORT_SIMILAR_TO_PEER'; params: { peerModelId: string; peerModelName?: string; similarity: number; threshold: number } }
  | { code: 'NO_EVIDENCE'; params: { evidenceCount: number } };

export type ReportFacts = { year: number; report: string; indicators: { name: string; actual: number }[]; submittedAt?: string };

export type SignalInput = {
  model: {
    id: string;
    cycleYear: number;
    indicators: { name: string; target: number | null }[];
    overdueStage?: string | null;
    evidenceCount?: number;
  };
  /** This cycle year's report, if submitted. */
  report?: ReportFacts;
  previousReport?: ReportFacts;
  /** Reports of other models of the same board and year (the model's own is skipped). */
  peerReports?: { modelId: string; report: string }[];
  /** This cycle year's YEARLY_REPORT task. */
  reportTask?: { status: 'PENDING' | 'DECIDED'; dueAt: string; overdue: boolean; decidedAt?: string };
  /** When the report step was first flagged overdue, i.e. its first due date: the task's dueAt moves on each re-open. */
  reportOverdueAt?: string;
  now: Date;
};

const percent = (ratio: number) => Math.floor(ratio * 100 + 1e-9);
const THRESHOLD_PERCENT = percent(SIMILARITY_THRESHOLD);

function reportOverdue({ model, report, reportTask: task, reportOverdueAt, now }: SignalInput): Signal | undefined {
  const flagged = task?.overdue === true || model.overdueStage === 'YEARLY_REPORT' || reportOverdueAt !== undefined;
  const dueAt = reportOverdueAt ?? task?.dueAt;
  if (!dueAt) return undefined;
  const submittedAt = report?.submittedAt ?? (task?.status === 'DECIDED' ? task.decidedAt : undefined);
  const lateMs = Date.parse(submittedAt ?? now.toISOString()) - Date.parse(dueAt);
  // Late but not flagged yet: the timeout fires a little after the due date.
  if (!flagged && !(lateMs > 0)) return undefined;
  return {
    code: 'REPORT_OVERDUE',
    params: { dueAt, ...(submittedAt ? { submittedAt } : {}), daysLate: Math.max(1, Math.ceil(lateMs / DAY_MS)) },
  };
}

function indicatorsWithoutTarget({ model }: SignalInput): Signal | undefined {
  const unmeasured = model.indicators.filter((i) => i.target === null).map((i) => i.name);
  if (model.indicators.length > 0 && unmeasured.length === 0) return undefined;
  return { code: 'INDICATOR_WITHOUT_TARGET', params: { indicators: unmeasured, registered: model.indicators.length } };
}

/** Indicators are matched by name, ignoring case and diacritics; at least one must be in both years. */
function outcomesUnchanged({ report, previousReport }: SignalInput): Signal | undefined {
  if (!report || !previousReport) return undefined;
  const before = new Map(previousReport.indicators.map((i) => [normalizeText(i.name), i.actual]));
  const common = report.indicators.filter((i) => before.has(normalizeText(i.name)));
  if (common.length === 0 || common.some((i) => before.get(normalizeText(i.name)) !== i.actual)) return undefined;
  return {
    code: 'OUTCOMES_UNCHANGED',
    params: { previousYear: previousReport.year, indicators: common.map(({ name, actual }) => ({ name, actual })) },
  };
}

function similarReports({ model, report, previousReport, peerReports = [] }: SignalInput): Signal[] {
  if (!report) return [];
  const similarity = similarityTo(report.report);
  const signals: Signal[] = [];
  const lastYear = previousReport ? similarity(previousReport.report) : undefined;
  if (previousReport && lastYear !== undefined && lastYear >= SIMILARITY_THRESHOLD) {
    signals.push({
      code: 'REPORT_SIMILAR_TO_LAST_YEAR',
      params: { previousYear: previousReport.year, similarity: percent(lastYear), threshold: THRESHOLD_PERCENT },
    });
  }
  const peers = peerReports
    .filter((peer) => peer.modelId !== model.id)
    .map((peer) => ({ peer, ratio: similarity(peer.report) }))
    .filter((p): p is { peer: typeof p.peer; ratio: number } => p.ratio !== undefined && p.ratio >= SIMILARITY_THRESHOLD)
    .sort((a, b) => b.ratio - a.ratio || a.peer.modelId.localeCompare(b.peer.modelId))
    .slice(0, MAX_PEER_SIGNALS);
  for (const { peer, ratio } of peers) {
    signals.push({
      code: 'REPORT_SIMILAR_TO_PEER',
      params: { peerModelId: peer.modelId, similarity: percent(ratio), threshold: THRESHOLD_PERCENT },
    });
  }
  return signals;
}

function noEvidence({ model }: SignalInput): Signal | undefined {
  const evidenceCount = model.evidenceCount ?? 0;
  return evidenceCount > 0 ? undefined : { code: 'NO_EVIDENCE', params: { evidenceCount } };
}

/** Every signal that fires for a model, in the order of SIGNAL_CODES. */
export function computeSignals(input: SignalInput): Signal[] {
  const fired = [
    reportOverdue(input),
    indicatorsWithoutTarget(input),
    outcomesUnchanged(input),
    ...similarReports(input),
    noEvidence(input),
  ];
  return fired.filter((s): s is Signal => s !== undefined);
}
