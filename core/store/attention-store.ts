import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Phase } from '../lifecycle.ts';
import type { TransactItems } from './dynamo.ts';
import { AttentionRecord, ORPHAN_ENDINGS, type Attention, type OrphanEnding } from '../records.ts';
import { itemParser } from './items.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/** The error code of an orphaned model's item (its `endedAs` says how the execution ended). */
export const ORPHANED_ERROR = 'ExecutionStoppedOutsideApp';

export { ORPHAN_ENDINGS, type Attention, type OrphanEnding };
const toAttention = itemParser(AttentionRecord);

/** One item per execution; a dead token found by a decision names no execution: one item per ending and year. */
const attentionKey = (a: { modelId: string; executionName: string; endedAs?: string; year: number }) => ({
  pk: `MODEL#${a.modelId}`,
  sk: `ATTENTION#${a.executionName || `${a.endedAs ?? 'UNKNOWN'}#${a.year}`}`,
});
const listed = (a: { at: string; modelId: string }) => ({ gsi1pk: 'ATTENTION', gsi1sk: `${a.at}#${a.modelId}` });

/** pk `MODEL#id`, sk `ATTENTION#execution`; gsi1 `ATTENTION` / at: the administrator's list, newest first. */
export async function putAttention({ db, tableName }: Db, a: Attention): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...attentionKey(a), ...a, ...listed(a) },
    }),
  );
}

/**
 * Marks the item of an execution as orphaned, creating it if the execution had none (a failed
 * step's NeedsAttention item keeps its error and cause). Listed again if it had been resolved.
 */
export async function putOrphan(
  { db, tableName }: Db,
  o: { modelId: string; year: number; executionName: string; endedAs: OrphanEnding; phase: Phase; cause: string; at: string },
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: attentionKey(o),
      UpdateExpression:
        'SET modelId = :m, #year = :y, executionName = :e, orphaned = :t, endedAs = :ended, phase = :phase, ' +
        '#error = if_not_exists(#error, :error), #cause = if_not_exists(#cause, :cause), #at = if_not_exists(#at, :at), gsi1pk = :list, gsi1sk = if_not_exists(gsi1sk, :sk) ' +
        'REMOVE resolvedAt, resolvedBy, recoveredBy',
      ExpressionAttributeNames: { '#year': 'year', '#error': 'error', '#cause': 'cause', '#at': 'at' },
      ExpressionAttributeValues: {
        ':m': o.modelId,
        ':y': o.year,
        ':e': o.executionName,
        ':t': true,
        ':ended': o.endedAs,
        ':phase': o.phase,
        ':error': ORPHANED_ERROR,
        ':cause': o.cause.slice(0, 2000),
        ':at': o.at,
        ':list': 'ATTENTION',
        ':sk': listed(o).gsi1sk,
      },
    }),
  );
}

export async function listAttention({ db, tableName }: Db, limit = 100): Promise<Attention[]> {
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'ATTENTION' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map(toAttention);
}

/** Every attention item of one model, listed or resolved (one Query on its partition). */
export async function attentionOf({ db, tableName }: Db, modelId: string): Promise<Attention[]> {
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
      ExpressionAttributeValues: { ':pk': `MODEL#${modelId}`, ':a': 'ATTENTION#' },
      ConsistentRead: true,
    }),
  );
  return (page.Items ?? []).map(toAttention);
}

/**
 * Takes an item off the list, once (the condition fails if someone resolved it first).
 * `recoveredBy`: an administrator's recovery, with the execution that took over ('' when none was needed).
 */
export function resolveAttentionItem(
  tableName: string,
  a: Attention,
  resolution: { at: string; by: string; recoveredBy?: string },
): TransactItems[number] {
  const recovered = resolution.recoveredBy !== undefined;
  return {
    Update: {
      TableName: tableName,
      Key: attentionKey(a),
      UpdateExpression: `SET resolvedAt = :at, resolvedBy = :by${recovered ? ', recoveredBy = :rec' : ''} REMOVE gsi1pk, gsi1sk`,
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(resolvedAt)',
      ExpressionAttributeValues: { ':at': resolution.at, ':by': resolution.by, ...(recovered ? { ':rec': resolution.recoveredBy } : {}) },
    },
  };
}
