import * as z from 'zod/mini';
import { recordAttention } from '../core/use-cases/attention.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({
  modelId: z.string().check(z.minLength(1)),
  year: z.int(),
  executionName: z.string().check(z.minLength(1)),
  error: z._default(z.string(), 'Unknown'),
  cause: z._default(z.string(), ''),
});

export const handler = stepHandler(EventSchema, recordAttention);
