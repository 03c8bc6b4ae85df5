import * as z from 'zod';
import { StepTimeoutsSchema } from '../core/deps.ts';
import { joinOpenReview } from '../core/use-cases/workflow-steps.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({ modelId: z.string().min(1), year: z.number().int(), timeouts: StepTimeoutsSchema });

export const handler = stepHandler(EventSchema, joinOpenReview);
