import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../core/errors.ts';
import { listVisibleModels, myReminders, myTasks, queueModels } from '../../core/use-cases/model-views.ts';
import { receivedProposals } from '../../core/use-cases/proposals.ts';
import { registerModel } from '../../core/use-cases/register-model.ts';
import type { WebDeps } from '../web-deps.ts';
import { httpStatus } from '../http-errors.ts';
import { BoardPage } from './board-page.tsx';
import { filterQueue, readQueueFilter } from './board-queue.tsx';
import { compactRows, INDICATOR_FIELDS, registrationBody } from './form-bodies.ts';
import { vietnamYear } from './format.ts';
import { failureState } from './forms.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from './page-support.tsx';
import { modelHref } from './tables.tsx';
import { UnitPage, type UnitPageProps } from './unit-page.tsx';

async function unitPage(c: PageContext, deps: WebDeps, form: UnitPageProps['form'], status: ContentfulStatusCode = 200) {
  const actor = c.var.actor;
  const [models, tasks, reminders] = await Promise.all([
    listVisibleModels(deps, actor, {}),
    myTasks(deps, actor),
    myReminders(deps, actor),
  ]);
  return render(c, <UnitPage view={viewOf(c)} models={models} tasks={tasks} reminders={reminders} now={deps.now()} form={form} />, status);
}

/** Home by role, the unit and board pages (the admin pages are in admin-*-routes.tsx). */
export function addRolePages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/', requirePage(deps), (c) => c.redirect(`/${c.var.actor.role}`, 302));

  app.get('/unit', requirePage(deps, 'unit'), (c) =>
    unitPage(c, deps, { values: { kind: 'MODEL', targetLevel: 'COMMUNE', year: String(vietnamYear(deps.now())) }, errors: {} }),
  );

  // One form, two buttons: "Lưu nháp" keeps a draft, "Gửi đăng ký" starts the lifecycle.
  app.post('/unit/models', requirePage(deps, 'unit'), async (c) => {
    const values = compactRows(await formValues(c), 'indicators', INDICATOR_FIELDS);
    const submit = values.intent !== 'draft';
    try {
      const model = await registerModel(deps, c.var.actor, registrationBody(values), { submit });
      return c.redirect(`${modelHref(model.id)}?done=${submit ? 'register' : 'draft'}#main`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return unitPage(c, deps, failureState(viewOf(c).lang, error, values), httpStatus(error));
    }
  });

  // The queue, filtered here over the board's tasks joined with its models (a few hundred rows at most).
  app.get('/board', requirePage(deps, 'board'), async (c) => {
    const actor = c.var.actor;
    const view = viewOf(c);
    const [models, tasks, proposals] = await Promise.all([
      listVisibleModels(deps, actor, {}),
      myTasks(deps, actor),
      receivedProposals(deps, actor),
    ]);
    const { filter, errors } = readQueueFilter(view.lang, (name) => c.req.query(name));
    const invalid = Object.keys(errors).length > 0;
    const rows = filterQueue(
      tasks,
      await queueModels(deps, tasks, models),
      invalid ? { area: '', kind: '', stage: '', due: '' } : filter,
      deps.now(),
    );
    const boardId = actor.role === 'board' ? actor.boardId : '';
    const page = (
      <BoardPage
        view={view}
        boardId={boardId}
        models={models}
        rows={rows}
        total={tasks.length}
        filter={filter}
        errors={errors}
        proposals={proposals}
        now={deps.now()}
      />
    );
    return render(c, page, invalid ? 400 : 200);
  });
}
