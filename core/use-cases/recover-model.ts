import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { executionNames, partOfExecution, type Stage } from '../lifecycle.ts';
import type { Model, ModelStatus } from '../model.ts';
import { attentionOf, resolveAttentionItem, type Attention } from '../store/attention-store.ts';
import { startExecution } from '../engine/workflow-engine.ts';
import { commitWrites } from '../store/writes.ts';
import { auditEventItem, getModel } from '../store/model-store.ts';
import { needsExecution, stepIsAwaited } from './orphan-detection.ts';
import { resumeInput, resumePlan, type ResumePlan } from './resume-plan.ts';
import { rest } from './upgrade-executions.ts';
import { beginNextCycle } from './workflow-steps.ts';

/** What a recovery did: the execution that carries the model now (none when BeginNextCycle ran here and it rests). */
export type Recovery = {
  modelId: string;
  status: ModelStatus;
  recovered: boolean;
  execution?: string;
  resumedAt?: Stage | 'NEXT_CYCLE';
  already?: boolean;
};

/** New names tried at most, past the highest part known (a name AWS keeps for 90 days after its execution closed is taken). */
const NAME_TRIES = 20;

export function assertAdmin(actor: Actor): void {
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('error.adminsOnly');
}

/**
 * An administrator resumes an orphaned model where its status says it waits, in one action:
 * a new execution of the phase that needs one, named as the next part of that phase
 * (`{modelId}-r-k{n}` / `{modelId}-y{year}-k{n}`, n = one past the highest part the orphan
 * items name, so its own hand-overs go on from there), resuming at the step (the pending task
 * keeps its round, due date and overdue flag; open-task gives it a new token). A model between
 * its appraisal and its next cycle finishes BeginNextCycle here (then rests, or joins an open
 * review), as the v1 upgrade does. The orphan items leave the list with an audit event, once.
 *
 * Idempotent: a second click starts the same name with the same input, which Step Functions
 * answers with the running execution; once the first has resolved the items, a later call
 * answers what it did. A model carried again by then (or needing nothing) is left alone.
 */
export async function recoverOrphanedModel(deps: Deps, actor: Actor, modelId: string): Promise<Recovery> {
  assertAdmin(actor);
  const model = await getModel(deps, modelId);
  if (!model) throw new NotFoundError('error.modelNotFound', { modelId });
  const items = (await attentionOf(deps, modelId)).filter((a) => a.orphaned);
  const open = items.filter((a) => !a.resolvedAt).sort((a, b) => b.at.localeCompare(a.at));
  if (open.length === 0) return answered(deps, model, items);
  const phase = open[0]!.phase;
  const plan = resumePlan(model, model.cycleYear, phase === 'CYCLE');
  if (!needsExecution(plan, phase) || (await stepIsAwaited(deps, model, plan))) {
    // Carried again (a click just before this one, a hand-over that was under way) or nothing
    // left to do: what a recovery did, if one has finished meanwhile; else the list's check takes it off.
    const now = (await attentionOf(deps, modelId)).filter((a) => a.orphaned);
    if (now.every((a) => a.resolvedAt) && now.some((a) => a.recoveredBy !== undefined)) return answered(deps, model, now);
    return { modelId, status: model.status, recovered: false };
  }
  const resumed = plan.kind === 'next-cycle' ? await finishNextCycle(deps, model) : await startNextPart(deps, model, plan, items);
  await resolve(deps, model, open, actor, resumed);
  const status = plan.kind === 'next-cycle' ? ((await getModel(deps, modelId))?.status ?? model.status) : model.status;
  return { modelId, status, recovered: true, ...resumed };
}

/** How long a repeated click (or reload) is answered with what the recovery did. */
const REPEAT_WINDOW_MS = 60 * 60 * 1000;

/** No orphan item is open: what a recent recovery did (a repeated click), else nothing to recover. */
function answered(deps: Deps, model: Model, items: Attention[]): Recovery {
  const since = new Date(deps.now().getTime() - REPEAT_WINDOW_MS).toISOString();
  const last = items
    .filter((a) => a.recoveredBy !== undefined && (a.resolvedAt ?? '') >= since)
    .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''))[0];
  if (!last) throw new ConflictError('error.nothingToRecover');
  return { modelId: model.id, status: model.status, recovered: true, already: true, execution: last.recoveredBy || undefined };
}

type Resumed = { execution?: string; resumedAt: Stage | 'NEXT_CYCLE' };

async function startNextPart(
  deps: Deps,
  model: Model,
  plan: Extract<ResumePlan, { kind: 'execution' }>,
  items: Attention[],
): Promise<Resumed> {
  const known = items
    .filter((a) => a.phase === plan.phase && a.year === model.cycleYear && a.executionName)
    .map((a) => partOfExecution(a.executionName));
  const first = Math.max(0, ...known) + 1;
  for (let n = first; n < first + NAME_TRIES; n++) {
    const name = executionNames.part(plan.phase, model.id, model.cycleYear, n);
    const input = resumeInput(model.id, model.cycleYear, deps.timeouts, plan.phase, plan.resume, n);
    // The same name and input while it runs (a second click) answers the running execution.
    const started = await startExecution(deps, { stateMachineArn: deps.stateMachineArn, name, input });
    if (started === 'started')
      return { execution: name, resumedAt: plan.resume ?? (plan.phase === 'REGISTRATION' ? 'REGISTRATION_REVIEW' : 'YEARLY_REPORT') };
  }
  throw new ConflictError('error.noFreeExecutionName', { name: executionNames.part(plan.phase, model.id, model.cycleYear, first) });
}

/** Recognized or continuing, its cycle execution gone before BeginNextCycle: that step runs here. */
async function finishNextCycle(deps: Deps, model: Model): Promise<Resumed> {
  for (let attempt = 1; ; attempt++) {
    try {
      const resting = await beginNextCycle(deps, { modelId: model.id, year: model.cycleYear, timeouts: deps.timeouts });
      await rest(deps, resting);
      return { execution: resting.join ? resting.name : undefined, resumedAt: 'NEXT_CYCLE' };
    } catch (error) {
      // A concurrent click moved the model first: the next attempt finds it in its next year.
      if (!(error instanceof ConflictError) || attempt >= 3) throw error;
    }
  }
}

async function resolve(deps: Deps, model: Model, open: Attention[], actor: Actor, resumed: Resumed): Promise<void> {
  const at = deps.now().toISOString();
  const recoveredBy = resumed.execution ?? '';
  try {
    await commitWrites(
      deps,
      [
        ...open.map((a) => resolveAttentionItem(deps.tableName, a, { at, by: actor.username, recoveredBy })),
        auditEventItem(deps.tableName, {
          modelId: model.id,
          at,
          type: 'RECOVERED',
          stage: resumed.resumedAt,
          actor: actor.username,
          year: model.cycleYear,
          reason: `${open.map((a) => a.executionName || a.endedAs).join(', ')} → ${recoveredBy || 'BeginNextCycle'}`,
        }),
      ],
      'error.changedMeanwhile',
    );
  } catch (error) {
    // A concurrent click resolved them (with its audit event) first.
    if (!(error instanceof ConflictError)) throw error;
  }
}
