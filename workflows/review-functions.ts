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
  /** Models one Map iteration releases at once: lifts the inline Map's 40-in-flight ceiling
   * and saves most of the iteration's transition per model. */
  batchSize: 5,
  /** Batches in flight per page (at most 40 for an inline Map on AWS): 100 releases at once,
   * paced so releases up to ~150 ms reach the SendTaskSuccess quota and 300 ms keeps 88%. */
  concurrency: 20,
  /** Pages per execution (about 300 history events each); then the review goes on in
   * `review-{scope}-{year}-{part}`. */
  pagesPerExecution: 50,
} as const;
