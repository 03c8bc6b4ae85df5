import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';

/** Seconds each waiting step may take before it is flagged overdue (and waits again). */
export type StepTimeouts = {
  registrationReview: number;
  revision: number;
  yearlyReview: number;
  yearlyReport: number;
  appraisal: number;
};

const DAY = 24 * 3600;
export const DEFAULT_TIMEOUTS: StepTimeouts = {
  registrationReview: 30 * DAY,
  revision: 30 * DAY,
  // Below the one-year execution limit: a cycle's execution never outlives its year.
  yearlyReview: 330 * DAY,
  yearlyReport: 30 * DAY,
  appraisal: 30 * DAY,
};

/** What use cases need from the outside world; passed in so tests can inject their own. */
export type Deps = {
  db: DynamoDBDocumentClient;
  tableName: string;
  sfn: SFNClient;
  stateMachineArn: string;
  timeouts: StepTimeouts;
  now: () => Date;
};
