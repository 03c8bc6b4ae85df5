import type { StepTimeouts } from './deps.ts';
import type { ModelStatus } from './model.ts';

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
 * Without zod (the workflow functions import it): what boards and units send at a step is
 * checked by core/step-inputs.ts.
 */
export type { AppraisalProposal, BoardDecision, YearlyReport } from './step-inputs.ts';
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
