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
/** Models released at once per page: bounded so the SendTaskSuccess and transition quotas hold (the bench's quota simulation: 25 keeps over 90% of the allowed rate). */
export const REVIEW_CONCURRENCY = 25;
