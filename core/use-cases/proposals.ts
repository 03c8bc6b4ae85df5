import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { holdsBoardRole, type Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError } from '../errors.ts';
import type { Level } from '../model.ts';
import { mapDynamoError } from '../store/dynamo.ts';
import { getBoard, getUnit } from '../store/org-store.ts';
import { queryTasks } from '../store/task-store.ts';
import { parseOrThrow } from '../validation.ts';
import { loadVisibleModel } from './complete-task.ts';

export const PROPOSAL_KINDS = ['NEXT_LEVEL', 'COMMENDATION'] as const;
export const ProposalSchema = z.strictObject({
  kind: z
    .enum(PROPOSAL_KINDS)
    .describe('NEXT_LEVEL: to the board one level up; COMMENDATION: for a commendation (khen thưởng), to the own board'),
  year: z
    .number()
    .int()
    .min(2009)
    .max(2100)
    .describe('The year of the recognition proposed (the model must have been recognized that year)'),
  note: z.string().trim().max(2000).optional(),
});

export type Proposal = z.infer<typeof ProposalSchema> & {
  modelId: string;
  modelName: string;
  unitId: string;
  fromBoardId: string;
  toBoardId: string;
  level: Level;
  proposedBy: string;
  at: string;
};

/** The board one level up: the board of the parent of the unit this board is attached to. */
async function nextLevelBoard(deps: Deps, boardId: string): Promise<string | undefined> {
  const board = await getBoard(deps, boardId);
  const unit = board && (await getUnit(deps, board.unitId));
  const parent = unit?.parentId ? await getUnit(deps, unit.parentId) : undefined;
  return parent?.boardId;
}

/**
 * A board's leader proposes a model it recognized to the next level's board, or for a
 * commendation (khen thưởng); one proposal of each kind per model and year.
 */
export async function propose(deps: Deps, actor: Actor, modelId: string, body: unknown): Promise<Proposal> {
  const input = parseOrThrow(ProposalSchema, body);
  const model = await loadVisibleModel(deps, actor, modelId);
  if (!holdsBoardRole(actor, model.boardId, 'LEADER'))
    throw new ForbiddenError('Chỉ lãnh đạo ban đề xuất / only the board leader proposes');
  const recognition = model.recognitions.find((r) => r.year === input.year);
  if (!recognition) throw new ConflictError(`Mô hình chưa được công nhận năm ${input.year} / not recognized in ${input.year}`);
  const toBoardId = input.kind === 'COMMENDATION' ? model.boardId : await nextLevelBoard(deps, model.boardId);
  if (!toBoardId) throw new ConflictError('Không có ban cấp trên / there is no higher-level board');
  const proposal: Proposal = {
    ...input,
    modelId: model.id,
    modelName: model.name,
    unitId: model.unitId,
    fromBoardId: model.boardId,
    toBoardId,
    level: recognition.level,
    proposedBy: actor.username,
    at: deps.now().toISOString(),
  };
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: {
          pk: `MODEL#${model.id}`,
          sk: `PROPOSAL#${input.kind}#${input.year}`,
          ...proposal,
          gsi1pk: `PROPOSALS#${toBoardId}`,
          gsi1sk: `${proposal.at}#${model.id}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    throw mapDynamoError(error, 'Đã đề xuất rồi / already proposed');
  }
  return proposal;
}

/** Proposals received by the actor's board. */
export async function receivedProposals(deps: Deps, actor: Actor): Promise<Proposal[]> {
  if (!(actor.kind === 'user' && actor.role === 'board')) throw new ForbiddenError('Chỉ ban nhận đề xuất / only boards receive proposals');
  const { tasks } = await queryTasks(deps, `PROPOSALS#${actor.boardId}`, { limit: 200 });
  return tasks as unknown as Proposal[];
}
