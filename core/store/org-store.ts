import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BoardRole, Role } from '../actor.ts';
import { LEVELS } from '../model.ts';
import { boardKey, unitKey, userKey, withoutKeys } from './keys.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/** Units below a level: communes and wards, and agencies, enterprises, associations, party cells. */
export const UNIT_TYPES = ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'AGENCY', 'ENTERPRISE', 'ASSOCIATION', 'PARTY_CELL'] as const;
export type Unit = {
  id: string;
  name: string;
  type?: (typeof UNIT_TYPES)[number];
  level: (typeof LEVELS)[number];
  parentId?: string;
  boardId: string;
  historical?: boolean;
};
export type Board = { id: string; name: string; level: (typeof LEVELS)[number]; unitId: string };
export type Account = {
  username: string;
  displayName: string;
  role: Role;
  unitId?: string;
  boardId?: string;
  boardRoles?: BoardRole[];
  passwordHash: string;
};

async function get<T>({ db, tableName }: Db, Key: Record<string, string>): Promise<T | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key }));
  return Item ? (withoutKeys(Item) as T) : undefined;
}

export const getUnit = (deps: Db, id: string) => get<Unit>(deps, unitKey(id));
export const getBoard = (deps: Db, id: string) => get<Board>(deps, boardKey(id));
export const getAccount = (deps: Db, username: string) => get<Account>(deps, userKey(username));
export async function deleteAccount({ db, tableName }: Db, username: string): Promise<void> {
  await db.send(new DeleteCommand({ TableName: tableName, Key: userKey(username) }));
}

/** Names of units for display, in one round trip. */
export async function unitNames({ db, tableName }: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].slice(0, 100);
  if (unique.length === 0) return new Map();
  const out = await db.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: unique.map(unitKey) } } }));
  return new Map((out.Responses?.[tableName] ?? []).map((u) => [u.id as string, u.name as string]));
}

/** Creates an organisation record once; returns false if it already existed. */
export async function putOnce({ db, tableName }: Db, key: Record<string, string>, item: Record<string, unknown>): Promise<boolean> {
  try {
    await db.send(new PutCommand({ TableName: tableName, Item: { ...key, ...item }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * The board after `afterKey` in the organisation index (gsi1 `ORG#BOARD`), with its index key:
 * the yearly review walks the boards one by one holding only the current key, never the list.
 */
export async function nextBoard(
  { db, tableName }: Db,
  afterKey?: Record<string, unknown>,
): Promise<{ id: string; key: Record<string, unknown> } | undefined> {
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'ORG#BOARD' },
      ProjectionExpression: 'pk, sk, gsi1pk, gsi1sk, id',
      Limit: 1,
      ExclusiveStartKey: afterKey,
    }),
  );
  const item = page.Items?.[0];
  return item ? { id: String(item.id), key: { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk } } : undefined;
}
