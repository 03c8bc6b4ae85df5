import { createRoute, z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { DomainError } from '../../core/errors.ts';
import { UNIT_CHANGE_STATUSES, UNIT_CHANGE_TYPES, type UnitChange } from '../../core/unit-change.ts';
import { listUnits } from '../../core/use-cases/organisation.ts';
import {
  recordUnitChange,
  resumeUnitChange,
  unitHistory,
  UnitChangeInputSchema,
  type UnitHistory,
} from '../../core/use-cases/unit-changes.ts';
import type { Unit } from '../../core/records.ts';
import { adminOnly, conflict, json, named, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { BoardSchema, UnitSchema } from '../api/schemas.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { requireActor } from '../platform/session.ts';
import { byName, failureState, OtherErrors, TextInput, type FormValues } from '../ui/forms.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { Badge, Layout, Notice, type View } from '../ui/layout.tsx';
import { pageRouter, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import { DataTable } from '../ui/tables.tsx';
import type { WebDeps } from '../web-deps.ts';
import { AdminNav, type AdminForm } from './admin-page.tsx';

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

export const unitHref = (id: string) => `/admin/units/${encodeURIComponent(id)}`;

type UnitPageProps = {
  view: View;
  history: UnitHistory;
  /** Administrators: the units that may be merged into this one, and the merge form's state. */
  candidates?: Unit[];
  form?: AdminForm;
  recorded?: { models: number; accounts: number };
};

const unitName = (names: Map<string, string>, id: string) => names.get(id) ?? id;

function UnitLink(p: { names: Map<string, string>; id: string }) {
  return (
    <a href={unitHref(p.id)}>
      {unitName(p.names, p.id)} <code>{p.id}</code>
    </a>
  );
}

function HistoryTable(p: { lang: Lang; history: UnitHistory; admin: boolean }) {
  const { lang, history } = p;
  if (history.changes.length === 0) return <p>{t(lang, 'unitChange.noHistory')}</p>;
  const units = (ids: string[]) => (
    <>
      {ids.map((id, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <UnitLink names={history.names} id={id} />
        </>
      ))}
    </>
  );
  return (
    <DataTable
      headers={[
        t(lang, 'unitChange.date'),
        t(lang, 'unitChange.type'),
        t(lang, 'unitChange.from'),
        t(lang, 'unitChange.to'),
        t(lang, 'unitChange.note'),
        t(lang, 'unitChange.modelsMoved'),
        t(lang, 'unitChange.by'),
        t(lang, 'unitChange.status'),
      ]}
      rows={history.changes.map((change: UnitChange) => ({
        cells: [
          formatDate(change.date),
          t(lang, `unitChange.type.${change.type}`),
          change.type === 'RENAME' ? (change.formerName ?? '') : units(change.from),
          change.type === 'RENAME' ? t(lang, 'unitChange.renamedTo', { name: change.name ?? '' }) : units(change.to),
          change.note ?? '',
          change.type === 'RENAME' ? '' : String(change.modelsMoved),
          `${change.by} (${formatDateTime(change.at)})`,
          change.status === 'MOVING' && p.admin ? (
            <form method="post" action={`${unitHref(history.unit.id)}/changes/${encodeURIComponent(change.id)}/resume`}>
              <Badge class="warn">{t(lang, 'unitChange.status.MOVING')}</Badge>{' '}
              <button type="submit">{t(lang, 'unitChange.resume')}</button>
            </form>
          ) : (
            t(lang, `unitChange.status.${change.status}`)
          ),
        ],
      }))}
    />
  );
}

function MergeForm(p: { lang: Lang; unit: Unit; candidates: Unit[]; form: AdminForm }) {
  const { lang, form } = p;
  const chosen = new Set((form.values.from ?? '').split(',').filter(Boolean));
  return (
    <section class="card" id="merge-form" aria-labelledby="merge-form-title">
      <h2 id="merge-form-title">{t(lang, 'unitChange.mergeForm')}</h2>
      <p class="hint">{t(lang, 'unitChange.mergeIntro')}</p>
      {form.message ? (
        <Notice kind="error">
          {form.message}
          <OtherErrors errors={form.errors} shown={['from', 'date', 'note']} />
        </Notice>
      ) : null}
      <form method="post" action={`${unitHref(p.unit.id)}/merge#merge-form`}>
        <div>
          <label for="merge-from">{t(lang, 'unitChange.predecessors')}</label>
          <select id="merge-from" name="from" multiple size={8} required aria-invalid={form.errors.from ? 'true' : undefined}>
            {byName(p.candidates).map((u) => (
              <option value={u.id} selected={chosen.has(u.id)}>
                {u.name} ({u.id}){u.code ? ` · ${u.code}` : ''}
              </option>
            ))}
          </select>
          {form.errors.from ? <p class="field-error">{form.errors.from}</p> : null}
        </div>
        <div class="row">
          <TextInput
            id="merge-date"
            name="date"
            label={t(lang, 'unitChange.date')}
            hint="yyyy-mm-dd"
            value={form.values.date}
            error={form.errors.date}
            required
          />
          <TextInput id="merge-note" name="note" label={t(lang, 'unitChange.note')} value={form.values.note} error={form.errors.note} />
        </div>
        <button type="submit" data-confirm={t(lang, 'unitChange.confirmMerge')}>
          {t(lang, 'unitChange.submitMerge')}
        </button>
      </form>
    </section>
  );
}

export function UnitPage(props: UnitPageProps) {
  const { view, history } = props;
  const { lang } = view;
  const { unit } = history;
  const title = t(lang, 'unitChange.pageTitle', { name: unit.name });
  const admin = props.candidates !== undefined;
  return (
    <Layout view={view} title={title}>
      <h1>
        {title} {unit.historical ? <Badge class="warn">{t(lang, 'unitChange.historical')}</Badge> : null}
      </h1>
      {admin ? <AdminNav lang={lang} current="/admin/units" /> : null}
      {props.recorded ? <Notice kind="ok">{t(lang, 'unitChange.recorded', props.recorded)}</Notice> : null}
      <section class="card" aria-labelledby="unit-details-title">
        <h2 id="unit-details-title">{t(lang, 'unitChange.details')}</h2>
        <dl class="fields">
          <dt>{t(lang, 'unitChange.id')}</dt>
          <dd>
            <code>{unit.id}</code> · {label(lang, 'unitType', unit.type)} · {label(lang, 'level', unit.level)}
          </dd>
          <dt>{t(lang, 'unitChange.code')}</dt>
          <dd class="unit-code">{unit.code ?? t(lang, 'common.none')}</dd>
          <dt>{t(lang, 'unitChange.parent')}</dt>
          <dd>
            {history.parent ? (
              <UnitLink names={new Map([[history.parent.id, history.parent.name]])} id={history.parent.id} />
            ) : (
              t(lang, 'common.none')
            )}
          </dd>
          <dt>{t(lang, 'unitChange.board')}</dt>
          <dd>
            {history.board ? `${history.board.name} (${history.board.id})` : unit.boardId}
            {history.board?.mergedInto ? ` → ${history.board.mergedInto} (${formatDate(history.board.mergedAt)})` : ''}
          </dd>
          {unit.successorId ? (
            <>
              <dt>{t(lang, 'unitChange.successor')}</dt>
              <dd class="unit-successor">
                <UnitLink
                  names={new Map(history.successor ? [[history.successor.id, history.successor.name]] : [])}
                  id={unit.successorId}
                />
                {unit.endedAt ? ` · ${t(lang, 'unitChange.endedAt')}: ${formatDate(unit.endedAt)}` : ''}
              </dd>
            </>
          ) : null}
          {unit.formerNames?.length ? (
            <>
              <dt>{t(lang, 'unitChange.formerNames')}</dt>
              <dd>
                {unit.formerNames.map((f) => t(lang, 'unitChange.formerName', { name: f.name, until: formatDate(f.until) })).join('; ')}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section class="card" id="unit-history" aria-labelledby="unit-history-title">
        <h2 id="unit-history-title">{t(lang, 'unitChange.history')}</h2>
        <HistoryTable lang={lang} history={history} admin={admin} />
      </section>
      {admin && !unit.successorId ? (
        <MergeForm lang={lang} unit={unit} candidates={props.candidates!} form={props.form ?? { values: {}, errors: {} }} />
      ) : null}
    </Layout>
  );
}

/** The units that may be merged into `unit`: every other unit that has not ended. */
const candidatesFor = (units: Unit[], unit: Unit) => units.filter((u) => u.id !== unit.id && !u.successorId);

function addUnitPages(app: Hono<PageEnv>, deps: WebDeps) {
  const show = async (c: PageContext, id: string, extra: Partial<UnitPageProps> = {}, status: 200 | 400 | 403 | 404 | 409 | 422 = 200) => {
    const history = await unitHistory(deps, c.var.actor, id);
    const candidates = c.var.actor.role === 'admin' ? candidatesFor(await listUnits(deps), history.unit) : undefined;
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
