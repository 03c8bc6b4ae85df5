import { describe, expect, it, vi } from 'vitest';
import { nextFireTime, startYearlyScheduler } from '../../local/yearly-scheduler.ts';
import { YEARLY_REVIEW_SCHEDULE } from '../../workflows/yearly-review-schedule.ts';

describe('the local yearly scheduler', () => {
  it('fires at 07:00 on 15 December Vietnam time, which is 00:00 UTC', () => {
    expect(nextFireTime(YEARLY_REVIEW_SCHEDULE, new Date('2026-11-21T00:00:00Z')).toISOString()).toBe('2026-12-15T00:00:00.000Z');
    expect(nextFireTime(YEARLY_REVIEW_SCHEDULE, new Date('2026-12-15T00:00:00Z')).toISOString()).toBe('2027-12-15T00:00:00.000Z');
    expect(nextFireTime({ ...YEARLY_REVIEW_SCHEDULE, timezone: 'UTC' }, new Date('2026-12-15T03:00:00Z')).toISOString()).toBe(
      '2026-12-15T07:00:00.000Z',
    );
  });

  it('runs the review with the scheduled time when the day comes, then waits for the next year', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-14T23:59:00Z') });
    const fired: string[] = [];
    const scheduler = startYearlyScheduler((t) => Promise.resolve(fired.push(t)));
    await vi.advanceTimersByTimeAsync(61_000);
    expect(fired).toEqual(['2026-12-15T00:00:00.000Z']);
    expect(scheduler.next().toISOString()).toBe('2027-12-15T00:00:00.000Z');
    scheduler.stop();
    vi.useRealTimers();
  });
});
