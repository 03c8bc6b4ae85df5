import { describe, expect, it } from 'vitest';
import { openExecutionsOverYear } from './open-executions.ts';

const year = {
  models: 300_000,
  registrationsUnderReview: 30_000,
  registrationsPerYear: 30_000,
  registrationReviewDays: 30,
  reviewToAppraisalDays: 60,
};

describe('open executions over a year', () => {
  it('peaks at the end of the review with every running model started, as high as the old design held all year', () => {
    const { newDesign, oldDesign } = openExecutionsOverYear(year);
    expect(newDesign.peak).toBe(330_000);
    expect(newDesign.peakShare).toBeCloseTo(0.33, 5);
    expect(oldDesign.peak).toBe(newDesign.peak);
  });

  it('holds a model’s execution only from the review to its appraisal, not all year', () => {
    const { newDesign, oldDesign } = openExecutionsOverYear(year);
    expect(newDesign.daysOpenPerModel).toBe(60);
    expect(oldDesign.daysOpenPerModel).toBe(365);
    // 300,000 × 60 / 365 + 30,000 × 30 / 365
    expect(newDesign.average).toBe(Math.round((300_000 * 60) / 365 + (30_000 * 30) / 365));
    expect(oldDesign.average).toBe(Math.round(300_000 + (30_000 * 30) / 365));
  });
});
