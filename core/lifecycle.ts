import * as z from 'zod';
import type { StepTimeouts } from './deps.ts';
import { messageKey } from './messages.ts';
import { LEVELS, STOP_REASONS, type ModelStatus } from './model.ts';

/**
 * The lifecycle, in one table. Each step where a model waits on people (or on the yearly
 * review) says who acts, the status the model waits in, its timeout (a key of StepTimeouts),
 * the execution phase it belongs to and, for each outcome, the status it leads to and where the
 * workflow goes next. workflows/lifecycle-asl.ts generates model-lifecycle.asl.json from it
 * (a test checks the committed file equals the generated one); the statuses, the pages, the
 * i18n labels and the access rules read the same table.
 *
 * Phases are separate executions, so none nears AWS's 1-year limit: REGISTRATION
 * (`{modelId}-r`: submit, review, revision rounds) and CYCLE (`{modelId}-y{year}`, started by the
 * yearly review: report, appraisal, outcome). Between them the model rests in DynamoDB.
 */
export const STAGES = ['REGISTRATION_REVIEW', 'REVISION', 'YEARLY_REVIEW', 'YEARLY_REPORT', 'APPRAISAL'] as const;
export type Stage = (typeof STAGES)[number];

export type AssigneeKind = 'BOARD' | 'UNIT' | 'REVIEW';
export type Phase = 'REGISTRATION' | 'CYCLE';
export type TimeoutKey = 'registrationReview' | 'revision' | 'yearlyReport' | 'appraisal';

/** Where the workflow goes after an outcome: another step, rest until the next review, or the end. */
export type Then = { step: Stage } | 'REST' | 'NEXT_CYCLE' | 'END';

type StageRule = {
  assignee: AssigneeKind;
  /** The model status while this step waits. */
  waitsIn: ModelStatus;
  outcomes: Record<string, { to: ModelStatus; then: Then }>;
  /** Steps run by an execution (a callback task); the yearly review has none: no execution waits for it. */
  execution?: { phase: Phase; timeout: TimeoutKey };
};

export const STAGE_RULES: Record<Stage, StageRule> = {
  REGISTRATION_REVIEW: {
    assignee: 'BOARD',
    waitsIn: 'SUBMITTED',
    execution: { phase: 'REGISTRATION', timeout: 'registrationReview' },
    outcomes: {
      ACCEPT: { to: 'IMPLEMENTING', then: 'REST' },
      RETURN: { to: 'RETURNED', then: { step: 'REVISION' } },
      REJECT: { to: 'REJECTED', then: 'END' },
    },
  },
  REVISION: {
    assignee: 'UNIT',
    waitsIn: 'RETURNED',
    execution: { phase: 'REGISTRATION', timeout: 'revision' },
    outcomes: { REVISE: { to: 'SUBMITTED', then: { step: 'REGISTRATION_REVIEW' } } },
  },
  // Opened by the yearly review, which starts the model's cycle execution.
  YEARLY_REVIEW: { assignee: 'REVIEW', waitsIn: 'IMPLEMENTING', outcomes: { OPEN: { to: 'REPORTING', then: { step: 'YEARLY_REPORT' } } } },
  YEARLY_REPORT: {
    assignee: 'UNIT',
    waitsIn: 'REPORTING',
    execution: { phase: 'CYCLE', timeout: 'yearlyReport' },
    outcomes: { REPORT: { to: 'REPORTED', then: { step: 'APPRAISAL' } } },
  },
  APPRAISAL: {
    assignee: 'BOARD',
    waitsIn: 'REPORTED',
    execution: { phase: 'CYCLE', timeout: 'appraisal' },
    outcomes: {
      RECOGNIZE: { to: 'RECOGNIZED', then: 'NEXT_CYCLE' },
      CONTINUE: { to: 'CONTINUING', then: 'NEXT_CYCLE' },
      STOP: { to: 'STOPPED', then: 'END' },
    },
  },
};

/** The first step of each phase's execution. */
export const PHASE_START: Record<Phase, Stage> = { REGISTRATION: 'REGISTRATION_REVIEW', CYCLE: 'YEARLY_REPORT' };

/** Transitions made by the workflow itself rather than by a person. */
export const WORKFLOW_TRANSITIONS = {
  SUBMIT: { from: ['DRAFT'], to: 'SUBMITTED' },
  NEXT_CYCLE: { from: ['RECOGNIZED', 'CONTINUING'], to: 'IMPLEMENTING' },
} as const satisfies Record<string, { from: readonly ModelStatus[]; to: ModelStatus }>;

/** The step a model rests in between executions (no execution waits for it). */
export const RESTING_STAGE: Stage = 'YEARLY_REVIEW';

/** Execution names: one per registration, one per cycle year (continuations add `-k{n}`). */
export const executionNames = {
  registration: (modelId: string) => `${modelId}-r`,
  cycle: (modelId: string, year: number) => `${modelId}-y${year}`,
  /** The name of a phase's first execution. */
  of: (phase: Phase, modelId: string, year: number) =>
    phase === 'REGISTRATION' ? executionNames.registration(modelId) : executionNames.cycle(modelId, year),
  /**
   * Part `n` of a phase (`{first}-k{n}`), as the ASL's hand-over names it (`States.Format('{}-r-k{}')`,
   * `'{}-y{}-k{}'`); an administrator's recovery takes the next part the same way. Step Functions
   * allows 1–80 characters without whitespace, brackets, wildcards or punctuation such as `#%&,;:/`.
   */
  part: (phase: Phase, modelId: string, year: number, n: number) => {
    const name = n === 0 ? executionNames.of(phase, modelId, year) : `${executionNames.of(phase, modelId, year)}-k${n}`;
    if (!EXECUTION_NAME.test(name)) throw new RangeError(`not a valid execution name: ${name}`);
    return name;
  },
};

/** What Step Functions accepts as an execution name, narrowed to the characters ours use. */
export const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** The part an execution name carries: 0 for a phase's first execution, n for `-k{n}`. */
export const partOfExecution = (name: string) => Number(/-k(\d+)$/.exec(name)?.[1] ?? 0);

/** The input each kind of execution starts with (the same from every starter). */
export const executionInputs = {
  registration: (modelId: string, year: number, timeouts: StepTimeouts) => ({ modelId, year, phase: 'REGISTRATION', timeouts, part: 0 }),
  cycle: (modelId: string, year: number, timeouts: StepTimeouts) => ({ modelId, year, phase: 'CYCLE', timeouts, part: 0 }),
};

/** The step that waits while a model is in `status`, if any. */
export function stageWaitingIn(status: ModelStatus): Stage | undefined {
  return STAGES.find((stage) => STAGE_RULES[stage].waitsIn === status);
}

/** Statuses of a model whose cycle of the year has begun (or ended): those of the CYCLE phase's steps. */
const CYCLE_STATUSES: ReadonlySet<string> = new Set(
  STAGES.filter((stage) => STAGE_RULES[stage].execution?.phase === 'CYCLE').flatMap((stage) => [
    STAGE_RULES[stage].waitsIn,
    ...Object.values(STAGE_RULES[stage].outcomes).map((o) => o.to),
  ]),
);
export const cycleHasBegun = (status: string) => CYCLE_STATUSES.has(status);

export function nextStatus(stage: Stage, outcome: string): ModelStatus | undefined {
  return STAGE_RULES[stage].outcomes[outcome]?.to;
}

/** Who must act on a step of a model. */
export function assigneeOf(stage: Stage, model: { unitId: string; boardId: string }, year: number): string {
  const kind = STAGE_RULES[stage].assignee;
  if (kind === 'BOARD') return `BOARD#${model.boardId}`;
  if (kind === 'UNIT') return `UNIT#${model.unitId}`;
  return `REVIEW#${year}`;
}

const reason = z
  .string()
  .trim()
  .min(1, messageKey('reason.reasonRequired'))
  .max(2000)
  .describe('Why (required): shown to the unit and kept in the audit timeline');
const comment = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .describe('An optional note kept with the decision. Outcomes that need no reason take `comment`, never `reason`');
/**
 * `reason` belongs to the outcomes that need one (RETURN, REJECT, STOP): sent with another
 * outcome it is refused like any unknown field, with a message that names `comment`.
 */
const noReason = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys?.includes('reason') ? messageKey('reason.reasonIsForReturnRejectStop') : undefined,
};

/** A board's decision on a review or appraisal step; return, reject and stop need a reason, the others take an optional comment. */
export const BoardDecisionSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('ACCEPT'), comment }, noReason),
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('RETURN'), reason }),
  z.strictObject({ stage: z.literal('REGISTRATION_REVIEW'), outcome: z.literal('REJECT'), reason }),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('RECOGNIZE'), level: z.enum(LEVELS), comment }, noReason),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('CONTINUE'), comment }, noReason),
  z.strictObject({ stage: z.literal('APPRAISAL'), outcome: z.literal('STOP'), stopReason: z.enum(STOP_REASONS), reason }),
]);
export type BoardDecision = z.infer<typeof BoardDecisionSchema>;

/** What an appraisal proposes and, once published, decides: the APPRAISAL outcomes without the stage. */
export const AppraisalProposalSchema = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('RECOGNIZE'), level: z.enum(LEVELS), comment }, noReason),
  z.strictObject({ outcome: z.literal('CONTINUE'), comment }, noReason),
  z.strictObject({ outcome: z.literal('STOP'), stopReason: z.enum(STOP_REASONS), reason }),
]);
export type AppraisalProposal = z.infer<typeof AppraisalProposalSchema>;

/** The unit's yearly report: what was done, and the value reached for each outcome indicator. */
export const YearlyReportSchema = z.strictObject({
  report: z.string().trim().min(1, messageKey('reason.required')).max(8000),
  indicators: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(200), actual: z.number().finite().nonnegative() }))
    .max(20)
    .default([]),
});
export type YearlyReport = z.infer<typeof YearlyReportSchema>;
