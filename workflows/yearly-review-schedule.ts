/**
 * When the yearly review starts: one definition shared by EventBridge Scheduler (infra/)
 * and the local scheduler, so both fire at the same wall-clock time. Dependency-free on
 * purpose: the CDK app and the local runtime both import it.
 */
export interface YearlySchedule {
  readonly minute: number;
  readonly hour: number;
  readonly dayOfMonth: number;
  /** 1-12 */
  readonly month: number;
  /** IANA time zone the fields above are read in. */
  readonly timezone: string;
}

export const YEARLY_REVIEW_SCHEDULE = {
  minute: 0,
  hour: 7,
  dayOfMonth: 15,
  month: 12,
  timezone: 'Asia/Ho_Chi_Minh',
} as const satisfies YearlySchedule;

/**
 * The EventBridge cron expression (minutes hours day-of-month month day-of-week year).
 * EventBridge needs `?` in day-of-week when day-of-month is set; the time zone is
 * passed separately (ScheduleExpressionTimezone), not inside the expression.
 */
export function toEventBridgeCron(schedule: YearlySchedule): string {
  const fields: Array<[number, number, number]> = [
    [schedule.minute, 0, 59],
    [schedule.hour, 0, 23],
    [schedule.dayOfMonth, 1, 31],
    [schedule.month, 1, 12],
  ];
  for (const [value, min, max] of fields) {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`Schedule field ${value} is outside ${min}-${max}`);
    }
  }
  return `cron(${schedule.minute} ${schedule.hour} ${schedule.dayOfMonth} ${schedule.month} ? *)`;
}

/** What the schedule sends to the yearly-review handler (scheduled time, ISO 8601 UTC). */
export interface YearlyReviewEvent {
  readonly scheduledTime: string;
}

/** The cycle year a scheduled run reviews: the calendar year at that instant (ISO 8601 or a Date) in the schedule's time zone. */
export function reviewYearOf(scheduledTime: string | Date, timezone: string = YEARLY_REVIEW_SCHEDULE.timezone): number {
  return Number(yearFormat(timezone).format(new Date(scheduledTime)));
}

/** Making an Intl.DateTimeFormat costs far more than using one (~0.1 ms against a few µs): one per time zone. */
const yearFormats = new Map<string, Intl.DateTimeFormat>();
function yearFormat(timezone: string): Intl.DateTimeFormat {
  let format = yearFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' });
    yearFormats.set(timezone, format);
  }
  return format;
}
