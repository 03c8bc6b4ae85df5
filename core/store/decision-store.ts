import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  batchDecisionId,
  type BatchDecision,
  type DecisionMember,
  type DocumentSettings,
  type IssuedFields,
} from '../decisions/batch-decision.ts';
import { BatchDecisionRecord, DecisionMemberRecord, DocumentSettingsRecord } from '../decisions/decision-records.ts';
import { batchGetAll } from './batch-get.ts';
import type { TransactItems } from './dynamo.ts';
import { itemParser, parseItem } from './items.ts';
import { putOnce } from './org-store.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/**
 * Batch recognition decisions:
 *   BATCH#{decisionId} / META          the decision (OPEN, then ISSUED with its number); gsi1 DECISIONS#{board} / {year}#{seq}
 *   BATCH#{decisionId} / MEMBER#{model} one recognized model on its list, written with the appraisal's publication
 *   BOARD#{board} / OPEN_DECISION#{year} which decision of the year is open ({ seq }; absent: the first)
 *   BOARD#{board} / DOCUMENTS          the board's document settings
 * The list is one partition, read page by page; issuing changes two items whatever its length.
 */
const decisionKey = (id: string) => ({ pk: `BATCH#${id}`, sk: 'META' });
const memberKey = (decisionId: string, modelId: string) => ({ pk: `BATCH#${decisionId}`, sk: `MEMBER#${modelId}` });
const openPointerKey = (boardId: string, year: number) => ({ pk: `BOARD#${boardId}`, sk: `OPEN_DECISION#${year}` });
const settingsKey = (boardId: string) => ({ pk: `BOARD#${boardId}`, sk: 'DOCUMENTS' });
const listedKey = (boardId: string, year: number, seq: number) => ({
  gsi1pk: `DECISIONS#${boardId}`,
  gsi1sk: `${year}#${String(seq).padStart(4, '0')}`,
});

export async function getDocumentSettings({ db, tableName }: Db, boardId: string): Promise<DocumentSettings | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: settingsKey(boardId) }));
  return Item ? parseItem(DocumentSettingsRecord, Item) : undefined;
}

export async function putDocumentSettings({ db, tableName }: Db, boardId: string, settings: DocumentSettings): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: { ...settingsKey(boardId), ...settings } }));
}

/** The id of the board's open decision of the year, created (OPEN, empty) if it is not yet stored. */
export async function openDecisionId(deps: Db, boardId: string, year: number, at: string): Promise<string> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: openPointerKey(boardId, year), ConsistentRead: true }),
  );
  const seq = typeof Item?.seq === 'number' ? Item.seq : 1;
  const id = batchDecisionId(boardId, year, seq);
  const decision: BatchDecision = { id, boardId, year, seq, status: 'OPEN', openedAt: at };
  await putOnce(deps, decisionKey(id), { ...decision, ...listedKey(boardId, year, seq) });
  return id;
}

/**
 * A published recognition joins the open decision's list, in the publication's transaction and
 * only while that decision is still open: once issued, its list never changes (the publication
 * then fails and is tried again; it joins the next decision).
 */
export function decisionMemberItems(tableName: string, member: DecisionMember): TransactItems {
  return [
    {
      ConditionCheck: {
        TableName: tableName,
        Key: decisionKey(member.decisionId),
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'OPEN' },
      },
    },
    { Put: { TableName: tableName, Item: { ...memberKey(member.decisionId, member.modelId), ...member } } },
  ];
}

/** Issuing: the decision goes OPEN → ISSUED with its number (only if still open), and the year's next decision opens. */
export function issueDecisionItems(tableName: string, decision: BatchDecision, fields: IssuedFields): TransactItems {
  const names = Object.keys(fields) as (keyof IssuedFields)[];
  return [
    {
      Update: {
        TableName: tableName,
        Key: decisionKey(decision.id),
        UpdateExpression: `SET #status = :issued, ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])) },
        ExpressionAttributeValues: {
          ':issued': 'ISSUED',
          ':open': 'OPEN',
          ...Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
        },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...openPointerKey(decision.boardId, decision.year), seq: decision.seq + 1 },
        ConditionExpression: 'attribute_not_exists(seq) OR seq = :seq',
        ExpressionAttributeValues: { ':seq': decision.seq },
      },
    },
  ];
}

export async function getBatchDecision({ db, tableName }: Db, id: string, consistent = false): Promise<BatchDecision | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: decisionKey(id), ConsistentRead: consistent }));
  return Item ? parseItem(BatchDecisionRecord, Item) : undefined;
}

/** Several decisions by id, in one round trip per 100. */
export async function getBatchDecisions(deps: Db, ids: string[]): Promise<Map<string, BatchDecision>> {
  if (ids.length === 0) return new Map();
  const items = await batchGetAll(
    deps,
    ids.map((id) => decisionKey(id)),
  );
  return new Map(items.map(itemParser(BatchDecisionRecord)).map((d) => [d.id, d]));
}

/** A board's decisions, newest year first (gsi1 `DECISIONS#{board}`), optionally of one year. */
export async function listBatchDecisions({ db, tableName }: Db, boardId: string, year?: number): Promise<BatchDecision[]> {
  const out: BatchDecision[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: year ? 'gsi1pk = :pk AND begins_with(gsi1sk, :year)' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `DECISIONS#${boardId}`, ...(year ? { ':year': `${year}#` } : {}) },
        ScanIndexForward: false,
        ExclusiveStartKey,
      }),
    );
    out.push(...(page.Items ?? []).map(itemParser(BatchDecisionRecord)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** Pages through a decision's list (one partition, 1 MB a page): its items, or only how many. */
async function queryMembers({ db, tableName }: Db, decisionId: string, options: { count?: boolean; consistent?: boolean }) {
  const items: Record<string, unknown>[] = [];
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
        ExpressionAttributeValues: { ':pk': `BATCH#${decisionId}`, ':member': 'MEMBER#' },
        ConsistentRead: options.consistent ?? false,
        ...(options.count ? { Select: 'COUNT' as const } : {}),
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items, count };
}

/** Every member of a decision's list. */
export async function listDecisionMembers(deps: Db, decisionId: string, consistent = false): Promise<DecisionMember[]> {
  return (await queryMembers(deps, decisionId, { consistent })).items.map(itemParser(DecisionMemberRecord));
}

/** How many models a decision lists (a COUNT query: no items travel). */
export async function countDecisionMembers(deps: Db, decisionId: string): Promise<number> {
  return (await queryMembers(deps, decisionId, { count: true })).count;
}
