import type { Registration } from './registration.ts';

/*
 * The domain's words and a stored model's shape, without zod: the workflow functions import
 * this; the registration form's schemas (classic zod, shown in the OpenAPI document) are in
 * core/registration.ts.
 */
export type { Draft, Indicator, Registration } from './registration.ts';

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

/** The five-year period a year belongs to: 2021-2025, 2026-2030, ... */
export function periodOf(y: number): string {
  const start = y - ((((y - 2021) % 5) + 5) % 5);
  return `${start}-${start + 4}`;
}

/** The person's questions of an exemplar, in the form's order. */
export const PERSON_FIELDS = ['position', 'achievements', 'mobilization'] as const;

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
