import { notify } from './notifications.ts';
import { notificationIds } from '../notifications/notification.ts';
import { canSee, assertCanAct, type Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, TransientError, ValidationError } from '../errors.ts';
import { STAGE_RULES, nextStatus, type Stage } from '../lifecycle.ts';
import type { Model } from '../model.ts';
import type { TransactItems } from '../store/dynamo.ts';
import { commitWrites } from '../store/writes.ts';
import { decisionItem, getModel, transitionItems } from '../store/model-store.ts';
import { decideTaskItem, getTask, type PendingTask } from '../store/task-store.ts';
import { deliverResult } from './deliver-result.ts';
import { recordDeadToken } from './orphan-detection.ts';
import { currentRequestKey } from '../request-key.ts';

export type Completion = {
  modelId: string;
  stage: Stage;
  outcome: string;
  details?: Record<string, unknown> | (() => Record<string, unknown>);
  reason?: string;
  /**
   * Runs once every check has passed (who asks, the step waiting, the status), just before the
   * writes: for what a refused request must not take, such as a decision number.
   */
  prepare?: (model: Model) => Promise<void>;
  /** Extra model fields changed by this step (a revision's text, a report, a recognition). */
  set?: (model: Model) => Record<string, unknown>;
  /** More items written in the same transaction (a yearly report, a catalogue entry...). */
  extraItems?: (model: Model, at: string) => TransactItems;
  /** Indicator values this step reports, added to the statistics. */
  indicators?: (model: Model) => { name: string; unit: string; actual: number }[];
};

/** Loads a model the actor may see; a model outside the actor's scope is reported as missing. */
export async function loadVisibleModel(deps: Deps, actor: Actor, modelId: string): Promise<Model> {
  return visibleOrMissing(actor, modelId, await getModel(deps, modelId));
}

export function visibleOrMissing(actor: Actor, modelId: string, model: Model | undefined): Model {
  if (!model || !canSee(actor, model)) throw new NotFoundError('error.modelNotFound', { modelId });
  return model;
}

/**
 * Completes a waiting step: one transaction marks the pending task decided (only if it is
 * still PENDING with the token we read: the first of concurrent decisions wins, the rest
 * get 409), writes the immutable decision, moves the model and adds the audit event.
 * Then the result goes to Step Functions; if that fails it waits in the outbox.
 */
export async function completeTask(deps: Deps, actor: Actor, c: Completion) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await completeOnce(deps, actor, c);
    } catch (error) {
      // Contention on shared counters: read again and retry with backoff; a lost race stays a 409.
      if (!(error instanceof TransientError) || attempt >= 6) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
    }
  }
}

async function completeOnce(deps: Deps, actor: Actor, c: Completion) {
  const model = await loadVisibleModel(deps, actor, c.modelId);
  const task = await getTask(deps, model.id, model.cycleYear, c.stage);
  const requestKey = currentRequestKey();
  // The retry of a request that decided this step but died before answering: answer it now.
  if (task?.status === 'DECIDED' && task.result && requestKey && task.decidedByRequest === requestKey) {
    await notifyDecided(deps, model, c.stage, task.result.decisionId, task.result.outcome);
    return {
      decisionId: task.result.decisionId,
      outcome: task.result.outcome,
      status: model.status,
      delivery: task.delivered ? ('delivered' as const) : ('pending' as const),
    };
  }
  if (!task || task.status !== 'PENDING') {
    throw new ConflictError('error.stepNotWaiting');
  }
  assertCanAct(actor, task.assignee);
  const to = nextStatus(c.stage, c.outcome);
  if (!to) throw new ValidationError([{ field: 'outcome', key: 'reason.outcomeNotValidForStage', params: { stage: c.stage } }]);
  if (model.status !== STAGE_RULES[c.stage].waitsIn) {
    throw new ConflictError('error.modelIsInStatus', { status: model.status });
  }
  await c.prepare?.(model);
  const at = deps.now().toISOString();
  const decisionId = `${model.id}:${task.year}:${c.stage}:${task.round}`;
  // A resting step (the yearly review) has no execution waiting: nothing to deliver.
  const awaited = task.token !== '';
  const decided: PendingTask = {
    ...task,
    status: 'DECIDED',
    decidedAt: at,
    result: { outcome: c.outcome, decisionId },
    delivered: !awaited,
    version: task.version + 1,
    decidedByRequest: requestKey,
  };
  await commitWrites(
    deps,
    [
      decideTaskItem(deps.tableName, task, decided),
      decisionItem(deps.tableName, {
        modelId: model.id,
        year: task.year,
        stage: c.stage,
        round: task.round,
        outcome: c.outcome,
        actor: actor.username,
        at,
        details: (typeof c.details === 'function' ? c.details() : c.details) ?? {},
      }),
      ...transitionItems(deps.tableName, model, {
        to,
        at,
        actor: actor.username,
        stage: c.stage,
        outcome: c.outcome,
        reason: c.reason,
        set: { overdueStage: null, ...c.set?.(model) },
        indicators: c.indicators?.(model),
      }),
      ...(c.extraItems?.(model, at) ?? []),
    ],
    'error.stepDecidedMeanwhile',
  );
  await notifyDecided(deps, model, c.stage, decisionId, c.outcome);
  const delivery: 'delivered' | 'pending' | 'gone' | 'none' = awaited ? await deliverResult(deps, decided) : 'none';
  // The execution that held the token is gone (stopped or ended outside the app): if the model
  // now needs an execution, it is listed for the administrator, who resumes it where it stands.
  if (delivery === 'gone') await recordDeadToken(deps, { ...model, status: to }, c.stage);
  return { decisionId, outcome: c.outcome, status: to, delivery };
}

/** A board's decision about a model is told to the model's unit (once per decision). */
async function notifyDecided(deps: Deps, model: Model, stage: Stage, decisionId: string, outcome: string) {
  if (STAGE_RULES[stage].assignee !== 'BOARD') return;
  await notify(deps, {
    id: notificationIds.decided(decisionId),
    type: 'MODEL_DECIDED',
    at: deps.now().toISOString(),
    audience: { unitIds: [model.unitId] },
    link: `/models/${encodeURIComponent(model.id)}`,
    params: { modelId: model.id, modelName: model.name, stage, outcome, year: model.cycleYear },
  });
}
