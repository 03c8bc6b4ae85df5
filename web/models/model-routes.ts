import { createRoute, z } from '@hono/zod-openapi';
import { acceptRegistrations } from '../../core/use-cases/board-queue.ts';
import { decideAsBoard, submitRevision, submitYearlyReport } from '../../core/use-cases/decide.ts';
import { message } from '../i18n/dictionary.ts';
import { requestLang } from '../platform/http-errors.ts';
import {
  getModelDetail,
  listModelPage,
  ModelListQuerySchema,
  myReminders,
  myTaskPage,
  TaskPageSchema,
} from '../../core/use-cases/model-views.ts';
import { registerModel, submitDraft, updateDraft } from '../../core/use-cases/register-model.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { conflict, json, ModelIdParams, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import {
  BatchAcceptInput,
  BatchAcceptResult,
  BoardDecisionInput,
  DecisionResult,
  ModelDetail,
  ModelPage,
  ModelSchema,
  RegistrationEditInput,
  RegistrationInput,
  ReminderSchema,
  TaskPage,
  YearlyReportInput,
} from '../api/schemas.ts';
import { pageRouter } from '../ui/page-support.tsx';
import { addModelPages } from './model-page-routes.tsx';
import { signalApi } from './signal-routes.ts';

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const SubmitQuery = z.object({
  submit: z.enum(['true', 'false']).optional().openapi({ description: '`false`: keep it as a draft (201) instead of submitting it (202)' }),
});

/** The lifecycle's JSON API; every route needs a session and acts within the actor's scope. */
function modelApi(deps: WebDeps) {
  const app = openApiRouter();
  app.use('/api/models', requireActor(deps));
  app.use('/api/models/*', requireActor(deps));
  app.use('/api/tasks', requireActor(deps));
  app.use('/api/tasks/*', requireActor(deps));
  const decided = (description: string) => ({
    200: json(DecisionResult, 'Recorded and handed to the workflow'),
    ...writeErrors,
    409: conflict(description),
  });
  return app
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models',
        operationId: 'registerModel',
        tags: ['models'],
        summary: 'Register a model or exemplar (a unit); `?submit=false` keeps it as a draft',
        description:
          'The year is this cycle year or the next, in Vietnam time (else 422, field `year`). Submitted, the model waits for its board’s registration review; a draft is private to its unit until submitted.',
        request: { query: SubmitQuery, ...body(RegistrationInput) },
        responses: {
          202: json(ModelSchema, 'Stored; its lifecycle has started'),
          201: json(ModelSchema, 'Saved as a draft'),
          ...writeErrors,
        },
      }),
      async (c) => {
        const submit = c.req.valid('query').submit !== 'false';
        const model = await registerModel(deps, c.get('actor'), c.req.valid('json'), { submit });
        return submit ? c.json(model, 202) : c.json(model, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/api/models/{id}',
        operationId: 'updateDraft',
        tags: ['models'],
        summary: 'Edit a draft (the whole registration again)',
        request: { params: ModelIdParams, ...body(RegistrationInput) },
        responses: {
          200: json(ModelSchema, 'Saved'),
          ...writeErrors,
          409: conflict('not a draft any more, or the draft changed meanwhile'),
        },
      }),
      async (c) => c.json(await updateDraft(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/models',
        operationId: 'listModels',
        tags: ['models'],
        summary: 'Models in my scope, newest first, a page at a time',
        description:
          'A unit: its own models (drafts too); a board: its jurisdiction (no drafts); an administrator: `unitId` or `boardId`, or without either every board’s, board by board. Follow `nextCursor` until it is absent; a page may hold fewer than `limit` (drafts are left out).',
        request: { query: ModelListQuerySchema },
        responses: { 200: json(ModelPage, 'One page of models'), ...readErrors },
      }),
      async (c) => c.json(await listModelPage(deps, c.get('actor'), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/models/{id}',
        operationId: 'getModel',
        tags: ['models'],
        summary: 'A model with its timeline, decisions, steps and evidence',
        request: { params: ModelIdParams },
        responses: { 200: json(ModelDetail, 'The model'), ...readErrors },
      }),
      async (c) => c.json(await getModelDetail(deps, c.get('actor'), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/submit',
        operationId: 'submitDraft',
        tags: ['models'],
        summary: 'Submit a draft (one saved with `?submit=false`, a replica, or one whose first submission failed)',
        request: { params: ModelIdParams },
        responses: { 202: json(ModelSchema, 'Submitted: its lifecycle has started'), ...writeErrors, 409: conflict('already submitted') },
      }),
      async (c) => c.json(await submitDraft(deps, c.get('actor'), c.req.valid('param').id), 202),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/decisions',
        operationId: 'decide',
        tags: ['decisions'],
        summary:
          'A board decides: accept / return / reject a registration; recognize / continue / stop after appraisal (boards without an approval chain)',
        description:
          'REGISTRATION_REVIEW: ACCEPT takes an optional `comment`; RETURN and REJECT need a `reason`. APPRAISAL decides directly only on a board **without** an approval chain: a board with a criteria set (any period or kind) appraises through `/api/models/{id}/appraisal/scores`, `/approve`, `/return`, and a direct APPRAISAL decision there is 409. RECOGNIZE is at the board’s level or below (else 422, field `level`).',
        request: { params: ModelIdParams, ...body(BoardDecisionInput) },
        responses: decided(
          'someone decided this step first; the step is not waiting; or an APPRAISAL decision on a board with an approval chain (use the appraisal flow)',
        ),
      }),
      async (c) => c.json(await decideAsBoard(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/tasks/accept-registrations',
        operationId: 'acceptRegistrations',
        tags: ['decisions'],
        summary: 'A board accepts several registrations at once (at most 100)',
        description:
          'Each is its own decision, as `POST /api/models/{id}/decisions` with ACCEPT would take it: one that cannot be accepted (decided meanwhile, not waiting, not in the board’s scope) is listed in `refused` with its reason, and the others go through. With an Idempotency-Key, a retry answers each from what the first attempt decided.',
        request: body(BatchAcceptInput),
        responses: { 200: json(BatchAcceptResult, 'Accepted, and those refused with their reason'), ...writeErrors },
      }),
      async (c) => {
        const result = await acceptRegistrations(deps, c.get('actor'), c.req.valid('json'));
        const lang = requestLang(c);
        const refused = result.refused.map((r) => ({ modelId: r.modelId, code: r.key, message: message(lang, r.key, r.params) }));
        return c.json({ accepted: result.accepted, refused }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/revision',
        operationId: 'submitRevision',
        tags: ['decisions'],
        summary: 'The unit answers a return with a revised registration',
        request: { params: ModelIdParams, ...body(RegistrationEditInput) },
        responses: decided('the registration is not waiting for a revision'),
      }),
      async (c) => c.json(await submitRevision(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/report',
        operationId: 'submitReport',
        tags: ['decisions'],
        summary: "The unit's yearly report",
        request: { params: ModelIdParams, ...body(YearlyReportInput) },
        responses: decided('the model is not waiting for its yearly report'),
      }),
      async (c) => c.json(await submitYearlyReport(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/tasks',
        operationId: 'listTasks',
        tags: ['tasks'],
        summary: 'My pending tasks (a unit, a board), soonest due first, a page at a time',
        request: { query: TaskPageSchema },
        responses: { 200: json(TaskPage, 'One page of tasks'), ...readErrors },
      }),
      async (c) => c.json(await myTaskPage(deps, c.get('actor'), c.req.valid('query')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/reminders',
        operationId: 'listReminders',
        tags: ['tasks'],
        summary: "A unit's reminders of overdue revisions and reports, newest first (the latest 50)",
        middleware: [requireActor(deps)],
        responses: { 200: json(z.object({ reminders: z.array(ReminderSchema) }), 'Reminders'), ...readErrors },
      }),
      async (c) => c.json({ reminders: await myReminders(deps, c.get('actor')) }, 200),
    );
}

/**
 * A model along its lifecycle: the JSON API (registration, drafts, decisions, revision, report,
 * tasks), its formalism signals, and the model page whose forms run the same use cases.
 */
export function modelRoutes(deps: WebDeps) {
  return modelApi(deps).route('/', signalApi(deps)).route('/', pageRouter(deps, addModelPages));
}
