import { z } from 'zod';
import { reviewRelease } from '../core/use-cases/yearly-review.ts';
import { stepHandler } from './shared/step-handler.ts';

export const handler = stepHandler(z.object({ year: z.number().int(), modelId: z.string().min(1) }), reviewRelease);
