/**
 * The national review on AWS, which cannot run here: the quota simulation (quota-sim.ts) of
 * 300,000 models with the shipped review shape, the history of its largest part
 * (review-history.ts) and the open executions over a year (open-executions.ts), as printed
 * rows and targets. `npm run bench` feeds it what the local run measured; alone it takes the
 * review's transitions from the ASL:
 *
 *   npx tsx bench/national-review.ts [review transitions per model]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TIMEOUTS } from '../core/deps.ts';
import { REVIEW_ASL_PATH, REVIEW_SHAPE } from '../workflows/review-functions.ts';
import { openExecutionsOverYear, type ExecutionYear } from './open-executions.ts';
import {
  REGIONS,
  SDK_RETRY,
  TRANSITIONS_PER_CYCLE_START,
  simulateReview,
  transitionsPerRelease,
  type QuotaSimulation,
  type Quotas,
  type ReviewShape,
} from './quota-sim.ts';
import { countedStates, mapIterationRetry, reviewPartHistory, type PartHistory } from './review-history.ts';
import { fmt, mark } from './stats.ts';

export const NATIONAL = 300_000;
/**
 * Assumed on AWS for one batch attempt until its StartExecution calls (the design point): Step
 * Functions invoking a warm Lambda (~30 ms), its reads (~40 ms), StartExecution (~30 ms). The
 * simulation also prints 50, 150 and 300 ms beside it.
 */
export const AWS_RELEASE_MS = 100;
export const AWS_RELEASE_SENSITIVITY_MS = [50, 100, 150, 300];
/** A page's own steps (fetch, record progress, pass, choice) and a hand-over to the next part. */
export const AWS_PAGE_OVERHEAD_MS = 150;
export const AWS_PART_OVERHEAD_MS = 300;
export const NATIONAL_REVIEW_TARGET_SECONDS = 3600;
/**
 * Assumed: new registrations a year (a tenth of the running models), all still under review
 * when the review ends (an upper bound: registration closes about 25 October and its review is
 * due in 30 days).
 */
export const REGISTRATIONS_PER_YEAR = 30_000;
const DAY = 24 * 3600;

export type Target = { name: string; met: boolean; detail: string };
type Asl = Parameters<typeof countedStates>[0];

export const readReviewAsl = () => JSON.parse(readFileSync(fileURLToPath(REVIEW_ASL_PATH), 'utf8')) as Asl;

/** The review's own transitions per model from the ASL alone: a page's loop, one Map iteration per batch, a part's start and end. */
export function reviewTransitionsFromAsl(asl: Asl, shape = REVIEW_SHAPE): number {
  const states = countedStates(asl);
  const perPage = states.page.length + Math.ceil(shape.pageSize / shape.batchSize) * states.iteration.length;
  return (perPage + (states.start.length + states.end.length) / shape.pagesPerExecution) / shape.pageSize;
}

export function nationalReviewShape(
  asl: Asl,
  reviewTransitionsPerModel: number,
  transitionsPerCycleStart = TRANSITIONS_PER_CYCLE_START,
): ReviewShape {
  const states = countedStates(asl);
  return {
    concurrency: REVIEW_SHAPE.concurrency,
    pageSize: REVIEW_SHAPE.pageSize,
    batchSize: REVIEW_SHAPE.batchSize,
    pagesPerExecution: REVIEW_SHAPE.pagesPerExecution,
    reviewTransitionsPerModel,
    transitionsPerCycleStart,
    // The page loop's top-level states; a hand-over's ending plus the next part's first choice.
    transitionsPerPage: states.page.length,
    transitionsPerPart: states.end.length + 1,
    releaseMs: AWS_RELEASE_MS,
    pageOverheadMs: AWS_PAGE_OVERHEAD_MS,
    partOverheadMs: AWS_PART_OVERHEAD_MS,
    mapRetry: mapIterationRetry(asl),
  };
}

export type NationalReview = {
  shape: ReviewShape;
  regions: readonly Quotas[];
  sensitivity: { releaseMs: number; sims: QuotaSimulation[] }[];
  /** ap-southeast-1 at the design point: what the targets are about. */
  design: QuotaSimulation;
  atLocalSpeed?: { releaseMs: number; sims: QuotaSimulation[] };
  history: PartHistory;
  executionYear: ExecutionYear;
  openExecutions: ReturnType<typeof openExecutionsOverYear>;
  lines: string[];
  targets: Target[];
};

const minutes = (seconds: number) => `${fmt(seconds / 60)} min`;
const pct = (share: number) => `${fmt(share * 100)}%`;

export function nationalReview(
  input: {
    asl?: Asl;
    reviewTransitionsPerModel?: number;
    measuredTransitionsPerCycleStart?: number;
    localReleaseMs?: number;
    models?: number;
  } = {},
): NationalReview {
  const asl = input.asl ?? readReviewAsl();
  const models = input.models ?? NATIONAL;
  const fromAsl = input.reviewTransitionsPerModel === undefined;
  const shape = nationalReviewShape(asl, input.reviewTransitionsPerModel ?? reviewTransitionsFromAsl(asl));
  const [target] = REGIONS;
  const run = (releaseMs: number) => REGIONS.map((q) => simulateReview(models, { ...shape, releaseMs }, q));
  const sensitivity = AWS_RELEASE_SENSITIVITY_MS.map((releaseMs) => ({ releaseMs, sims: run(releaseMs) }));
  const design = sensitivity.find((s) => s.releaseMs === AWS_RELEASE_MS)!.sims[0]!;
  const atLocalSpeed = input.localReleaseMs ? { releaseMs: input.localReleaseMs, sims: run(input.localReleaseMs) } : undefined;
  // The largest part's history, with the most failed batch attempts any simulated part had.
  const retried = Math.max(...sensitivity.flatMap((s) => s.sims.map((sim) => sim.mostFailedBatchAttemptsInAPart)));
  const history = reviewPartHistory(asl, REVIEW_SHAPE, retried);
  const executionYear: ExecutionYear = {
    models,
    registrationsPerYear: REGISTRATIONS_PER_YEAR,
    registrationsUnderReview: REGISTRATIONS_PER_YEAR,
    registrationReviewDays: DEFAULT_TIMEOUTS.registrationReview / DAY,
    reviewToAppraisalDays: (DEFAULT_TIMEOUTS.yearlyReport + DEFAULT_TIMEOUTS.appraisal) / DAY,
  };
  const openExecutions = openExecutionsOverYear(executionYear, target!.openExecutions);

  const perCycle = shape.transitionsPerCycleStart ?? TRANSITIONS_PER_CYCLE_START;
  const measured =
    input.measuredTransitionsPerCycleStart === undefined ? '' : `; measured locally ${fmt(input.measuredTransitionsPerCycleStart, 2)}`;
  const quotaText = REGIONS.map(
    (q) =>
      `${q.region} StartExecution bucket ${fmt(q.startExecution.bucket, 0)} refill ${fmt(q.startExecution.refillPerSecond, 0)}/s, state transitions bucket ${fmt(q.transitions.bucket, 0)} refill ${fmt(q.transitions.refillPerSecond, 0)}/s`,
  ).join('; ');
  const retry = shape.mapRetry!;
  const cell = (sim: QuotaSimulation) =>
    `${minutes(sim.seconds)}, ${pct(sim.share)} of ${fmt(sim.allowedPerSecond)}/s, ${fmt(sim.throttled, 0)} (${fmt(sim.sdkRetries, 0)} / ${fmt(sim.failedBatchAttempts, 0)}), ${fmt(sim.failed, 0)}`;
  const row = (label: string, sims: QuotaSimulation[]) => `| ${label} | ${sims.map(cell).join(' | ')} |`;
  const year = (label: string, o: typeof openExecutions.newDesign, when: string) =>
    `| ${label} | ${fmt(o.peak, 0)} (${when}) | ${pct(o.peakShare)} | ${fmt(o.average, 0)} | ${fmt(o.daysOpenPerModel, 0)} |`;
  const lines = [
    `**Quota simulation: national review of ${fmt(models, 0)} models** (${quotaText}. Each model: one StartExecution of its cycle execution, which runs its first ${perCycle} transitions at once (TRANSITIONS_PER_CYCLE_START${measured}) beside the review's own ${fmt(shape.reviewTransitionsPerModel, 3)} per model (${fromAsl ? 'from the ASL' : 'as measured'}); pages of ${REVIEW_SHAPE.pageSize} in batches of ${REVIEW_SHAPE.batchSize}, ${REVIEW_SHAPE.concurrency} batches in flight, a new execution every ${REVIEW_SHAPE.pagesPerExecution} pages; page overhead ${AWS_PAGE_OVERHEAD_MS} ms, hand-over ${AWS_PART_OVERHEAD_MS} ms; a throttled StartExecution is retried by the SDK (${SDK_RETRY.maxAttempts} attempts, random × ${SDK_RETRY.throttlingBaseMs / 1000} s × 2^retry), then by the Map (${retry.intervalMs / 1000} s × ${retry.backoffRate}^retry ≤ ${retry.maxDelayMs / 1000} s, full jitter, ${retry.maxAttempts} retries) for the models left):`,
    '',
    `| ${target!.region}, ${AWS_RELEASE_MS} ms a batch (design point) | |`,
    '|---|---|',
    `| wall time | **${minutes(design.seconds)}** (${fmt(design.seconds, 0)} s; floor (${fmt(models, 0)} − ${fmt(target!.startExecution.bucket, 0)}) / ${fmt(target!.startExecution.refillPerSecond, 0)} = ${fmt(design.floorSeconds, 0)} s) |`,
    `| rate | ${fmt(design.achievedPerSecond)}/s of ${fmt(design.allowedPerSecond)}/s allowed (${pct(design.share)}), limited by ${design.limitedBy} |`,
    `| StartExecution throttled and retried | ${fmt(design.throttled, 0)} of ${fmt(design.startExecutionCalls, 0)} calls: ${fmt(design.sdkRetries, 0)} retried by the SDK, ${fmt(design.failedBatchAttempts, 0)} batch attempts retried by the Map; ${fmt(design.failed, 0)} models failed |`,
    `| state transitions | ${fmt(transitionsPerRelease(shape), 2)} per model: ${pct(design.transitionsShare)} of ${fmt(target!.transitions.refillPerSecond, 0)}/s; a cycle's first states wait ≤ ${fmt(design.longestTransitionDelayMs / 1000, 2)} s |`,
    `| executions (parts) | ${fmt(design.parts, 0)} |`,
    `| History of the largest review execution (from the ASL) | ${fmt(history.events, 0)} of ${fmt(history.limit, 0)} events (${fmt(history.perPage, 0)} a page, ${fmt(history.retriedAttempts, 0)} failed batch attempts) |`,
    `| open executions at the end | ${fmt(design.openExecutionsAtEnd, 0)} cycle executions waiting in AwaitYearlyReport (+ ≤ ${fmt(executionYear.registrationsUnderReview, 0)} registrations under review): ${pct((design.openExecutionsAtEnd + executionYear.registrationsUnderReview) / target!.openExecutions)} of ${fmt(target!.openExecutions, 0)} |`,
    '',
    `| a batch on AWS | ${REGIONS.map((q) => `${q.region}: wall time, of allowed, throttled (SDK / Map retries), failed`).join(' | ')} |`,
    `|---|${REGIONS.map(() => '---').join('|')}|`,
    ...sensitivity.map(({ releaseMs, sims }) => row(`${releaseMs} ms${releaseMs === AWS_RELEASE_MS ? ' (design point)' : ''}`, sims)),
    ...(atLocalSpeed ? [row(`${fmt(atLocalSpeed.releaseMs)} ms (as measured locally)`, atLocalSpeed.sims)] : []),
    '',
    `**Open executions over a year** (quota ${fmt(target!.openExecutions, 0)} per account and region; ${fmt(models, 0)} running models; ${fmt(executionYear.registrationsPerYear, 0)} registrations a year, each under review ≤ ${fmt(executionYear.registrationReviewDays, 0)} days; review to appraisal ${fmt(executionYear.reviewToAppraisalDays, 0)} days at the due dates):`,
    '',
    '| design | peak open | of the quota | open on an average day | days a year a model holds one |',
    '|---|---|---|---|---|',
    year('cycle execution started by the review (new)', openExecutions.newDesign, 'at the end of the review'),
    year('every running model all year (old)', openExecutions.oldDesign, 'all year'),
  ];
  const worstPart = Math.max(...sensitivity.flatMap((s) => s.sims.map((sim) => sim.parts)));
  const targets: Target[] = [
    {
      name: `National review of ${fmt(models, 0)} models under 1 h (${target!.region})`,
      met: design.seconds < NATIONAL_REVIEW_TARGET_SECONDS,
      detail: `${minutes(design.seconds)} at ${AWS_RELEASE_MS} ms a batch (floor ${minutes(design.floorSeconds)}); slowest of ${AWS_RELEASE_SENSITIVITY_MS.join('/')} ms: ${minutes(Math.max(...sensitivity.map((s) => s.sims[0]!.seconds)))}`,
    },
    {
      name: `Review ≥ 90% of the rate the ${target!.region} StartExecution quota allows`,
      met: design.share >= 0.9,
      detail: `${fmt(design.achievedPerSecond)}/s of ${fmt(design.allowedPerSecond)}/s (${pct(design.share)}, limited by ${design.limitedBy}); ${fmt(design.throttled, 0)} throttled calls retried, ${fmt(design.failed, 0)} models failed; batches in flight for 90% unthrottled: ${design.concurrencyFor90}`,
    },
    {
      name: 'Every review execution under the 25,000 history events of AWS',
      met: history.events < history.limit,
      detail: `${fmt(history.events, 0)} events in the largest part (${REVIEW_SHAPE.pagesPerExecution} pages of ${REVIEW_SHAPE.pageSize}, ${history.retriedAttempts} failed batch attempts); ${worstPart} parts for ${fmt(models, 0)} models`,
    },
  ];
  return { shape, regions: REGIONS, sensitivity, design, atLocalSpeed, history, executionYear, openExecutions, lines, targets };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const perModel = process.argv[2] ? Number(process.argv[2]) : undefined;
  const review = nationalReview({ reviewTransitionsPerModel: perModel });
  console.log([...review.lines, '', ...review.targets.map((t) => `- ${t.name}: ${mark(t.met)} — ${t.detail}`)].join('\n'));
}
