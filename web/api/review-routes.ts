import { createRoute, z } from '@hono/zod-openapi';
import { reviewProgress, startYearlyReview } from '../../core/use-cases/yearly-review.ts';
import { requireActor } from '../session.ts';
import type { WebDeps } from '../web-deps.ts';
import { Anything, errors, json, jsonBody, openApiRouter } from './openapi-app.ts';

const ProgressParams = z.object({ scope: z.string().min(1).max(60), year: z.coerce.number().int().min(2009).max(2100) });

/** The yearly review (sơ kết): start it for a year and scope, and follow its progress. */
export function reviewRoutes(deps: WebDeps) {
  const auth = [requireActor(deps)];
  return openApiRouter()
    .openapi(
      createRoute({ method: 'post', path: '/api/reviews', tags: ['reviews'], summary: 'Open the yearly review of a year for a board or ALL (administrator); a second start does nothing', middleware: auth, request: { body: { content: { 'application/json': { schema: Anything.openapi({ description: '{ year, scope?: boardId | "ALL" }' }) } }, required: true } }, responses: { 202: json(Anything, 'Started (or already started)'), ...errors } }),
      async (c) => c.json(await startYearlyReview(deps, c.get('actor'), await jsonBody(c.req)), 202),
    )
    .openapi(
      createRoute({ method: 'get', path: '/api/reviews/{scope}/{year}', tags: ['reviews'], summary: 'Progress of a yearly review: total, done, failed', middleware: auth, request: { params: ProgressParams }, responses: { 200: json(Anything, 'Progress'), ...errors } }),
      async (c) => c.json(await reviewProgress(deps, c.get('actor'), c.req.valid('param').scope, c.req.valid('param').year), 200),
    );
}
