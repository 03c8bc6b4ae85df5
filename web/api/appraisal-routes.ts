import { createRoute, z } from '@hono/zod-openapi';
import { approveAppraisal, getAppraisal, returnAppraisal, scoreAppraisal } from '../../core/use-cases/appraisal.ts';
import { propose, receivedProposals } from '../../core/use-cases/proposals.ts';
import { requireActor } from '../session.ts';
import type { WebDeps } from '../web-deps.ts';
import { Anything, ModelIdParams, errors, json, jsonBody, openApiRouter } from './openapi-app.ts';

const body = (description: string) => ({ body: { content: { 'application/json': { schema: Anything.openapi({ description }) } }, required: true } });

/** Appraisal along the board's approval chain, and proposals to the next level or for commendation. */
export function appraisalRoutes(deps: WebDeps) {
  const auth = [requireActor(deps)];
  return openApiRouter()
    .openapi(
      createRoute({ method: 'get', path: '/api/models/{id}/appraisal', tags: ['appraisal'], summary: 'The criteria set that applies and the appraisal in progress', middleware: auth, request: { params: ModelIdParams }, responses: { 200: json(Anything, 'Appraisal'), ...errors } }),
      async (c) => c.json(await getAppraisal(deps, c.get('actor'), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({ method: 'post', path: '/api/models/{id}/appraisal/scores', tags: ['appraisal'], summary: 'First role of the chain: score every criterion and propose RECOGNIZE / CONTINUE / STOP', middleware: auth, request: { params: ModelIdParams, ...body('{ scores: [{criterionId, score, comment?}], proposal: {outcome, level? | stopReason + reason, comment?} }') }, responses: { 200: json(Anything, 'Scored (published if the chain has one role)'), ...errors } }),
      async (c) => c.json(await scoreAppraisal(deps, c.get('actor'), c.req.valid('param').id, await jsonBody(c.req)), 200),
    )
    .openapi(
      createRoute({ method: 'post', path: '/api/models/{id}/appraisal/approve', tags: ['appraisal'], summary: 'Next role approves; the last role publishes the decision', middleware: auth, request: { params: ModelIdParams }, responses: { 200: json(Anything, 'Approved or published'), ...errors } }),
      async (c) => c.json(await approveAppraisal(deps, c.get('actor'), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({ method: 'post', path: '/api/models/{id}/appraisal/return', tags: ['appraisal'], summary: 'Send the scoring back to the first role, with a reason', middleware: auth, request: { params: ModelIdParams, ...body('{ reason }') }, responses: { 200: json(Anything, 'Returned'), ...errors } }),
      async (c) => c.json(await returnAppraisal(deps, c.get('actor'), c.req.valid('param').id, await jsonBody(c.req)), 200),
    )
    .openapi(
      createRoute({ method: 'post', path: '/api/models/{id}/proposals', tags: ['recognition'], summary: 'Propose a recognized model to the next level, or for commendation', middleware: auth, request: { params: ModelIdParams, ...body('{ kind: NEXT_LEVEL | COMMENDATION, year, note? }') }, responses: { 201: json(Anything, 'Proposed'), ...errors } }),
      async (c) => c.json(await propose(deps, c.get('actor'), c.req.valid('param').id, await jsonBody(c.req)), 201),
    )
    .openapi(
      createRoute({ method: 'get', path: '/api/proposals', tags: ['recognition'], summary: 'Proposals my board received', middleware: auth, responses: { 200: json(z.object({ proposals: z.array(Anything) }), 'Proposals'), ...errors } }),
      async (c) => c.json({ proposals: await receivedProposals(deps, c.get('actor')) }, 200),
    );
}
