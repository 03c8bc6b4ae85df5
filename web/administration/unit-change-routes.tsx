import { createRoute, z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { DomainError } from '../../core/errors.ts';
import { UNIT_CHANGE_STATUSES, UNIT_CHANGE_TYPES } from '../../core/unit-change.ts';
import { listUnits } from '../../core/use-cases/organisation.ts';
import { recordUnitChange, resumeUnitChange, unitHistory, UnitChangeInputSchema } from '../../core/use-cases/unit-changes.ts';
import type { Unit } from '../../core/records.ts';
import { adminOnly, conflict, json, named, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { BoardSchema, UnitSchema } from '../api/schemas.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { requireActor } from '../platform/session.ts';
import { failureState, type FormValues } from '../ui/forms.tsx';
import { pageRouter, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import type { UnitPageProps } from './unit-change-page.tsx';
import { unitHref } from './unit-href.ts';
import {} from './admin-page.tsx';

// --- the JSON API ---

const UnitChangeInput = named(UnitChangeInputSchema, 'UnitChangeInput', {
  description:
    'MERGE: `from` units into the successor `to`; SPLIT: `from` into the units `to`, its models and accounts to `modelsTo`; RENAME: `unit` gets `name` (and `code`). The same change posted again finishes it if it was interrupted, and changes nothing once done.',
});
const UnitChangeSchema = z
  .object({
    id: z.string(),
    type: z.enum(UNIT_CHANGE_TYPES),
    from: z.array(z.string()).openapi({ description: 'The units before (merged, split, renamed)' }),
    to: z.array(z.string()).openapi({ description: 'The units after' }),
    modelsTo: z.string().optional().openapi({ description: 'Where the models and accounts went' }),
    date: z.string().openapi({ description: 'The day it took effect, yyyy-mm-dd' }),
    note: z.string().optional(),
    name: z.string().optional(),
    formerName: z.string().optional(),
    code: z.string().optional(),
    formerCode: z.string().optional(),
    boardsMerged: z
      .array(z.object({ from: z.string(), to: z.string() }))
      .optional()
      .openapi({ description: 'Boards of merged units recorded as merged into the successor’s board' }),
    status: z.enum(UNIT_CHANGE_STATUSES).openapi({ description: 'MOVING until every model and account moved, then DONE' }),
    modelsMoved: z.number().int(),
    accountsMoved: z.number().int(),
    by: z.string(),
    at: z.string().openapi({ format: 'date-time' }),
    doneAt: z.string().optional().openapi({ format: 'date-time' }),
  })
  .openapi('UnitChange');
const UnitChangeResult = z
  .object({
    change: UnitChangeSchema,
    created: z.boolean().openapi({ description: 'false: this change was recorded before (now finished if it was not)' }),
  })
  .openapi('UnitChangeResult');
const UnitHistorySchema = z
  .object({
    unit: UnitSchema,
    parent: UnitSchema.optional(),
    board: BoardSchema.optional(),
    successor: UnitSchema.optional(),
    changes: z.array(UnitChangeSchema),
    names: z.record(z.string(), z.string()).openapi({ description: 'Names of the units the changes mention, by id' }),
  })
  .openapi('UnitHistory');
const UnitIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'The unit id' }),
});

function unitChangeApi(deps: WebDeps) {
  return openApiRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/units/changes',
        operationId: 'recordUnitChange',
        tags: ['organisation'],
        summary: 'Record that units were merged, split or renamed on a date (administrator); their models, cycles, steps and accounts move',
        description:
          'The predecessors stay, historical, with `successorId`; each model keeps `registeredByUnitId` and gets a MOVED event; its pending tasks, catalogue entry and this cycle year’s status counter follow it; unit accounts move and their sessions end. Statistics of earlier years do not change. Idempotent: the same change again finishes an interrupted one, else changes nothing.',
        middleware: [requireActor(deps), adminOnly],
        request: { body: { content: { 'application/json': { schema: UnitChangeInput } }, required: true } },
        responses: {
          200: json(UnitChangeResult, 'Recorded (or finished, or as it was)'),
          ...writeErrors,
          409: conflict('a merged or split unit already ended in another change, or the new `code` belongs to another unit'),
        },
      }),
      async (c) => c.json(await recordUnitChange(deps, c.get('actor'), c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/units/{id}/history',
        operationId: 'getUnitHistory',
        tags: ['organisation'],
        summary:
          'A unit with its official code, parent, board, successor and the changes it took part in (administrators; the board of its jurisdiction)',
        middleware: [requireActor(deps)],
        request: { params: UnitIdParams },
        responses: { 200: json(UnitHistorySchema, 'The unit and its history'), ...readErrors },
      }),
      async (c) => {
        const history = await unitHistory(deps, c.get('actor'), c.req.valid('param').id);
        return c.json({ ...history, names: Object.fromEntries(history.names) }, 200);
      },
    );
}

// --- the unit page ---
// Its components (unit-change-page.tsx) load on the page's first request: a chunk of their own
// in the Lambda bundle, not read at every cold start of the web function.
const unitPage = () => import('./unit-change-page.tsx');

/** The units that may be merged into `unit`: every other unit that has not ended. */
const candidatesFor = (units: Unit[], unit: Unit) => units.filter((u) => u.id !== unit.id && !u.successorId);

function addUnitPages(app: Hono<PageEnv>, deps: WebDeps) {
  const show = async (c: PageContext, id: string, extra: Partial<UnitPageProps> = {}, status: 200 | 400 | 403 | 404 | 409 | 422 = 200) => {
    const history = await unitHistory(deps, c.var.actor, id);
    const candidates = c.var.actor.role === 'admin' ? candidatesFor(await listUnits(deps), history.unit) : undefined;
    const { UnitPage } = await unitPage();
    return render(c, <UnitPage view={viewOf(c)} history={history} candidates={candidates} {...extra} />, status);
  };

  app.get('/admin/units/:id', requirePage(deps, 'admin', 'board'), async (c) => {
    const recorded = c.req.query('recorded') === '1';
    const count = (name: string) => Math.max(0, Math.trunc(Number(c.req.query(name)) || 0));
    return show(c, c.req.param('id'), recorded ? { recorded: { models: count('models'), accounts: count('accounts') } } : {});
  });

  app.post('/admin/units/:id/merge', requirePage(deps, 'admin'), async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody({ all: true });
    const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    const from = (Array.isArray(body.from) ? body.from : [body.from]).map(text).filter(Boolean);
    const values: FormValues = { from: from.join(','), date: text(body.date), note: text(body.note) };
    try {
      const { change } = await recordUnitChange(deps, c.var.actor, {
        type: 'MERGE',
        from,
        to: id,
        date: values.date,
        ...(values.note ? { note: values.note } : {}),
      });
      return c.redirect(`${unitHref(id)}?recorded=1&models=${change.modelsMoved}&accounts=${change.accountsMoved}#main`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return show(c, id, { form: failureState(viewOf(c).lang, error, values) }, httpStatus(error) as 400);
    }
  });

  app.post('/admin/units/:id/changes/:changeId/resume', requirePage(deps, 'admin'), async (c) => {
    const change = await resumeUnitChange(deps, c.var.actor, c.req.param('changeId'));
    return c.redirect(`${unitHref(c.req.param('id'))}?recorded=1&models=${change.modelsMoved}&accounts=${change.accountsMoved}#main`, 303);
  });
}

/** Merged, split and renamed units: the API (record a change, a unit's history) and the unit page with its merge form. */
export function unitChangeRoutes(deps: WebDeps) {
  return unitChangeApi(deps).route('/', pageRouter(deps, addUnitPages));
}
