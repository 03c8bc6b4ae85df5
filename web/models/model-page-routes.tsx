import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Actor } from '../../core/actor.ts';
import type { Deps } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import type { Model } from '../../core/model.ts';
import { approveAppraisal, getAppraisal, returnAppraisal, scoreAppraisal } from '../../core/use-cases/appraisal.ts';
import { decideAsBoard, submitRevision, submitYearlyReport } from '../../core/use-cases/decide.ts';
import { getModelDetail, namesOnModelPage, yearlyReportOf } from '../../core/use-cases/model-views.ts';
import { propose, proposalsOfModel } from '../../core/use-cases/proposals.ts';
import { submitDraft, updateDraft } from '../../core/use-cases/register-model.ts';
import { lineageOf } from '../../core/use-cases/replicate-model.ts';
import type { WebDeps } from '../web-deps.ts';
import { httpStatus } from '../platform/http-errors.ts';
import {
  compactRows,
  decisionBody,
  draftBody,
  INDICATOR_FIELDS,
  proposalBody,
  reportBody,
  reportField,
  returnBody,
  revisionBody,
  scoringBody,
} from '../ui/form-bodies.ts';
import { failureState } from '../ui/forms.tsx';
import { t } from '../i18n/dictionary.ts';
import { pendingTask, type ActionState, type PageForm } from './model-actions.tsx';
import { ModelPage } from './model-page.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import { signalsForModelPage } from './signals-section.tsx';
import { modelHref } from '../ui/tables.tsx';

/** The latest yearly report: this cycle's, else the one before (a recognized model has moved on a year). */
async function latestReport(deps: Deps, model: Model) {
  if (!model.report) return undefined;
  return (await yearlyReportOf(deps, model.id, model.cycleYear)) ?? (await yearlyReportOf(deps, model.id, model.cycleYear - 1));
}

/** The model page with what its sections need: the appraisal (board, while it waits), signals, lineage, report. */
export async function modelPage(
  c: PageContext,
  deps: WebDeps,
  id: string,
  extra: { done?: string; state?: ActionState },
  status: ContentfulStatusCode = 200,
) {
  const actor = c.var.actor;
  const detail = await getModelDetail(deps, actor, id);
  const appraising = actor.role !== 'unit' && pendingTask(detail.model, detail.tasks)?.stage === 'APPRAISAL';
  const [appraisal, signals, lineage, report, proposals, names] = await Promise.all([
    appraising ? getAppraisal(deps, actor, id) : undefined,
    signalsForModelPage(deps, actor, detail),
    lineageOf(deps, detail.model, actor),
    latestReport(deps, detail.model),
    proposalsOfModel(deps, actor, detail.model),
    namesOnModelPage(deps, detail),
  ]);
  const page = (
    <ModelPage
      view={viewOf(c)}
      actor={actor}
      detail={detail}
      now={deps.now()}
      appraisal={appraisal}
      signals={signals}
      lineage={lineage}
      report={report}
      proposals={proposals}
      names={names}
      {...extra}
    />
  );
  return render(c, page, status);
}

/** A failed post shown again on the model page, its reasons in the reader's language. */
export function pageState(
  c: PageContext,
  form: PageForm,
  error: DomainError,
  values: Record<string, string>,
  field = (f: string) => f,
): ActionState {
  const state = failureState(viewOf(c).lang, error, values);
  const errors = Object.fromEntries(Object.entries(state.errors).map(([key, reason]) => [field(key), reason]));
  return { form, outcome: values.outcome, ...state, errors };
}

type Action = {
  form: PageForm;
  path: string;
  run: (deps: Deps, actor: Actor, modelId: string, body: unknown) => Promise<unknown>;
  body: (values: Record<string, string>) => unknown;
  /** Maps core's error paths back to the form's inputs. */
  field?: (values: Record<string, string>) => (field: string) => string;
  prepare?: (values: Record<string, string>) => Record<string, string>;
};

const ACTIONS: Action[] = [
  { form: 'decide', path: 'decide', run: decideAsBoard, body: decisionBody },
  {
    form: 'revise',
    path: 'revise',
    run: submitRevision,
    body: revisionBody,
    prepare: (v) => compactRows(v, 'indicators', INDICATOR_FIELDS),
  },
  { form: 'report', path: 'report', run: submitYearlyReport, body: reportBody, field: reportField },
  { form: 'score', path: 'appraisal/score', run: scoreAppraisal, body: scoringBody },
  { form: 'approve', path: 'appraisal/approve', run: (deps, actor, id) => approveAppraisal(deps, actor, id), body: () => undefined },
  { form: 'return', path: 'appraisal/return', run: returnAppraisal, body: returnBody },
  { form: 'propose', path: 'propose', run: propose, body: proposalBody },
];

/** The model page and its forms (post, then redirect back; on an error show the page again, nothing stored). */
export function addModelPages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/models/:id', requirePage(deps), (c) => modelPage(c, deps, c.req.param('id'), { done: c.req.query('done') }));

  for (const action of ACTIONS) {
    app.post(`/models/:id/${action.path}`, requirePage(deps), async (c) => {
      const id = c.req.param('id');
      const values = (action.prepare ?? ((v) => v))(await formValues(c));
      try {
        const result = (await action.run(deps, c.var.actor, id, action.body(values))) as { published?: unknown } | undefined;
        // The last role's approval (or a one-role chain's scoring) publishes the result.
        return c.redirect(`${modelHref(id)}?done=${result?.published ? 'publish' : action.form}#main`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return modelPage(c, deps, id, { state: pageState(c, action.form, error, values, action.field?.(values)) }, httpStatus(error));
      }
    });
  }

  // The owning unit edits its draft; "Gửi đăng ký" saves the edits, then submits.
  app.post('/models/:id/draft', requirePage(deps, 'unit'), async (c) => {
    const id = c.req.param('id');
    const values = compactRows(await formValues(c), 'indicators', INDICATOR_FIELDS);
    let saved = false;
    try {
      await updateDraft(deps, c.var.actor, id, draftBody(values));
      saved = true;
      if (values.intent !== 'submit') return c.redirect(`${modelHref(id)}?done=draft#main`, 303);
      await submitDraft(deps, c.var.actor, id);
      return c.redirect(`${modelHref(id)}?done=register#main`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state = pageState(c, 'draft', error, values);
      // Saved, then refused as incomplete: say that the edits are kept.
      if (saved) state.message = `${t(viewOf(c).lang, 'draft.savedNotSubmitted')} ${state.message}`;
      return modelPage(c, deps, id, { state }, httpStatus(error));
    }
  });
}
