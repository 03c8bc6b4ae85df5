import * as z from 'zod';
import { beginCycle } from '../core/use-cases/workflow-steps.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({ modelId: z.string().min(1), year: z.number().int() });

export const handler = stepHandler(EventSchema, beginCycle);
