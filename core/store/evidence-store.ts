import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EvidenceRecord, type Evidence } from '../records.ts';
import { itemParser, parseItem } from './items.ts';
import { modelKey } from './keys.ts';
import { commitWrites, type Conflict } from './writes.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/** An evidence file's metadata, in its model's partition (the bytes are in the evidence store). */
const evidenceKey = (modelId: string, fileId: string) => ({ pk: `MODEL#${modelId}`, sk: `EVIDENCE#${fileId}` });

/**
 * The metadata and +1 on the model's count in one transaction; ConflictError(conflictMessage)
 * if the model is gone or already holds `max` files.
 */
export async function addEvidenceRecord(deps: Db, evidence: Evidence, max: number, ...conflict: Conflict): Promise<void> {
  const { tableName } = deps;
  await commitWrites(
    deps,
    [
      {
        Put: {
          TableName: tableName,
          Item: { ...evidenceKey(evidence.modelId, evidence.fileId), ...evidence },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: modelKey(evidence.modelId),
          UpdateExpression: 'ADD evidenceCount :one',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(evidenceCount) OR evidenceCount < :max)',
          ExpressionAttributeValues: { ':one': 1, ':max': max },
        },
      },
    ],
    ...conflict,
  );
}

export async function listEvidenceRecords({ db, tableName }: Db, modelId: string): Promise<Evidence[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': `MODEL#${modelId}`, ':e': 'EVIDENCE#' },
    }),
  );
  return Items.map(itemParser(EvidenceRecord));
}

export async function getEvidenceRecord({ db, tableName }: Db, modelId: string, fileId: string): Promise<Evidence | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: evidenceKey(modelId, fileId) }));
  return Item ? parseItem(EvidenceRecord, Item) : undefined;
}

/** The metadata and -1 on the model's count; ConflictError(conflictMessage) if it was removed already. */
export async function removeEvidenceRecord(deps: Db, modelId: string, fileId: string, ...conflict: Conflict): Promise<void> {
  const { tableName } = deps;
  await commitWrites(
    deps,
    [
      { Delete: { TableName: tableName, Key: evidenceKey(modelId, fileId), ConditionExpression: 'attribute_exists(pk)' } },
      {
        Update: {
          TableName: tableName,
          Key: modelKey(modelId),
          UpdateExpression: 'ADD evidenceCount :minus',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
    ],
    ...conflict,
  );
}
