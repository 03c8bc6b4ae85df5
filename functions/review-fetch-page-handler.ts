import * as z from 'zod/mini';
import { reviewFetchPage } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

const Key = z.record(z.string(), z.unknown());
const EventSchema = z.object({
  year: z.int(),
  scope: z.string().check(z.minLength(1)),
  cursor: z.object({ board: z.optional(z.string().check(z.minLength(1))), boardKey: z.optional(Key), startKey: z.optional(Key) }),
  pageSize: z.int().check(z.gte(1), z.lte(1000)),
  batchSize: z.int().check(z.gte(1), z.lte(50)),
});

export const handler = stepHandler(EventSchema, reviewFetchPage);
