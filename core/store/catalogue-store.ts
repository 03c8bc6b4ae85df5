import * as z from 'zod/mini';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Model, Recognition } from '../model.ts';
import { CatalogueEntryRecord, type CatalogueEntry, type PublicRecognition } from '../records.ts';
import { itemParser } from './items.ts';
import { normalizeSearchText } from '../search-text.ts';
import { batchGetAll } from './batch-get.ts';
import type { TransactItems } from './dynamo.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/**
 * The public catalogue of recognized models: ONE entry per model, in the model's own
 * partition (pk `MODEL#id`, sk `CATALOGUE`), so a re-recognition updates it in place and
 * "is this model listed?" is a single GetItem. The listing is the gsi1 partition
 * `CATALOGUE`, sorted by `<latest recognition year>#<its date>#<modelId>` (newest first); a search
 * Queries that partition page by page with a filter on the diacritics-free `searchText`
 * (no Scan). One index partition is enough at this scale (thousands of entries).
 * Unit names are not stored (the entry is written synchronously inside the recognition
 * transaction): they are resolved when read.
 */
export const CATALOGUE_PARTITION = 'CATALOGUE';
export const catalogueKey = (modelId: string) => ({ pk: `MODEL#${modelId}`, sk: 'CATALOGUE' });

export type { CatalogueEntry, PublicRecognition };

/**
 * Written in the same transaction as a recognition. An Update (not a Put) so that a
 * replication counted meanwhile is never overwritten: the counter is only initialised.
 * `model` is the model as read before the decision: its recognitions plus this one.
 */
export function catalogueEntryItems(tableName: string, model: Model, recognition: Recognition): TransactItems {
  const recognitions: PublicRecognition[] = [...model.recognitions, recognition].map(({ decisionId: _internal, ...rest }) => rest);
  const fields: Record<string, unknown> = {
    modelId: model.id,
    name: model.name,
    kind: model.kind,
    area: model.area,
    tags: model.tags ?? [],
    unitId: model.unitId,
    boardId: model.boardId,
    level: recognition.level,
    year: recognition.year,
    recognitions,
    searchText: normalizeSearchText([model.name, ...(model.tags ?? [])].join(' ')),
    gsi1pk: CATALOGUE_PARTITION,
    gsi1sk: `${recognition.year}#${recognition.date ?? ''}#${model.id}`,
  };
  const names = Object.keys(fields);
  return [
    {
      Update: {
        TableName: tableName,
        Key: catalogueKey(model.id),
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}, replicationCount = if_not_exists(replicationCount, :zero) REMOVE delisted`,
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
        ExpressionAttributeValues: { ...Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])), ':zero': 0 },
      },
    },
  ];
}

/**
 * For the STOP decision (to be called from decide.ts): a stopped model leaves the public
 * listing (its index keys go) and can no longer be replicated. Nothing if never recognized.
 */
export function catalogueDelistItems(tableName: string, model: Model): TransactItems {
  if (model.recognitions.length === 0) return [];
  return [
    {
      Update: {
        TableName: tableName,
        Key: catalogueKey(model.id),
        UpdateExpression: 'SET delisted = :t REMOVE gsi1pk, gsi1sk',
        ExpressionAttributeValues: { ':t': true },
      },
    },
  ];
}

export async function getCatalogueEntry({ db, tableName }: Db, modelId: string): Promise<CatalogueEntry | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: catalogueKey(modelId) }));
  return Item ? toEntry(Item) : undefined;
}

/** The listed (not delisted) entries among `modelIds`, by model id. */
export async function listedEntries(deps: Db, modelIds: string[]): Promise<Map<string, CatalogueEntry>> {
  const items = await batchGetAll(deps, modelIds.map(catalogueKey));
  const entries = items.map(toEntry).filter((e) => !e.delisted);
  return new Map(entries.map((e) => [e.modelId, e]));
}

export type CatalogueQuery = {
  tokens: string[];
  area?: string;
  kind?: string;
  limit: number;
  startKey?: Record<string, unknown>;
  /**
   * More text the tokens may match, by unit id (its name and places, normalized), asked a page at
   * a time: each token must then be in the entry's `searchText` or its unit's text, checked here
   * after the read rather than in the filter (a filter reads the same items anyway).
   */
  unitText?: (unitIds: string[]) => Promise<Map<string, string>>;
};

/** DynamoDB pages read per request at most: bounds the cost of a rare search. */
const MAX_PAGES = 10;

/**
 * One page of matches, newest recognition first. A filtered Query can return fewer items
 * than asked, so pages are read until `limit` matches; the cursor is then the key of the
 * last match returned (a Query resumes right after it), or where reading stopped.
 */
export async function searchCatalogue(
  { db, tableName }: Db,
  q: CatalogueQuery,
): Promise<{ entries: CatalogueEntry[]; nextKey?: Record<string, unknown> }> {
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': CATALOGUE_PARTITION };
  const unitText = q.tokens.length > 0 ? q.unitText : undefined;
  if (!unitText) {
    q.tokens.forEach((token, i) => {
      filters.push(`contains(searchText, :t${i})`);
      values[`:t${i}`] = token;
    });
  }
  for (const field of ['area', 'kind'] as const) {
    if (!q[field]) continue;
    filters.push(`#${field} = :${field}`);
    names[`#${field}`] = field;
    values[`:${field}`] = q[field];
  }
  const items: Record<string, unknown>[] = [];
  let startKey = q.startKey;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ScanIndexForward: false,
        FilterExpression: filters.length ? filters.join(' AND ') : undefined,
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExpressionAttributeValues: values,
        Limit: 200,
        ExclusiveStartKey: startKey,
      }),
    );
    const found = unitText ? await matching(page.Items ?? [], q.tokens, unitText) : (page.Items ?? []);
    const room = q.limit - items.length;
    if (found.length >= room) {
      const kept = found.slice(0, room);
      items.push(...kept);
      const more = found.length > room || page.LastEvaluatedKey !== undefined;
      const last = kept.at(-1);
      return { entries: items.map(toEntry), nextKey: more && last ? keyOf(last) : undefined };
    }
    items.push(...found);
    startKey = page.LastEvaluatedKey;
    if (!startKey) break;
  }
  return { entries: items.map(toEntry), nextKey: startKey };
}

/** The items whose `searchText`, with their unit's text, holds every token. */
async function matching(items: Record<string, unknown>[], tokens: string[], unitText: NonNullable<CatalogueQuery['unitText']>) {
  const entries = items.map((item) => ({ item, entry: toEntry(item) }));
  const texts = await unitText([...new Set(entries.map(({ entry }) => entry.unitId))]);
  return entries
    .filter(({ entry }) => {
      const text = `${entry.searchText} ${texts.get(entry.unitId) ?? ''}`;
      return tokens.every((token) => text.includes(token));
    })
    .map(({ item }) => item);
}

const toEntry = itemParser(CatalogueEntryRecord);
const keyOf = (item: Record<string, unknown>) => ({ pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk });

export type ReplicatedEntry = Pick<
  CatalogueEntry,
  'modelId' | 'name' | 'kind' | 'area' | 'unitId' | 'boardId' | 'level' | 'year' | 'replicationCount'
>;
const parseReplicated = itemParser(
  z.pick(CatalogueEntryRecord, {
    modelId: true,
    name: true,
    kind: true,
    area: true,
    unitId: true,
    boardId: true,
    level: true,
    year: true,
    replicationCount: true,
  }),
);

/**
 * The most replicated listed models of some boards (undefined: every board): the catalogue
 * partition read page by page, only entries copied at least once coming back (a filter), the
 * top `limit` kept. Stopped models have left the listing and are not among them.
 */
export async function mostReplicatedEntries(
  { db, tableName }: Db,
  boardIds: string[] | undefined,
  limit: number,
): Promise<ReplicatedEntry[]> {
  const top: ReplicatedEntry[] = [];
  const boards = boardIds?.slice(0, 90) ?? [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        FilterExpression: `replicationCount > :zero${boards.length ? ` AND boardId IN (${boards.map((_, i) => `:b${i}`).join(', ')})` : ''}`,
        ProjectionExpression: 'modelId, #name, kind, area, unitId, boardId, #level, #year, replicationCount',
        ExpressionAttributeNames: { '#name': 'name', '#level': 'level', '#year': 'year' },
        ExpressionAttributeValues: { ':pk': CATALOGUE_PARTITION, ':zero': 0, ...Object.fromEntries(boards.map((b, i) => [`:b${i}`, b])) },
        ExclusiveStartKey,
      }),
    );
    top.push(...(page.Items ?? []).map(parseReplicated));
    top.sort((a, b) => b.replicationCount - a.replicationCount || a.name.localeCompare(b.name, 'vi'));
    top.length = Math.min(top.length, limit);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return top;
}
