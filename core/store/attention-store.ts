import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withoutKeys } from './keys.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/** A model whose execution failed for a reason that is not transient (one item per execution). */
export type Attention = { modelId: string; year: number; executionName: string; error: string; cause: string; at: string };

/** pk `MODEL#id`, sk `ATTENTION#execution`; gsi1 `ATTENTION` / at: the administrator's list, newest first. */
export async function putAttention({ db, tableName }: Db, a: Attention): Promise<void> {
  await db.send(new PutCommand({
    TableName: tableName,
    Item: { pk: `MODEL#${a.modelId}`, sk: `ATTENTION#${a.executionName}`, ...a, gsi1pk: 'ATTENTION', gsi1sk: `${a.at}#${a.modelId}` },
  }));
}

export async function listAttention({ db, tableName }: Db, limit = 100): Promise<Attention[]> {
  const page = await db.send(new QueryCommand({
    TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'ATTENTION' }, ScanIndexForward: false, Limit: limit,
  }));
  return (page.Items ?? []).map((item) => withoutKeys(item) as unknown as Attention);
}
