import { describe, expect, it } from 'vitest';
import { percentile, pool } from './stats.ts';

describe('bench helpers', () => {
  it('percentile is the nearest-rank value', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('pool runs every index once with at most `limit` in flight', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let peak = 0;
    await pool(50, 4, async (i) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(i);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(peak).toBe(4);
  });
});
