import * as z from 'zod/mini';
import { StepTimeoutsSchema } from '../core/deps.ts';
import { reviewRelease } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

/** A batch of a review page (REVIEW_SHAPE.batchSize ids), and what their cycle executions need. */
const EventSchema = z.object({
  year: z.int(),
  modelIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(50)),
  stateMachineArn: z.string().check(z.startsWith('arn:')),
  timeouts: StepTimeoutsSchema,
});

export const handler = stepHandler(EventSchema, reviewRelease);
