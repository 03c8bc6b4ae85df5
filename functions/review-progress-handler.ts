import * as z from 'zod';
import { reviewProgressStep } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({
  year: z.number().int(),
  scope: z.string().min(1),
  pageNo: z.number().int().min(0).optional(),
  released: z
    .array(z.object({ released: z.number().int().min(0), skipped: z.number().int().min(0), failed: z.number().int().min(0) }))
    .optional(),
  finished: z.boolean().optional(),
});

export const handler = stepHandler(EventSchema, reviewProgressStep);
