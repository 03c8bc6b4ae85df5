import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { BoardDecisionSchema, YearlyReportSchema } from '../lifecycle.ts';
import { RegistrationEditSchema } from '../model.ts';
import { parseOrThrow } from '../validation.ts';
import { completeTask } from './complete-task.ts';

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
      if (decision.outcome === 'RECOGNIZE') {
        const decisionId = `${model.id}:${model.cycleYear}:APPRAISAL`;
        return { recognitions: [...model.recognitions, { year: model.cycleYear, level: decision.level, decisionId }] };
      }
      if (decision.outcome === 'STOP') return { stopReason: decision.stopReason };
      return {};
    },
  });
}

/** The unit answers a return with a revised registration (same fields, same rules). */
export async function submitRevision(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const revision = parseOrThrow(RegistrationEditSchema, body);
  return completeTask(deps, actor, { modelId, stage: 'REVISION', outcome: 'REVISE', set: () => revision });
}

/** The unit's yearly report on a running model. */
export async function submitYearlyReport(deps: Deps, actor: Actor, modelId: string, body: unknown) {
  const { report } = parseOrThrow(YearlyReportSchema, body);
  return completeTask(deps, actor, { modelId, stage: 'YEARLY_REPORT', outcome: 'REPORT', set: () => ({ report }) });
}
