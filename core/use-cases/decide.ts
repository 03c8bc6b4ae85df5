import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { BoardDecisionSchema, YearlyReportSchema } from '../step-inputs.ts';
import { ConflictError } from '../errors.ts';
import { RegistrationEditSchema } from '../registration.ts';
import { appraisalSetFor } from './appraisal.ts';
import { publishAppraisal } from './publish-appraisal.ts';
import { parseOrThrow } from '../validation.ts';
import { assertLevelExists } from '../rules.ts';
import { yearlyReportItem } from '../store/report-store.ts';
import { completeTask, loadVisibleModel } from './complete-task.ts';

/**
 * A board accepts, returns or rejects a registration. Appraisal outcomes go through the
 * approval chain (appraisal.ts) whenever the board has one (any criteria set, even if none
 * covers this model's period and kind); only a board without a chain decides directly here.
 */
export async function decideAsBoard(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const decision = parseOrThrow(BoardDecisionSchema, body);
  if (decision.stage === 'APPRAISAL') {
    const { stage: _stage, ...proposal } = decision;
    const model = await loadVisibleModel(deps, actor, modelId);
    if (await appraisalSetFor(deps, model)) {
      throw new ConflictError('error.useAppraisalFlow');
    }
    return publishAppraisal(deps, actor, model, proposal);
  }
  const { stage, outcome, ...details } = decision;
  return completeTask(deps, actor, { modelId, stage, outcome, details, reason: 'reason' in decision ? decision.reason : undefined });
}

/** The unit answers a return with a revised registration (same fields, same rules). */
export async function submitRevision(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const revision = parseOrThrow(RegistrationEditSchema, body);
  assertLevelExists(revision.targetLevel, deps.now(), 'targetLevel');
  return completeTask(deps, actor, { modelId, stage: 'REVISION', outcome: 'REVISE', set: () => revision });
}

/** The unit's yearly report on a running model. */
export async function submitYearlyReport(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const report = parseOrThrow(YearlyReportSchema, body);
  return completeTask(deps, actor, {
    modelId,
    stage: 'YEARLY_REPORT',
    outcome: 'REPORT',
    set: () => ({ report: report.report }),
    // Only indicators the model registered are totalled, in the unit it registered them with.
    indicators: (model) =>
      report.indicators.flatMap((value) => {
        const registered = model.indicators?.find((i) => i.name.trim().toLowerCase() === value.name.trim().toLowerCase());
        return registered ? [{ name: registered.name, unit: registered.unit, actual: value.actual }] : [];
      }),
    extraItems: (model, at) => [
      yearlyReportItem(deps.tableName, {
        modelId: model.id,
        boardId: model.boardId,
        year: model.cycleYear,
        ...report,
        submittedAt: at,
        submittedBy: actor.username,
      }),
    ],
  });
}
