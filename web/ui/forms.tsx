import { ValidationError, type DomainError, type FieldIssue } from '../../core/errors.ts';
import { AREAS, CURRENT_LEVELS, KINDS, LEVELS, PERSON_FIELDS } from '../../core/model.ts';
import { errorMessage } from '../platform/http-errors.ts';
import { hasKey, label, message, t, type DictKey, type Lang } from '../i18n/dictionary.ts';

export type FormValues = Record<string, string>;
/** Field name -> reason shown next to it. */
export type FieldErrors = Record<string, string>;

/** The nine fields of the published registration form, in order; the short ones are inputs. */
export const REGISTRATION_TEXT_FIELDS = [
  'name',
  'situation',
  'objectives',
  'content',
  'targetGroup',
  'forces',
  'resources',
  'outputs',
  'sustainability',
] as const;
export const REGISTRATION_FIELDS = [...REGISTRATION_TEXT_FIELDS, 'kind', 'area', 'year'] as const;

/** Validation issues by field, reasons in the reader's language. */
export function issuesByField(lang: Lang, issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (errors[issue.field]) continue;
    // A library's own message (not a key of ours) comes as reason.invalid: a plain word then.
    errors[issue.field] = issue.key === 'reason.invalid' ? t(lang, 'error.invalidValue') : message(lang, issue.key, issue.params);
  }
  return errors;
}

/** Core's messages start in lower case ("invalid input"): a message box starts with a capital. */
const sentence = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** A failed post as form state: field reasons plus the message, in the reader's language. */
export function failureState(lang: Lang, error: DomainError, values: FormValues) {
  const validation = error instanceof ValidationError;
  return {
    values,
    errors: validation ? issuesByField(lang, error.issues) : {},
    message: sentence(validation ? `${errorMessage(lang, error)}. ${t(lang, 'error.fixBelow')}` : errorMessage(lang, error)),
  };
}

type FieldProps = { id: string; name: string; label: string; value?: string; error?: string; required?: boolean; hint?: string };

function describedBy(p: FieldProps) {
  return [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function FieldFooter(p: FieldProps) {
  return (
    <>
      {p.hint ? (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="field-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
    </>
  );
}

export function TextInput(
  p: FieldProps & {
    type?: 'text' | 'number' | 'password' | 'email';
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal';
    hideLabel?: boolean;
  },
) {
  return (
    <div>
      <label for={p.id} class={p.hideLabel ? 'visually-hidden' : undefined}>
        {p.label}
      </label>
      <input
        id={p.id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      />
      <FieldFooter {...p} />
    </div>
  );
}

export function TextArea(p: FieldProps & { rows?: number; hideLabel?: boolean; readonly?: boolean }) {
  return (
    <div>
      <label for={p.id} class={p.hideLabel ? 'visually-hidden' : undefined}>
        {p.label}
      </label>
      <textarea
        id={p.id}
        name={p.name}
        rows={p.rows ?? 4}
        required={p.required}
        readonly={p.readonly}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      >
        {p.value ?? ''}
      </textarea>
      <FieldFooter {...p} />
    </div>
  );
}

export function Select(
  p: FieldProps & { options: { value: string; label: string }[]; lang: Lang; empty?: string; switchesKind?: boolean },
) {
  return (
    <div>
      <label for={p.id}>{p.label}</label>
      <select
        id={p.id}
        name={p.name}
        required={p.required}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p)}
        data-kind-switch={p.switchesKind ? '' : undefined}
      >
        <option value="">{p.empty ?? t(p.lang, 'common.select')}</option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldFooter {...p} />
    </div>
  );
}

/** Options of a code family, labelled from the dictionary. */
/** Units, boards and the like in Vietnamese alphabetical order of their names (for pickers and lists). */
export const byName = <T extends { name: string }>(items: T[]) => [...items].sort((a, b) => a.name.localeCompare(b.name, 'vi'));

export function codeOptions(lang: Lang, family: string, codes: readonly string[]) {
  return codes.map((code) => ({ value: code, label: label(lang, family, code) }));
}

/**
 * The levels a form offers: never DISTRICT, gone since 1 July 2025 (CURRENT_LEVELS), unless the
 * value shown is a stored DISTRICT (a unit or board of before), which is then shown as it is.
 */
export function levelOptions(lang: Lang, current?: string) {
  return codeOptions(lang, 'level', current === 'DISTRICT' ? LEVELS : CURRENT_LEVELS);
}

type RegistrationProps = { lang: Lang; values: FormValues; errors: FieldErrors; idPrefix: string; withYear: boolean };

/**
 * Field 6 by kind: a collective's implementing forces, or a person's questions (an exemplar).
 * Both are in the page; forms.js shows the chosen kind's (data-for-kind), without it both show
 * and the body sends the chosen kind's. An exemplar registered before with `forces` keeps it shown.
 */
function KindFields(p: RegistrationProps & { textLabel: (field: string) => string }) {
  const { lang, values, errors } = p;
  const id = (field: string) => `${p.idPrefix}-${field}`;
  const legacyForces = values.kind === 'EXEMPLAR' && Boolean(values.forces?.trim());
  return (
    <>
      <div data-for-kind={legacyForces ? undefined : 'MODEL'}>
        <TextArea id={id('forces')} name="forces" label={p.textLabel('forces')} value={values.forces} error={errors.forces} />
      </div>
      <fieldset data-for-kind="EXEMPLAR" aria-describedby={id('person-hint')}>
        <legend>{t(lang, 'field.personGroup')}</legend>
        <p class="hint" id={id('person-hint')}>
          {t(lang, 'field.personHint')}
        </p>
        {PERSON_FIELDS.map((field) =>
          field === 'position' ? (
            <TextInput id={id(field)} name={field} label={p.textLabel(field)} value={values[field]} error={errors[field]} />
          ) : (
            <TextArea id={id(field)} name={field} label={p.textLabel(field)} value={values[field]} error={errors[field]} />
          ),
        )}
      </fieldset>
    </>
  );
}

/** The registration form's fields (also the revision form, which has no year): kind first, it decides field 6. */
export function RegistrationFields(p: RegistrationProps) {
  const { lang, values, errors, idPrefix } = p;
  const id = (field: string) => `${idPrefix}-${field}`;
  const textLabel = (field: string) => `${t(lang, `field.${field}` as DictKey)} ${t(lang, 'field.required')}`;
  return (
    <>
      <KindRow {...p} />
      {REGISTRATION_TEXT_FIELDS.map((field) =>
        field === 'name' ? (
          <TextInput id={id(field)} name={field} label={textLabel(field)} value={values[field]} error={errors[field]} required />
        ) : field === 'forces' ? (
          <KindFields {...p} textLabel={textLabel} />
        ) : (
          <TextArea id={id(field)} name={field} label={textLabel(field)} value={values[field]} error={errors[field]} required />
        ),
      )}
    </>
  );
}

function KindRow(p: RegistrationProps) {
  const { lang, values, errors, idPrefix } = p;
  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <>
      <div class="row">
        <Select
          lang={lang}
          id={id('kind')}
          name="kind"
          label={t(lang, 'field.kind')}
          value={values.kind}
          error={errors.kind}
          options={codeOptions(lang, 'kind', KINDS)}
          required
          switchesKind
        />
        <Select
          lang={lang}
          id={id('area')}
          name="area"
          label={t(lang, 'field.area')}
          value={values.area}
          error={errors.area}
          options={codeOptions(lang, 'area', AREAS)}
          required
        />
        {p.withYear ? (
          <TextInput
            id={id('year')}
            name="year"
            type="number"
            inputmode="numeric"
            label={t(lang, 'field.year')}
            value={values.year}
            error={errors.year}
            required
          />
        ) : null}
      </div>
    </>
  );
}

/** The reason for a field or any of its parts (`tags` covers `tags.3`). */
export function fieldError(errors: FieldErrors, field: string): string | undefined {
  return errors[field] ?? Object.entries(errors).find(([key]) => key.startsWith(`${field}.`))?.[1];
}

/** Form fields that did not find a place next to an input (a shown field covers its parts), as a list. */
export function OtherErrors(p: { errors: FieldErrors; shown: readonly string[] }) {
  const rest = Object.entries(p.errors).filter(([field]) => !p.shown.some((s) => field === s || field.startsWith(`${s}.`)));
  if (rest.length === 0) return null;
  return (
    <ul class="field-error">
      {rest.map(([field, reason]) => (
        <li>
          {field}: {reason}
        </li>
      ))}
    </ul>
  );
}

/** Where a field in error is on the page: the input's id and its label. */
export type FieldTarget = (field: string) => { id: string; label: string } | undefined;

/**
 * The summary at the top of a form after a failed post: the message, then every field in error
 * as a link to its input. It takes the focus (web/ui/forms-script.ts), so a screen reader reads
 * it first and a keyboard user goes from it to the field.
 */
export function ErrorSummary(p: { lang: Lang; id: string; message: string; errors: FieldErrors; target: FieldTarget }) {
  const entries = Object.entries(p.errors);
  return (
    <div class="notice error error-summary" id={p.id} role="alert" tabindex={-1} data-error-summary aria-labelledby={`${p.id}-title`}>
      <p id={`${p.id}-title`}>
        <strong>{entries.length > 0 ? t(p.lang, 'form.summaryTitle', { count: entries.length }) : p.message}</strong>
      </p>
      {entries.length > 0 ? <p>{p.message}</p> : null}
      {entries.length > 0 ? (
        <ul>
          {entries.map(([field, reason]) => {
            const target = p.target(field);
            return <li>{target ? <a href={`#${target.id}`}>{`${target.label}: ${reason}`}</a> : `${field}: ${reason}`}</li>;
          })}
        </ul>
      ) : null}
    </div>
  );
}

/** Targets of fields named like their inputs (`${prefix}-${field}`), labelled from the dictionary. */
export function plainTargets(lang: Lang, prefix: string, labels: Record<string, DictKey>): FieldTarget {
  return (field) => {
    const base = field.split('.')[0] ?? field;
    const key = labels[base];
    return key ? { id: `${prefix}-${base}`, label: t(lang, key).replace(/\s*\(.*\)$/, '') } : undefined;
  };
}

/** Posted fields that are not typed text (the form's own keys, choices, tokens). */
const NOT_TYPED = new Set(['stage', 'outcome', 'intent', 'level', 'stopReason', 'kind', 'area', 'targetLevel', 'year', '_csrf']);

/**
 * What a refused post had typed when its form is no longer shown (a second board member whose
 * step was decided meanwhile: 409): each text read-only, to copy, so nothing typed is lost.
 */
export function KeptTyped(p: { lang: Lang; id: string; values: FormValues }) {
  const typed = Object.entries(p.values).filter(([key, value]) => !NOT_TYPED.has(key) && value.trim() !== '' && !/\.name$/.test(key));
  if (typed.length === 0) return null;
  return (
    <div class="kept-typed" id={p.id}>
      <p>{t(p.lang, 'form.keptTyped')}</p>
      {typed.map(([key, value], i) => {
        const field = key.split('.').pop() ?? key;
        const labelKey = `field.${field}`;
        return (
          <TextArea
            id={`${p.id}-${i}`}
            name={`kept-${key}`}
            label={hasKey(labelKey) ? t(p.lang, labelKey).replace(/\s*\(.*\)$/, '') : key}
            value={value}
            rows={3}
            readonly
          />
        );
      })}
    </div>
  );
}
