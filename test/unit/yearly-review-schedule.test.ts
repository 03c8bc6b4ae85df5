import { describe, expect, it } from 'vitest';
import { YEARLY_REVIEW_SCHEDULE, reviewYearOf, toEventBridgeCron } from '../../workflows/yearly-review-schedule.ts';

describe('yearly review schedule', () => {
  it('reads the year in Vietnam time, not UTC', () => {
    expect(reviewYearOf('2026-12-31T17:30:00Z')).toBe(2027);
    expect(reviewYearOf('2026-12-31T16:30:00Z')).toBe(2026);
    expect(reviewYearOf(new Date('2026-12-31T17:30:00Z'))).toBe(2027); // the cycle year of a request's clock
  });
  it('keeps one formatter per time zone: the same instant, read in another zone, gives that zone’s year', () => {
    expect(reviewYearOf('2026-12-31T17:30:00Z', 'Asia/Ho_Chi_Minh')).toBe(2027);
    expect(reviewYearOf('2026-12-31T17:30:00Z', 'UTC')).toBe(2026);
    expect(reviewYearOf('2026-12-31T17:30:00Z', 'Asia/Ho_Chi_Minh')).toBe(2027);
  });
  it('gives EventBridge a cron with ? for the day of week', () => {
    expect(toEventBridgeCron(YEARLY_REVIEW_SCHEDULE)).toBe('cron(0 7 15 12 ? *)');
  });
});
