import { describe, expect, it } from 'vitest';
import { AWS_MAX_EXECUTION_SECONDS, DEFAULT_TIMEOUTS, StepTimeoutsSchema } from './deps.ts';

describe('step timeouts', () => {
  it('hand over well before the one-year execution limit by default, each step shorter than that', () => {
    expect(StepTimeoutsSchema.parse(DEFAULT_TIMEOUTS)).toEqual(DEFAULT_TIMEOUTS);
    const longestStep = Math.max(
      DEFAULT_TIMEOUTS.registrationReview,
      DEFAULT_TIMEOUTS.revision,
      DEFAULT_TIMEOUTS.yearlyReport,
      DEFAULT_TIMEOUTS.appraisal,
    );
    expect(DEFAULT_TIMEOUTS.handOverAfter + longestStep).toBeLessThan(AWS_MAX_EXECUTION_SECONDS / 1.5);
  });

  it('refuses a step that could wait past the hand-over age, naming it', () => {
    const result = StepTimeoutsSchema.safeParse({ ...DEFAULT_TIMEOUTS, appraisal: DEFAULT_TIMEOUTS.handOverAfter });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['appraisal']);
    expect(StepTimeoutsSchema.safeParse({ ...DEFAULT_TIMEOUTS, yearlyReview: 1 }).success).toBe(false); // v1's key is gone
  });
});
