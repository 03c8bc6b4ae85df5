import * as z from 'zod/mini';
import type { Deps } from '../deps.ts';
import type { Phase, Stage } from '../lifecycle.ts';
import type { Model } from '../model.ts';
import { ORPHAN_ENDINGS, putOrphan, type Attention, type OrphanEnding } from '../store/attention-store.ts';
import { getModel } from '../store/model-store.ts';
import { sendTaskHeartbeat } from '../engine/workflow-engine.ts';
import { getTask } from '../store/task-store.ts';
import { resumePlan, type ResumePlan } from './resume-plan.ts';

/**
 * Orphaned models: the model's status says it waits in a step (or between its appraisal and
 * its next cycle) but the execution that should carry it ended behind the app's back: someone
 * stopped it (StopExecution on the local port, the AWS console), answered its token with a
 * forged result (SendTaskSuccess with a token read from the table), or it failed or timed out.
 *
 * The rule is deterministic, so it needs no grace period: an execution of phase P and year Y
 * ended; the model, still in cycle year Y, needs an execution of P (resumePlan); it did not
 * hand over to a continuation (a hand-over ends SUCCEEDED with `continuation` in its output);
 * no stop of the app's own; and no other execution waits on the model's step (its pending
 * task's token takes a heartbeat). Every execution that ends legitimately leaves the model in a
 * status that needs no execution of its phase and year (resting, rejected, stopped, in its
 * next cycle), so normal runs record nothing.
 */

/** An ended execution, as EventBridge's "Step Functions Execution Status Change" event details it. */
export type EndedExecution = {
  name: string;
  status: string;
  input?: string | null;
  output?: string | null;
  error?: string | null;
  cause?: string | null;
};

/** Stops the app makes itself, after handing the model to another execution (the v1 upgrade). */
const APP_STOPS = new Set(['Upgraded']);

/** Errors meaning the token takes no heartbeat (nor a result) any more. */
const DEAD_TOKEN = new Set(['TaskDoesNotExist', 'InvalidToken', 'TaskTimedOut']);

const InputSchema = z.object({ modelId: z.string().check(z.minLength(1)), year: z.int(), phase: z.enum(['REGISTRATION', 'CYCLE']) });

const json = (text: string | null | undefined): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** Whether a plan needs an execution of `phase` (the next cycle is begun by the cycle's execution). */
export function needsExecution(
  plan: ResumePlan,
  phase: Phase | undefined,
): plan is Extract<ResumePlan, { kind: 'execution' | 'next-cycle' }> {
  if (plan.kind === 'next-cycle') return phase === 'CYCLE';
  return plan.kind === 'execution' && plan.phase === phase;
}

/** The phase whose execution a plan needs, if any. */
export const phaseOf = (plan: ResumePlan): Phase | undefined =>
  plan.kind === 'next-cycle' ? 'CYCLE' : plan.kind === 'execution' ? plan.phase : undefined;

/**
 * Whether an execution waits on the model's step right now: the step's pending task holds a
 * token that Step Functions still takes (SendTaskHeartbeat; the lifecycle sets no
 * HeartbeatSeconds, so the call changes nothing). Throttling and the like are thrown.
 */
export async function stepIsAwaited(deps: Pick<Deps, 'db' | 'tableName' | 'sfn'>, model: Model, plan: ResumePlan): Promise<boolean> {
  if (plan.kind !== 'execution' || !plan.resume) return false;
  const task = await getTask(deps, model.id, model.cycleYear, plan.resume);
  if (!task || task.status !== 'PENDING' || task.token === '') return false;
  try {
    await sendTaskHeartbeat(deps, task.token);
    return true;
  } catch (error) {
    if (DEAD_TOKEN.has((error as Error).name)) return false;
    throw error;
  }
}

export type Orphan = {
  modelId: string;
  year: number;
  executionName: string;
  endedAs: OrphanEnding;
  phase: Phase;
  cause: string;
  at: string;
};

/**
 * Checks the model of an execution that ended (EventBridge on AWS, the local service's own
 * status-change events locally) and lists it for the administrator if it is orphaned.
 */
export async function checkEndedExecution(deps: Deps, ended: EndedExecution): Promise<Orphan | undefined> {
  const endedAs = ORPHAN_ENDINGS.find((s) => s === ended.status);
  if (!endedAs || (ended.error && APP_STOPS.has(ended.error))) return undefined;
  const input = InputSchema.safeParse(json(ended.input));
  if (!input.success) return undefined; // not an execution of this lifecycle's shape (v1, or a test's own)
  if (endedAs === 'SUCCEEDED' && (json(ended.output) as { continuation?: unknown } | undefined)?.continuation !== undefined)
    return undefined;
  const { modelId, year, phase } = input.data;
  const model = await getModel(deps, modelId);
  if (!model) return undefined;
  const plan = resumePlan(model, year, phase === 'CYCLE');
  if (!needsExecution(plan, phase) || (await stepIsAwaited(deps, model, plan))) return undefined;
  const how = [ended.error, ended.cause].filter(Boolean).join(': ');
  const orphan: Orphan = {
    modelId,
    year,
    executionName: ended.name,
    endedAs,
    phase,
    at: deps.now().toISOString(),
    cause: `${ended.name} ${endedAs}${how ? ` (${how})` : ''} while the model is ${model.status}`,
  };
  await putOrphan(deps, orphan);
  return orphan;
}

/**
 * A decision was recorded but its token was dead (the execution is gone): if the model, now in
 * its new status, needs an execution, it is listed for the administrator, who resumes it there.
 */
export async function recordDeadToken(deps: Deps, model: Model, stage: Stage): Promise<void> {
  const phase = phaseOf(resumePlan(model, model.cycleYear));
  if (!phase) return;
  await putOrphan(deps, {
    modelId: model.id,
    year: model.cycleYear,
    executionName: '',
    endedAs: 'TOKEN_GONE',
    phase,
    at: deps.now().toISOString(),
    cause: `the decision on ${stage} found its task token dead; the model is ${model.status}`,
  });
}

/** An orphan item checked again: the model and what it needs, or undefined once it is carried again (or needs nothing). */
export async function stillOrphaned(deps: Deps, item: Attention): Promise<{ model: Model; plan: ResumePlan } | undefined> {
  const model = await getModel(deps, item.modelId);
  if (!model || !item.orphaned) return undefined;
  const plan = resumePlan(model, item.year, item.phase === 'CYCLE');
  if (!needsExecution(plan, item.phase) || (await stepIsAwaited(deps, model, plan))) return undefined;
  return { model, plan };
}
