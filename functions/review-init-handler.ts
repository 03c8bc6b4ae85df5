import * as z from 'zod/mini';
import { reviewInit } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

export const handler = stepHandler(z.object({ year: z.int(), scope: z.string().check(z.minLength(1)) }), reviewInit);
