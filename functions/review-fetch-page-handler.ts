import { z } from 'zod';
import { reviewFetchPage } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({
  year: z.number().int(),
  boards: z.array(z.string()),
  cursor: z.object({ board: z.number().int().min(0), startKey: z.record(z.string(), z.unknown()).optional() }),
  pageSize: z.number().int().min(1).max(1000),
  batchSize: z.number().int().min(1).max(50),
});

export const handler = stepHandler(EventSchema, reviewFetchPage);
