import * as z from 'zod';
import { messageKey } from './messages.ts';
import { AREAS, KINDS, LEVELS, PERSON_FIELDS, periodOf, type Model } from './model.ts';

/** The registration form's schemas: what a unit sends (the web's API validates and documents them). */

const text = (max: number) => z.string().trim().min(1, messageKey('reason.required')).max(max);
const year = z.number().int().min(2009).max(2100);

/** An outcome indicator: what is measured, in which unit, and the target (null = not measurable yet). */
export const IndicatorSchema = z.strictObject({
  name: text(200),
  unit: text(50),
  target: z.number().finite().nonnegative().nullable(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

/** The nine fields of the published registration form, plus kind, area, cycle year and what is measured. */
const RegistrationFieldsSchema = z.strictObject({
  name: text(200),
  situation: text(4000),
  objectives: text(4000),
  content: text(4000),
  targetGroup: text(2000),
  /** A collective's field 6 (a model); an exemplar answers the person's questions below instead. */
  forces: z.string().trim().max(2000).default(''),
  resources: text(2000),
  outputs: text(2000),
  sustainability: text(2000),
  kind: z.enum(KINDS),
  area: z.enum(AREAS),
  year,
  /** Cross-cutting tags a province adds (e.g. new rural areas). */
  tags: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
  /** The level the unit aims to be recognized at. */
  targetLevel: z.enum(LEVELS).default('COMMUNE'),
  period: z
    .string()
    .regex(/^\d{4}-\d{4}$/, messageKey('reason.periodFormat'))
    .optional(),
  indicators: z.array(IndicatorSchema).max(20).default([]),
  /** An exemplar is a person: their position and role, achievements, and how they mobilized people. */
  position: z.string().trim().max(300).optional(),
  achievements: z.string().trim().max(4000).optional(),
  mobilization: z.string().trim().max(4000).optional(),
});

/**
 * Field 6 by kind: a model names its implementing forces; an exemplar answers the person's
 * questions (an exemplar registered before, with `forces` instead, stays valid).
 */
function checkKindFields(value: Record<string, unknown>, ctx: z.RefinementCtx) {
  const filled = (field: string) => typeof value[field] === 'string' && value[field].trim() !== '';
  const missing = (field: string) => ctx.addIssue({ code: 'custom', path: [field], message: messageKey('reason.required') });
  if (value.kind === 'MODEL' && !filled('forces')) missing('forces');
  if (value.kind === 'EXEMPLAR' && !filled('forces')) for (const field of PERSON_FIELDS) if (!filled(field)) missing(field);
}
/** Run even when other fields failed, so one answer lists every field in error. */
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

/** A period given must be the year's (a draft may have neither yet). */
function checkYearInPeriod(value: { period?: string; year?: number }, ctx: z.RefinementCtx) {
  if (value.period && value.year !== undefined && value.period !== periodOf(value.year))
    ctx.addIssue({
      code: 'custom',
      path: ['period'],
      message: messageKey('reason.yearInPeriod'),
      params: { year: value.year, period: periodOf(value.year) },
    });
}

export const RegistrationSchema = RegistrationFieldsSchema.superRefine(checkKindFields, always).superRefine(checkYearInPeriod);
export type Registration = z.infer<typeof RegistrationSchema>;

/**
 * A draft keeps whatever was typed: only the name is needed (so the draft can be listed), the
 * texts may be empty, kind defaults to the form's MODEL, area and year may be missing (the year
 * is then this cycle year). Submitting it later checks it against RegistrationSchema.
 */
const draftText = (max: number) => z.string().trim().max(max).default('');
export const DraftSchema = RegistrationFieldsSchema.extend({
  situation: draftText(4000),
  objectives: draftText(4000),
  content: draftText(4000),
  targetGroup: draftText(2000),
  forces: draftText(2000),
  resources: draftText(2000),
  outputs: draftText(2000),
  sustainability: draftText(2000),
  kind: z.enum(KINDS).default('MODEL'),
  area: z.enum(AREAS).optional(),
  year: year.optional(),
  indicators: z
    .array(z.strictObject({ name: draftText(200), unit: draftText(50), target: IndicatorSchema.shape.target }))
    .max(20)
    .default([]),
}).superRefine(checkYearInPeriod);
export type Draft = z.infer<typeof DraftSchema>;

/** The registration a stored model holds (its current cycle year as `year`), to check it in full. */
export function registrationOf(model: Model): Record<string, unknown> {
  const keys = Object.keys(RegistrationFieldsSchema.shape).filter((key) => key in model);
  const fields = Object.fromEntries(keys.map((key) => [key, model[key as keyof Model]]));
  return { ...fields, year: model.cycleYear };
}

/** What a revision or a draft edit may change: everything but the cycle year. */
export const RegistrationEditSchema = RegistrationFieldsSchema.omit({ year: true, period: true }).superRefine(checkKindFields, always);
