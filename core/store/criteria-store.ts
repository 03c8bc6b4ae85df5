import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoredCriteriaSetRecord, type StoredCriteriaSet } from '../records.ts';
import { itemParser, parseItem } from './items.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };
export type { StoredCriteriaSet };

/** One set per board, period and kind: pk CRITERIA#board, sk period#kind. */
const key = (boardId: string, period: string, kind: string) => ({ pk: `CRITERIA#${boardId}`, sk: `${period}#${kind}` });

export async function getCriteriaSet(
  { db, tableName }: Db,
  boardId: string,
  period: string,
  kind: string,
): Promise<StoredCriteriaSet | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(boardId, period, kind) }));
  return Item ? parseItem(StoredCriteriaSetRecord, Item) : undefined;
}

export async function putCriteriaSet({ db, tableName }: Db, set: StoredCriteriaSet): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: { ...key(set.boardId, set.period, set.kind), ...set } }));
}

export async function listCriteriaSets({ db, tableName }: Db, boardId: string): Promise<StoredCriteriaSet[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CRITERIA#${boardId}` },
    }),
  );
  return Items.map(itemParser(StoredCriteriaSetRecord));
}
