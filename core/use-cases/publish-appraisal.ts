import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import type { AppraisalProposal } from '../lifecycle.ts';
import type { Model, Recognition } from '../model.ts';
import { catalogueDelistItems, catalogueEntryItems } from '../store/catalogue-store.ts';
import type { TransactItems } from '../store/dynamo.ts';
import { takeDecisionNumber } from '../store/model-store.ts';
import { getBoard, getUnit } from '../store/org-store.ts';
import { decisionMemberItems, getDocumentSettings, openDecisionId } from '../store/decision-store.ts';
import type { DecisionMember } from '../decisions/batch-decision.ts';
import { assertLevelExists, assertLevelWithinBoard } from '../rules.ts';
import { completeTask } from './complete-task.ts';

/**
 * Numbers a board's recognition decisions per year ("12/QĐ-BDV"). The number is taken before
 * the decision's transaction, so a failed publication leaves a gap rather than a duplicate.
 */
async function nextDecisionNumber(deps: Deps, boardId: string, year: number): Promise<string> {
  return `${await takeDecisionNumber(deps, boardId, year)}/QĐ-BDV`;
}

/**
 * Publishes an appraisal outcome: the step's decision (immutable from now on), the model's
 * new status, and for a recognition its decision record (number, date, issuing body, level)
 * and the catalogue entry, all in the decision's transaction. A board that issues batch
 * decisions (its document settings, core/decisions) numbers nothing here: the recognition joins
 * the list of the board's open decision of the year, which takes its number when issued.
 */
export async function publishAppraisal(
  deps: Deps,
  actor: Actor,
  model: Model,
  proposal: AppraisalProposal,
  extra: { details?: Record<string, unknown>; items?: TransactItems } = {},
) {
  let recognition: Recognition | undefined;
  // Level first, then the number, and only once completeTask has checked who asks and that the
  // step waits: a refused request leaves no gap in the board's numbering.
  const board = proposal.outcome === 'RECOGNIZE' ? await getBoard(deps, model.boardId) : undefined;
  if (proposal.outcome === 'RECOGNIZE') {
    assertLevelExists(proposal.level, deps.now());
    assertLevelWithinBoard(board, proposal.level);
  }
  let member: DecisionMember | undefined;
  const prepare = async () => {
    if (proposal.outcome !== 'RECOGNIZE' || recognition) return;
    const at = deps.now().toISOString();
    const base = {
      year: model.cycleYear,
      level: proposal.level,
      decisionId: `${model.id}:${model.cycleYear}:APPRAISAL`,
      date: at,
      issuingBody: board?.name ?? model.boardId,
    };
    if ((await getDocumentSettings(deps, model.boardId))?.mode !== 'BATCH') {
      recognition = { ...base, number: await nextDecisionNumber(deps, model.boardId, model.cycleYear) };
      return;
    }
    const batchId = await openDecisionId(deps, model.boardId, model.cycleYear, at);
    recognition = { ...base, batchId };
    const unit = await getUnit(deps, model.unitId);
    member = {
      decisionId: batchId,
      modelId: model.id,
      name: model.name,
      unitId: model.unitId,
      unitName: unit?.name ?? model.unitId,
      area: model.area ?? 'ECONOMY',
      kind: model.kind,
      level: proposal.level,
      publishedAt: at,
    };
  };
  const { outcome, ...rest } = proposal;
  return completeTask(deps, actor, {
    modelId: model.id,
    stage: 'APPRAISAL',
    outcome,
    prepare,
    details: () => ({ ...rest, ...extra.details, ...(recognition ? { recognition } : {}) }),
    reason: 'reason' in proposal ? proposal.reason : undefined,
    set: (current) => {
      if (recognition) return { recognitions: [...current.recognitions, recognition] };
      if (proposal.outcome === 'STOP') return { stopReason: proposal.stopReason };
      return {};
    },
    extraItems: (current) => [
      ...(extra.items ?? []),
      ...(recognition ? catalogueEntryItems(deps.tableName, current, recognition) : []),
      ...(member ? decisionMemberItems(deps.tableName, member) : []),
      // A stopped model leaves the public catalogue and can no longer be replicated.
      ...(proposal.outcome === 'STOP' ? catalogueDelistItems(deps.tableName, current) : []),
    ],
  });
}
