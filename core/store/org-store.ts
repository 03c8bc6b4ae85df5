import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { AccountRecord, BoardRecord, UNIT_TYPES, UnitRecord, type Account, type Board, type Unit } from '../records.ts';
import { batchGetAll } from './batch-get.ts';
import { batchPutAll } from './batch-write.ts';
import { itemParser, parseItem } from './items.ts';
import { boardKey, unitKey, userKey } from './keys.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

export { UNIT_TYPES, type Account, type Board, type Unit };

async function get<S extends z.core.$ZodType>(
  { db, tableName }: Db,
  schema: S,
  Key: Record<string, string>,
): Promise<z.output<S> | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key }));
  return Item ? parseItem(schema, Item) : undefined;
}

export const getUnit = (deps: Db, id: string): Promise<Unit | undefined> => get(deps, UnitRecord, unitKey(id));
export const getBoard = (deps: Db, id: string): Promise<Board | undefined> => get(deps, BoardRecord, boardKey(id));
export const getAccount = (deps: Db, username: string): Promise<Account | undefined> => get(deps, AccountRecord, userKey(username));

/** The organisation index: every unit, board and account is listed in its gsi1 partition. */
export const ORG_INDEX = { unit: 'ORG#UNIT', board: 'ORG#BOARD', account: 'ORG#USER' } as const;

async function listIndex<S extends z.core.$ZodType>({ db, tableName }: Db, schema: S, index: string): Promise<z.output<S>[]> {
  const parse = itemParser(schema);
  const items: z.output<S>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': index },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []).map(parse));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export const listUnits = (deps: Db): Promise<Unit[]> => listIndex(deps, UnitRecord, ORG_INDEX.unit);
export const listBoards = (deps: Db): Promise<Board[]> => listIndex(deps, BoardRecord, ORG_INDEX.board);
/** Every account, without its password hash. */
export const listAccounts = (deps: Db): Promise<Omit<Account, 'passwordHash'>[]> =>
  listIndex(deps, z.omit(AccountRecord, { passwordHash: true }), ORG_INDEX.account);

/** Creates or replaces a unit, a board or an account, listed in the organisation index. */
async function putListed({ db, tableName }: Db, key: Record<string, string>, index: string, sortKey: string, item: object) {
  await db.send(new PutCommand({ TableName: tableName, Item: { ...key, ...item, gsi1pk: index, gsi1sk: sortKey } }));
}
export const putUnit = (deps: Db, unit: Unit) => putListed(deps, unitKey(unit.id), ORG_INDEX.unit, unit.id, unit);
/** Creates or replaces many units, 25 a BatchWriteItem (each listed in the organisation index as putUnit does). */
export const putUnits = (deps: Db, units: Unit[]) =>
  batchPutAll(
    deps,
    units.map((unit) => ({ ...unitKey(unit.id), ...unit, gsi1pk: ORG_INDEX.unit, gsi1sk: unit.id })),
  );
export const putBoard = (deps: Db, board: Board) => putListed(deps, boardKey(board.id), ORG_INDEX.board, board.id, board);
export const putAccount = (deps: Db, account: Account) =>
  putListed(deps, userKey(account.username), ORG_INDEX.account, account.username, account);
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

/**
 * Units by id, each with the units above it (its parent, the parent's parent, ...), read in one
 * batch per level into `known` (pass the same map again to read only what it lacks).
 */
export async function unitsWithAncestors(deps: Db, ids: string[], known = new Map<string, Unit>()): Promise<Map<string, Unit>> {
  let missing = [...new Set(ids)].filter((id) => !known.has(id));
  // A deeper tree than this is not an organisation (and a cycle in stored parents ends here).
  for (let depth = 0; missing.length > 0 && depth < 10; depth++) {
    const units = (await batchGetAll(deps, missing.map(unitKey))).map(itemParser(UnitRecord));
    for (const unit of units) known.set(unit.id, unit);
    missing = [...new Set(units.flatMap((u) => (u.parentId && !known.has(u.parentId) ? [u.parentId] : [])))];
  }
  return known;
}

/** Display names of accounts and names of boards, for pages that would otherwise show ids (BatchGetItem, names only). */
export async function displayNames(deps: Db, usernames: string[]): Promise<Map<string, string>> {
  const projection = { expression: '#u, #d', names: { '#u': 'username', '#d': 'displayName' } };
  const items = await batchGetAll(deps, [...new Set(usernames)].map(userKey), projection);
  return new Map(items.map((a) => [a.username as string, a.displayName as string]));
}
/** Names of boards for display (a board that no longer exists is left out). */
export async function boardNames(deps: Db, ids: string[]): Promise<Map<string, string>> {
  const items = await batchGetAll(deps, [...new Set(ids)].map(boardKey), {
    expression: '#id, #name',
    names: { '#id': 'id', '#name': 'name' },
  });
  return new Map(items.map((b) => [b.id as string, b.name as string]));
}
