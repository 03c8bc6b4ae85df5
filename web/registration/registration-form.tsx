import { PERSON_FIELDS, type Model } from '../../core/model.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { rowCount } from '../ui/form-bodies.ts';
import type { DictKey } from '../i18n/dictionary.ts';
import {
  levelOptions,
  fieldError,
  plainTargets,
  type FieldTarget,
  REGISTRATION_FIELDS,
  RegistrationFields,
  Select,
  TextInput,
  type FieldErrors,
  type FormValues,
} from '../ui/forms.tsx';

const MAX_INDICATORS = 20;

/** Filled rows plus two empty ones (at least three), so a unit can add indicators without script. */
export function indicatorRows(values: FormValues): number {
  return Math.min(MAX_INDICATORS, Math.max(3, rowCount(values, 'indicators') + 2));
}

/** Where each registration field in error is (`indicators.2.unit` -> its row's input), for the error summary. */
export function registrationTargets(lang: Lang, idPrefix: string): FieldTarget {
  const labels: Record<string, DictKey> = { tags: 'field.tags', targetLevel: 'field.targetLevel', period: 'field.period' };
  for (const field of [...REGISTRATION_FIELDS, ...PERSON_FIELDS]) labels[field] = `field.${field}` as DictKey;
  const plain = plainTargets(lang, idPrefix, labels);
  return (field) => {
    const row = /^indicators\.(\d+)\.(name|unit|target)$/.exec(field);
    if (row) {
      const key = `indicators.${row[2]}` as 'indicators.name';
      return { id: `${idPrefix}-ind-${row[1]}-${row[2]}`, label: t(lang, key, { n: Number(row[1]) + 1 }) };
    }
    if (field === 'indicators' || field.startsWith('indicators.'))
      return { id: `${idPrefix}-ind-0-name`, label: t(lang, 'indicators.title') };
    return plain(field);
  };
}

/** A model's registration as form values (the draft and revision forms start from it). */
export function modelValues(m: Model): FormValues {
  const values: FormValues = {
    name: m.name,
    situation: m.situation,
    objectives: m.objectives,
    content: m.content,
    targetGroup: m.targetGroup,
    forces: m.forces,
    resources: m.resources,
    outputs: m.outputs,
    sustainability: m.sustainability,
    kind: m.kind,
    area: m.area ?? '',
    year: String(m.year),
    tags: (m.tags ?? []).join(', '),
    targetLevel: m.targetLevel ?? 'COMMUNE',
    period: m.period ?? '',
    position: m.position ?? '',
    achievements: m.achievements ?? '',
    mobilization: m.mobilization ?? '',
  };
  (m.indicators ?? []).forEach((ind, i) => {
    values[`indicators.${i}.name`] = ind.name;
    values[`indicators.${i}.unit`] = ind.unit;
    values[`indicators.${i}.target`] = ind.target === null ? '' : String(ind.target);
  });
  return values;
}

function IndicatorRows(p: { lang: Lang; values: FormValues; errors: FieldErrors; idPrefix: string }) {
  const { lang, values, errors } = p;
  return (
    <fieldset class="rows" aria-describedby={`${p.idPrefix}-ind-hint`}>
      <legend>{t(lang, 'indicators.title')}</legend>
      <p class="hint" id={`${p.idPrefix}-ind-hint`}>
        {t(lang, 'indicators.hint')}
      </p>
      {errors.indicators ? <p class="field-error">{errors.indicators}</p> : null}
      {Array.from({ length: indicatorRows(values) }, (_, i) => {
        const name = (f: string) => `indicators.${i}.${f}`;
        const id = (f: string) => `${p.idPrefix}-ind-${i}-${f}`;
        const n = i + 1;
        return (
          <div class="row indicator-row">
            <TextInput
              id={id('name')}
              name={name('name')}
              label={t(lang, 'indicators.name', { n })}
              value={values[name('name')]}
              error={errors[name('name')]}
            />
            <TextInput
              id={id('unit')}
              name={name('unit')}
              label={t(lang, 'indicators.unit', { n })}
              value={values[name('unit')]}
              error={errors[name('unit')]}
            />
            <TextInput
              id={id('target')}
              name={name('target')}
              inputmode="decimal"
              label={t(lang, 'indicators.target', { n })}
              value={values[name('target')]}
              error={errors[name('target')]}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

/** Tags, target level, period (registration and drafts only) and indicator rows. */
export function RegistrationExtras(p: { lang: Lang; values: FormValues; errors: FieldErrors; idPrefix: string; withPeriod: boolean }) {
  const { lang, values, errors, idPrefix } = p;
  return (
    <>
      <TextInput
        id={`${idPrefix}-tags`}
        name="tags"
        label={t(lang, 'field.tags')}
        hint={t(lang, 'field.tagsHint')}
        value={values.tags}
        error={fieldError(errors, 'tags')}
      />
      <div class="row">
        <Select
          lang={lang}
          id={`${idPrefix}-targetLevel`}
          name="targetLevel"
          label={t(lang, 'field.targetLevel')}
          value={values.targetLevel}
          error={errors.targetLevel}
          options={levelOptions(lang)}
        />
        {p.withPeriod ? (
          <TextInput
            id={`${idPrefix}-period`}
            name="period"
            label={t(lang, 'field.period')}
            hint={t(lang, 'field.periodHint')}
            value={values.period}
            error={errors.period}
          />
        ) : null}
      </div>
      <IndicatorRows lang={lang} values={values} errors={errors} idPrefix={idPrefix} />
    </>
  );
}

/** The whole registration: the nine fields, kind, area, (year,) and the extras. */
export function FullRegistration(p: { lang: Lang; values: FormValues; errors: FieldErrors; idPrefix: string; withYear: boolean }) {
  return (
    <>
      <RegistrationFields lang={p.lang} values={p.values} errors={p.errors} idPrefix={p.idPrefix} withYear={p.withYear} />
      <RegistrationExtras lang={p.lang} values={p.values} errors={p.errors} idPrefix={p.idPrefix} withPeriod={p.withYear} />
    </>
  );
}

/**
 * "Lưu nháp" and "Gửi đăng ký": one form, the button sets `intent`. The draft skips the
 * browser's required checks (formnovalidate): a draft saves whatever is filled.
 */
export function DraftButtons(p: { lang: Lang }) {
  return (
    <div class="buttons">
      <button type="submit" name="intent" value="draft" class="secondary" formnovalidate>
        {t(p.lang, 'draft.save')}
      </button>
      <button type="submit" name="intent" value="submit">
        {t(p.lang, 'draft.submit')}
      </button>
    </div>
  );
}
