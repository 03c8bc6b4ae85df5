import * as z from 'zod';
import { StepTimeoutsSchema } from '../core/deps.ts';
import { reviewRelease } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

/** A batch of a review page (REVIEW_SHAPE.batchSize ids), and what their cycle executions need. */
const EventSchema = z.object({
  year: z.number().int(),
  modelIds: z.array(z.string().min(1)).min(1).max(50),
  stateMachineArn: z.string().startsWith('arn:'),
  timeouts: StepTimeoutsSchema,
});

export const handler = stepHandler(EventSchema, reviewRelease);
