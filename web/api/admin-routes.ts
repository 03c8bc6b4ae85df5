import { createRoute, z } from '@hono/zod-openapi';
import { criteriaSetsOf, saveCriteriaSet } from '../../core/use-cases/criteria-admin.ts';
import { listAccounts, listBoards, listUnits, saveAccount, saveBoard, saveUnit } from '../../core/use-cases/organisation.ts';
import { requireActor } from '../session.ts';
import type { WebDeps } from '../web-deps.ts';
import { Anything, errors, json, jsonBody, openApiRouter } from './openapi-app.ts';

const body = (description: string) => ({ body: { content: { 'application/json': { schema: Anything.openapi({ description }) } }, required: true } });
const list = (name: string) => json(z.object({ [name]: z.array(Anything) }), name);

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
    .openapi(createRoute({ method: 'get', path: '/api/boards/{boardId}/criteria', tags: ['criteria'], summary: "A board's criteria sets", middleware: auth, request: { params: z.object({ boardId: z.string().min(1).max(100) }) }, responses: { 200: list('criteriaSets'), ...errors } }),
      async (c) => c.json({ criteriaSets: await criteriaSetsOf(deps, c.get('actor'), c.req.valid('param').boardId) }, 200))
    .openapi(createRoute({ method: 'put', path: '/api/criteria', tags: ['criteria'], summary: 'Define the criteria set of a board, period and kind (administrator)', middleware: auth, request: body('{ boardId, period, kind, criteria: [{id, name, maxScore}], approvalChain }'), responses: { 200: json(Anything, 'Saved'), ...errors } }),
      async (c) => c.json(await saveCriteriaSet(deps, c.get('actor'), await jsonBody(c.req)), 200));
}
