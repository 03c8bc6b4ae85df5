import * as z from 'zod/mini';
import { beginCycle } from '../core/use-cases/workflow-steps.ts';
import { stepHandler } from './shared/step-handler.ts';

const EventSchema = z.object({ modelId: z.string().check(z.minLength(1)), year: z.int() });

export const handler = stepHandler(EventSchema, beginCycle);
