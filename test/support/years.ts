import { periodOf } from '../../core/model.ts';
import { cycleYearAt } from '../../core/rules.ts';

/**
 * The cycle year now, as the app computes it (the calendar year in Asia/Ho_Chi_Minh at this
 * instant: core/rules.ts `cycleYearAt`). A unit registers for this year or the next only, so
 * tests that register through the app, open reviews or name executions by year use these,
 * never a literal year: they then mean the same thing on any date. Read once when the test
 * file loads (a file running across midnight of 31 December, Vietnam time, would see the old year).
 */
export const THIS_YEAR = cycleYearAt(new Date());
export const NEXT_YEAR = THIS_YEAR + 1;
export const LAST_YEAR = THIS_YEAR - 1;

/** The five-year period of THIS_YEAR (e.g. 2026-2030), as registrations default to. */
export const THIS_PERIOD = periodOf(THIS_YEAR);

/** An instant in `year` (default THIS_YEAR): `at('03-10T03:00:00Z')` is `${THIS_YEAR}-03-10T03:00:00Z`. */
export const at = (rest: string, year = THIS_YEAR): string => `${year}-${rest}`;
