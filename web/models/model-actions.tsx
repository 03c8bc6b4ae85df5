import { assertCanAct } from '../../core/actor.ts';
import { STAGE_RULES, type Stage } from '../../core/lifecycle.ts';
import { STOP_REASONS, type Model } from '../../core/model.ts';
import { hasKey, t, type DictKey, type Lang } from '../i18n/dictionary.ts';
import { AppraisalPanel, type AppraisalData } from '../appraisal/appraisal-panel.tsx';
import {
  codeOptions,
  levelOptions,
  ErrorSummary,
  KeptTyped,
  Select,
  TextArea,
  TextInput,
  type FieldErrors,
  type FieldTarget,
  type FormValues,
} from '../ui/forms.tsx';
import type { UserActor } from '../ui/page-support.tsx';
import { FullRegistration, modelValues, registrationTargets } from '../registration/registration-form.tsx';
import { targetText } from '../registration/registration-details.tsx';
import type { Task } from '../ui/tables.tsx';

/** The model page's forms; a failed post shows its form again with its values and reasons. */
export const ACTION_FORMS = ['decide', 'revise', 'report', 'score', 'approve', 'return'] as const;
export type PageForm = (typeof ACTION_FORMS)[number] | 'draft' | 'evidence' | 'propose';
export type ActionState = { form: PageForm; outcome?: string; values: FormValues; errors: FieldErrors; message: string };

/** Stages that have a form on the model page. */
export const ACTION_STAGES = ['REGISTRATION_REVIEW', 'APPRAISAL', 'REVISION', 'YEARLY_REPORT'] as const satisfies readonly Stage[];
export type ActionStage = (typeof ACTION_STAGES)[number];

/** The step the model waits in now (pending, this cycle, matching its status). */
export function pendingTask(model: Model, tasks: Task[]): Task | undefined {
  return tasks.find(
    (task) => task.status === 'PENDING' && task.year === model.cycleYear && STAGE_RULES[task.stage].waitsIn === model.status,
  );
}

/** The form this viewer may use now, by the same rule the use cases enforce (assertCanAct). */
export function actionFor(actor: UserActor, task: Task | undefined): ActionStage | undefined {
  if (!task || !(ACTION_STAGES as readonly Stage[]).includes(task.stage)) return undefined;
  try {
    assertCanAct(actor, task.assignee);
    return task.stage as ActionStage;
  } catch {
    return undefined;
  }
}

const ACTION_TITLES: Record<ActionStage, DictKey> = {
  REGISTRATION_REVIEW: 'action.review',
  APPRAISAL: 'action.appraise',
  REVISION: 'action.reviseTitle',
  YEARLY_REPORT: 'action.reportTitle',
};

type FormProps = { lang: Lang; modelId: string; state?: ActionState };

/** One board outcome as its own small form; values and errors show only on the one submitted. */
function DecideForm(
  p: FormProps & {
    stage: 'REGISTRATION_REVIEW' | 'APPRAISAL';
    outcome: string;
    title: DictKey;
    danger?: boolean;
    /** It cannot be undone (a rejection, a recognition published, a stop): the button asks first. */
    final?: boolean;
    fields: 'comment' | 'reason' | 'level' | 'stop';
  },
) {
  const { lang } = p;
  const mine = p.state?.form === 'decide' && p.state.outcome === p.outcome ? p.state : undefined;
  const values = mine?.values ?? {};
  const errors = mine?.errors ?? {};
  const id = (field: string) => `${p.outcome.toLowerCase()}-${field}`;
  const comment = (
    <TextArea id={id('comment')} name="comment" label={t(lang, 'field.comment')} value={values.comment} error={errors.comment} rows={2} />
  );
  const reason = (
    <TextArea
      id={id('reason')}
      name="reason"
      label={`${t(lang, 'field.reason')} ${t(lang, 'field.required')}`}
      value={values.reason}
      error={errors.reason}
      rows={3}
      required
    />
  );
  return (
    <form method="post" action={`/models/${encodeURIComponent(p.modelId)}/decide#action`}>
      <h3>{t(lang, p.title)}</h3>
      <input type="hidden" name="stage" value={p.stage} />
      <input type="hidden" name="outcome" value={p.outcome} />
      {p.fields === 'comment' ? comment : null}
      {p.fields === 'reason' ? reason : null}
      {p.fields === 'level' ? (
        <>
          <Select
            lang={lang}
            id={id('level')}
            name="level"
            label={t(lang, 'field.level')}
            value={values.level}
            error={errors.level}
            options={levelOptions(lang)}
            required
          />
          {comment}
        </>
      ) : null}
      {p.fields === 'stop' ? (
        <>
          <Select
            lang={lang}
            id={id('stopReason')}
            name="stopReason"
            label={t(lang, 'field.stopReason')}
            value={values.stopReason}
            error={errors.stopReason}
            options={codeOptions(lang, 'stopReason', STOP_REASONS)}
            required
          />
          {reason}
        </>
      ) : null}
      <button
        type="submit"
        class={p.danger ? 'danger' : undefined}
        data-confirm={p.final ? t(lang, 'confirm.final', { action: t(lang, p.title) }) : undefined}
      >
        {t(lang, p.title)}
      </button>
    </form>
  );
}

function ReviewForms(p: FormProps) {
  return (
    <div class="actions">
      <DecideForm {...p} stage="REGISTRATION_REVIEW" outcome="ACCEPT" title="action.accept" fields="comment" />
      <DecideForm {...p} stage="REGISTRATION_REVIEW" outcome="RETURN" title="action.return" fields="reason" />
      <DecideForm {...p} stage="REGISTRATION_REVIEW" outcome="REJECT" title="action.reject" fields="reason" danger final />
    </div>
  );
}

function AppraisalForms(p: FormProps) {
  return (
    <div class="actions">
      <DecideForm {...p} stage="APPRAISAL" outcome="RECOGNIZE" title="action.recognize" fields="level" final />
      <DecideForm {...p} stage="APPRAISAL" outcome="CONTINUE" title="action.continue" fields="comment" />
      <DecideForm {...p} stage="APPRAISAL" outcome="STOP" title="action.stop" fields="stop" danger final />
    </div>
  );
}

function RevisionForm(p: FormProps & { model: Model; returnReason?: string }) {
  const mine = p.state?.form === 'revise' ? p.state : undefined;
  const m = p.model;
  const values: FormValues = mine?.values ?? modelValues(m);
  return (
    <form method="post" action={`/models/${encodeURIComponent(m.id)}/revise#action`}>
      {p.returnReason ? (
        <p>
          <strong>{t(p.lang, 'action.returnReason')}:</strong> <span class="pre">{p.returnReason}</span>
        </p>
      ) : null}
      <FullRegistration lang={p.lang} values={values} errors={mine?.errors ?? {}} idPrefix="rev" withYear={false} />
      <button type="submit">{t(p.lang, 'action.revise')}</button>
    </form>
  );
}

/** The report text and one input per registered indicator (its name travels with it). */
function ReportForm(p: FormProps & { model: Model }) {
  const { lang } = p;
  const mine = p.state?.form === 'report' ? p.state : undefined;
  const values = mine?.values ?? {};
  const indicators = p.model.indicators ?? [];
  return (
    <form method="post" action={`/models/${encodeURIComponent(p.modelId)}/report#action`}>
      <TextArea
        id="report-text"
        name="report"
        label={`${t(lang, 'field.report')} ${t(lang, 'field.required')}`}
        value={values.report}
        error={mine?.errors.report}
        rows={8}
        required
      />
      {indicators.length > 0 ? (
        <fieldset>
          <legend>{t(lang, 'report.indicators')}</legend>
          <p class="hint">{t(lang, 'report.actualHint')}</p>
          {indicators.map((ind, i) => (
            <>
              <input type="hidden" name={`actual.${i}.name`} value={ind.name} />
              <TextInput
                id={`actual-${i}`}
                name={`actual.${i}.value`}
                inputmode="decimal"
                value={values[`actual.${i}.value`]}
                error={mine?.errors[`actual.${i}.value`]}
                label={t(lang, 'report.actualLabel', { name: ind.name, unit: ind.unit, target: targetText(lang, ind.target) })}
              />
            </>
          ))}
        </fieldset>
      ) : null}
      <button type="submit">{t(lang, 'action.report')}</button>
    </form>
  );
}

/** Where each field in error is, per form, for the error summary's links. */
function summaryTargets(lang: Lang, state: ActionState): FieldTarget {
  const label = (key: DictKey) => t(lang, key).replace(/\s*\(.*\)$/, '');
  switch (state.form) {
    case 'revise':
      return registrationTargets(lang, 'rev');
    case 'report':
      return (field) => {
        const actual = /^actual\.(\d+)\./.exec(field);
        if (actual) return { id: `actual-${actual[1]}`, label: t(lang, 'report.indicators') };
        return field === 'report' ? { id: 'report-text', label: label('field.report') } : undefined;
      };
    case 'decide':
      return (field) => {
        const key = `field.${field}`;
        return hasKey(key) && state.outcome ? { id: `${state.outcome.toLowerCase()}-${field}`, label: label(key) } : undefined;
      };
    default:
      return () => undefined;
  }
}

/** Whether the refused post's form is still on the page (else what it typed is shown read-only). */
function formShown(state: ActionState, action: ActionStage | undefined, scoring: boolean): boolean {
  if (state.form === 'decide') return action === 'REGISTRATION_REVIEW' || (action === 'APPRAISAL' && !scoring);
  if (state.form === 'revise') return action === 'REVISION';
  if (state.form === 'report') return action === 'YEARLY_REPORT';
  return scoring;
}

/**
 * The action section: the failed submission's message, then the forms of the viewer's step.
 * An appraisal by a board with a criteria set goes through the scoring chain instead of a direct decision.
 */
export function ModelActions(p: {
  lang: Lang;
  actor: UserActor;
  model: Model;
  action: ActionStage | undefined;
  appraisal?: AppraisalData;
  state?: ActionState;
  returnReason?: string;
}) {
  const { lang, model, action } = p;
  const state = p.state && (ACTION_FORMS as readonly string[]).includes(p.state.form) ? p.state : undefined;
  const props = { lang, modelId: model.id, state };
  const scoring = action === 'APPRAISAL' && p.appraisal?.criteriaSet;
  if (!action && !state) return null;
  return (
    <section class="card" id="action" aria-labelledby="action-title">
      <h2 id="action-title">{t(lang, action ? ACTION_TITLES[action] : 'model.actions')}</h2>
      {state ? (
        <ErrorSummary lang={lang} id="action-errors" message={state.message} errors={state.errors} target={summaryTargets(lang, state)} />
      ) : null}
      {state && !formShown(state, action, Boolean(scoring)) ? <KeptTyped lang={lang} id="kept" values={state.values} /> : null}
      {action === 'REGISTRATION_REVIEW' ? <ReviewForms {...props} /> : null}
      {action === 'APPRAISAL' && !scoring ? <AppraisalForms {...props} /> : null}
      {scoring && p.appraisal ? <AppraisalPanel lang={lang} actor={p.actor} model={model} data={p.appraisal} state={state} /> : null}
      {action === 'REVISION' ? <RevisionForm {...props} model={model} returnReason={p.returnReason} /> : null}
      {action === 'YEARLY_REPORT' ? <ReportForm {...props} model={model} /> : null}
      {action ? null : <p>{t(lang, 'model.noActions')}</p>}
    </section>
  );
}
