import { describe, expect, it } from 'vitest';
import { nationalReview } from './national-review.ts';

describe('the printed national review', () => {
  it('prints ap-southeast-1 beside us-east-1 for each batch time, and the three targets', () => {
    const review = nationalReview({
      models: 20_000,
      reviewTransitionsPerModel: 0.25,
      measuredTransitionsPerCycleStart: 3,
      localReleaseMs: 12,
    });
    expect(review.design.region).toBe('ap-southeast-1');
    expect(review.sensitivity.map((s) => s.releaseMs)).toEqual([50, 100, 150, 300]);
    for (const s of review.sensitivity) expect(s.sims.map((sim) => sim.region)).toEqual(['ap-southeast-1', 'us-east-1']);
    const text = review.lines.join('\n');
    expect(text).toContain('| 100 ms (design point) |');
    expect(text).toContain('(as measured locally)');
    expect(text).toContain('measured locally 3');
    expect(review.targets.map((t) => t.name)).toEqual([
      'National review of 20,000 models under 1 h (ap-southeast-1)',
      'Review ≥ 90% of the rate the ap-southeast-1 StartExecution quota allows',
      'Every review execution under the 25,000 history events of AWS',
    ]);
    expect(review.targets.every((t) => t.met)).toBe(true);
  });
});
