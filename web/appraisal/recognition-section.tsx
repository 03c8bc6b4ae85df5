import { holdsBoardRole } from '../../core/actor.ts';
import type { Model } from '../../core/model.ts';
import type { ShownRecognition } from '../../core/use-cases/batch-decisions.ts';
import { PROPOSAL_KINDS } from '../../core/use-cases/proposals.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { codeOptions, Select, TextArea } from '../ui/forms.tsx';
import { Notice } from '../ui/layout.tsx';
import type { ActionState } from '../models/model-actions.tsx';
import type { UserActor } from '../ui/page-support.tsx';
import { modelHref } from '../ui/tables.tsx';

export const certificateHref = (modelId: string, year: number) => `${modelHref(modelId)}/certificate/${year}`;

/** The board leader proposes a recognized model to the next level, or for commendation. */
function ProposalForm(p: { lang: Lang; model: Model; state?: ActionState }) {
  const { lang, model } = p;
  const mine = p.state?.form === 'propose' ? p.state : undefined;
  const values = mine?.values ?? { year: String(model.recognitions.at(-1)?.year ?? '') };
  const errors = mine?.errors ?? {};
  const years = [...new Set(model.recognitions.map((r) => String(r.year)))].map((y) => ({ value: y, label: y }));
  return (
    <form method="post" action={`${modelHref(model.id)}/propose#recognitions`} id="propose">
      <h3>{t(lang, 'proposal.title')}</h3>
      <p class="hint">{t(lang, 'proposal.help')}</p>
      <div class="row">
        <Select
          lang={lang}
          id="proposal-kind"
          name="kind"
          label={t(lang, 'proposal.kind')}
          value={values.kind}
          error={errors.kind}
          options={codeOptions(lang, 'proposalKind', PROPOSAL_KINDS)}
          required
        />
        <Select
          lang={lang}
          id="proposal-year"
          name="year"
          label={t(lang, 'proposal.year')}
          value={values.year}
          error={errors.year}
          options={years}
          required
        />
      </div>
      <TextArea id="proposal-note" name="note" label={t(lang, 'proposal.note')} value={values.note} error={errors.note} rows={2} />
      <button type="submit">{t(lang, 'proposal.submit')}</button>
    </form>
  );
}

/** Each recognition with its decision and a link to its printable certificate. */
export function RecognitionSection(p: { lang: Lang; actor: UserActor; model: Model; state?: ActionState }) {
  const { lang, model } = p;
  if (model.recognitions.length === 0 && p.state?.form !== 'propose') return null;
  return (
    <section class="card" id="recognitions" aria-labelledby="recognitions-title">
      <h2 id="recognitions-title">{t(lang, 'model.recognitions')}</h2>
      <ul>
        {model.recognitions.map((r) => (
          <li>
            {r.year}: <strong>{label(lang, 'level', r.level)}</strong>
            {r.number
              ? ` · ${t(lang, 'decision.number', { number: r.number, date: formatDate(r.date), issuingBody: r.issuingBody ?? '' })}`
              : null}
            {r.decisionId.startsWith('import:') ? ` · ${t(lang, 'recognition.imported')}` : null}
            {(r as ShownRecognition).awaitingDecision ? ` · ${t(lang, 'decision.awaiting')}` : null}
            {' · '}
            <a href={certificateHref(model.id, r.year)}>{t(lang, 'recognition.certificate', { year: r.year })}</a>
          </li>
        ))}
      </ul>
      {p.state?.form === 'propose' ? <Notice kind="error">{p.state.message}</Notice> : null}
      {model.recognitions.length > 0 && holdsBoardRole(p.actor, model.boardId, 'LEADER') ? (
        <ProposalForm lang={lang} model={model} state={p.state} />
      ) : null}
    </section>
  );
}
