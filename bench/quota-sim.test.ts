import { describe, expect, it } from 'vitest';
import { AP_SOUTHEAST_1, simulateReview, type ReviewShape } from './quota-sim.ts';

const shape: ReviewShape = { concurrency: 25, pageSize: 100, transitionsPerModel: 2, transitionsPerPage: 0, releaseMs: 50, pageOverheadMs: 150 };
const UNLIMITED = { sendTaskSuccess: { bucket: 1e12, refillPerSecond: 1e12 }, transitions: { bucket: 1e12, refillPerSecond: 1e12 } };

describe('the review quota simulation', () => {
  it('without quotas runs at the rate concurrency allows: a page is ceil(100/c) releases plus its overhead', () => {
    const sim = simulateReview(10_000, shape, UNLIMITED);
    expect(sim.throttled).toBe(0);
    expect(sim.limitedBy).toBe('concurrency');
    // 100 models per (4 × 50 ms + 150 ms) = 285.7/s
    expect(sim.achievedPerSecond).toBeCloseTo(285.7, 0);
    expect(sim.seconds).toBe(35);
  });

  it('never beats the SendTaskSuccess refill over a long review, and counts the throttled calls', () => {
    const sim = simulateReview(300_000, { ...shape, concurrency: 200 }, AP_SOUTHEAST_1);
    expect(sim.allowedPerSecond).toBe(300);
    expect(sim.limitedBy).toBe('quotas');
    expect(sim.throttled).toBeGreaterThan(0);
    // The 1,500-call burst is all it can add above 300/s.
    expect(sim.achievedPerSecond).toBeLessThanOrEqual((300_000 / (300_000 - 1500)) * 300);
  });

  it('takes the state-transition quota as the limit when a release costs many transitions', () => {
    const sim = simulateReview(50_000, { ...shape, transitionsPerModel: 8, concurrency: 100 }, AP_SOUTHEAST_1);
    expect(sim.allowedPerSecond).toBe(100); // 800 transitions/s ÷ 8
    expect(sim.achievedPerSecond).toBeLessThanOrEqual(100 * 1.02);
    expect(sim.share).toBeGreaterThan(0.8);
  });

  it('names a concurrency that does keep 90% of the allowed rate, and is deterministic', () => {
    const slow = { ...shape, releaseMs: 120, concurrency: 10 };
    const first = simulateReview(100_000, slow, AP_SOUTHEAST_1);
    expect(first.share).toBeLessThan(0.9);
    const tuned = simulateReview(100_000, { ...slow, concurrency: first.concurrencyFor90 }, AP_SOUTHEAST_1);
    expect(tuned.share).toBeGreaterThanOrEqual(0.9);
    expect(simulateReview(100_000, slow, AP_SOUTHEAST_1)).toEqual(first);
  });

  it('adds the hand-over to the next execution every pagesPerExecution pages', () => {
    const whole = simulateReview(10_000, shape, UNLIMITED);
    const parted = simulateReview(10_000, { ...shape, pagesPerExecution: 10, partOverheadMs: 1000, transitionsPerPart: 4 }, UNLIMITED);
    expect(parted.seconds - whole.seconds).toBe(9); // 100 pages: 9 hand-overs of 1 s
  });
});
