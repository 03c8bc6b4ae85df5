import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '../../core/errors.ts';
import { listVisibleModels, myReminders, myTasks } from '../../core/use-cases/model-views.ts';
import { registerModel } from '../../core/use-cases/register-model.ts';
import type { WebDeps } from '../web-deps.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { compactRows, draftBody, INDICATOR_FIELDS, registrationBody } from '../ui/form-bodies.ts';
import { vietnamYear } from '../ui/format.ts';
import { failureState } from '../ui/forms.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import { modelHref } from '../ui/tables.tsx';
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

/** The unit's page: its models, tasks and reminders, and the registration form. */
export function addUnitPages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/unit', requirePage(deps, 'unit'), (c) =>
    unitPage(c, deps, { values: { kind: 'MODEL', targetLevel: 'COMMUNE', year: String(vietnamYear(deps.now())) }, errors: {} }),
  );

  // One form, two buttons: "Lưu nháp" keeps a draft, "Gửi đăng ký" starts the lifecycle.
  app.post('/unit/models', requirePage(deps, 'unit'), async (c) => {
    const values = compactRows(await formValues(c), 'indicators', INDICATOR_FIELDS);
    const submit = values.intent !== 'draft';
    try {
      const model = await registerModel(deps, c.var.actor, submit ? registrationBody(values) : draftBody(values), { submit });
      return c.redirect(`${modelHref(model.id)}?done=${submit ? 'register' : 'draft'}#main`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return unitPage(c, deps, failureState(viewOf(c).lang, error, values), httpStatus(error));
    }
  });
}
