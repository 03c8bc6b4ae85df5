import * as z from 'zod/mini';
import { reviewProgressStep } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({
  year: z.int(),
  scope: z.string().check(z.minLength(1)),
  pageNo: z.optional(z.int().check(z.gte(0))),
  released: z.optional(
    z.array(z.object({ released: z.int().check(z.gte(0)), skipped: z.int().check(z.gte(0)), failed: z.int().check(z.gte(0)) })),
  ),
  finished: z.optional(z.boolean()),
});

export const handler = stepHandler(EventSchema, reviewProgressStep);
