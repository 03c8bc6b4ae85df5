/**
 * The yearly review against the Step Functions quotas of a region (pure): a token-bucket
 * simulation of SendTaskSuccess and state transitions, driven by the review's Map (bounded
 * concurrency over batches of a page of `pageSize`) and what releasing one model costs. A
 * throttled call is retried as the ASL retries it (1 s, backoff 2, full jitter).
 */
export type Quotas = { sendTaskSuccess: { bucket: number; refillPerSecond: number }; transitions: { bucket: number; refillPerSecond: number } };

/** ap-southeast-1 is not one of the three largest regions: the smaller defaults apply. */
export const AP_SOUTHEAST_1: Quotas = { sendTaskSuccess: { bucket: 1500, refillPerSecond: 300 }, transitions: { bucket: 800, refillPerSecond: 800 } };

export type ReviewShape = {
  /** Map concurrency (REVIEW_SHAPE.concurrency; at most 40 for an inline Map on AWS). */
  concurrency: number;
  pageSize: number;
  /** Models one Map iteration releases at once (REVIEW_SHAPE.batchSize; 1 if absent). */
  batchSize?: number;
  /** Transitions per released model: the Map iteration plus the lifecycle steps the release moves. */
  transitionsPerModel: number;
  /** Top-level transitions per page (fetch, map, record progress, next page, has more). */
  transitionsPerPage: number;
  /** One release (a batch's releases run at once), Lambda invocation included (ms). */
  releaseMs: number;
  /** A page's own steps: fetch the page and record progress (ms). */
  pageOverheadMs: number;
  /** Pages per execution, then the review goes on in a new one (REVIEW_SHAPE.pagesPerExecution). */
  pagesPerExecution?: number;
  /** Handing over to the next execution: StartExecution and its first steps (ms, transitions). */
  partOverheadMs?: number;
  transitionsPerPart?: number;
};
export type QuotaSimulation = {
  models: number;
  seconds: number;
  achievedPerSecond: number;
  /** What the quotas allow for this shape: min(SendTaskSuccess refill, transitions refill / transitions per model). */
  allowedPerSecond: number;
  share: number;
  throttled: number;
  limitedBy: 'concurrency' | 'quotas';
  /** Map concurrency that would keep 90% of the allowed rate at this release time. */
  concurrencyFor90: number;
};

class Bucket {
  private tokens: number;
  private at = 0;
  constructor(private size: number, private refill: number) {
    this.tokens = size;
  }
  /** Calls come in time order (the simulation pops the earliest attempt first). */
  take(now: number, n: number): boolean {
    this.tokens = Math.min(this.size, this.tokens + (Math.max(0, now - this.at) / 1000) * this.refill);
    this.at = Math.max(this.at, now);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** A deterministic pseudo-random source, so the same inputs print the same numbers. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Map iterations a full page takes: one per batch. */
const batchesPerPage = (shape: ReviewShape) => Math.ceil(shape.pageSize / (shape.batchSize ?? 1));

/** Smallest Map concurrency whose unthrottled rate reaches `rate` per second (Infinity if page overhead alone prevents it). */
function concurrencyFor(rate: number, shape: ReviewShape): number {
  // A page takes ceil(batches / c) rounds of releaseMs, plus pageOverheadMs; the rate is pageSize over that.
  const rounds = Math.floor(((shape.pageSize * 1000) / rate - shape.pageOverheadMs) / shape.releaseMs);
  return rounds >= 1 ? Math.ceil(batchesPerPage(shape) / rounds) : Infinity;
}

export function simulateReview(models: number, shape: ReviewShape, quotas: Quotas = AP_SOUTHEAST_1): QuotaSimulation {
  const sts = new Bucket(quotas.sendTaskSuccess.bucket, quotas.sendTaskSuccess.refillPerSecond);
  const transitions = new Bucket(quotas.transitions.bucket, quotas.transitions.refillPerSecond);
  const rand = random(42);
  let now = 0;
  let throttled = 0;
  for (let first = 0, page = 0; first < models; first += shape.pageSize, page++) {
    if (page > 0 && shape.pagesPerExecution && page % shape.pagesPerExecution === 0) {
      now += shape.partOverheadMs ?? 0;
      while (!transitions.take(now, shape.transitionsPerPart ?? 0)) now += 1;
    }
    now += shape.pageOverheadMs;
    while (!transitions.take(now, shape.transitionsPerPage)) now += 1;
    const items = Math.min(shape.pageSize, models - first);
    const batchSize = shape.batchSize ?? 1;
    const batches = Math.ceil(items / batchSize);
    // The Map keeps `concurrency` batches in flight. A batch ends with one SendTaskSuccess per
    // model and the transitions each causes; if any is throttled, the batch is retried for the
    // rest. The earliest pending attempt is always taken first.
    const pending: { at: number; retries: number; models: number }[] = [];
    let started = 0;
    const startNext = (at: number) => {
      if (started < batches) {
        pending.push({ at: at + shape.releaseMs, retries: 0, models: Math.min(batchSize, items - started * batchSize) });
        started++;
      }
    };
    for (let w = 0; w < Math.min(shape.concurrency, batches); w++) startNext(now);
    let end = now;
    while (pending.length) {
      let earliest = 0;
      for (let i = 1; i < pending.length; i++) if (pending[i]!.at < pending[earliest]!.at) earliest = i;
      const attempt = pending[earliest]!;
      pending[earliest] = pending[pending.length - 1]!;
      pending.pop();
      let left = 0;
      for (let m = 0; m < attempt.models; m++) {
        if (!(sts.take(attempt.at, 1) && transitions.take(attempt.at, shape.transitionsPerModel))) left++;
      }
      if (left === 0) {
        end = Math.max(end, attempt.at);
        startNext(attempt.at);
      } else {
        throttled += left;
        // Retry: 1 s, backoff 2, full jitter; the batch runs again for the models left.
        pending.push({ at: attempt.at + rand() * Math.min(30_000, 1000 * 2 ** attempt.retries) + shape.releaseMs, retries: attempt.retries + 1, models: left });
      }
    }
    now = end;
  }
  const seconds = now / 1000;
  const allowed = Math.min(quotas.sendTaskSuccess.refillPerSecond, quotas.transitions.refillPerSecond / shape.transitionsPerModel);
  const achieved = models / seconds;
  // Without quotas: a page takes ceil(batches / concurrency) rounds of releaseMs, plus its own steps.
  const unthrottled = (shape.pageSize * 1000) / ((Math.ceil(batchesPerPage(shape) / shape.concurrency) * shape.releaseMs) + shape.pageOverheadMs);
  return {
    models, seconds: Math.round(seconds), achievedPerSecond: Math.round(achieved * 10) / 10, allowedPerSecond: Math.round(allowed * 10) / 10,
    share: Math.round((achieved / allowed) * 1000) / 1000, throttled, limitedBy: throttled === 0 || unthrottled < allowed ? 'concurrency' : 'quotas',
    concurrencyFor90: concurrencyFor(0.9 * allowed, shape),
  };
}
