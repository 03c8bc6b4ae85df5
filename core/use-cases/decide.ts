import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { BoardDecisionSchema, YearlyReportSchema } from '../lifecycle.ts';
import { RegistrationEditSchema, type Model, type Recognition } from '../model.ts';
import { catalogueEntryItems } from '../store/catalogue-store.ts';
import { parseOrThrow } from '../validation.ts';
import { yearlyReportItem } from '../store/report-store.ts';
import { completeTask } from './complete-task.ts';

function recognitionOf(model: Model, level: Recognition['level']): Recognition {
  return { year: model.cycleYear, level, decisionId: `${model.id}:${model.cycleYear}:APPRAISAL` };
}

/** A board accepts, returns or rejects a registration, or recognizes, continues or stops a model. */
export async function decideAsBoard(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const decision = parseOrThrow(BoardDecisionSchema, body);
  const { stage, outcome, ...details } = decision;
  return completeTask(deps, actor, {
    modelId,
    stage,
    outcome,
    details,
    reason: 'reason' in decision ? decision.reason : undefined,
    set: (model) => {
      if (decision.outcome === 'RECOGNIZE') return { recognitions: [...model.recognitions, recognitionOf(model, decision.level)] };
      if (decision.outcome === 'STOP') return { stopReason: decision.stopReason };
      return {};
    },
    extraItems: (model) => (decision.outcome === 'RECOGNIZE' ? catalogueEntryItems(deps.tableName, model, recognitionOf(model, decision.level)) : []),
  });
}

/** The unit answers a return with a revised registration (same fields, same rules). */
export async function submitRevision(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const revision = parseOrThrow(RegistrationEditSchema, body);
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
    extraItems: (model, at) => [yearlyReportItem(deps.tableName, { modelId: model.id, boardId: model.boardId, year: model.cycleYear, ...report, submittedAt: at, submittedBy: actor.username })],
  });
}
