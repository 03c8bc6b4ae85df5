import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { z } from 'zod';
import { SYSTEM } from '../core/actor.ts';
import { startYearlyReview } from '../core/use-cases/yearly-review.ts';
import { parseOrThrow } from '../core/validation.ts';
import { reviewYearOf } from '../workflows/yearly-review-schedule.ts';
import { appDeps } from './shared/app-deps.ts';
import { logger } from './shared/step-handler.ts';

const EventSchema = z.object({ scheduledTime: z.iso.datetime({ offset: true }) });

/** EventBridge Scheduler's yearly run: opens the review of the year it fires in (Vietnam time). Safe to run twice. */
export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async (event: unknown) => {
    const { scheduledTime } = parseOrThrow(EventSchema, event);
    const result = await startYearlyReview(await appDeps(), SYSTEM, reviewYearOf(scheduledTime));
    logger.info('yearly review opened', result);
    return result;
  });
