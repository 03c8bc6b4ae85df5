import middy from '@middy/core';
import * as z from 'zod/mini';
import { SYSTEM } from '../core/actor.ts';
import { startYearlyReview } from '../core/use-cases/start-review.ts';
import { parseOrThrow } from '../core/validation.ts';
import { reviewYearOf } from '../workflows/yearly-review-schedule.ts';
import { workflowDeps } from './shared/app-deps.ts';
import { count, logger, observability } from './shared/observability.ts';

const EventSchema = z.object({ scheduledTime: z.iso.datetime({ offset: true }) });
// Environment checked at cold start.
const deps = workflowDeps();

/**
 * EventBridge Scheduler's yearly run: starts the review (all boards) of the year it fires
 * in, Vietnam time. Safe to run twice: the execution name is per scope and year.
 */
export const handler = middy()
  .use(observability())
  .handler(async (event: unknown) => {
    const { scheduledTime } = parseOrThrow(EventSchema, event);
    const result = await startYearlyReview(deps, SYSTEM, { year: reviewYearOf(scheduledTime) });
    if (result.started) count('ReviewsStarted');
    logger.info(result.started ? 'yearly review started' : 'yearly review was already started', { year: result.year, scope: result.scope });
    return { year: result.year, scope: result.scope, started: result.started };
  });
