import { createRoute, z } from '@hono/zod-openapi';
import { BoardDecisionSchema, YearlyReportSchema } from '../../core/lifecycle.ts';
import { RegistrationEditSchema, RegistrationSchema } from '../../core/model.ts';
import { decideAsBoard, submitRevision, submitYearlyReport } from '../../core/use-cases/decide.ts';
import { getModelDetail, listVisibleModels, myReminders, myTaskPage } from '../../core/use-cases/model-views.ts';
import { registerModel, submitDraft, updateDraft } from '../../core/use-cases/register-model.ts';
import { requireActor } from '../session.ts';
import type { WebDeps } from '../web-deps.ts';
import { Anything, ModelIdParams, errors, json, openApiRouter } from './openapi-app.ts';

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const DecisionResult = z.object({ decisionId: z.string(), outcome: z.string(), status: z.string(), delivery: z.string() }).openapi('DecisionResult');
const SubmitQuery = z.object({ submit: z.enum(['true', 'false']).optional() });
// Parsed by the use case (400 with the field); documented here.
const TaskQuery = z.object({
  limit: z.string().max(3).optional().openapi({ description: 'Tasks per page, 1-200 (default 50)', example: '50' }),
  cursor: z.string().max(2000).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
});
const ListFilter = z.object({ unitId: z.string().max(100).optional(), boardId: z.string().max(100).optional() });

/** The lifecycle's JSON API; every route needs a session and acts within the actor's scope. */
export function modelRoutes(deps: WebDeps) {
  const app = openApiRouter();
  app.use('/api/models', requireActor(deps));
  app.use('/api/models/*', requireActor(deps));
  app.use('/api/tasks', requireActor(deps));
  const decided = { 200: json(DecisionResult, 'Recorded and handed to the workflow'), ...errors };
  return app
    .openapi(
      createRoute({ method: 'post', path: '/api/models', tags: ['models'], summary: 'Register a model or exemplar (a unit); `?submit=false` keeps it as a draft', request: { query: SubmitQuery, ...body(RegistrationSchema) }, responses: { 202: json(Anything, 'Stored; its lifecycle has started'), 201: json(Anything, 'Saved as a draft'), ...errors } }),
      async (c) => {
        const submit = c.req.valid('query').submit !== 'false';
        const model = await registerModel(deps, c.get('actor'), c.req.valid('json'), { submit });
        return submit ? c.json(model, 202) : c.json(model, 201);
      },
    )
    .openapi(
      createRoute({ method: 'put', path: '/api/models/{id}', tags: ['models'], summary: 'Edit a draft (the whole registration again)', request: { params: ModelIdParams, ...body(RegistrationSchema) }, responses: { 200: json(Anything, 'Saved'), ...errors } }),
      async (c) => c.json(await updateDraft(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({ method: 'get', path: '/api/models', tags: ['models'], summary: 'Models in my scope, newest first', request: { query: ListFilter }, responses: { 200: json(z.object({ models: z.array(Anything) }), 'Models'), ...errors } }),
      async (c) => c.json({ models: await listVisibleModels(deps, c.get('actor'), c.req.valid('query')) }, 200),
    )
    .openapi(
      createRoute({ method: 'get', path: '/api/models/{id}', tags: ['models'], summary: 'A model with its timeline, decisions and waiting steps', request: { params: ModelIdParams }, responses: { 200: json(Anything, 'The model'), ...errors } }),
      async (c) => c.json(await getModelDetail(deps, c.get('actor'), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({ method: 'post', path: '/api/models/{id}/submit', tags: ['models'], summary: 'Submit a draft whose first submission failed', request: { params: ModelIdParams }, responses: { 202: json(Anything, 'Submitted'), ...errors } }),
      async (c) => c.json(await submitDraft(deps, c.get('actor'), c.req.valid('param').id), 202),
    )
    .openapi(
      createRoute({ method: 'post', path: '/api/models/{id}/decisions', tags: ['decisions'], summary: 'A board decides: accept / return / reject a registration; recognize / continue / stop after appraisal', request: { params: ModelIdParams, ...body(BoardDecisionSchema) }, responses: decided }),
      async (c) => c.json(await decideAsBoard(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({ method: 'post', path: '/api/models/{id}/revision', tags: ['decisions'], summary: 'The unit answers a return with a revised registration', request: { params: ModelIdParams, ...body(RegistrationEditSchema) }, responses: decided }),
      async (c) => c.json(await submitRevision(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({ method: 'post', path: '/api/models/{id}/report', tags: ['decisions'], summary: "The unit's yearly report", request: { params: ModelIdParams, ...body(YearlyReportSchema) }, responses: decided }),
      async (c) => c.json(await submitYearlyReport(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: '/api/tasks', tags: ['tasks'], summary: 'My pending tasks, soonest due first, a page at a time',
        request: { query: TaskQuery },
        responses: { 200: json(z.object({ tasks: z.array(Anything), nextCursor: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page; absent on the last page' }) }), 'Tasks'), ...errors },
      }),
      async (c) => c.json(await myTaskPage(deps, c.get('actor'), c.req.query()), 200),
    )
    .openapi(
      createRoute({ method: 'get', path: '/api/reminders', tags: ['tasks'], summary: "A unit's reminders of overdue revisions and reports, newest first", middleware: [requireActor(deps)], responses: { 200: json(z.object({ reminders: z.array(Anything) }), 'Reminders'), ...errors } }),
      async (c) => c.json({ reminders: await myReminders(deps, c.get('actor')) }, 200),
    );
}
