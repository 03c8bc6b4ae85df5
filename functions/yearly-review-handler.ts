import middy from '@middy/core';
import { z } from 'zod';
import { SYSTEM } from '../core/actor.ts';
import { startYearlyReview } from '../core/use-cases/yearly-review.ts';
import { parseOrThrow } from '../core/validation.ts';
import { reviewYearOf } from '../workflows/yearly-review-schedule.ts';
import { workflowDeps } from './shared/app-deps.ts';
import { count, logger, observability } from './shared/observability.ts';

const EventSchema = z.object({ scheduledTime: z.iso.datetime({ offset: true }) });
// Environment checked at cold start.
const deps = workflowDeps();

/** EventBridge Scheduler's yearly run: opens the review of the year it fires in (Vietnam time). Safe to run twice. */
export const handler = middy()
  .use(observability())
  .handler(async (event: unknown) => {
    const { scheduledTime } = parseOrThrow(EventSchema, event);
    const result = await startYearlyReview(deps, SYSTEM, reviewYearOf(scheduledTime));
    count('ModelsReleased', result.released);
    logger.info('yearly review opened', result);
    return result;
  });
