import { describe, expect, it } from 'vitest';
import { nationalReviewShape, readReviewAsl, reviewTransitionsFromAsl } from './national-review.ts';
import {
  AP_SOUTHEAST_1,
  MAP_RETRY,
  TRANSITIONS_PER_CYCLE_START,
  US_EAST_1,
  simulateReview,
  type Quotas,
  type ReviewShape,
} from './quota-sim.ts';
import { mapIterationRetry } from './review-history.ts';

const shape: ReviewShape = {
  concurrency: 25,
  pageSize: 100,
  reviewTransitionsPerModel: 0.5,
  transitionsPerPage: 0,
  releaseMs: 50,
  pageOverheadMs: 150,
};
const UNLIMITED: Quotas = {
  region: 'none',
  startExecution: { bucket: 1e12, refillPerSecond: 1e12 },
  transitions: { bucket: 1e12, refillPerSecond: 1e12 },
  openExecutions: 1e12,
};
const asl = readReviewAsl();
const shipped = nationalReviewShape(asl, reviewTransitionsFromAsl(asl));

describe('the review quota simulation', () => {
  it('without quotas runs at the rate concurrency allows: a page is ceil(100/c) batches plus its overhead', () => {
    const sim = simulateReview(10_000, shape, UNLIMITED);
    expect(sim.throttled).toBe(0);
    expect(sim.limitedBy).toBe('concurrency');
    // 100 models per (4 × 50 ms + 150 ms) = 285.7/s
    expect(sim.achievedPerSecond).toBeCloseTo(285.7, 0);
    expect(sim.seconds).toBe(35);
  });

  it('spends the StartExecution bucket of 800 at once, then 150/s', () => {
    const fast: ReviewShape = {
      concurrency: 40,
      pageSize: 200,
      batchSize: 5,
      reviewTransitionsPerModel: 0,
      transitionsPerPage: 0,
      releaseMs: 1,
      pageOverheadMs: 0,
    };
    const startsOnly: Quotas = { ...AP_SOUTHEAST_1, transitions: UNLIMITED.transitions };
    const burst = simulateReview(800, fast, startsOnly);
    expect(burst.throttled).toBe(0);
    expect(burst.seconds).toBe(0);
    // 1,500 more at 150/s: 10 s (the retries' jitter adds a little at the end).
    const after = simulateReview(2300, fast, startsOnly);
    expect(after.floorSeconds).toBe(10);
    expect(after.seconds).toBeGreaterThanOrEqual(10);
    expect(after.seconds).toBeLessThanOrEqual(12);
    expect(after.throttled).toBeGreaterThan(0);
    expect(after.released).toBe(2300);
  });

  it('takes a national review of 300,000 at 100 ms a batch on ap-southeast-1 between the StartExecution floor and an hour', () => {
    const sim = simulateReview(300_000, shipped, AP_SOUTHEAST_1);
    expect(sim.allowedPerSecond).toBe(150);
    expect(sim.limitedBy).toBe('StartExecution');
    expect(sim.seconds).toBeGreaterThanOrEqual((300_000 - 800) / 150); // 1,995 s: 2,000 s less the burst
    expect(sim.seconds).toBeLessThan(3600);
    expect(sim.share).toBeGreaterThanOrEqual(0.9);
    // Throttled calls are retried (nearly all by the SDK inside the batch Lambda), none is lost.
    expect(sim.throttled).toBeGreaterThan(0);
    expect(sim.sdkRetries).toBeGreaterThan(0.9 * sim.throttled);
    expect(sim.failed).toBe(0);
    expect(sim.released).toBe(300_000);
    expect(sim.openExecutionsAtEnd).toBe(300_000);
    expect(sim.parts).toBe(30);
    // Every started execution's first transitions are charged: (0.23 + 3) × 150/s of 800/s.
    expect(sim.transitionsShare).toBeCloseTo(((shipped.reviewTransitionsPerModel + TRANSITIONS_PER_CYCLE_START) * 150) / 800, 1);
  });

  it('is twice as fast on us-east-1 (StartExecution 1,300 / 300/s)', () => {
    const sim = simulateReview(300_000, shipped, US_EAST_1);
    expect(sim.allowedPerSecond).toBe(300);
    expect(sim.seconds).toBeGreaterThanOrEqual((300_000 - 1300) / 300);
    expect(sim.seconds).toBeLessThan(1100);
  });

  it('never beats the StartExecution refill over a long review, whatever the concurrency', () => {
    const sim = simulateReview(300_000, { ...shipped, concurrency: 40, releaseMs: 20 }, AP_SOUTHEAST_1);
    expect(sim.achievedPerSecond).toBeLessThanOrEqual((300_000 / (300_000 - 800)) * 150);
  });

  it('takes the state-transition quota as the limit when a cycle start costs many transitions', () => {
    const sim = simulateReview(50_000, { ...shipped, transitionsPerCycleStart: 9 }, AP_SOUTHEAST_1);
    const perModel = shipped.reviewTransitionsPerModel + 9;
    expect(sim.allowedPerSecond).toBeCloseTo(800 / perModel, 1);
    expect(sim.limitedBy).toBe('state transitions');
    expect(sim.achievedPerSecond).toBeLessThanOrEqual((800 / perModel) * 1.02);
    expect(sim.longestTransitionDelayMs).toBeGreaterThan(0);
  });

  it('counts the models whose batch runs out of Map retries as failed, the rest as open executions', () => {
    const stingy = {
      ...shipped,
      sdkRetry: { maxAttempts: 1, throttlingBaseMs: 1000, maxDelayMs: 20_000, capacity: 500, throttlingCost: 5, noRetryIncrement: 1 },
      mapRetry: { ...MAP_RETRY, maxAttempts: 0 },
    };
    const sim = simulateReview(20_000, stingy, AP_SOUTHEAST_1);
    expect(sim.sdkRetries).toBe(0);
    expect(sim.failed).toBeGreaterThan(0);
    expect(sim.released + sim.failed).toBe(20_000);
    expect(sim.openExecutionsAtEnd).toBe(sim.released);
  });

  it('names a concurrency that does keep 90% of the allowed rate, and is deterministic', () => {
    const slow = { ...shape, releaseMs: 300, concurrency: 2 };
    const first = simulateReview(50_000, slow, AP_SOUTHEAST_1);
    expect(first.share).toBeLessThan(0.9);
    const tuned = simulateReview(50_000, { ...slow, concurrency: first.concurrencyFor90 }, AP_SOUTHEAST_1);
    expect(tuned.share).toBeGreaterThanOrEqual(0.9);
    expect(simulateReview(50_000, slow, AP_SOUTHEAST_1)).toEqual(first);
  });

  it('adds the hand-over to the next execution every pagesPerExecution pages', () => {
    const whole = simulateReview(10_000, shape, UNLIMITED);
    const parted = simulateReview(10_000, { ...shape, pagesPerExecution: 10, partOverheadMs: 1000, transitionsPerPart: 4 }, UNLIMITED);
    expect(parted.seconds - whole.seconds).toBe(9); // 100 pages: 9 hand-overs of 1 s
    expect(parted.parts).toBe(10);
  });

  it("retries a batch as the review ASL's Map iteration does", () => {
    expect(mapIterationRetry(asl)).toEqual(MAP_RETRY);
    expect(shipped.mapRetry).toEqual(mapIterationRetry(asl));
  });
});
