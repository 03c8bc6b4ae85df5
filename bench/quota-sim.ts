/**
 * The yearly review against the Step Functions quotas of a region (pure). Between its appraisal
 * and the next review a model holds no open execution: the review pages through the models
 * waiting and its batch Lambda calls StartExecution for each model's cycle execution, which
 * runs its first states at once (Start, OpenYearlyReport, AwaitYearlyReport) and parks.
 *
 * A token-bucket simulation of StartExecution and of state transitions, driven by the review's
 * Map (bounded concurrency over the batches of a page). Transitions are one bucket shared by the
 * review's own states and the started executions' first states: a transition past the bucket
 * is delayed (served in order at the refill rate), not refused. A StartExecution past its
 * bucket is refused (ThrottlingException): the SDK in the batch Lambda retries it, and when the
 * SDK gives up the batch throws TransientError, which the Map iteration's Retry retries (backoff
 * and full jitter) for the models left; after its last retry the Catch counts them failed.
 */
export type TokenBucket = { bucket: number; refillPerSecond: number };
export type Quotas = {
  region: string;
  startExecution: TokenBucket;
  transitions: TokenBucket;
  /** Open executions per account and region (not a rate: printed beside the review). */
  openExecutions: number;
};

/** ap-southeast-1 (the target) is not one of the three largest regions: the smaller defaults apply. */
export const AP_SOUTHEAST_1: Quotas = {
  region: 'ap-southeast-1',
  startExecution: { bucket: 800, refillPerSecond: 150 },
  transitions: { bucket: 800, refillPerSecond: 800 },
  openExecutions: 1_000_000,
};
/** us-east-1, us-west-2, eu-west-1. */
export const US_EAST_1: Quotas = {
  region: 'us-east-1',
  startExecution: { bucket: 1300, refillPerSecond: 300 },
  transitions: { bucket: 5000, refillPerSecond: 5000 },
  openExecutions: 1_000_000,
};
export const REGIONS: readonly Quotas[] = [AP_SOUTHEAST_1, US_EAST_1];

/**
 * State transitions a started cycle execution makes before it parks: entering the Start choice,
 * the OpenYearlyReport Lambda task (IMPLEMENTING → REPORTING), the AwaitYearlyReport callback
 * task. ExecutionStarted is an event, not a transition. Adjust if the lifecycle's first states change.
 */
export const TRANSITIONS_PER_CYCLE_START = 3;

/**
 * The AWS SDK for JavaScript v3 in the batch Lambda (`new SFNClient({})`: standard mode, as
 * installed, @smithy/core's 2026 retry settings): 3 attempts; a throttled attempt waits
 * random × min(20 s, 1 s × 2^retry); one retry capacity of 500 per client (one client per warm
 * Lambda environment), a throttled retry costs 5, a success gives back 1 (or its retry's cost).
 */
export const SDK_RETRY = {
  maxAttempts: 3,
  throttlingBaseMs: 1000,
  maxDelayMs: 20_000,
  capacity: 500,
  throttlingCost: 5,
  noRetryIncrement: 1,
};
export type SdkRetry = typeof SDK_RETRY;
/** The Map iteration's Retry on TransientError (yearly-review.asl.json; run.ts reads it off the ASL). */
export const MAP_RETRY = { intervalMs: 1000, backoffRate: 2, maxDelayMs: 30_000, maxAttempts: 6 };
export type MapRetry = typeof MAP_RETRY;

export type ReviewShape = {
  /** Map concurrency (REVIEW_SHAPE.concurrency; at most 40 for an inline Map on AWS). */
  concurrency: number;
  pageSize: number;
  /** Models one Map iteration starts at once (REVIEW_SHAPE.batchSize; 1 if absent). */
  batchSize?: number;
  /**
   * The review's own transitions per model, as measured: its Map iteration per batch and its page
   * and hand-over steps amortized. The page's and hand-over's are charged when they run, the rest
   * with each batch.
   */
  reviewTransitionsPerModel: number;
  /** Transitions each started cycle execution makes before it parks (default TRANSITIONS_PER_CYCLE_START). */
  transitionsPerCycleStart?: number;
  /** Top-level transitions per page (fetch, map, record progress, next page, has more). */
  transitionsPerPage: number;
  /** One batch attempt until its StartExecution calls (made at once), Lambda invocation included (ms). */
  releaseMs: number;
  /** A page's own steps: fetch the page and record progress (ms). */
  pageOverheadMs: number;
  /** Pages per execution, then the review goes on in a new one (REVIEW_SHAPE.pagesPerExecution). */
  pagesPerExecution?: number;
  /** Handing over to the next execution (a StartExecution too): its time and transitions. */
  partOverheadMs?: number;
  transitionsPerPart?: number;
  sdkRetry?: SdkRetry;
  mapRetry?: MapRetry;
};

export type QuotaSimulation = {
  region: string;
  models: number;
  /** Cycle executions started; each waits in AwaitYearlyReport when the review ends. */
  released: number;
  /** Models whose batch ran out of Map retries (counted failed; they keep waiting for the board). */
  failed: number;
  seconds: number;
  /** The fastest the StartExecution bucket allows: (models − bucket) / refill. */
  floorSeconds: number;
  achievedPerSecond: number;
  /** What the quotas allow: min(StartExecution refill, transitions refill / transitions per model). */
  allowedPerSecond: number;
  share: number;
  startExecutionCalls: number;
  /** StartExecution calls refused by the bucket (each one retried, by the SDK or the Map, or given up). */
  throttled: number;
  sdkRetries: number;
  /** Batch attempts that ended in TransientError (each writes a failed task attempt to the part's history). */
  failedBatchAttempts: number;
  /** Review executions, and the most failed batch attempts in any one of them. */
  parts: number;
  mostFailedBatchAttemptsInAPart: number;
  /** Open executions when the review ends: the models started (the review's last part has ended). */
  openExecutionsAtEnd: number;
  /** Share of the transition quota the review and its started executions used over the review. */
  transitionsShare: number;
  /** The longest a started execution's first transitions waited for the transition bucket (ms). */
  longestTransitionDelayMs: number;
  limitedBy: 'concurrency' | 'StartExecution' | 'state transitions';
  /** Map concurrency that would keep 90% of the allowed rate unthrottled at this release time. */
  concurrencyFor90: number;
};

class Bucket {
  private tokens: number;
  private at = 0;
  private size: number;
  private refill: number;
  constructor(size: number, refill: number) {
    this.size = size;
    this.refill = refill;
    this.tokens = size;
  }
  private advance(now: number) {
    this.tokens = Math.min(this.size, this.tokens + (Math.max(0, now - this.at) / 1000) * this.refill);
    this.at = Math.max(this.at, now);
  }
  /** An API call: refused when the bucket holds less than `n`. */
  take(now: number, n: number): boolean {
    this.advance(now);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
  /** State transitions: always taken, delayed while the bucket is in debt; returns when they are served. */
  consume(now: number, n: number): number {
    if (n <= 0) return now;
    this.advance(now);
    this.tokens -= n;
    return this.tokens >= 0 ? now : Math.max(now, this.at) + (-this.tokens / this.refill) * 1000;
  }
  /** When `n` tokens will be there (for a hand-over StartExecution, retried until it goes). */
  availableAt(now: number, n: number): number {
    this.advance(now);
    return this.tokens >= n ? now : Math.max(now, this.at) + ((n - this.tokens) / this.refill) * 1000;
  }
}

/** A deterministic pseudo-random source, so the same inputs print the same numbers. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A min-heap of events by time (ties: first pushed first). */
class Events<T extends { at: number }> {
  private heap: { e: T; seq: number }[] = [];
  private seq = 0;
  get size() {
    return this.heap.length;
  }
  private less(a: number, b: number) {
    const [x, y] = [this.heap[a]!, this.heap[b]!];
    return x.e.at < y.e.at || (x.e.at === y.e.at && x.seq < y.seq);
  }
  push(e: T) {
    const h = this.heap;
    h.push({ e, seq: this.seq++ });
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): T {
    const h = this.heap;
    const top = h[0]!.e;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < h.length && this.less(l, m)) m = l;
        if (r < h.length && this.less(r, m)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Map iterations a full page takes: one per batch. */
const batchesPerPage = (shape: ReviewShape) => Math.ceil(shape.pageSize / (shape.batchSize ?? 1));

/** Smallest Map concurrency whose unthrottled rate reaches `rate` per second (Infinity if page overhead alone prevents it). */
function concurrencyFor(rate: number, shape: ReviewShape): number {
  // A page takes ceil(batches / c) rounds of releaseMs, plus pageOverheadMs; the rate is pageSize over that.
  const rounds = Math.floor(((shape.pageSize * 1000) / rate - shape.pageOverheadMs) / shape.releaseMs);
  return rounds >= 1 ? Math.ceil(batchesPerPage(shape) / rounds) : Infinity;
}

/** Transitions per released model on AWS: the review's own plus the started execution's first states. */
export const transitionsPerRelease = (shape: ReviewShape) =>
  shape.reviewTransitionsPerModel + (shape.transitionsPerCycleStart ?? TRANSITIONS_PER_CYCLE_START);

export function allowedPerSecond(shape: ReviewShape, quotas: Quotas): number {
  return Math.min(quotas.startExecution.refillPerSecond, quotas.transitions.refillPerSecond / transitionsPerRelease(shape));
}

type Attempt = { slot: number; models: number; mapRetries: number; outstanding: number; left: number; endAt: number };
type Event =
  | { at: number; kind: 'start'; slot: number; models: number; mapRetries: number }
  | { at: number; kind: 'call'; attempt: Attempt; sdkTry: number };

export function simulateReview(models: number, shape: ReviewShape, quotas: Quotas = AP_SOUTHEAST_1): QuotaSimulation {
  const starts = new Bucket(quotas.startExecution.bucket, quotas.startExecution.refillPerSecond);
  const transitions = new Bucket(quotas.transitions.bucket, quotas.transitions.refillPerSecond);
  const sdk = shape.sdkRetry ?? SDK_RETRY;
  const mapRetry = shape.mapRetry ?? MAP_RETRY;
  const perCycleStart = shape.transitionsPerCycleStart ?? TRANSITIONS_PER_CYCLE_START;
  const batchSize = shape.batchSize ?? 1;
  const rand = random(42);
  // What a batch's Map iteration costs per model: the measured total less the page and hand-over steps charged on their own.
  const amortized =
    shape.transitionsPerPage / shape.pageSize +
    (shape.pagesPerExecution ? (shape.transitionsPerPart ?? 0) / (shape.pageSize * shape.pagesPerExecution) : 0);
  const perModelInBatch = Math.max(0, shape.reviewTransitionsPerModel - amortized);
  // One SDK client per warm Lambda environment: one per batch in flight, reused by the next batch.
  const capacity = Array.from({ length: shape.concurrency }, () => sdk.capacity);
  let now = 0;
  let [released, failed, calls, throttled, sdkRetries, failedAttempts, transitionsUsed, longestDelay, reviewWaited] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0,
  ];
  const failedPerPart: number[] = [];
  let part = 0;

  for (let first = 0, page = 0; first < models; first += shape.pageSize, page++) {
    if (page > 0 && shape.pagesPerExecution && page % shape.pagesPerExecution === 0) {
      // The hand-over: StartExecution of the next part (retried until a token is there), its first steps.
      now = starts.availableAt(now + (shape.partOverheadMs ?? 0), 1);
      starts.take(now, 1);
      calls++;
      transitionsUsed += shape.transitionsPerPart ?? 0;
      now = transitions.consume(now, shape.transitionsPerPart ?? 0);
      part++;
    }
    failedPerPart[part] ??= 0;
    now += shape.pageOverheadMs;
    transitionsUsed += shape.transitionsPerPage;
    now = transitions.consume(now, shape.transitionsPerPage);
    const items = Math.min(shape.pageSize, models - first);
    const batches = Math.ceil(items / batchSize);
    const events = new Events<Event>();
    let started = 0;
    let end = now;
    const startNext = (slot: number, at: number) => {
      if (started >= batches) return;
      events.push({ at, kind: 'start', slot, models: Math.min(batchSize, items - started * batchSize), mapRetries: 0 });
      started++;
    };
    for (let slot = 0; slot < Math.min(shape.concurrency, batches); slot++) startNext(slot, now);
    while (events.size) {
      const e = events.pop();
      if (e.kind === 'start') {
        // The Map iteration's own transitions, then the Lambda's reads and its StartExecution calls, at once.
        const own = perModelInBatch * e.models;
        transitionsUsed += own;
        const served = transitions.consume(e.at, own);
        reviewWaited += served - e.at;
        const at = served + shape.releaseMs;
        const attempt: Attempt = { slot: e.slot, models: e.models, mapRetries: e.mapRetries, outstanding: e.models, left: 0, endAt: at };
        for (let m = 0; m < e.models; m++) events.push({ at, kind: 'call', attempt, sdkTry: 0 });
        continue;
      }
      const { attempt, sdkTry } = e;
      calls++;
      if (starts.take(e.at, 1)) {
        released++;
        transitionsUsed += perCycleStart;
        longestDelay = Math.max(longestDelay, transitions.consume(e.at, perCycleStart) - e.at);
        capacity[attempt.slot] = Math.min(sdk.capacity, capacity[attempt.slot]! + (sdkTry > 0 ? sdk.throttlingCost : sdk.noRetryIncrement));
      } else {
        throttled++;
        if (sdkTry + 1 < sdk.maxAttempts && capacity[attempt.slot]! >= sdk.throttlingCost) {
          capacity[attempt.slot]! -= sdk.throttlingCost;
          sdkRetries++;
          events.push({
            at: e.at + Math.floor(rand() * Math.min(sdk.maxDelayMs, sdk.throttlingBaseMs * 2 ** sdkTry)),
            kind: 'call',
            attempt,
            sdkTry: sdkTry + 1,
          });
          continue;
        }
        attempt.left++;
      }
      // The Lambda waits for all its calls (allSettled), then returns or throws TransientError.
      attempt.endAt = Math.max(attempt.endAt, e.at);
      if (--attempt.outstanding > 0) continue;
      if (attempt.left === 0) {
        end = Math.max(end, attempt.endAt);
        startNext(attempt.slot, attempt.endAt);
        continue;
      }
      failedAttempts++;
      failedPerPart[part]!++;
      if (attempt.mapRetries < mapRetry.maxAttempts) {
        // The Map's Retry: the batch runs again for the models left (those started are skipped).
        const delay = rand() * Math.min(mapRetry.maxDelayMs, mapRetry.intervalMs * mapRetry.backoffRate ** attempt.mapRetries);
        events.push({
          at: attempt.endAt + delay,
          kind: 'start',
          slot: attempt.slot,
          models: attempt.left,
          mapRetries: attempt.mapRetries + 1,
        });
      } else {
        failed += attempt.left; // Catch → ReleaseFailed: counted failed, they keep waiting
        end = Math.max(end, attempt.endAt);
        startNext(attempt.slot, attempt.endAt);
      }
    }
    now = end;
  }

  const seconds = now / 1000;
  const allowed = allowedPerSecond(shape, quotas);
  const achieved = models / seconds;
  // Without quotas: a page takes ceil(batches / concurrency) rounds of releaseMs, plus its own steps.
  const unthrottled =
    (shape.pageSize * 1000) / (Math.ceil(batchesPerPage(shape) / shape.concurrency) * shape.releaseMs + shape.pageOverheadMs);
  const startBound = quotas.startExecution.refillPerSecond <= quotas.transitions.refillPerSecond / transitionsPerRelease(shape);
  return {
    region: quotas.region,
    models,
    released,
    failed,
    seconds: Math.round(seconds),
    floorSeconds: Math.round(Math.max(0, models - quotas.startExecution.bucket) / quotas.startExecution.refillPerSecond),
    achievedPerSecond: Math.round(achieved * 10) / 10,
    allowedPerSecond: Math.round(allowed * 10) / 10,
    share: Math.round((achieved / allowed) * 1000) / 1000,
    startExecutionCalls: calls,
    throttled,
    sdkRetries,
    failedBatchAttempts: failedAttempts,
    parts: part + 1,
    mostFailedBatchAttemptsInAPart: Math.max(0, ...failedPerPart),
    openExecutionsAtEnd: released,
    transitionsShare: Math.round((transitionsUsed / (seconds * quotas.transitions.refillPerSecond)) * 1000) / 1000,
    longestTransitionDelayMs: Math.round(longestDelay),
    limitedBy:
      unthrottled < allowed || (throttled === 0 && reviewWaited === 0)
        ? 'concurrency'
        : startBound
          ? 'StartExecution'
          : 'state transitions',
    concurrencyFor90: concurrencyFor(0.9 * allowed, shape),
  };
}
