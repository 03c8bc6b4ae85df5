import * as z from 'zod/mini';
import { STAGES } from '../core/lifecycle.ts';
import { markOverdue } from '../core/use-cases/workflow-steps.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({ modelId: z.string().check(z.minLength(1)), year: z.int(), stage: z.enum(STAGES) });

export const handler = stepHandler(EventSchema, markOverdue);
