import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, TransientError } from '../errors.ts';
import { executionInputs, executionNames } from '../lifecycle.ts';
import { periodOf, type Model } from '../model.ts';
import { DraftSchema, RegistrationSchema, registrationOf } from '../registration.ts';
import { startExecution } from '../engine/workflow-engine.ts';
import { createModel, saveDraft } from '../store/model-store.ts';
import { getUnit } from '../store/org-store.ts';
import { idFromRequestKey } from '../store/idempotency-store.ts';
import { currentRequestKey } from '../request-key.ts';
import { assertLevelExists, assertRegistrationYear, cycleYearAt } from '../rules.ts';
import { parseOrThrow } from '../validation.ts';
import { loadVisibleModel } from './complete-task.ts';

/**
 * A unit registers a model: validated in full before anything is written (the year: this
 * cycle year or the next, by `deps.now()`), stored as a draft with its audit event, then (unless kept as a draft) its lifecycle execution
 * starts, which submits it.
 */
export async function registerModel(deps: Deps, actor: Actor, body: unknown, options: { submit?: boolean } = {}): Promise<Model> {
  const registration = options.submit === false ? parseDraft(deps, body) : parseOrThrow(RegistrationSchema, body);
  if (actor.kind !== 'user' || actor.role !== 'unit') throw new ForbiddenError('error.unitsRegisterOnly');
  assertRegistrationYear(registration.year, deps.now());
  assertLevelExists(registration.targetLevel, deps.now(), 'targetLevel');
  const unit = await getUnit(deps, actor.unitId);
  if (!unit) throw new NotFoundError('error.unitNotFound', { unitId: actor.unitId });
  const at = deps.now().toISOString();
  const requestKey = currentRequestKey();
  const model: Model = {
    ...registration,
    period: registration.period ?? periodOf(registration.year),
    id: requestKey ? idFromRequestKey(requestKey, 'model') : randomUUID(),
    unitId: unit.id,
    boardId: unit.boardId,
    status: 'DRAFT',
    cycleYear: registration.year,
    version: 1,
    createdAt: at,
    updatedAt: at,
    recognitions: [],
  };
  try {
    await createModel(
      deps,
      model,
      { modelId: model.id, at, type: 'TRANSITION', to: 'DRAFT', actor: actor.username, stage: 'REGISTER', year: model.cycleYear },
      'error.modelIdCollision',
    );
  } catch (error) {
    // A retried request whose first attempt wrote the model but never answered: answer it now.
    if (!(requestKey && error instanceof ConflictError)) throw error;
    return finishEarlierAttempt(deps, actor, model.id, options);
  }
  if (options.submit !== false) await startRegistration(deps, model);
  return model;
}

async function finishEarlierAttempt(deps: Deps, actor: Actor, modelId: string, options: { submit?: boolean }): Promise<Model> {
  const earlier = await loadVisibleModel(deps, actor, modelId);
  if (options.submit !== false && earlier.status === 'DRAFT') await startRegistration(deps, earlier);
  return earlier;
}

/** A draft as typed (DraftSchema): without a year it is for this cycle year. */
function parseDraft(deps: Deps, body: unknown) {
  const draft = parseOrThrow(DraftSchema, body);
  return { ...draft, year: draft.year ?? cycleYearAt(deps.now()) };
}

/** The owning unit edits its draft (the whole form again, as far as it is filled); stale edits get 409. */
export async function updateDraft(deps: Deps, actor: Actor, modelId: string, body: unknown): Promise<Model> {
  const registration = parseDraft(deps, body);
  const model = await loadVisibleModel(deps, actor, modelId);
  if (!(actor.kind === 'user' && actor.role === 'unit' && actor.unitId === model.unitId)) throw new ForbiddenError('error.ownerEditsDraft');
  if (model.status !== 'DRAFT') throw new InvalidTransitionError('error.onlyDraftsEditable', { status: model.status });
  assertRegistrationYear(registration.year, deps.now());
  assertLevelExists(registration.targetLevel, deps.now(), 'targetLevel');
  const fields = {
    ...registration,
    period: registration.period ?? periodOf(registration.year),
    cycleYear: registration.year,
    updatedAt: deps.now().toISOString(),
  };
  await saveDraft(deps, model, fields, 'error.draftChanged');
  return { ...model, ...fields, version: model.version + 1 };
}

/** Starts (or re-starts, for a draft whose start failed) the model's first cycle. */
export async function submitDraft(deps: Deps, actor: Actor, modelId: string): Promise<Model> {
  const model = await loadVisibleModel(deps, actor, modelId);
  if (actor.kind === 'user' && !(actor.role === 'unit' && actor.unitId === model.unitId)) throw new ForbiddenError('error.ownerSubmits');
  if (model.status !== 'DRAFT') throw new InvalidTransitionError('error.alreadySubmitted', { status: model.status });
  // A draft saves whatever was typed: what is submitted is the whole registration.
  parseOrThrow(RegistrationSchema, registrationOf(model));
  // A draft kept past its window (saved for a year that has gone by) is edited before it is submitted.
  assertRegistrationYear(model.cycleYear, deps.now());
  assertLevelExists(model.targetLevel, deps.now(), 'targetLevel');
  await startRegistration(deps, model);
  return model;
}

async function startRegistration(deps: Deps, model: Model): Promise<void> {
  try {
    await startExecution(deps, {
      stateMachineArn: deps.stateMachineArn,
      name: executionNames.registration(model.id),
      input: executionInputs.registration(model.id, model.cycleYear, deps.timeouts),
    });
  } catch (error) {
    throw new TransientError('error.submitFailedDraftSaved', undefined, {
      cause: error,
    });
  }
}
