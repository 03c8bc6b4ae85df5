import { REGISTRATION_TEXT_FIELDS } from './forms.tsx';

type Values = Record<string, string>;

/** Form strings -> use-case bodies. Validation stays in core: these only shape and convert. */

function registrationText(values: Values) {
  const body: Record<string, unknown> = {};
  // A missing field is sent empty, so core answers "required" rather than "expected string".
  for (const field of [...REGISTRATION_TEXT_FIELDS, 'kind', 'area'] as const) body[field] = values[field] ?? '';
  return body;
}

/** The year as a number when it is one; otherwise as typed, for core to reject. */
export function parseYear(value: string | undefined): number | string {
  const text = (value ?? '').trim();
  return /^\d{1,6}$/.test(text) ? Number(text) : text;
}

export function registrationBody(values: Values) {
  return { ...registrationText(values), year: parseYear(values.year) };
}

export function revisionBody(values: Values) {
  return registrationText(values);
}

export function reportBody(values: Values) {
  return { report: values.report ?? '' };
}

/**
 * A board decision with only the keys of its outcome (the schema is strict): reasons are
 * always sent (required, core rejects blanks), an empty comment is left out.
 */
export function decisionBody(values: Values): Record<string, unknown> {
  const { stage, outcome } = values;
  const comment = values.comment?.trim() ? { comment: values.comment } : {};
  const reason = { reason: values.reason ?? '' };
  switch (outcome) {
    case 'ACCEPT':
    case 'CONTINUE':
      return { stage, outcome, ...comment };
    case 'RETURN':
    case 'REJECT':
      return { stage, outcome, ...reason };
    case 'RECOGNIZE':
      return { stage, outcome, level: values.level ?? '', ...comment };
    case 'STOP':
      return { stage, outcome, stopReason: values.stopReason ?? '', ...reason };
    default:
      return { stage, outcome };
  }
}
