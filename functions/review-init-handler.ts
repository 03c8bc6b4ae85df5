import * as z from 'zod';
import { reviewInit } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

export const handler = stepHandler(z.object({ year: z.number().int(), scope: z.string().min(1) }), reviewInit);
