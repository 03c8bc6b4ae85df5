import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ProposalRecord, type Proposal, type ProposalAnswer } from '../records.ts';
import { mapDynamoError } from './dynamo.ts';
import { itemParser } from './items.ts';
import type { Conflict } from './writes.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/**
 * One proposal of each kind per model and year (pk `MODEL#id`, sk `PROPOSAL#kind#year`), listed
 * for the receiving board (gsi1 `PROPOSALS#board`, oldest first); ConflictError(conflictMessage)
 * if it was proposed already.
 */
export async function putProposal({ db, tableName }: Db, proposal: Proposal, ...conflict: Conflict): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: `MODEL#${proposal.modelId}`,
          sk: `PROPOSAL#${proposal.kind}#${proposal.year}`,
          ...proposal,
          gsi1pk: `PROPOSALS#${proposal.toBoardId}`,
          gsi1sk: `${proposal.at}#${proposal.modelId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    throw mapDynamoError(error, ...conflict);
  }
}

/** The first `limit` proposals a board received. */
export async function proposalsTo({ db, tableName }: Db, boardId: string, limit: number): Promise<Proposal[]> {
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `PROPOSALS#${boardId}` },
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map(itemParser(ProposalRecord));
}

/** The proposals sent about one model (every kind and year), oldest year first. */
export async function proposalsAbout({ db, tableName }: Db, modelId: string): Promise<Proposal[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': `MODEL#${modelId}`, ':sk': 'PROPOSAL#' },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.map(itemParser(ProposalRecord));
}

/**
 * Records the receiving board's answer, once: the proposal must exist and have none yet
 * (ConflictError(conflictMessage) otherwise, e.g. two members answering at once). Returns it as stored.
 */
export async function putProposalAnswer(
  { db, tableName }: Db,
  key: { modelId: string; kind: Proposal['kind']; year: number },
  answer: ProposalAnswer,
  ...conflict: Conflict
): Promise<Proposal> {
  try {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `MODEL#${key.modelId}`, sk: `PROPOSAL#${key.kind}#${key.year}` },
        UpdateExpression: 'SET answer = :answer',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answer)',
        ExpressionAttributeValues: { ':answer': answer },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return itemParser(ProposalRecord)(out.Attributes ?? {});
  } catch (error) {
    throw mapDynamoError(error, ...conflict);
  }
}

/** One proposal, if it was made. */
export async function getProposal({ db, tableName }: Db, key: { modelId: string; kind: Proposal['kind']; year: number }) {
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': `MODEL#${key.modelId}`, ':sk': `PROPOSAL#${key.kind}#${key.year}` },
    }),
  );
  const item = page.Items?.[0];
  return item ? itemParser(ProposalRecord)(item) : undefined;
}
