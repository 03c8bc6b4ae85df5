import { YEARLY_REVIEW_SCHEDULE, type YearlySchedule } from '../workflows/yearly-review-schedule.ts';

/** Offset of a time zone from UTC at an instant, in minutes (e.g. +420 for Asia/Ho_Chi_Minh). */
function offsetMinutes(timeZone: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
      ?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

/** The next instant after `now` when the yearly schedule fires, read in its own time zone. */
export function nextFireTime(schedule: YearlySchedule, now: Date): Date {
  for (let year = now.getUTCFullYear() - 1; ; year++) {
    const wallClockAsUtc = Date.UTC(year, schedule.month - 1, schedule.dayOfMonth, schedule.hour, schedule.minute);
    const at = new Date(wallClockAsUtc - offsetMinutes(schedule.timezone, new Date(wallClockAsUtc)) * 60_000);
    if (at > now) return at;
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The local stand-in for EventBridge Scheduler: the same schedule object, firing `run` with
 * the scheduled time (ISO, like the `scheduledTime` AWS sends). Like AWS, a missed time is not
 * caught up. Returns a function that stops it.
 */
export function startYearlyScheduler(
  run: (scheduledTime: string) => Promise<unknown>,
  schedule: YearlySchedule = YEARLY_REVIEW_SCHEDULE,
  now = () => new Date(),
) {
  let timer: NodeJS.Timeout | undefined;
  let next = nextFireTime(schedule, now());
  const arm = () => {
    const wait = next.getTime() - now().getTime();
    timer = setTimeout(
      () => {
        if (now() >= next) {
          const fired = next;
          next = nextFireTime(schedule, fired);
          void run(fired.toISOString()).catch((error: unknown) => console.error('[scheduler]', error));
        }
        arm(); // long waits are chained: timers cannot exceed 24.8 days
      },
      Math.min(Math.max(wait, 0), MAX_TIMER_MS),
    );
    timer.unref();
  };
  arm();
  return { next: () => next, stop: () => clearTimeout(timer) };
}
