import { z } from 'zod';
import { beginNextCycle } from '../core/use-cases/workflow-steps.ts';
import { stepHandler } from './shared/step-handler.ts';

const positive = z.number().int().positive();
const EventSchema = z.object({
  modelId: z.string().min(1),
  year: z.number().int(),
  timeouts: z.object({ registrationReview: positive, revision: positive, yearlyReview: positive, yearlyReport: positive, appraisal: positive }),
});

export const handler = stepHandler(EventSchema, beginNextCycle);
