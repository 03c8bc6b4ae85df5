import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import * as z from 'zod';
import { mapDynamoError } from './dynamo.ts';
import { parseItem } from './items.ts';

/** How long a key is remembered: a client retrying later than this gets a new request. */
export const IDEMPOTENCY_SECONDS = 24 * 3600;
/**
 * How long a request may hold its key unanswered: twice the web function's timeout (30 s,
 * functions/shared/timeouts.ts; a test keeps them together), after
 * which Lambda has surely ended it (a crash or a kill answers nothing). A retry after that runs
 * the request again, and the use cases resolve it from what the first attempt wrote (a model
 * created under the key is found by its id, derived from the key), so the retry gets the real
 * answer instead of a 409 for 24 hours. Powertools' idempotency utility expires its
 * in-progress records the same way, at the Lambda's remaining time.
 */
export const IN_PROGRESS_SECONDS = 60;

/** One remembered request of a user (pk IDEMPOTENCY#user#key); `expiresAt` is the table's TTL attribute. */
export type IdempotencyRecord = {
  status: 'IN_PROGRESS' | 'COMPLETED';
  requestHash: string;
  expiresAt: number;
  /** While IN_PROGRESS: the key is free again after this (seconds). Records of v1 have none: free. */
  leaseUntil?: number;
  statusCode?: number;
  contentType?: string;
  body?: string;
};

const IdempotencyItem = z.object({
  status: z.enum(['IN_PROGRESS', 'COMPLETED']),
  requestHash: z.string(),
  expiresAt: z.number(),
  leaseUntil: z.number().optional(),
  statusCode: z.number().optional(),
  contentType: z.string().optional(),
  body: z.string().optional(),
}) satisfies z.ZodType<IdempotencyRecord>;

/** The id of what a request creates, derived from its key: a retry finds what the first attempt wrote. */
export function idFromRequestKey(requestKey: string, purpose: string): string {
  const hex = createHash('sha256').update(`${purpose}\n${requestKey}`).digest('hex');
  // Shaped as a UUID (version 8: custom) so it looks like every other model id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const keyOf = (username: string, key: string) => ({ pk: `IDEMPOTENCY#${username}#${key}`, sk: 'META' });

/**
 * Claims the key for this request. Returns undefined when claimed, or the record that holds it.
 * An expired record (TTL deletes lazily) counts as absent.
 */
export async function claimIdempotencyKey(
  deps: Pick<Deps, 'db' | 'tableName' | 'now'>,
  username: string,
  key: string,
  requestHash: string,
): Promise<IdempotencyRecord | undefined> {
  const now = Math.floor(deps.now().getTime() / 1000);
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: {
          ...keyOf(username, key),
          type: 'IDEMPOTENCY',
          status: 'IN_PROGRESS',
          requestHash,
          expiresAt: now + IDEMPOTENCY_SECONDS,
          leaseUntil: now + IN_PROGRESS_SECONDS,
        },
        // Free: never used, forgotten, or held by an attempt that died (same request only).
        ConditionExpression:
          'attribute_not_exists(pk) OR expiresAt < :now OR (#s = :inProgress AND requestHash = :hash AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now))',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':now': now, ':inProgress': 'IN_PROGRESS', ':hash': requestHash },
      }),
    );
    return undefined;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw mapDynamoError(error, 'error.changedMeanwhile');
  }
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: keyOf(username, key), ConsistentRead: true }));
  // Deleted in between (the first attempt failed with a 5xx): the caller may simply retry.
  return Item ? parseItem(IdempotencyItem, Item) : { status: 'IN_PROGRESS', requestHash, expiresAt: now, leaseUntil: now };
}

/** Stores the response of a completed request so a retry gets the same answer. */
export async function completeIdempotencyKey(
  deps: Pick<Deps, 'db' | 'tableName'>,
  username: string,
  key: string,
  response: { statusCode: number; contentType?: string; body?: string },
): Promise<void> {
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: keyOf(username, key),
      UpdateExpression: 'SET #s = :done, statusCode = :code, contentType = :type, body = :body REMOVE leaseUntil',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':done': 'COMPLETED',
        ':code': response.statusCode,
        ':type': response.contentType ?? 'application/json',
        ':body': response.body ?? '',
      },
    }),
  );
}

/** Forgets the key after a server-side failure, so the retry runs the request again. */
export async function releaseIdempotencyKey(deps: Pick<Deps, 'db' | 'tableName'>, username: string, key: string): Promise<void> {
  await deps.db.send(new DeleteCommand({ TableName: deps.tableName, Key: keyOf(username, key) }));
}
