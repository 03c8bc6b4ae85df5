import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { mapDynamoError } from './dynamo.ts';

/** How long a key is remembered: a client retrying later than this gets a new request. */
export const IDEMPOTENCY_SECONDS = 24 * 3600;

/** One remembered request of a user (pk IDEMPOTENCY#user#key); `expiresAt` is the table's TTL attribute. */
export type IdempotencyRecord = {
  status: 'IN_PROGRESS' | 'COMPLETED';
  requestHash: string;
  expiresAt: number;
  statusCode?: number;
  contentType?: string;
  body?: string;
};

const keyOf = (username: string, key: string) => ({ pk: `IDEMPOTENCY#${username}#${key}`, sk: 'META' });

/**
 * Claims the key for this request. Returns undefined when claimed, or the record that holds it.
 * An expired record (TTL deletes lazily) counts as absent.
 */
export async function claimIdempotencyKey(deps: Pick<Deps, 'db' | 'tableName' | 'now'>, username: string, key: string, requestHash: string): Promise<IdempotencyRecord | undefined> {
  const now = Math.floor(deps.now().getTime() / 1000);
  try {
    await deps.db.send(new PutCommand({
      TableName: deps.tableName,
      Item: { ...keyOf(username, key), type: 'IDEMPOTENCY', status: 'IN_PROGRESS', requestHash, expiresAt: now + IDEMPOTENCY_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': now },
    }));
    return undefined;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw mapDynamoError(error, 'idempotency key');
  }
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: keyOf(username, key), ConsistentRead: true }));
  // Deleted in between (the first attempt failed with a 5xx): the caller may simply retry.
  return (Item as IdempotencyRecord | undefined) ?? { status: 'IN_PROGRESS', requestHash, expiresAt: now };
}

/** Stores the response of a completed request so a retry gets the same answer. */
export async function completeIdempotencyKey(deps: Pick<Deps, 'db' | 'tableName'>, username: string, key: string, response: { statusCode: number; contentType?: string; body?: string }): Promise<void> {
  await deps.db.send(new UpdateCommand({
    TableName: deps.tableName,
    Key: keyOf(username, key),
    UpdateExpression: 'SET #s = :done, statusCode = :code, contentType = :type, body = :body',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':done': 'COMPLETED', ':code': response.statusCode, ':type': response.contentType ?? 'application/json', ':body': response.body ?? '' },
  }));
}

/** Forgets the key after a server-side failure, so the retry runs the request again. */
export async function releaseIdempotencyKey(deps: Pick<Deps, 'db' | 'tableName'>, username: string, key: string): Promise<void> {
  await deps.db.send(new DeleteCommand({ TableName: deps.tableName, Key: keyOf(username, key) }));
}
