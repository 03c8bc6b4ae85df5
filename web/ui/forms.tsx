import { ValidationError, type DomainError, type FieldIssue } from '../../core/errors.ts';
import { AREAS, KINDS } from '../../core/model.ts';
import { errorMessage } from '../platform/http-errors.ts';
import { label, message, t, type DictKey, type Lang } from '../i18n/dictionary.ts';

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
  p: FieldProps & { type?: 'text' | 'number' | 'password'; autocomplete?: string; inputmode?: 'numeric' | 'decimal'; hideLabel?: boolean },
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

export function TextArea(p: FieldProps & { rows?: number; hideLabel?: boolean }) {
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
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p)}
      >
        {p.value ?? ''}
      </textarea>
      <FieldFooter {...p} />
    </div>
  );
}

export function Select(p: FieldProps & { options: { value: string; label: string }[]; lang: Lang; empty?: string }) {
  return (
    <div>
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name={p.name} required={p.required} aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p)}>
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
export function codeOptions(lang: Lang, family: string, codes: readonly string[]) {
  return codes.map((code) => ({ value: code, label: label(lang, family, code) }));
}

/** The registration form's fields (also the revision form, which has no year). */
export function RegistrationFields(p: { lang: Lang; values: FormValues; errors: FieldErrors; idPrefix: string; withYear: boolean }) {
  const { lang, values, errors, idPrefix } = p;
  const id = (field: string) => `${idPrefix}-${field}`;
  const textLabel = (field: string) => `${t(lang, `field.${field}` as DictKey)} ${t(lang, 'field.required')}`;
  return (
    <>
      {REGISTRATION_TEXT_FIELDS.map((field) =>
        field === 'name' ? (
          <TextInput id={id(field)} name={field} label={textLabel(field)} value={values[field]} error={errors[field]} required />
        ) : (
          <TextArea id={id(field)} name={field} label={textLabel(field)} value={values[field]} error={errors[field]} required />
        ),
      )}
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
