import { z } from 'zod';
import { reviewRelease } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

/** A batch of a review page (REVIEW_SHAPE.batchSize ids). */
const EventSchema = z.object({ year: z.number().int(), modelIds: z.array(z.string().min(1)).min(1).max(50) });

export const handler = stepHandler(EventSchema, reviewRelease);
