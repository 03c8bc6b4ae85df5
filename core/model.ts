import { z } from 'zod';

export const AREAS = ['ECONOMY', 'CULTURE_SOCIETY', 'DEFENSE_SECURITY', 'POLITICAL_SYSTEM'] as const;
export const KINDS = ['MODEL', 'EXEMPLAR'] as const;
export const LEVELS = ['COMMUNE', 'DISTRICT', 'PROVINCE', 'CENTRAL'] as const;
export const STOP_REASONS = ['FORMALISTIC', 'INEFFECTIVE', 'NOT_SUITABLE'] as const;

const text = (max: number) => z.string().trim().min(1, 'bắt buộc / required').max(max, `tối đa ${max} ký tự / at most ${max} characters`);
const year = z.number().int().min(2009).max(2100);

/** The nine fields of the published registration form, plus kind, area and cycle year. */
export const RegistrationSchema = z.strictObject({
  name: text(200),
  situation: text(4000),
  objectives: text(4000),
  content: text(4000),
  targetGroup: text(2000),
  forces: text(2000),
  resources: text(2000),
  outputs: text(2000),
  sustainability: text(2000),
  kind: z.enum(KINDS),
  area: z.enum(AREAS),
  year,
});
export type Registration = z.infer<typeof RegistrationSchema>;

export const MODEL_STATUSES = [
  'DRAFT', 'SUBMITTED', 'RETURNED', 'REJECTED', 'IMPLEMENTING', 'REPORTING', 'REPORTED', 'RECOGNIZED', 'CONTINUING', 'STOPPED',
] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export type Recognition = { year: number; level: (typeof LEVELS)[number]; decisionId: string };

export type Model = Registration & {
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
};

export type AuditEvent = {
  modelId: string;
  at: string;
  type: 'TRANSITION' | 'OVERDUE';
  from?: ModelStatus;
  to?: ModelStatus;
  stage?: string;
  outcome?: string;
  actor: string;
  reason?: string;
  year: number;
};
