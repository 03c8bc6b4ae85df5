import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../core/errors.ts';
import { listVisibleModels, myTasks } from '../../core/use-cases/model-views.ts';
import { receivedProposals } from '../../core/use-cases/proposals.ts';
import { registerModel } from '../../core/use-cases/register-model.ts';
import { startYearlyReview } from '../../core/use-cases/yearly-review.ts';
import type { WebDeps } from '../web-deps.ts';
import { AdminPage, type AdminPageProps } from './admin-page.tsx';
import { BoardPage } from './board-page.tsx';
import { filterQueue, readQueueFilter } from './board-queue.tsx';
import { compactRows, INDICATOR_FIELDS, parseYear, registrationBody } from './form-bodies.ts';
import { vietnamYear } from './format.ts';
import { failureState } from './forms.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from './page-support.tsx';
import { modelHref } from './tables.tsx';
import { UnitPage, type UnitPageProps } from './unit-page.tsx';

async function unitPage(c: PageContext, deps: WebDeps, form: UnitPageProps['form'], status: ContentfulStatusCode = 200) {
  const actor = c.var.actor;
  const [models, tasks] = await Promise.all([listVisibleModels(deps, actor, {}), myTasks(deps, actor)]);
  return render(c, <UnitPage view={viewOf(c)} models={models} tasks={tasks} now={deps.now()} form={form} />, status);
}

async function adminPage(c: PageContext, deps: WebDeps, review: AdminPageProps['review'], status: ContentfulStatusCode = 200) {
  const lang = viewOf(c).lang;
  const unitId = (c.req.query('unitId') ?? '').trim();
  const boardId = (c.req.query('boardId') ?? '').trim();
  const lookup: AdminPageProps['lookup'] = { unitId, boardId, errors: {} };
  if (unitId || boardId) {
    try {
      lookup.models = await listVisibleModels(deps, c.var.actor, unitId ? { unitId } : { boardId });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state = failureState(lang, error, {});
      lookup.errors = state.errors;
      lookup.message = state.message;
    }
  }
  return render(c, <AdminPage view={viewOf(c)} review={review} lookup={lookup} />, status);
}

/** A non-negative integer query parameter, or undefined. */
const count = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined);

/** Home by role, the unit, board and admin pages. */
export function addRolePages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/', requirePage(deps), (c) => c.redirect(`/${c.var.actor.role}`, 302));

  app.get('/unit', requirePage(deps, 'unit'), (c) =>
    unitPage(c, deps, { values: { kind: 'MODEL', targetLevel: 'COMMUNE', year: String(vietnamYear(deps.now())) }, errors: {} }));

  // One form, two buttons: "Lưu nháp" keeps a draft, "Gửi đăng ký" starts the lifecycle.
  app.post('/unit/models', requirePage(deps, 'unit'), async (c) => {
    const values = compactRows(await formValues(c), 'indicators', INDICATOR_FIELDS);
    const submit = values.intent !== 'draft';
    try {
      const model = await registerModel(deps, c.var.actor, registrationBody(values), { submit });
      return c.redirect(`${modelHref(model.id)}?done=${submit ? 'register' : 'draft'}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return unitPage(c, deps, failureState(viewOf(c).lang, error, values), error.status);
    }
  });

  // The queue, filtered here over the board's tasks joined with its models (a few hundred rows at most).
  app.get('/board', requirePage(deps, 'board'), async (c) => {
    const actor = c.var.actor;
    const view = viewOf(c);
    const [models, tasks, proposals] = await Promise.all([listVisibleModels(deps, actor, {}), myTasks(deps, actor), receivedProposals(deps, actor)]);
    const { filter, errors } = readQueueFilter(view.lang, (name) => c.req.query(name));
    const invalid = Object.keys(errors).length > 0;
    const rows = filterQueue(tasks, models, invalid ? { area: '', kind: '', stage: '', due: '' } : filter, deps.now());
    const boardId = actor.role === 'board' ? actor.boardId : '';
    const page = <BoardPage view={view} boardId={boardId} models={models} rows={rows} total={tasks.length} filter={filter} errors={errors} proposals={proposals} now={deps.now()} />;
    return render(c, page, invalid ? 400 : 200);
  });

  app.get('/admin', requirePage(deps, 'admin'), (c) => {
    const [year, released, skipped] = [count(c.req.query('review')), count(c.req.query('released')), count(c.req.query('skipped'))];
    const result = year !== undefined && released !== undefined && skipped !== undefined ? { year, released, skipped } : undefined;
    return adminPage(c, deps, { year: String(year ?? vietnamYear(deps.now())), errors: {}, result });
  });

  app.post('/admin/reviews', requirePage(deps, 'admin'), async (c) => {
    const values = await formValues(c);
    try {
      const result = await startYearlyReview(deps, c.var.actor, parseYear(values.year));
      return c.redirect(`/admin?review=${result.year}&released=${result.released}&skipped=${result.skipped}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state = failureState(viewOf(c).lang, error, values);
      return adminPage(c, deps, { year: values.year ?? '', errors: state.errors, message: state.message }, error.status);
    }
  });
}
