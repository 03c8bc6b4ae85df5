import { RuleViolationError, type FieldIssue } from './errors.ts';
import { LEVELS, type Level } from './model.ts';
import { reviewYearOf } from '../workflows/yearly-review-schedule.ts';

/**
 * Rules that refuse well-formed input (422, with the field and the reason). The schemas say
 * what a value may look like (a year 2009–2100, a level of LEVELS); these say what it may be
 * now and for whom. Data stored before a rule existed stays readable: only new writes are checked.
 */

/**
 * The cycle year at `now`: the calendar year in the yearly review's time zone
 * (Asia/Ho_Chi_Minh), the year the review of 15 December opens (reviewYearOf).
 */
export const cycleYearAt = (now: Date): number => reviewYearOf(now);

/** A unit registers for this cycle year or the next, never a past one or years ahead. */
export function registrationYears(now: Date): [number, number] {
  const year = cycleYearAt(now);
  return [year, year + 1];
}

export function assertRegistrationYear(year: number, now: Date, field = 'year'): void {
  const [current, next] = registrationYears(now);
  if (year === current || year === next) return;
  throw new RuleViolationError(
    [
      {
        field,
        key: 'reason.registrationYear',
        params: { current, next },
      },
    ],
    'error.registrationYear',
  );
}

/** Levels from the lowest (commune) to the highest (central). */
export const levelRank = (level: Level): number => LEVELS.indexOf(level);

/**
 * A board recognizes at its own level or below: a provincial board at province, district or
 * commune level, never central. A board whose level is unknown recognizes nothing.
 */
export function assertLevelWithinBoard(board: { name: string; level: Level } | undefined, level: Level, field = 'level'): void {
  if (board && levelRank(level) <= levelRank(board.level)) return;
  const issue: FieldIssue = board
    ? { field, key: 'reason.levelAboveBoard', params: { board: board.name, boardLevel: board.level, level } }
    : { field, key: 'reason.boardLevelUnknown' };
  throw new RuleViolationError([issue], 'error.recognitionLevel');
}

/** The district level ended on 1 July 2025, 00:00 in Vietnam (the 2025 reorganisation). */
export const DISTRICT_LEVEL_ENDED = new Date('2025-07-01T00:00:00+07:00');

/**
 * The reason a level cannot be chosen by a step taken at `now`: DISTRICT from 1 July 2025. Only
 * new steps are checked; stored data with DISTRICT stays valid and is shown as it is.
 */
export function levelIssue(level: Level | undefined, now: Date, field = 'level'): FieldIssue | undefined {
  if (level !== 'DISTRICT' || now < DISTRICT_LEVEL_ENDED) return undefined;
  return { field, key: 'reason.levelAbolished', params: { level } };
}

export function assertLevelExists(level: Level | undefined, now: Date, field = 'level'): void {
  const issue = levelIssue(level, now, field);
  if (issue) throw new RuleViolationError([issue], 'error.levelAbolished');
}

/** A yearly review opens for this cycle year or an earlier one, never a year still to come. */
export function assertReviewYear(year: number, now: Date, field = 'year'): void {
  const current = cycleYearAt(now);
  if (year <= current) return;
  throw new RuleViolationError([{ field, key: 'reason.reviewYearFuture', params: { year, current } }], 'error.reviewYearFuture');
}
