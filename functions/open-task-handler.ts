import * as z from 'zod';
import { STAGES } from '../core/lifecycle.ts';
import { openTask } from '../core/use-cases/workflow-steps.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({
  modelId: z.string().min(1),
  year: z.number().int(),
  stage: z.enum(STAGES),
  taskToken: z.string().min(1),
  timeoutSeconds: z.number().int().positive(),
  handOverAfterSeconds: z.number().int().positive(),
  executionStartedAt: z.string().min(1),
});

export const handler = stepHandler(EventSchema, openTask);
