import type { Model } from '../../core/model.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { ErrorSummary } from '../ui/forms.tsx';
import { Notice } from '../ui/layout.tsx';
import type { ActionState } from '../models/model-actions.tsx';
import type { UserActor } from '../ui/page-support.tsx';
import { DraftButtons, FullRegistration, modelValues, registrationTargets } from './registration-form.tsx';
import { modelHref } from '../ui/tables.tsx';

/** The owning unit's draft: the whole registration to edit, then save again or submit. */
export function DraftSection(p: { lang: Lang; actor: UserActor; model: Model; state?: ActionState }) {
  const { lang, actor, model } = p;
  const mine = p.state?.form === 'draft' ? p.state : undefined;
  if (model.status !== 'DRAFT' || !(actor.role === 'unit' && actor.unitId === model.unitId)) {
    // Submitted meanwhile (or not this unit's): the refused post still says why.
    return mine ? (
      <section class="card" id="draft">
        <Notice kind="error">{mine.message}</Notice>
      </section>
    ) : null;
  }
  const values = mine?.values ?? modelValues(model);
  return (
    <section class="card" id="draft" aria-labelledby="draft-title">
      <h2 id="draft-title">{t(lang, 'draft.title')}</h2>
      <p class="hint">{t(lang, 'draft.help')}</p>
      <form method="post" action={`${modelHref(model.id)}/draft#draft`}>
        {mine ? (
          <ErrorSummary
            lang={lang}
            id="draft-errors"
            message={mine.message}
            errors={mine.errors}
            target={registrationTargets(lang, 'draft')}
          />
        ) : null}
        <FullRegistration lang={lang} values={values} errors={mine?.errors ?? {}} idPrefix="draft" withYear />
        <DraftButtons lang={lang} />
      </form>
    </section>
  );
}
