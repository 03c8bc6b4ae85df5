import { createRoute, z } from '@hono/zod-openapi';
import { criteriaSetsOf, saveCriteriaSet } from '../../core/use-cases/criteria-admin.ts';
import {
  endSessionsOf,
  listAccounts,
  listBoards,
  listUnits,
  removeAccount,
  saveAccount,
  saveBoard,
  saveUnit,
} from '../../core/use-cases/organisation.ts';
import { importOfficialUnits } from '../../core/use-cases/official-units.ts';
import { securityEventsFor } from '../../core/use-cases/security-events.ts';
import { deactivateAccount, reactivateAccount, resetPassword } from '../../core/use-cases/account-admin.ts';
import { ORPHAN_ENDINGS, SECURITY_EVENT_TYPES } from '../../core/records.ts';
import { MODEL_STATUSES } from '../../core/model.ts';
import { STAGES } from '../../core/lifecycle.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { modelsNeedingAttention } from '../../core/use-cases/attention.ts';
import { recoverOrphanedModel } from '../../core/use-cases/recover-model.ts';
import { ModelIdParams, adminOnly, conflict, deleteErrors, json, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import {
  AccountInput,
  AccountSchema,
  BoardInput,
  BoardSchema,
  CriteriaSetInput,
  CriteriaSetSchemaOut,
  ImportOfficialUnitsInput,
  ImportOfficialUnitsResult,
  PasswordResetInput,
  UnitInput,
  UnitSchema,
} from '../api/schemas.ts';
import { pageRouter } from '../ui/page-support.tsx';
import { addAdminHome } from './admin-home-routes.tsx';
import { addAdminPages } from './admin-page-routes.tsx';
import { addSecurityPages } from './admin-security-routes.tsx';
import { addAccountActions } from './account-action-routes.tsx';
import { addOfficialUnitsActions } from './official-units-routes.tsx';

const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const UsernameParams = z.object({
  username: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'username', in: 'path' } }),
});
const SecurityEventQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ description: 'Events per page, 1-500 (default 100)' }),
  before: z.iso
    .datetime()
    .optional()
    .openapi({ description: 'Only events before this instant (the `at` of the last event of the previous page)' }),
});
const SecurityEventSchema = z
  .object({
    at: z.string().openapi({ format: 'date-time' }),
    type: z.enum(SECURITY_EVENT_TYPES),
    actor: z.string(),
    subject: z.string().openapi({ description: 'The account concerned' }),
    ip: z.string().optional(),
    detail: z.string().optional().openapi({ description: 'What changed (never a password)' }),
  })
  .openapi('SecurityEvent');
const AttentionSchema = z
  .object({
    modelId: z.string(),
    year: z.number().int(),
    executionName: z.string(),
    error: z.string(),
    cause: z.string(),
    at: z.string().openapi({ format: 'date-time' }),
    orphaned: z.boolean().optional().openapi({ description: 'Its execution ended behind the app’s back while the model still needed it' }),
    endedAs: z.enum(ORPHAN_ENDINGS).optional(),
    phase: z.enum(['REGISTRATION', 'CYCLE']).optional(),
    resolvedAt: z.string().optional(),
    resolvedBy: z.string().optional(),
    recoveredBy: z.string().optional(),
    recoverable: z.boolean().optional().openapi({ description: 'POST /api/models/{id}/recover resumes it' }),
    waitingIn: z.enum(MODEL_STATUSES).optional().openapi({ description: 'The status it waits in' }),
  })
  .openapi('AttentionItem');
const RecoverySchema = z
  .object({
    modelId: z.string(),
    status: z.enum(MODEL_STATUSES),
    recovered: z.boolean(),
    execution: z.string().optional().openapi({ description: 'The execution that carries the model now' }),
    resumedAt: z.enum([...STAGES, 'NEXT_CYCLE']).optional(),
    already: z.boolean().optional(),
  })
  .openapi('Recovery');
const saved = (schema: z.ZodType) => ({ 200: json(schema, 'Saved'), ...writeErrors });
/** An account answered with the number of its sessions just ended. */
const AccountEnded = AccountSchema.extend({ ended: z.number().int().openapi({ description: 'Sessions ended' }) }).openapi(
  'AccountSessionsEnded',
);

/** The organisation (units, boards, accounts) and criteria sets; changes are for administrators. */
function adminApi(deps: WebDeps) {
  const auth = [requireActor(deps)];
  const admin = [requireActor(deps), adminOnly];
  return (
    openApiRouter()
      .openapi(
        createRoute({
          method: 'get',
          path: '/api/units',
          operationId: 'listUnits',
          tags: ['organisation'],
          summary: 'All units (the tree by parentId)',
          middleware: auth,
          responses: { 200: json(z.object({ units: z.array(UnitSchema) }), 'Units'), ...readErrors },
        }),
        async (c) => c.json({ units: await listUnits(deps) }, 200),
      )
      .openapi(
        createRoute({
          method: 'put',
          path: '/api/units',
          operationId: 'saveUnit',
          tags: ['organisation'],
          summary: 'Create or update a unit (administrator); its parent and its board must exist',
          middleware: admin,
          request: body(UnitInput),
          responses: { ...saved(UnitSchema), 409: conflict('another unit has this official `code`') },
        }),
        async (c) => c.json(await saveUnit(deps, c.get('actor'), c.req.valid('json')), 200),
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/api/units/import-official',
          operationId: 'importOfficialUnits',
          tags: ['organisation'],
          summary: 'Import the official administrative units, all 34 provinces or one, with their communes (administrator; idempotent)',
          description:
            'Units get ids `dvhc-<code>`; a unit that already has the code is updated in place (its name only if empty). A new province hangs under the central unit, a commune under its province, in the board of the unit above. A second run creates and changes nothing.',
          middleware: admin,
          request: body(ImportOfficialUnitsInput),
          responses: {
            200: json(ImportOfficialUnitsResult, 'Imported: the counts'),
            ...writeErrors,
            409: conflict(
              'no board for a new province (no central unit with a board, no board `ban-dan-van-tw`), or an id `dvhc-<code>` taken',
            ),
          },
        }),
        async (c) => c.json(await importOfficialUnits(deps, c.get('actor'), c.req.valid('json')), 200),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/api/boards',
          operationId: 'listBoards',
          tags: ['organisation'],
          summary: 'All evaluation boards',
          middleware: auth,
          responses: { 200: json(z.object({ boards: z.array(BoardSchema) }), 'Boards'), ...readErrors },
        }),
        async (c) => c.json({ boards: await listBoards(deps) }, 200),
      )
      .openapi(
        createRoute({
          method: 'put',
          path: '/api/boards',
          operationId: 'saveBoard',
          tags: ['organisation'],
          summary: 'Create or update a board (administrator); its unit must exist',
          middleware: admin,
          request: body(BoardInput),
          responses: saved(BoardSchema),
        }),
        async (c) => c.json(await saveBoard(deps, c.get('actor'), c.req.valid('json')), 200),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/api/accounts',
          operationId: 'listAccounts',
          tags: ['organisation'],
          summary: 'All accounts, without password hashes (administrator)',
          middleware: admin,
          responses: { 200: json(z.object({ accounts: z.array(AccountSchema) }), 'Accounts'), ...readErrors },
        }),
        async (c) => c.json({ accounts: await listAccounts(deps, c.get('actor')) }, 200),
      )
      .openapi(
        createRoute({
          method: 'put',
          path: '/api/accounts',
          operationId: 'saveAccount',
          tags: ['organisation'],
          summary: 'Create or update an account, its role and scope (administrator)',
          description:
            'A new account needs a `password` (at least 10 characters). A change of password, role, unit, board or chain roles ends the account’s live sessions.',
          middleware: admin,
          request: body(AccountInput),
          responses: saved(AccountSchema),
        }),
        async (c) => c.json(await saveAccount(deps, c.get('actor'), c.req.valid('json')), 200),
      )
      .openapi(
        createRoute({
          method: 'delete',
          path: '/api/accounts/{username}',
          operationId: 'removeAccount',
          tags: ['organisation'],
          summary: 'Remove an account and end its sessions (administrator; not your own)',
          middleware: admin,
          request: { params: UsernameParams },
          responses: {
            204: { description: 'Removed' },
            ...deleteErrors,
            409: { ...deleteErrors[409], description: 'Conflict: your own account' },
          },
        }),
        async (c) => {
          await removeAccount(deps, c.get('actor'), c.req.valid('param').username);
          return c.body(null, 204);
        },
      )
      .openapi(
        createRoute({
          method: 'delete',
          path: '/api/accounts/{username}/sessions',
          operationId: 'endSessions',
          tags: ['organisation'],
          summary: 'End every live session of an account (administrator): its next request is signed out',
          middleware: admin,
          request: { params: UsernameParams },
          responses: { 200: json(z.object({ ended: z.number().int() }), 'Sessions ended'), ...deleteErrors },
        }),
        async (c) => c.json(await endSessionsOf(deps, c.get('actor'), c.req.valid('param').username), 200),
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/api/accounts/{username}/deactivate',
          operationId: 'deactivateAccount',
          tags: ['organisation'],
          summary: 'Deactivate an account (administrator; not your own): it can no longer sign in and its sessions end',
          middleware: admin,
          request: { params: UsernameParams },
          responses: {
            200: json(AccountEnded, 'Deactivated'),
            ...writeErrors,
            409: conflict('your own account'),
          },
        }),
        async (c) => c.json(await deactivateAccount(deps, c.get('actor'), c.req.valid('param').username), 200),
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/api/accounts/{username}/reactivate',
          operationId: 'reactivateAccount',
          tags: ['organisation'],
          summary: 'Reactivate a deactivated account (administrator): it may sign in again',
          middleware: admin,
          request: { params: UsernameParams },
          responses: { 200: json(AccountSchema, 'Active'), ...writeErrors },
        }),
        async (c) => c.json(await reactivateAccount(deps, c.get('actor'), c.req.valid('param').username), 200),
      )
      .openapi(
        createRoute({
          method: 'put',
          path: '/api/accounts/{username}/password',
          operationId: 'resetPassword',
          tags: ['organisation'],
          summary: 'Reset an account’s password (administrator): its sessions end',
          middleware: admin,
          request: { params: UsernameParams, ...body(PasswordResetInput) },
          responses: { 200: json(AccountEnded, 'Password reset'), ...writeErrors },
        }),
        async (c) => c.json(await resetPassword(deps, c.get('actor'), c.req.valid('param').username, c.req.valid('json')), 200),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/api/security-events',
          operationId: 'listSecurityEvents',
          tags: ['organisation'],
          summary: 'Security events, newest first: failed sign-ins, lockouts, sign-outs, sessions ended, account changes (administrator)',
          middleware: admin,
          request: { query: SecurityEventQuery },
          responses: { 200: json(z.object({ events: z.array(SecurityEventSchema) }), 'Events'), ...readErrors },
        }),
        async (c) => c.json({ events: await securityEventsFor(deps, c.get('actor'), c.req.valid('query')) }, 200),
      )
      .openapi(
        createRoute({
          method: 'get',
          path: '/api/boards/{boardId}/criteria',
          operationId: 'listCriteriaSets',
          tags: ['criteria'],
          summary: "A board's criteria sets (its members, administrators)",
          middleware: auth,
          request: {
            params: z.object({
              boardId: z
                .string()
                .min(1)
                .max(100)
                .openapi({ param: { name: 'boardId', in: 'path' } }),
            }),
          },
          responses: { 200: json(z.object({ criteriaSets: z.array(CriteriaSetSchemaOut) }), 'Criteria sets'), ...readErrors },
        }),
        async (c) => c.json({ criteriaSets: await criteriaSetsOf(deps, c.get('actor'), c.req.valid('param').boardId) }, 200),
      )
      .openapi(
        createRoute({
          method: 'put',
          path: '/api/criteria',
          operationId: 'saveCriteriaSet',
          tags: ['criteria'],
          summary: 'Define the criteria set of a board, period and kind (administrator)',
          description:
            'From then on the board appraises along `approvalChain` (any period, any kind) and never decides an appraisal directly.',
          middleware: admin,
          request: body(CriteriaSetInput),
          responses: saved(CriteriaSetSchemaOut),
        }),
        async (c) => c.json(await saveCriteriaSet(deps, c.get('actor'), c.req.valid('json')), 200),
      )
      // Models needing attention, and the recovery of an orphaned one (its execution ended behind the app's back).
      .openapi(
        createRoute({
          method: 'get',
          path: '/api/attention',
          operationId: 'listAttention',
          tags: ['administration'],
          summary: 'Models needing attention, newest first: failed workflow steps and orphaned models (administrator)',
          middleware: admin,
          responses: { 200: json(z.object({ items: z.array(AttentionSchema) }), 'Items'), ...readErrors },
        }),
        async (c) => c.json({ items: await modelsNeedingAttention(deps, c.get('actor')) }, 200),
      )
      .openapi(
        createRoute({
          method: 'post',
          path: '/api/models/{id}/recover',
          operationId: 'recoverModel',
          tags: ['administration'],
          summary:
            'Resume an orphaned model at the step its status waits in, in a new execution (administrator; a repeat answers the same)',
          middleware: admin,
          request: { params: ModelIdParams },
          responses: {
            200: json(RecoverySchema, 'Recovered, or recovered already'),
            ...writeErrors,
            409: conflict('the model is not orphaned (its execution still carries it, or it needs none)'),
          },
        }),
        async (c) => c.json(await recoverOrphanedModel(deps, c.get('actor'), c.req.valid('param').id), 200),
      )
  );
}

/** Administration: the JSON API and the admin pages (home with attention and the yearly review, organisation, criteria, security). */
export function adminRoutes(deps: WebDeps) {
  return adminApi(deps).route(
    '/',
    pageRouter(deps, addAdminHome, addAdminPages, addSecurityPages, addAccountActions, addOfficialUnitsActions),
  );
}
