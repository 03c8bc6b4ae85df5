import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import type { AppraisalProposal } from '../lifecycle.ts';
import type { Model, Recognition } from '../model.ts';
import { catalogueDelistItems, catalogueEntryItems } from '../store/catalogue-store.ts';
import type { TransactItems } from '../store/dynamo.ts';
import { getBoard } from '../store/org-store.ts';
import { assertLevelWithinBoard } from '../rules.ts';
import { completeTask } from './complete-task.ts';

/**
 * Numbers a board's recognition decisions per year ("12/QĐ-BDV"). The number is taken before
 * the decision's transaction, so a failed publication leaves a gap rather than a duplicate.
 */
async function nextDecisionNumber(deps: Deps, boardId: string, year: number): Promise<string> {
  const out = await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: { pk: `COUNTER#DECISION#${boardId}#${year}`, sk: 'META' },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return `${out.Attributes?.n as number}/QĐ-BDV`;
}

/**
 * Publishes an appraisal outcome: the step's decision (immutable from now on), the model's
 * new status, and for a recognition its decision record (number, date, issuing body, level)
 * and the catalogue entry, all in the decision's transaction.
 */
export async function publishAppraisal(
  deps: Deps,
  actor: Actor,
  model: Model,
  proposal: AppraisalProposal,
  extra: { details?: Record<string, unknown>; items?: TransactItems } = {},
) {
  let recognition: Recognition | undefined;
  if (proposal.outcome === 'RECOGNIZE') {
    const board = await getBoard(deps, model.boardId);
    // At the board's own level or below; checked before a decision number is taken.
    assertLevelWithinBoard(board, proposal.level);
    recognition = {
      year: model.cycleYear,
      level: proposal.level,
      decisionId: `${model.id}:${model.cycleYear}:APPRAISAL`,
      number: await nextDecisionNumber(deps, model.boardId, model.cycleYear),
      date: deps.now().toISOString(),
      issuingBody: board?.name ?? model.boardId,
    };
  }
  const { outcome, ...rest } = proposal;
  return completeTask(deps, actor, {
    modelId: model.id,
    stage: 'APPRAISAL',
    outcome,
    details: { ...rest, ...extra.details, ...(recognition ? { recognition } : {}) },
    reason: 'reason' in proposal ? proposal.reason : undefined,
    set: (current) => {
      if (recognition) return { recognitions: [...current.recognitions, recognition] };
      if (proposal.outcome === 'STOP') return { stopReason: proposal.stopReason };
      return {};
    },
    extraItems: (current) => [
      ...(extra.items ?? []),
      ...(recognition ? catalogueEntryItems(deps.tableName, current, recognition) : []),
      // A stopped model leaves the public catalogue and can no longer be replicated.
      ...(proposal.outcome === 'STOP' ? catalogueDelistItems(deps.tableName, current) : []),
    ],
  });
}
