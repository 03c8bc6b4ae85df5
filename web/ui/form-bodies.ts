import { ValidationError } from '../../core/errors.ts';
import { readVietnameseNumber } from '../../core/numbers.ts';
import { PERSON_FIELDS } from '../../core/model.ts';
import { REGISTRATION_TEXT_FIELDS } from './forms.tsx';

type Values = Record<string, string>;

/** Form strings -> use-case bodies. Validation stays in core: these only shape and convert. */

const blank = (value: string | undefined) => !(value ?? '').trim();

/** The year as a number when it is one; otherwise as typed, for core to reject. */
export function parseYear(value: string | undefined): number | string {
  const text = (value ?? '').trim();
  return /^\d{1,6}$/.test(text) ? Number(text) : text;
}

/**
 * A number typed the Vietnamese way ("1.250", "12,5": core/numbers.ts); empty is undefined. One
 * that reads two ways or is no number is refused for its `field`, never guessed.
 */
export function parseNumber(value: string | undefined, field: string): number | undefined {
  if (blank(value)) return undefined;
  const reading = readVietnameseNumber(value ?? '');
  if (reading.ok) return reading.value;
  throw new ValidationError([{ field, key: reading.reason }]);
}

/** How many `prefix.i.*` rows the form sent (highest index + 1). */
export function rowCount(values: Values, prefix: string): number {
  let count = 0;
  for (const key of Object.keys(values)) {
    const match = new RegExp(`^${prefix}\\.(\\d{1,3})\\.`).exec(key);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return count;
}

/**
 * Drops `prefix.i.*` rows whose fields are all blank and renumbers the rest, so the
 * error paths core reports (`indicators.1.unit`) match the rows shown again.
 */
export function compactRows(values: Values, prefix: string, fields: readonly string[]): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) if (!key.startsWith(`${prefix}.`)) out[key] = value;
  let next = 0;
  for (let i = 0; i < rowCount(values, prefix); i++) {
    if (fields.every((f) => blank(values[`${prefix}.${i}.${f}`]))) continue;
    for (const f of fields) out[`${prefix}.${next}.${f}`] = values[`${prefix}.${i}.${f}`] ?? '';
    next++;
  }
  return out;
}

export const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** `{ key: value }` when something was typed, else nothing (optional schema fields). */
export const optional = (key: string, value: string | undefined) => (blank(value) ? {} : { [key]: value! });

export const INDICATOR_FIELDS = ['name', 'unit', 'target'] as const;

/**
 * Field 6 goes by kind: a model sends its forces, an exemplar the person's questions (and its
 * forces only if it has some, as exemplars registered before did).
 */
function registrationText(values: Values) {
  const body: Record<string, unknown> = {};
  const exemplar = values.kind === 'EXEMPLAR';
  // A missing field is sent empty, so core answers "required" rather than "expected string".
  for (const field of [...REGISTRATION_TEXT_FIELDS, 'kind', 'area'] as const) body[field] = values[field] ?? '';
  if (exemplar) {
    if (blank(values.forces)) delete body.forces;
    for (const field of PERSON_FIELDS) body[field] = values[field] ?? '';
  }
  return body;
}

/** Tags as a comma list, the target level, and indicator rows (an empty target is "not measurable": null). */
function registrationExtras(values: Values) {
  return {
    tags: (values.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    ...(blank(values.targetLevel) ? {} : { targetLevel: values.targetLevel }),
    indicators: range(rowCount(values, 'indicators')).map((i) => {
      const target = parseNumber(values[`indicators.${i}.target`], `indicators.${i}.target`);
      return { name: values[`indicators.${i}.name`] ?? '', unit: values[`indicators.${i}.unit`] ?? '', target: target ?? null };
    }),
  };
}

/** Indicator rows are compacted first (see compactRows). */
export function registrationBody(values: Values) {
  return {
    ...registrationText(values),
    ...registrationExtras(values),
    ...optional('period', values.period?.trim()),
    year: parseYear(values.year),
  };
}

/**
 * A draft keeps what was typed: kind, area and year are left out when blank (core then takes
 * the form's MODEL and this cycle year, and stores no area), the texts go as typed.
 */
export function draftBody(values: Values) {
  const { kind: _kind, area: _area, year, ...body } = registrationBody(values) as Record<string, unknown>;
  return { ...body, ...optional('kind', values.kind), ...optional('area', values.area), ...(year === '' ? {} : { year }) };
}

export function revisionBody(values: Values) {
  return { ...registrationText(values), ...registrationExtras(values) };
}

/**
 * The yearly report: the text and the actual value of each registered indicator that was
 * filled in (`actual.i` with its name in `actualName.i`). `field` maps core's error paths
 * (`indicators.k.actual`) back to the inputs.
 */
export function reportBody(values: Values) {
  const filled = range(rowCount(values, 'actual')).flatMap((i) => {
    const actual = parseNumber(values[`actual.${i}.value`], `actual.${i}.value`);
    return actual === undefined ? [] : [{ i, name: values[`actual.${i}.name`] ?? '', actual }];
  });
  return { report: values.report ?? '', indicators: filled.map(({ name, actual }) => ({ name, actual })) };
}

export function reportField(values: Values): (field: string) => string {
  const filled = range(rowCount(values, 'actual')).filter((i) => !blank(values[`actual.${i}.value`]));
  return (field) => field.replace(/^indicators\.(\d+)\.\w+$/, (_, k: string) => `actual.${filled[Number(k)] ?? k}.value`);
}

/**
 * A board decision with only the keys of its outcome (the schema is strict): reasons are
 * always sent (required, core rejects blanks), an empty comment is left out.
 */
export function decisionBody(values: Values): Record<string, unknown> {
  const { stage, outcome } = values;
  const comment = optional('comment', values.comment);
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

/** The first role's scores (`scores.i.*`) and proposal (`proposal.*`), keys named like core's error paths. */
export function scoringBody(values: Values) {
  const scores = range(rowCount(values, 'scores')).map((i) => ({
    criterionId: values[`scores.${i}.criterionId`] ?? '',
    score: parseNumber(values[`scores.${i}.score`], `scores.${i}.score`),
    ...optional('comment', values[`scores.${i}.comment`]),
  }));
  const { stage: _stage, ...proposal } = decisionBody({
    outcome: values['proposal.outcome'] ?? '',
    level: values['proposal.level'] ?? '',
    stopReason: values['proposal.stopReason'] ?? '',
    reason: values['proposal.reason'] ?? '',
    comment: values['proposal.comment'] ?? '',
  });
  return { scores, proposal };
}

export function returnBody(values: Values) {
  return { reason: values.reason ?? '' };
}

export function proposalBody(values: Values) {
  return { kind: values.kind ?? '', year: parseYear(values.year), ...optional('note', values.note) };
}
