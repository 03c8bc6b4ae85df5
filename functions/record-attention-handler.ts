import * as z from 'zod';
import { recordAttention } from '../core/use-cases/attention.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({
  modelId: z.string().min(1),
  year: z.number().int(),
  executionName: z.string().min(1),
  error: z.string().default('Unknown'),
  cause: z.string().default(''),
});

export const handler = stepHandler(EventSchema, recordAttention);
