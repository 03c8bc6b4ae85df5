/**
 * Open Step Functions executions over a year (pure), against the 1,000,000 open executions an
 * account may hold per region. With cycle executions started by the review, a model holds an
 * execution only between the yearly review and its appraisal; a registration holds one while
 * it is under review. The old design kept every running model's execution open all year (its
 * next cycle's execution started at the appraisal and waited ~11 months for the review).
 */
export type ExecutionYear = {
  /** Running models at the review (each gets a cycle execution). */
  models: number;
  /** Registrations still under review when the review ends (at most the year's intake). */
  registrationsUnderReview: number;
  /** Registrations in a year, and the days each holds an execution while under review. */
  registrationsPerYear: number;
  registrationReviewDays: number;
  /** Days from the review to the appraisal (report and appraisal at their due dates). */
  reviewToAppraisalDays: number;
};

export type OpenExecutions = {
  /** Highest open at one time, and what share of the quota that is. */
  peak: number;
  peakShare: number;
  /** Open on an average day of the year. */
  average: number;
  /** Days of a year a running model holds an open execution (at due dates; overdue steps add to it). */
  daysOpenPerModel: number;
};

const YEAR_DAYS = 365;

export function openExecutionsOverYear(year: ExecutionYear, quota = 1_000_000): { newDesign: OpenExecutions; oldDesign: OpenExecutions } {
  const registrationsAverage = (year.registrationsPerYear * Math.min(YEAR_DAYS, year.registrationReviewDays)) / YEAR_DAYS;
  // New: the peak is the end of the review: every model started, none appraised yet (the review
  // takes under an hour, a report and an appraisal take days), plus registrations under review.
  const newPeak = year.models + year.registrationsUnderReview;
  const newAverage = (year.models * Math.min(YEAR_DAYS, year.reviewToAppraisalDays)) / YEAR_DAYS + registrationsAverage;
  // Old: one execution per running model at every moment of the year, plus the same registrations.
  const oldPeak = year.models + year.registrationsUnderReview;
  const oldAverage = year.models + registrationsAverage;
  const round = (n: number) => Math.round(n);
  return {
    newDesign: {
      peak: newPeak,
      peakShare: newPeak / quota,
      average: round(newAverage),
      daysOpenPerModel: Math.min(YEAR_DAYS, year.reviewToAppraisalDays),
    },
    oldDesign: { peak: oldPeak, peakShare: oldPeak / quota, average: round(oldAverage), daysOpenPerModel: YEAR_DAYS },
  };
}
