import * as z from 'zod';
import { reviewFetchPage } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

const Key = z.record(z.string(), z.unknown());
const EventSchema = z.object({
  year: z.number().int(),
  scope: z.string().min(1),
  cursor: z.object({ board: z.string().min(1).optional(), boardKey: Key.optional(), startKey: Key.optional() }),
  pageSize: z.number().int().min(1).max(1000),
  batchSize: z.number().int().min(1).max(50),
});

export const handler = stepHandler(EventSchema, reviewFetchPage);
