/**
 * The Lambda tasks of the yearly review fan-out ASL: definitionSubstitutions key -> handler
 * file (functions/<name>-handler.ts), as for the lifecycle (see lifecycle-functions.ts).
 */
export const REVIEW_FUNCTIONS = {
  ReviewInitFunctionArn: 'review-init',
  ReviewFetchPageFunctionArn: 'review-fetch-page',
  ReviewReleaseFunctionArn: 'review-release',
  ReviewProgressFunctionArn: 'review-progress',
} as const;

export const REVIEW_STATE_MACHINE_NAME = 'yearly-review';
export const REVIEW_ASL_PATH = new URL('./yearly-review.asl.json', import.meta.url);
/**
 * How the review pages and releases (its execution input). Bounded so the SendTaskSuccess and
 * transition quotas hold, and so each execution's history stays far below AWS's 25,000
 * events: `npm run bench` simulates this shape against ap-southeast-1's quotas and prints the
 * history of a part (bench/quota-sim.ts, bench/review-history.ts).
 */
export const REVIEW_SHAPE = {
  /** Models per page (ids only: a page of 200 is about 10 KiB of the 256 KiB payload). */
  pageSize: 200,
  /** Releases in flight per page: 40 is the most an inline Map runs at once on AWS. */
  concurrency: 40,
  /** Pages per execution; then the review goes on in `review-{scope}-{year}-{part}`. */
  pagesPerExecution: 12,
} as const;
export const REVIEW_CONCURRENCY = REVIEW_SHAPE.concurrency;
