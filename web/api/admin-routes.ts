import { createRoute, z } from '@hono/zod-openapi';
import { criteriaSetsOf, saveCriteriaSet } from '../../core/use-cases/criteria-admin.ts';
import { endSessionsOf, listAccounts, listBoards, listUnits, removeAccount, saveAccount, saveBoard, saveUnit } from '../../core/use-cases/organisation.ts';
import { securityEventsFor } from '../../core/use-cases/security-events.ts';
import { SECURITY_EVENT_TYPES } from '../../core/store/security-log-store.ts';
import { requireActor } from '../session.ts';
import type { WebDeps } from '../web-deps.ts';
import { modelsNeedingAttention } from '../../core/use-cases/attention.ts';
import { recoverOrphanedModel } from '../../core/use-cases/recover-model.ts';
import { Anything, ModelIdParams, errors, json, jsonBody, openApiRouter } from './openapi-app.ts';

const body = (description: string) => ({ body: { content: { 'application/json': { schema: Anything.openapi({ description }) } }, required: true } });
const UsernameParams = z.object({ username: z.string().min(1).max(60) });
const SecurityEventQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.iso.datetime().optional().openapi({ description: 'Only events before this instant (the `at` of the last event of the previous page)' }),
});
const SecurityEventSchema = z.object({
  at: z.string(), type: z.enum(SECURITY_EVENT_TYPES), actor: z.string(), subject: z.string(), ip: z.string().optional(), detail: z.string().optional(),
}).openapi('SecurityEvent');
const list = (name: string) => json(z.object({ [name]: z.array(Anything) }), name);
const RecoverySchema = z.object({
  modelId: z.string(), status: z.string(), recovered: z.boolean(),
  execution: z.string().optional().openapi({ description: 'The execution that carries the model now' }),
  resumedAt: z.string().optional(), already: z.boolean().optional(),
}).openapi('Recovery');

/** The organisation (units, boards, accounts) and criteria sets; changes are for administrators. */
export function adminRoutes(deps: WebDeps) {
  const auth = [requireActor(deps)];
  return openApiRouter()
    .openapi(createRoute({ method: 'get', path: '/api/units', tags: ['organisation'], summary: 'All units (the tree by parentId)', middleware: auth, responses: { 200: list('units'), ...errors } }),
      async (c) => c.json({ units: await listUnits(deps) }, 200))
    .openapi(createRoute({ method: 'put', path: '/api/units', tags: ['organisation'], summary: 'Create or update a unit (administrator)', middleware: auth, request: body('{ id, name, type, level, parentId?, boardId, historical? }'), responses: { 200: json(Anything, 'Saved'), ...errors } }),
      async (c) => c.json(await saveUnit(deps, c.get('actor'), await jsonBody(c.req)), 200))
    .openapi(createRoute({ method: 'get', path: '/api/boards', tags: ['organisation'], summary: 'All evaluation boards', middleware: auth, responses: { 200: list('boards'), ...errors } }),
      async (c) => c.json({ boards: await listBoards(deps) }, 200))
    .openapi(createRoute({ method: 'put', path: '/api/boards', tags: ['organisation'], summary: 'Create or update a board (administrator)', middleware: auth, request: body('{ id, name, level, unitId }'), responses: { 200: json(Anything, 'Saved'), ...errors } }),
      async (c) => c.json(await saveBoard(deps, c.get('actor'), await jsonBody(c.req)), 200))
    .openapi(createRoute({ method: 'get', path: '/api/accounts', tags: ['organisation'], summary: 'All accounts, without password hashes (administrator)', middleware: auth, responses: { 200: list('accounts'), ...errors } }),
      async (c) => c.json({ accounts: await listAccounts(deps, c.get('actor')) }, 200))
    .openapi(createRoute({ method: 'put', path: '/api/accounts', tags: ['organisation'], summary: 'Create or update an account, its role and scope (administrator)', middleware: auth, request: body('{ username, displayName, role, unitId?, boardId?, boardRoles?, password? }'), responses: { 200: json(Anything, 'Saved'), ...errors } }),
      async (c) => c.json(await saveAccount(deps, c.get('actor'), await jsonBody(c.req)), 200))
    .openapi(createRoute({ method: 'delete', path: '/api/accounts/{username}', tags: ['organisation'], summary: 'Remove an account and end its sessions (administrator; not your own)', middleware: auth, request: { params: UsernameParams }, responses: { 204: { description: 'Removed' }, ...errors } }),
      async (c) => {
        await removeAccount(deps, c.get('actor'), c.req.valid('param').username);
        return c.body(null, 204);
      })
    .openapi(createRoute({ method: 'delete', path: '/api/accounts/{username}/sessions', tags: ['organisation'], summary: "End every live session of an account (administrator): its next request is signed out", middleware: auth, request: { params: UsernameParams }, responses: { 200: json(z.object({ ended: z.number().int() }), 'Sessions ended'), ...errors } }),
      async (c) => c.json(await endSessionsOf(deps, c.get('actor'), c.req.valid('param').username), 200))
    .openapi(createRoute({ method: 'get', path: '/api/security-events', tags: ['organisation'], summary: 'Security events, newest first: failed sign-ins, lockouts, sign-outs, sessions ended, account changes (administrator)', middleware: auth, request: { query: SecurityEventQuery }, responses: { 200: json(z.object({ events: z.array(SecurityEventSchema) }), 'Events'), ...errors } }),
      async (c) => c.json({ events: await securityEventsFor(deps, c.get('actor'), c.req.valid('query')) }, 200))
    .openapi(createRoute({ method: 'get', path: '/api/boards/{boardId}/criteria', tags: ['criteria'], summary: "A board's criteria sets", middleware: auth, request: { params: z.object({ boardId: z.string().min(1).max(100) }) }, responses: { 200: list('criteriaSets'), ...errors } }),
      async (c) => c.json({ criteriaSets: await criteriaSetsOf(deps, c.get('actor'), c.req.valid('param').boardId) }, 200))
    .openapi(createRoute({ method: 'put', path: '/api/criteria', tags: ['criteria'], summary: 'Define the criteria set of a board, period and kind (administrator)', middleware: auth, request: body('{ boardId, period, kind, criteria: [{id, name, maxScore}], approvalChain }'), responses: { 200: json(Anything, 'Saved'), ...errors } }),
      async (c) => c.json(await saveCriteriaSet(deps, c.get('actor'), await jsonBody(c.req)), 200))
    // Models needing attention, and the recovery of an orphaned one (its execution ended behind the app's back).
    .openapi(createRoute({ method: 'get', path: '/api/attention', tags: ['administration'], summary: 'Models needing attention, newest first: failed workflow steps and orphaned models (administrator)', middleware: auth, responses: { 200: list('items'), ...errors } }),
      async (c) => c.json({ items: await modelsNeedingAttention(deps, c.get('actor')) }, 200))
    .openapi(createRoute({ method: 'post', path: '/api/models/{id}/recover', tags: ['administration'], summary: 'Resume an orphaned model at the step its status waits in, in a new execution (administrator; a repeat answers the same)', middleware: auth, request: { params: ModelIdParams }, responses: { 200: json(RecoverySchema, 'Recovered, or recovered already'), ...errors } }),
      async (c) => c.json(await recoverOrphanedModel(deps, c.get('actor'), c.req.valid('param').id), 200));
}
