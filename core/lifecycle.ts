import { z } from 'zod';
import { LEVELS, STOP_REASONS, type ModelStatus } from './model.ts';

/** The steps where the lifecycle waits on people (or on the yearly trigger). */
export const STAGES = ['REGISTRATION_REVIEW', 'REVISION', 'YEARLY_REVIEW', 'YEARLY_REPORT', 'APPRAISAL'] as const;
export type Stage = (typeof STAGES)[number];

export type AssigneeKind = 'BOARD' | 'UNIT' | 'REVIEW';

type StageRule = {
  assignee: AssigneeKind;
  /** The model status while this step waits. */
  waitsIn: ModelStatus;
  outcomes: Record<string, ModelStatus>;
};

/** Which outcome of which step moves a model to which status: the single source of the rules. */
export const STAGE_RULES: Record<Stage, StageRule> = {
  REGISTRATION_REVIEW: { assignee: 'BOARD', waitsIn: 'SUBMITTED', outcomes: { ACCEPT: 'IMPLEMENTING', RETURN: 'RETURNED', REJECT: 'REJECTED' } },
  REVISION: { assignee: 'UNIT', waitsIn: 'RETURNED', outcomes: { REVISE: 'SUBMITTED' } },
  YEARLY_REVIEW: { assignee: 'REVIEW', waitsIn: 'IMPLEMENTING', outcomes: { OPEN: 'REPORTING' } },
  YEARLY_REPORT: { assignee: 'UNIT', waitsIn: 'REPORTING', outcomes: { REPORT: 'REPORTED' } },
  APPRAISAL: { assignee: 'BOARD', waitsIn: 'REPORTED', outcomes: { RECOGNIZE: 'RECOGNIZED', CONTINUE: 'CONTINUING', STOP: 'STOPPED' } },
};

/** Transitions made by the workflow itself rather than by a person. */
export const WORKFLOW_TRANSITIONS = {
  SUBMIT: { from: ['DRAFT'], to: 'SUBMITTED' },
  NEXT_CYCLE: { from: ['RECOGNIZED', 'CONTINUING'], to: 'IMPLEMENTING' },
} as const satisfies Record<string, { from: readonly ModelStatus[]; to: ModelStatus }>;

export function nextStatus(stage: Stage, outcome: string): ModelStatus | undefined {
  return STAGE_RULES[stage].outcomes[outcome];
}

/** Who must act on a step of a model. */
export function assigneeOf(stage: Stage, model: { unitId: string; boardId: string }, year: number): string {
  const kind = STAGE_RULES[stage].assignee;
  if (kind === 'BOARD') return `BOARD#${model.boardId}`;
  if (kind === 'UNIT') return `UNIT#${model.unitId}`;
  return `REVIEW#${year}`;
}

const reason = z.string().trim().min(1, 'cần nêu lý do / a reason is required').max(2000);
const comment = z.string().trim().max(2000).optional();

/** A board's decision on a review or appraisal step; return, reject and stop need a reason. */
export const BoardDecisionSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('ACCEPT'), comment }),
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('RETURN'), reason }),
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('REJECT'), reason }),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('RECOGNIZE'), level: z.enum(LEVELS), comment }),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('CONTINUE'), comment }),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('STOP'), stopReason: z.enum(STOP_REASONS), reason }),
]);
export type BoardDecision = z.infer<typeof BoardDecisionSchema>;

/** What an appraisal proposes and, once published, decides: the APPRAISAL outcomes without the stage. */
export const AppraisalProposalSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('RECOGNIZE'), level: z.enum(LEVELS), comment }),
  z.strictObject({ outcome: z.literal('CONTINUE'), comment }),
  z.strictObject({ outcome: z.literal('STOP'), stopReason: z.enum(STOP_REASONS), reason }),
]);
export type AppraisalProposal = z.infer<typeof AppraisalProposalSchema>;

/** The unit's yearly report: what was done, and the value reached for each outcome indicator. */
export const YearlyReportSchema = z.strictObject({
  report: z.string().trim().min(1, 'bắt buộc / required').max(8000, 'tối đa 8000 ký tự / at most 8000 characters'),
  indicators: z.array(z.strictObject({ name: z.string().trim().min(1).max(200), actual: z.number().finite().nonnegative() })).max(20).default([]),
});
export type YearlyReport = z.infer<typeof YearlyReportSchema>;
