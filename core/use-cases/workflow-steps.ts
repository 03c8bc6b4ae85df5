import { notify } from './notifications.ts';
import { notificationIds, type NotificationEvent } from '../notifications/notification.ts';
import { SYSTEM } from '../actor.ts';
import type { Deps, StepTimeouts } from '../deps.ts';
import { ConflictError, HandOverDue, InvalidTransitionError, NotFoundError } from '../errors.ts';
import {
  RESTING_STAGE,
  STAGE_RULES,
  WORKFLOW_TRANSITIONS,
  assigneeOf,
  cycleHasBegun,
  executionInputs,
  executionNames,
  type Stage,
} from '../lifecycle.ts';
import type { Model } from '../model.ts';
import { commitWrites } from '../store/writes.ts';
import { auditEventItem, getModel, getModelWithTask, overdueModelItem, transitionItems } from '../store/model-store.ts';
import { overdueTaskItem, putTask, type PendingTask } from '../store/task-store.ts';
import { reminderItem } from '../store/reminder-store.ts';
import { countJoinedReview, getReviewProgress } from '../store/review-store.ts';
import { ALL_SCOPE } from '../store/stats-store.ts';
import { completeTask } from './complete-task.ts';
import { deliverResult } from './deliver-result.ts';

/** What the lifecycle passes to each task (ids only: payloads stay small). */
export type StepInput = { modelId: string; year: number };

async function requireModel(deps: Deps, modelId: string): Promise<Model> {
  const model = await getModel(deps, modelId);
  if (!model) throw new NotFoundError('error.modelNotFound', { modelId });
  return model;
}

/**
 * The model and one of its tasks as of one instant (TransactGetItems): a decision commits both
 * at once, and reads on either side of it would take the moved model for a step answered outside.
 */
async function requireModelWithTask(deps: Deps, modelId: string, year: number, stage: Stage) {
  const { model, task } = await getModelWithTask(deps, modelId, year, stage);
  if (!model) throw new NotFoundError('error.modelNotFound', { modelId });
  return { model, task };
}

/** First task of a new model's execution: DRAFT -> SUBMITTED. A retry finds it done. */
export async function submitModel(deps: Deps, input: StepInput): Promise<void> {
  const model = await requireModel(deps, input.modelId);
  if (model.status !== 'DRAFT') return;
  await commitWrites(
    deps,
    transitionItems(deps.tableName, model, {
      to: WORKFLOW_TRANSITIONS.SUBMIT.to,
      at: deps.now().toISOString(),
      actor: SYSTEM.username,
      stage: 'SUBMIT',
    }),
    'error.changedMeanwhile',
  );
}

/**
 * Opens (or re-opens after a timeout) the pending task of a waiting step with the new
 * token. If the step was already decided but that result never reached Step Functions
 * (its token timed out in between), the recorded result is delivered with this token.
 * A wait that would carry the execution past `handOverAfterSeconds` is refused with
 * HandOverDue before anything is written: the ASL continues the step in a new execution.
 */
export async function openTask(deps: Deps, input: OpenTaskInput): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openTaskOnce(deps, input);
    } catch (error) {
      // A decision (or an overdue mark) changed the task between our read and write: read it again.
      if (!(error instanceof ConflictError) || attempt >= 5) throw error;
    }
  }
}

type OpenTaskInput = StepInput & {
  stage: Stage;
  taskToken: string;
  timeoutSeconds: number;
  handOverAfterSeconds: number;
  executionStartedAt: string;
};

async function openTaskOnce(deps: Deps, input: OpenTaskInput): Promise<void> {
  const { model, task: existing } = await requireModelWithTask(deps, input.modelId, input.year, input.stage);
  // Only the same wait re-opened after a timeout: its recorded decision already moved the model.
  // A new wait (the model is back in the status this step waits in) opens the next round instead.
  if (existing?.status === 'DECIDED' && existing.delivered === false && model.status !== STAGE_RULES[input.stage].waitsIn) {
    const retoken: PendingTask = { ...existing, token: input.taskToken, version: existing.version + 1 };
    await putTask(deps, retoken, existing.version);
    await deliverResult(deps, retoken);
    return;
  }
  // The execution reached a step the model is not in: a result sent to the previous step from
  // outside the app (SendTaskSuccess with a token read from the table) moved it on while the
  // model stayed. Refused (not transient): the execution ends in NeedsAttention and the model,
  // still waiting where it was, is listed for the administrator to resume it there.
  if (model.status !== STAGE_RULES[input.stage].waitsIn) {
    throw new InvalidTransitionError('error.stepAnsweredOutside', { modelId: model.id, status: model.status, stage: input.stage });
  }
  const now = deps.now();
  const ageSeconds = (now.getTime() - Date.parse(input.executionStartedAt)) / 1000;
  if (ageSeconds + input.timeoutSeconds > input.handOverAfterSeconds) {
    throw new HandOverDue('error.handOverDue', { ageSeconds: Math.round(ageSeconds), stage: input.stage });
  }
  const reopening = existing?.status === 'PENDING';
  await putTask(
    deps,
    {
      modelId: model.id,
      year: input.year,
      stage: input.stage,
      round: reopening ? existing.round : (existing?.round ?? 0) + 1,
      status: 'PENDING',
      token: input.taskToken,
      assignee: assigneeOf(input.stage, model, input.year),
      boardId: model.boardId,
      openedAt: reopening ? existing.openedAt : now.toISOString(),
      dueAt: reopening && existing.overdue ? existing.dueAt : new Date(now.getTime() + input.timeoutSeconds * 1000).toISOString(),
      overdue: reopening ? existing.overdue : false,
      overdueToken: reopening ? existing.overdueToken : undefined,
      version: (existing?.version ?? 0) + 1,
    },
    existing?.version,
  );
  // Whoever the step waits on is told, once for this step and round (a re-opened wait is the same).
  const round = reopening ? existing.round : (existing?.round ?? 0) + 1;
  await notify(
    deps,
    stepEvent('STEP_WAITING', model, input.year, input.stage, round, now, reopening && existing.overdue ? existing.dueAt : undefined),
  );
}

/** A step's event: the assignee (its unit or its board) is the audience, the model's page the link. */
function stepEvent(
  type: 'STEP_WAITING' | 'STEP_OVERDUE',
  model: { id: string; name: string; unitId: string; boardId: string },
  year: number,
  stage: Stage,
  round: number,
  now: Date,
  dueAt?: string,
): NotificationEvent {
  const [kind, id = ''] = assigneeOf(stage, model, year).split('#');
  const ids = type === 'STEP_WAITING' ? notificationIds.waiting : notificationIds.overdue;
  return {
    id: ids(model.id, year, stage, round),
    type,
    at: now.toISOString(),
    audience: kind === 'UNIT' ? { unitIds: [id] } : { boardIds: [id] },
    link: `/models/${encodeURIComponent(model.id)}`,
    params: { modelId: model.id, modelName: model.name, stage, year, ...(dueAt ? { dueAt } : {}) },
  };
}

/** The step's due date passed: flag task and model overdue once per token, with an audit event. */
export async function markOverdue(deps: Deps, input: StepInput & { stage: Stage }): Promise<void> {
  const { model, task } = await requireModelWithTask(deps, input.modelId, input.year, input.stage);
  if (!task || task.status !== 'PENDING') return;
  // Marked already (a retry): the event is written again, which changes nothing if it is there.
  if (task.overdueToken === task.token)
    return notify(deps, stepEvent('STEP_OVERDUE', model, input.year, input.stage, task.round, deps.now(), task.dueAt));
  const at = deps.now().toISOString();
  try {
    await commitWrites(
      deps,
      [
        overdueTaskItem(deps.tableName, task),
        overdueModelItem(deps.tableName, model, input.stage),
        auditEventItem(deps.tableName, {
          modelId: model.id,
          at,
          type: 'OVERDUE',
          stage: input.stage,
          actor: SYSTEM.username,
          year: input.year,
        }),
        // A late revision or report: the unit is reminded (its home lists reminders).
        ...(task.assignee.startsWith('UNIT#')
          ? [
              reminderItem(deps.tableName, {
                unitId: model.unitId,
                modelId: model.id,
                modelName: model.name,
                stage: input.stage,
                year: input.year,
                dueAt: task.dueAt,
                at,
              }),
            ]
          : []),
      ],
      'error.changedMeanwhile',
    );
  } catch (error) {
    // Decided (or re-marked) in the meantime: nothing is overdue any more.
    if (!(error instanceof ConflictError)) throw error;
    return;
  }
  await notify(deps, stepEvent('STEP_OVERDUE', model, input.year, input.stage, task.round, deps.now(), task.dueAt));
}

/**
 * First task of a cycle execution, started by the yearly review: the model leaves its rest
 * (IMPLEMENTING -> REPORTING). A retry, or a second start, finds it done.
 */
export async function beginCycle(deps: Deps, input: StepInput): Promise<void> {
  const model = await requireModel(deps, input.modelId);
  if (model.cycleYear === input.year && cycleHasBegun(model.status)) return;
  if (model.cycleYear !== input.year || model.status !== STAGE_RULES.YEARLY_REVIEW.waitsIn) {
    throw new InvalidTransitionError('error.notWaitingForReview', {
      modelId: model.id,
      status: model.status,
      cycleYear: model.cycleYear,
      year: input.year,
    });
  }
  try {
    await completeTask(deps, SYSTEM, { modelId: model.id, stage: 'YEARLY_REVIEW', outcome: 'OPEN' });
  } catch (error) {
    const now = await requireModel(deps, input.modelId);
    if (!(error instanceof ConflictError && now.cycleYear === input.year && cycleHasBegun(now.status))) throw error;
  }
}

export type Resting = { join: boolean; name: string; input: Record<string, unknown> };

/**
 * A model that now rests until the review of `year`: if that review is open already (the model
 * was accepted, or appraised, after it opened) it joins at once. Counted once in the review's
 * progress; the page that would meet it later skips it (see reviewFetchPage).
 */
export async function joinOpenReview(deps: Deps, input: StepInput & { timeouts: StepTimeouts }): Promise<Resting> {
  const rest: Resting = { join: false, name: '', input: {} };
  // One snapshot: the move to rest writes the model and its resting task together.
  const { model, task } = await requireModelWithTask(deps, input.modelId, input.year, RESTING_STAGE);
  if (model.status !== STAGE_RULES.YEARLY_REVIEW.waitsIn || model.cycleYear !== input.year || task?.status !== 'PENDING') return rest;
  const [all, board] = await Promise.all([
    getReviewProgress(deps, ALL_SCOPE, input.year),
    getReviewProgress(deps, model.boardId, input.year),
  ]);
  const scope = all ? ALL_SCOPE : board ? model.boardId : undefined;
  if (!scope) return rest;
  if (!task.joinedReview) await countJoinedReview(deps, task, scope);
  return {
    join: true,
    name: executionNames.cycle(model.id, input.year),
    input: executionInputs.cycle(model.id, input.year, input.timeouts),
  };
}

/** A recognized or continuing model rests until next year's review (or joins it, if open). */
export async function beginNextCycle(deps: Deps, input: StepInput & { timeouts: StepTimeouts }): Promise<Resting> {
  const model = await requireModel(deps, input.modelId);
  const nextYear = input.year + 1;
  if (model.cycleYear !== nextYear) {
    const allowed: readonly string[] = WORKFLOW_TRANSITIONS.NEXT_CYCLE.from;
    if (!allowed.includes(model.status) || model.cycleYear !== input.year) {
      throw new InvalidTransitionError('error.cannotStartNextCycle', {
        modelId: model.id,
        status: model.status,
        cycleYear: model.cycleYear,
        nextYear,
      });
    }
    await commitWrites(
      deps,
      transitionItems(deps.tableName, model, {
        to: WORKFLOW_TRANSITIONS.NEXT_CYCLE.to,
        at: deps.now().toISOString(),
        actor: SYSTEM.username,
        stage: 'NEXT_CYCLE',
        set: { cycleYear: nextYear },
        nextYear,
      }),
      'error.changedMeanwhile',
    );
  }
  return joinOpenReview(deps, { modelId: model.id, year: nextYear, timeouts: input.timeouts });
}
