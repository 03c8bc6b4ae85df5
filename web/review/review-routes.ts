import { createRoute, z } from '@hono/zod-openapi';
import { startYearlyReview } from '../../core/use-cases/start-review.ts';
import { reviewProgress } from '../../core/use-cases/yearly-review.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { adminOnly, json, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { ReviewProgressSchema, ReviewStarted, ReviewStartInput } from '../api/schemas.ts';
import { pageRouter } from '../ui/page-support.tsx';
import { addBoardPages } from './board-page-routes.tsx';

const ProgressParams = z.object({
  scope: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'scope', in: 'path' }, description: 'A board id, or ALL' }),
  year: z.coerce
    .number()
    .int()
    .min(2009)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'path' } }),
});

/** The yearly review (sơ kết): start it for a year and scope, and follow its progress. */
function reviewApi(deps: WebDeps) {
  return openApiRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/reviews',
        operationId: 'startReview',
        tags: ['reviews'],
        summary: 'Open the yearly review of a year for a board or ALL (administrator); a second start does nothing',
        description:
          'Starts the cycle of every model resting for that year (in pages, in the background); follow it at /api/reviews/{scope}/{year}. Models accepted or appraised later join the open review by themselves.',
        middleware: [requireActor(deps), adminOnly],
        request: { body: { content: { 'application/json': { schema: ReviewStartInput } }, required: true } },
        responses: { 202: json(ReviewStarted, 'Started (or started already: `started` false)'), ...writeErrors },
      }),
      async (c) => c.json(await startYearlyReview(deps, c.get('actor'), c.req.valid('json')), 202),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/reviews/{scope}/{year}',
        operationId: 'getReviewProgress',
        tags: ['reviews'],
        summary: 'Progress of a yearly review: total, done, failed (its own board, administrators)',
        middleware: [requireActor(deps)],
        request: { params: ProgressParams },
        responses: { 200: json(ReviewProgressSchema, 'Progress'), ...readErrors },
      }),
      async (c) => c.json(await reviewProgress(deps, c.get('actor'), c.req.valid('param').scope, c.req.valid('param').year), 200),
    );
}

/** Review: the yearly review's JSON API and the board's page (its queue of steps to review and decide). */
export function reviewRoutes(deps: WebDeps) {
  return reviewApi(deps).route('/', pageRouter(deps, addBoardPages));
}
