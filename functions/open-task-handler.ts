import * as z from 'zod/mini';
import { STAGES } from '../core/lifecycle.ts';
import { openTask } from '../core/use-cases/workflow-steps.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({
  modelId: z.string().check(z.minLength(1)),
  year: z.int(),
  stage: z.enum(STAGES),
  taskToken: z.string().check(z.minLength(1)),
  timeoutSeconds: z.int().check(z.positive()),
  handOverAfterSeconds: z.int().check(z.positive()),
  executionStartedAt: z.string().check(z.minLength(1)),
});

export const handler = stepHandler(EventSchema, openTask);
