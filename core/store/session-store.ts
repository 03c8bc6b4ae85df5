import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';

type Db = Pick<Deps, 'db' | 'tableName'>;

/**
 * A signed-in session, kept server-side so it can be ended: the cookie names it, this item
 * says who it is. All sessions of an account share a partition, so ending them is one Query.
 * `expiresAt` (the table's TTL attribute) removes it at its absolute end.
 */
export type StoredSession = { sid: string; username: string; actor: Actor; displayName: string; iat: number; seen: number; exp: number };

const SessionItemSchema = z.object({
  sid: z.string(),
  username: z.string(),
  displayName: z.string(),
  iat: z.number(),
  seen: z.number(),
  exp: z.number(),
  actor: z.custom<Actor>((value) => typeof value === 'object' && value !== null && 'kind' in value),
});

const partitionOf = (username: string) => `SESSIONS#${username.toLowerCase()}`;
const sessionKey = (username: string, sid: string) => ({ pk: partitionOf(username), sk: `SESSION#${sid}` });

export async function putSession({ db, tableName }: Db, session: StoredSession): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...sessionKey(session.username, session.sid), type: 'SESSION', ...session, expiresAt: session.exp },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** The session, read consistently (a session ended a moment ago must not be seen live). */
export async function getSession({ db, tableName }: Db, username: string, sid: string): Promise<StoredSession | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: sessionKey(username, sid), ConsistentRead: true }));
  if (!Item) return undefined;
  const parsed = SessionItemSchema.safeParse(Item);
  return parsed.success ? parsed.data : undefined;
}

/** Slides the idle limit; a session ended meanwhile stays ended (false). */
export async function touchSession({ db, tableName }: Db, username: string, sid: string, seen: number): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: sessionKey(username, sid),
        UpdateExpression: 'SET seen = :seen',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':seen': seen },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function deleteSession({ db, tableName }: Db, username: string, sid: string): Promise<void> {
  await db.send(new DeleteCommand({ TableName: tableName, Key: sessionKey(username, sid) }));
}

/** Ends every session of an account; answers how many were live. */
export async function deleteSessionsOf({ db, tableName }: Db, username: string): Promise<number> {
  let ended = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partitionOf(username) },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    const keys = (page.Items ?? []).map((item) => ({ pk: item.pk as string, sk: item.sk as string }));
    // An account has a few sessions: one delete each (no BatchWriteItem to grant or to retry).
    await Promise.all(keys.map((Key) => db.send(new DeleteCommand({ TableName: tableName, Key }))));
    ended += keys.length;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ended;
}
