import { holdsBoardRole, type BoardRole } from '../../core/actor.ts';
import { STOP_REASONS, type Model } from '../../core/model.ts';
import type { Appraisal, getAppraisal } from '../../core/use-cases/appraisal.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDateTime } from '../ui/format.ts';
import { codeOptions, fieldError, levelOptions, Select, TextArea, type FormValues } from '../ui/forms.tsx';
import { Notice } from '../ui/layout.tsx';
import type { ActionState } from '../models/model-actions.tsx';
import { decisionDetails } from '../models/model-timeline.tsx';
import type { UserActor } from '../ui/page-support.tsx';
import { DataTable, modelHref } from '../ui/tables.tsx';

export type AppraisalData = Awaited<ReturnType<typeof getAppraisal>>;
type Criteria = Appraisal['criteria'];

/** What each step of the chain does: the first scores, the last publishes, any between approves. */
function stepAction(index: number, length: number): Appraisal['trail'][number]['action'] {
  if (index === 0) return 'SCORED';
  return index === length - 1 ? 'PUBLISHED' : 'APPROVED';
}

function ChainSteps(p: { lang: Lang; chain: BoardRole[]; current: number }) {
  return (
    <ol class="lifecycle chain" aria-label={t(p.lang, 'appraisal.chain')}>
      {p.chain.map((role, i) => (
        <li class={i === p.current ? 'current' : undefined} aria-current={i === p.current ? 'step' : undefined}>
          {i + 1}. {label(p.lang, 'boardRole', role)}
          <span class="status">{label(p.lang, 'trail', stepAction(i, p.chain.length))}</span>
        </li>
      ))}
    </ol>
  );
}

/** Who scored, approved, returned (with the reason) and published, in order. */
export function AppraisalTrail(p: { lang: Lang; trail: Appraisal['trail'] }) {
  const { lang } = p;
  return (
    <DataTable
      headers={[
        t(lang, 'timeline.at'),
        t(lang, 'appraisal.role'),
        t(lang, 'appraisal.action'),
        t(lang, 'timeline.actor'),
        t(lang, 'timeline.reason'),
      ]}
      rows={p.trail.map((step) => ({
        cells: [
          formatDateTime(step.at),
          label(lang, 'boardRole', step.role),
          label(lang, 'trail', step.action),
          step.actor,
          <span class="pre">{step.reason ?? ''}</span>,
        ],
      }))}
    />
  );
}

function ScoresView(p: { lang: Lang; appraisal: Appraisal }) {
  const { lang, appraisal } = p;
  const { outcome, ...details } = appraisal.proposal;
  // A board's chain in a period without criteria: a proposal only, nothing was scored.
  const scored = appraisal.criteria.length > 0;
  return (
    <>
      {scored ? (
        <>
          <DataTable
            headers={[t(lang, 'appraisal.criterion'), t(lang, 'appraisal.max'), t(lang, 'appraisal.score'), t(lang, 'appraisal.comment')]}
            rows={appraisal.criteria.map((c) => {
              const score = appraisal.scores.find((s) => s.criterionId === c.id);
              return { cells: [c.name, c.maxScore, score?.score ?? '', <span class="pre">{score?.comment ?? ''}</span>] };
            })}
          />
          <p>
            <strong>{t(lang, 'appraisal.total', { total: appraisal.total, max: appraisal.maxTotal })}</strong>
          </p>
        </>
      ) : null}
      <p>
        {t(lang, 'appraisal.proposal')}: <strong>{label(lang, 'outcome', outcome)}</strong>
      </p>
      {decisionDetails(lang, details).map((line) => (
        <p class="pre">{line}</p>
      ))}
    </>
  );
}

/** Scores already given (a returned appraisal is rescored from them). */
function previousValues(appraisal: Appraisal | null, criteria: Criteria): FormValues {
  const values: FormValues = {};
  if (!appraisal) return values;
  criteria.forEach((c, i) => {
    const score = appraisal.scores.find((s) => s.criterionId === c.id);
    if (score) Object.assign(values, { [`scores.${i}.score`]: String(score.score), [`scores.${i}.comment`]: score.comment ?? '' });
  });
  for (const [key, value] of Object.entries(appraisal.proposal)) values[`proposal.${key}`] = String(value);
  return values;
}

/** One row per criterion: its maximum, the score and a comment. */
function CriteriaInputs(p: { lang: Lang; criteria: Criteria; values: FormValues; errors: Record<string, string> }) {
  const { lang, values, errors } = p;
  return (
    <>
      <h3>{t(lang, 'appraisal.criteria')}</h3>
      <p class="hint">{t(lang, 'appraisal.maxTotal', { max: p.criteria.reduce((sum, c) => sum + c.maxScore, 0) })}</p>
      <div class="table-wrap">
        <table class="stack scores">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'appraisal.criterion')}</th>
              <th scope="col">{t(lang, 'appraisal.max')}</th>
              <th scope="col">{t(lang, 'appraisal.score')}</th>
              <th scope="col">{t(lang, 'appraisal.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {p.criteria.map((c, i) => {
              const [score, comment] = [`scores.${i}.score`, `scores.${i}.comment`];
              const error = errors[score];
              return (
                <tr>
                  <td data-label={t(lang, 'appraisal.criterion')}>
                    <div>
                      {i + 1}. {c.name}
                      <input type="hidden" name={`scores.${i}.criterionId`} value={c.id} />
                    </div>
                  </td>
                  <td data-label={t(lang, 'appraisal.max')}>
                    <div>{c.maxScore}</div>
                  </td>
                  <td data-label={t(lang, 'appraisal.score')}>
                    <div>
                      <label class="visually-hidden" for={`score-${i}`}>
                        {t(lang, 'appraisal.scoreLabel', { n: i + 1, max: c.maxScore })}
                      </label>
                      <input
                        id={`score-${i}`}
                        name={score}
                        type="number"
                        inputmode="numeric"
                        min="0"
                        step="1"
                        value={values[score] ?? ''}
                        required
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={error ? `score-${i}-error` : undefined}
                      />
                      {error ? (
                        <p class="field-error" id={`score-${i}-error`}>
                          {error}
                        </p>
                      ) : null}
                    </div>
                  </td>
                  <td data-label={t(lang, 'appraisal.comment')}>
                    <div>
                      <label class="visually-hidden" for={`comment-${i}`}>
                        {t(lang, 'appraisal.commentLabel', { n: i + 1 })}
                      </label>
                      <textarea id={`comment-${i}`} name={comment} rows={2}>
                        {values[comment] ?? ''}
                      </textarea>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ScoringForm(p: { lang: Lang; modelId: string; criteria: Criteria; values: FormValues; errors: Record<string, string> }) {
  const { lang, values, errors } = p;
  const outcomeError = fieldError(errors, 'proposal.outcome') ?? errors.proposal;
  return (
    <form method="post" action={`${modelHref(p.modelId)}/appraisal/score#action`} id="score-form">
      {/* A board's chain in a period without criteria: the first role only proposes. */}
      {p.criteria.length > 0 ? <CriteriaInputs lang={lang} criteria={p.criteria} values={values} errors={errors} /> : null}
      <fieldset aria-describedby={outcomeError ? 'proposal-error' : undefined}>
        <legend>{t(lang, 'appraisal.proposal')}</legend>
        {(['RECOGNIZE', 'CONTINUE', 'STOP'] as const).map((outcome) => (
          <label class="choice">
            <input type="radio" name="proposal.outcome" value={outcome} checked={values['proposal.outcome'] === outcome} required />{' '}
            {label(lang, 'outcome', outcome)}
          </label>
        ))}
        {outcomeError ? (
          <p class="field-error" id="proposal-error">
            {outcomeError}
          </p>
        ) : null}
        <div class="row">
          <Select
            lang={lang}
            id="proposal-level"
            name="proposal.level"
            label={t(lang, 'field.level')}
            value={values['proposal.level']}
            error={errors['proposal.level']}
            options={levelOptions(lang)}
          />
          <Select
            lang={lang}
            id="proposal-stopReason"
            name="proposal.stopReason"
            label={t(lang, 'field.stopReason')}
            value={values['proposal.stopReason']}
            error={errors['proposal.stopReason']}
            options={codeOptions(lang, 'stopReason', STOP_REASONS)}
          />
        </div>
        <TextArea
          id="proposal-reason"
          name="proposal.reason"
          label={t(lang, 'field.reason')}
          hint={t(lang, 'appraisal.stopReasonHint')}
          value={values['proposal.reason']}
          error={errors['proposal.reason']}
          rows={2}
        />
        <TextArea
          id="proposal-comment"
          name="proposal.comment"
          label={t(lang, 'field.comment')}
          value={values['proposal.comment']}
          error={errors['proposal.comment']}
          rows={2}
        />
      </fieldset>
      <button type="submit">{t(lang, 'appraisal.scoreSubmit')}</button>
    </form>
  );
}

function ApprovalForms(p: { lang: Lang; modelId: string; role: BoardRole; last: boolean; state?: ActionState }) {
  const { lang } = p;
  const mine = p.state?.form === 'return' ? p.state : undefined;
  return (
    <div class="actions two">
      <form method="post" action={`${modelHref(p.modelId)}/appraisal/approve#action`}>
        <h3>
          {label(lang, 'boardRole', p.role)}: {label(lang, 'trail', p.last ? 'PUBLISHED' : 'APPROVED')}
        </h3>
        <button type="submit" data-confirm={p.last ? t(lang, 'confirm.final', { action: t(lang, 'appraisal.publish') }) : undefined}>
          {t(lang, p.last ? 'appraisal.publish' : 'appraisal.approve')}
        </button>
      </form>
      <form method="post" action={`${modelHref(p.modelId)}/appraisal/return#action`}>
        <h3>{t(lang, 'appraisal.returnTitle')}</h3>
        <TextArea
          id="appraisal-return-reason"
          name="reason"
          label={`${t(lang, 'field.reason')} ${t(lang, 'field.required')}`}
          value={mine?.values.reason}
          error={mine?.errors.reason}
          rows={3}
          required
        />
        <button type="submit" class="danger">
          {t(lang, 'appraisal.return')}
        </button>
      </form>
    </div>
  );
}

/**
 * The appraisal along the board's chain: the first role scores every criterion and proposes,
 * later roles see the scores and approve or return them (with a reason), the last publishes.
 */
export function AppraisalPanel(p: { lang: Lang; actor: UserActor; model: Model; data: AppraisalData; state?: ActionState }) {
  const { lang, actor, model } = p;
  const { criteriaSet: set, appraisal } = p.data;
  if (!set) return null;
  const chain = appraisal?.approvalChain ?? set.approvalChain;
  const inApproval = appraisal?.status === 'IN_APPROVAL';
  const step = inApproval ? appraisal.step : 0;
  const role = chain[step]!;
  const mayAct = holdsBoardRole(actor, model.boardId, role);
  const returned = appraisal?.status === 'RETURNED' ? [...appraisal.trail].reverse().find((s) => s.action === 'RETURNED') : undefined;
  const scoring = p.state?.form === 'score' ? p.state : undefined;
  return (
    <>
      <ChainSteps lang={lang} chain={chain} current={step} />
      {returned ? <Notice kind="error">{t(lang, 'appraisal.returned', { reason: returned.reason ?? '' })}</Notice> : null}
      {mayAct ? null : (
        <p>
          {t(lang, 'appraisal.waitingFor', { role: label(lang, 'boardRole', role) })}{' '}
          {t(lang, 'appraisal.notYours', { role: label(lang, 'boardRole', role) })}
        </p>
      )}
      {!inApproval && mayAct ? (
        <ScoringForm
          lang={lang}
          modelId={model.id}
          criteria={set.criteria}
          values={scoring?.values ?? previousValues(appraisal, set.criteria)}
          errors={scoring?.errors ?? {}}
        />
      ) : null}
      {inApproval ? <ScoresView lang={lang} appraisal={appraisal} /> : null}
      {inApproval && mayAct ? (
        <ApprovalForms lang={lang} modelId={model.id} role={role} last={step === chain.length - 1} state={p.state} />
      ) : null}
      {appraisal && appraisal.trail.length > 0 ? (
        <>
          <h3>{t(lang, 'appraisal.trail')}</h3>
          <AppraisalTrail lang={lang} trail={appraisal.trail} />
        </>
      ) : null}
    </>
  );
}
