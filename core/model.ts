import * as z from 'zod';
import { messageKey } from './messages.ts';

export const AREAS = ['ECONOMY', 'CULTURE_SOCIETY', 'DEFENSE_SECURITY', 'POLITICAL_SYSTEM'] as const;
export const KINDS = ['MODEL', 'EXEMPLAR'] as const;
export const LEVELS = ['COMMUNE', 'DISTRICT', 'PROVINCE', 'CENTRAL'] as const;
export type Level = (typeof LEVELS)[number];
/**
 * The levels a new step may choose: the district level (cấp huyện) is gone since 1 July 2025 (the
 * 2025 reorganisation), kept in LEVELS only so data written before still parses and displays.
 */
export const CURRENT_LEVELS = ['COMMUNE', 'PROVINCE', 'CENTRAL'] as const satisfies readonly Level[];
export const STOP_REASONS = ['FORMALISTIC', 'INEFFECTIVE', 'NOT_SUITABLE'] as const;

const text = (max: number) => z.string().trim().min(1, messageKey('reason.required')).max(max);
const year = z.number().int().min(2009).max(2100);

/** The five-year period a year belongs to: 2021-2025, 2026-2030, ... */
export function periodOf(y: number): string {
  const start = y - ((((y - 2021) % 5) + 5) % 5);
  return `${start}-${start + 4}`;
}

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

/** The person's questions of an exemplar, in the form's order. */
export const PERSON_FIELDS = ['position', 'achievements', 'mobilization'] as const;

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

export const RegistrationSchema = RegistrationFieldsSchema.superRefine(checkKindFields, always).superRefine((value, ctx) => {
  if (value.period && value.period !== periodOf(value.year)) {
    ctx.addIssue({
      code: 'custom',
      path: ['period'],
      message: messageKey('reason.yearInPeriod'),
      params: { year: value.year, period: periodOf(value.year) },
    });
  }
});
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
}).superRefine((value, ctx) => {
  if (value.period && value.year !== undefined && value.period !== periodOf(value.year)) {
    ctx.addIssue({
      code: 'custom',
      path: ['period'],
      message: messageKey('reason.yearInPeriod'),
      params: { year: value.year, period: periodOf(value.year) },
    });
  }
});
export type Draft = z.infer<typeof DraftSchema>;

/** The registration a stored model holds (its current cycle year as `year`), to check it in full. */
export function registrationOf(model: Model): Record<string, unknown> {
  const keys = Object.keys(RegistrationFieldsSchema.shape).filter((key) => key in model);
  const fields = Object.fromEntries(keys.map((key) => [key, model[key as keyof Model]]));
  return { ...fields, year: model.cycleYear };
}

/** What a revision or a draft edit may change: everything but the cycle year. */
export const RegistrationEditSchema = RegistrationFieldsSchema.omit({ year: true, period: true }).superRefine(checkKindFields, always);

export const MODEL_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'RETURNED',
  'REJECTED',
  'IMPLEMENTING',
  'REPORTING',
  'REPORTED',
  'RECOGNIZED',
  'CONTINUING',
  'STOPPED',
] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** A recognition decision: its number, date, issuing body and level (printed on the certificate). */
export type Recognition = {
  year: number;
  level: (typeof LEVELS)[number];
  decisionId: string;
  number?: string;
  date?: string;
  issuingBody?: string;
  /**
   * The board's batch decision whose list it is on (`{board}.{year}.{seq}`, core/decisions): its
   * number and date are the decision's, once issued; until then `number` is absent and `date` is
   * the day the appraisal was published.
   */
  batchId?: string;
};

/** A stored model; only a draft may lack its area (DraftSchema). */
export type Model = Omit<Registration, 'area'> & {
  area?: Registration['area'];
  id: string;
  unitId: string;
  boardId: string;
  status: ModelStatus;
  cycleYear: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  recognitions: Recognition[];
  stopReason?: (typeof STOP_REASONS)[number];
  overdueStage?: string | null;
  report?: string;
  evidenceCount?: number;
  replicationCount?: number;
  sourceModelId?: string;
  /** The unit that registered it, when it is now under another (its unit was merged): set once. */
  registeredByUnitId?: string;
  /** The import that brought it in from an office's spreadsheet (`{jobId}#{row}`); absent on models registered here. */
  importedBy?: string;
};

export type AuditEvent = {
  modelId: string;
  at: string;
  /** RECOVERED: an administrator resumed an orphaned model in a new execution (`reason` names it). */
  /** IMPORTED: brought in from an office's spreadsheet at the status it had reached (no step of it was taken here). */
  /** MOVED: its unit was merged or split (a unit change, `changeId`): it went from `fromUnitId` to `toUnitId`. */
  type: 'TRANSITION' | 'OVERDUE' | 'RECOVERED' | 'IMPORTED' | 'MOVED';
  from?: ModelStatus;
  to?: ModelStatus;
  stage?: string;
  outcome?: string;
  actor: string;
  reason?: string;
  year: number;
  fromUnitId?: string;
  toUnitId?: string;
  changeId?: string;
};
