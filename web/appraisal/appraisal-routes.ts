import { createRoute, z } from '@hono/zod-openapi';
import { approveAppraisal, getAppraisal, returnAppraisal, scoreAppraisal } from '../../core/use-cases/appraisal.ts';
import { answerProposal, PROPOSAL_KINDS, propose, receivedProposals } from '../../core/use-cases/proposals.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { ModelIdParams, conflict, json, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import {
  AppraisalReturnInput,
  AppraisalStep,
  AppraisalView,
  ProposalAnswerInput,
  ProposalInput,
  ProposalSchemaOut,
  ScoringInput,
} from '../api/schemas.ts';
import { pageRouter } from '../ui/page-support.tsx';
import { addCertificatePages } from './certificate-page-routes.tsx';
import { addScoringSheetPages } from './scoring-sheet-routes.tsx';

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const notInChain =
  'the model is not waiting for appraisal, the board decides directly (it has no approval chain), nothing waits for this step, or the appraisal changed meanwhile';

/** Appraisal along the board's approval chain, and proposals to the next level or for commendation. */
function appraisalApi(deps: WebDeps) {
  const auth = [requireActor(deps)];
  return openApiRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/models/{id}/appraisal',
        operationId: 'getAppraisal',
        tags: ['appraisal'],
        summary: 'The criteria set that applies and the appraisal in progress (or published)',
        description: '`criteriaSet` null: the board has no approval chain and decides directly (POST /api/models/{id}/decisions).',
        middleware: auth,
        request: { params: ModelIdParams },
        responses: { 200: json(AppraisalView, 'Appraisal'), ...readErrors },
      }),
      async (c) => c.json(await getAppraisal(deps, c.get('actor'), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/appraisal/scores',
        operationId: 'scoreAppraisal',
        tags: ['appraisal'],
        summary: 'First role of the chain: score every criterion and propose RECOGNIZE / CONTINUE / STOP',
        description:
          'Each criterion of the set once, 0 to its maximum (400, field `scores.<i>.score`). RECOGNIZE at the board’s level or below (422, field `proposal.level`). A chain of one role publishes at once (`published`).',
        middleware: auth,
        request: { params: ModelIdParams, ...body(ScoringInput) },
        responses: {
          200: json(AppraisalStep, 'Scored (published if the chain has one role)'),
          ...writeErrors,
          409: conflict(`${notInChain}; or it is scored already and waits for approval`),
        },
      }),
      async (c) => c.json(await scoreAppraisal(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/appraisal/approve',
        operationId: 'approveAppraisal',
        tags: ['appraisal'],
        summary: 'Next role approves; the last role publishes the decision',
        middleware: auth,
        request: { params: ModelIdParams },
        responses: { 200: json(AppraisalStep, 'Approved, or published (`published`)'), ...writeErrors, 409: conflict(notInChain) },
      }),
      async (c) => c.json(await approveAppraisal(deps, c.get('actor'), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/appraisal/return',
        operationId: 'returnAppraisal',
        tags: ['appraisal'],
        summary: 'Send the scoring back to the first role, with a reason',
        middleware: auth,
        request: { params: ModelIdParams, ...body(AppraisalReturnInput) },
        responses: { 200: json(AppraisalStep, 'Returned'), ...writeErrors, 409: conflict(notInChain) },
      }),
      async (c) => c.json(await returnAppraisal(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/proposals',
        operationId: 'propose',
        tags: ['recognition'],
        summary: 'Propose a recognized model to the next level, or for commendation (the board’s leader)',
        middleware: auth,
        request: { params: ModelIdParams, ...body(ProposalInput) },
        responses: {
          201: json(ProposalSchemaOut, 'Proposed'),
          ...writeErrors,
          409: conflict('not recognized that year, no higher-level board, or proposed already'),
        },
      }),
      async (c) => c.json(await propose(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/proposals',
        operationId: 'listProposals',
        tags: ['recognition'],
        summary: 'Proposals my board received (a board)',
        middleware: auth,
        responses: { 200: json(z.object({ proposals: z.array(ProposalSchemaOut) }), 'Proposals'), ...readErrors },
      }),
      async (c) => c.json({ proposals: await receivedProposals(deps, c.get('actor')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/proposals/{kind}/{year}/answer',
        operationId: 'answerProposal',
        tags: ['recognition'],
        summary: 'The receiving board answers a proposal, once (its leader, or an administrator)',
        description: 'DECLINED needs a `note`. Another board’s proposal, or one never made, is 404; one answered already is 409.',
        middleware: auth,
        request: { params: ProposalKeyParams, ...body(ProposalAnswerInput) },
        responses: { 200: json(ProposalSchemaOut, 'Answered'), ...writeErrors, 409: conflict('answered already') },
      }),
      async (c) => {
        const { id, kind, year } = c.req.valid('param');
        return c.json(await answerProposal(deps, c.get('actor'), { modelId: id, kind, year }, c.req.valid('json')), 200);
      },
    );
}

const ProposalKeyParams = ModelIdParams.extend({
  kind: z.enum(PROPOSAL_KINDS).openapi({ param: { name: 'kind', in: 'path' } }),
  year: z.coerce
    .number()
    .int()
    .min(2009)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'path' }, type: 'integer' }),
});

/** Appraisal and proposals: the JSON API and the certificate page (the appraisal forms are on the model page). */
export function appraisalRoutes(deps: WebDeps) {
  return appraisalApi(deps).route('/', pageRouter(deps, addCertificatePages, addScoringSheetPages));
}
