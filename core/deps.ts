import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod/mini';

const DAY = 24 * 3600;
/** AWS ends a Standard execution at one year, whatever the ASL says (no Catch runs). */
export const AWS_MAX_EXECUTION_SECONDS = 365 * DAY;

const positive = z.int().check(z.positive());
/**
 * Seconds each waiting step may take before it is flagged overdue (it then waits again), and
 * `handOverAfter`: an execution about to wait past that age hands over to a continuation
 * execution instead, so no execution nears the one-year limit however late a step is.
 */
export const StepTimeoutsSchema = z
  .strictObject({ registrationReview: positive, revision: positive, yearlyReport: positive, appraisal: positive, handOverAfter: positive })
  .check(
    z.superRefine((t, ctx) => {
      for (const key of ['registrationReview', 'revision', 'yearlyReport', 'appraisal'] as const) {
        if (t[key] >= t.handOverAfter)
          ctx.addIssue({ code: 'custom', path: [key], message: `must be shorter than handOverAfter (${t.handOverAfter} s)` });
      }
    }),
  );
export type StepTimeouts = z.infer<typeof StepTimeoutsSchema>;

export const DEFAULT_TIMEOUTS: StepTimeouts = {
  registrationReview: 30 * DAY,
  revision: 30 * DAY,
  yearlyReport: 30 * DAY,
  appraisal: 30 * DAY,
  // Half a year: an execution's age stays below handOverAfter + a few seconds, far from 365 days.
  handOverAfter: 180 * DAY,
};

/** What the use cases call on Step Functions: an SFNClient, or functions/shared/lazy-sfn-client.ts on Lambda. */
export type SfnClient = Pick<SFNClient, 'send'>;

/** What use cases need from the outside world; passed in so tests can inject their own. */
export type Deps = {
  db: DynamoDBDocumentClient;
  tableName: string;
  sfn: SfnClient;
  stateMachineArn: string;
  timeouts: StepTimeouts;
  now: () => Date;
};
