import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Actor } from '../../core/actor.ts';
import type { Deps } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import { decideAsBoard, submitRevision, submitYearlyReport } from '../../core/use-cases/decide.ts';
import { getModelDetail } from '../../core/use-cases/model-views.ts';
import type { WebDeps } from '../web-deps.ts';
import { decisionBody, reportBody, revisionBody } from './form-bodies.ts';
import { failureState } from './forms.tsx';
import type { ActionState } from './model-actions.tsx';
import { ModelPage } from './model-page.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from './page-support.tsx';
import { modelHref } from './tables.tsx';

async function modelPage(c: PageContext, deps: WebDeps, id: string, extra: { done?: string; state?: ActionState }, status: ContentfulStatusCode = 200) {
  const detail = await getModelDetail(deps, c.var.actor, id);
  return render(c, <ModelPage view={viewOf(c)} actor={c.var.actor} detail={detail} now={deps.now()} {...extra} />, status);
}

type Action = {
  form: ActionState['form'];
  run: (deps: Deps, actor: Actor, modelId: string, body: unknown) => Promise<unknown>;
  body: (values: Record<string, string>) => unknown;
};

const ACTIONS: Action[] = [
  { form: 'decide', run: decideAsBoard, body: decisionBody },
  { form: 'revise', run: submitRevision, body: revisionBody },
  { form: 'report', run: submitYearlyReport, body: reportBody },
];

/** The model page and its action forms (post, then redirect back; on an error show the page again). */
export function addModelPages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/models/:id', requirePage(deps), (c) => modelPage(c, deps, c.req.param('id'), { done: c.req.query('done') }));

  for (const action of ACTIONS) {
    app.post(`/models/:id/${action.form}`, requirePage(deps), async (c) => {
      const id = c.req.param('id');
      const values = await formValues(c);
      try {
        await action.run(deps, c.var.actor, id, action.body(values));
        return c.redirect(`${modelHref(id)}?done=${action.form}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const state: ActionState = { form: action.form, outcome: values.outcome, ...failureState(viewOf(c).lang, error, values) };
        return modelPage(c, deps, id, { state }, error.status);
      }
    });
  }
}
