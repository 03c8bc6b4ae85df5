import type { StepTimeouts } from '../deps.ts';
import { STAGE_RULES, WORKFLOW_TRANSITIONS, executionInputs, stageWaitingIn, type Phase, type Stage } from '../lifecycle.ts';
import type { Model } from '../model.ts';

/**
 * How a model goes on from where its status says it is in cycle year `year`: the one reading of
 * the step table that the v1 upgrade and an administrator's recovery of an orphaned model share.
 * `cycleBegun`: an execution of the year's cycle was started, so a model still `IMPLEMENTING`
 * needs that cycle (from its first step) rather than a rest until the review.
 */
export type ResumePlan =
  /** Recognized or continuing: BeginNextCycle runs here, then the model rests (or joins an open review). */
  | { kind: 'next-cycle' }
  /** An execution of `phase`, resuming at `resume` (none: from the phase's first step). */
  | { kind: 'execution'; phase: Phase; resume?: Stage }
  /** It waits for the yearly review: no execution. */
  | { kind: 'rest' }
  | { kind: 'none'; reason: string };

export function resumePlan(model: Model, year: number, cycleBegun = false): ResumePlan {
  if (model.cycleYear !== year) return { kind: 'none', reason: `the model is in ${model.cycleYear}` };
  const nextCycle: readonly string[] = WORKFLOW_TRANSITIONS.NEXT_CYCLE.from;
  if (nextCycle.includes(model.status)) return { kind: 'next-cycle' };
  // A draft whose start never ran its first task is submitted by the new execution.
  const submit: readonly string[] = WORKFLOW_TRANSITIONS.SUBMIT.from;
  if (submit.includes(model.status)) return { kind: 'execution', phase: 'REGISTRATION' };
  const stage = stageWaitingIn(model.status);
  const rule = stage && STAGE_RULES[stage];
  if (!stage || !rule) return { kind: 'none', reason: `the model is ${model.status}` };
  // The resting step: its OPEN outcome is the cycle's first step (BeginCycle).
  if (!rule.execution) return cycleBegun ? { kind: 'execution', phase: 'CYCLE' } : { kind: 'rest' };
  return { kind: 'execution', phase: rule.execution.phase, resume: stage };
}

/** The input of an execution of `phase` that resumes at `resume` (or starts the phase), as part `part`. */
export function resumeInput(
  modelId: string,
  year: number,
  timeouts: StepTimeouts,
  phase: Phase,
  resume?: Stage,
  part = 0,
): Record<string, unknown> {
  const base =
    phase === 'REGISTRATION' ? executionInputs.registration(modelId, year, timeouts) : executionInputs.cycle(modelId, year, timeouts);
  return { ...base, part, ...(resume ? { resume } : {}) };
}
