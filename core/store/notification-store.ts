import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { NOTIFICATION_TYPES, type NotificationEvent } from '../notifications/notification.ts';
import { batchGetAll } from './batch-get.ts';
import { itemParser } from './items.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/**
 * The notification outbox:
 *   NOTIFY#{eventId} / EVENT           the event, once (conditional put); gsi1 NOTIFY#PENDING / at until every recipient has it
 *   NOTIFY#{eventId} / TO#{username}   one delivery a recipient, once (conditional put): PENDING → SENDING → SENT,
 *                                      or, for a daily digest, in gsi1 NOTIFY#DIGEST / {username}#{at} until the digest goes
 * Sparse index partitions: only what still has to be sent is listed, never a Scan.
 */
export const PENDING_EVENTS = 'NOTIFY#PENDING';
export const DIGEST_DELIVERIES = 'NOTIFY#DIGEST';
const eventKey = (id: string) => ({ pk: `NOTIFY#${id}`, sk: 'EVENT' });
const deliveryKey = (eventId: string, username: string) => ({ pk: `NOTIFY#${eventId}`, sk: `TO#${username}` });

const str = z.string();
const EventRecord = z.object({
  id: str,
  type: z.enum(NOTIFICATION_TYPES),
  at: str,
  audience: z.object({ unitIds: z.optional(z.array(str)), boardIds: z.optional(z.array(str)), unitsOfBoards: z.optional(z.array(str)) }),
  link: str,
  params: z.record(str, z.unknown()),
}) satisfies z.ZodMiniType<Omit<NotificationEvent, 'params'> & { params: Record<string, unknown> }>;
const DeliveryRecord = z.object({
  eventId: str,
  username: str,
  mode: z.enum(['IMMEDIATE', 'DIGEST']),
  status: z.enum(['PENDING', 'SENDING', 'SENT', 'DIGESTED']),
  at: str,
  claimedAt: z.optional(str),
});
export type Delivery = z.infer<typeof DeliveryRecord>;

const conditionFailed = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** Writes the event unless it exists; true if this call wrote it. */
export async function putNotificationEvent({ db, tableName }: Db, event: NotificationEvent): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...eventKey(event.id), ...event, gsi1pk: PENDING_EVENTS, gsi1sk: `${event.at}#${event.id}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

export async function listPendingEvents({ db, tableName }: Db, limit = 50): Promise<NotificationEvent[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': PENDING_EVENTS },
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(itemParser(EventRecord));
}

/** Every recipient has the event (sent, or waiting for its digest): it leaves the pending list. */
export async function closeNotificationEvent({ db, tableName }: Db, eventId: string): Promise<void> {
  await db.send(new UpdateCommand({ TableName: tableName, Key: eventKey(eventId), UpdateExpression: 'REMOVE gsi1pk, gsi1sk' }));
}

/**
 * The recipient's delivery of the event, created once. A new one to send at once is created
 * already claimed by this sender (one write in the usual case); one already there is returned
 * as it stands, for the caller to claim if it still has to be sent.
 */
export async function openDelivery(
  { db, tableName }: Db,
  delivery: Omit<Delivery, 'status' | 'claimedAt'>,
  now: string,
): Promise<{ delivery: Delivery; created: boolean }> {
  const item: Delivery =
    delivery.mode === 'IMMEDIATE' ? { ...delivery, status: 'SENDING', claimedAt: now } : { ...delivery, status: 'PENDING' };
  const digest =
    delivery.mode === 'DIGEST' ? { gsi1pk: DIGEST_DELIVERIES, gsi1sk: `${delivery.username}#${delivery.at}#${delivery.eventId}` } : {};
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...deliveryKey(delivery.eventId, delivery.username), ...item, ...digest },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { delivery: item, created: true };
  } catch (error) {
    if (!conditionFailed(error)) throw error;
    // There already: read it (consistently, it may have just been written).
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: deliveryKey(delivery.eventId, delivery.username), ConsistentRead: true }),
    );
    return { delivery: Item ? itemParser(DeliveryRecord)(Item) : { ...item, status: 'SENT' }, created: false };
  }
}

/**
 * Takes a delivery to send it: PENDING, or SENDING for longer than `staleBefore` (its sender
 * died between claiming and sending). False if another sender has it or it is sent.
 */
export async function claimDelivery(
  { db, tableName }: Db,
  eventId: string,
  username: string,
  at: string,
  staleBefore: string,
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: deliveryKey(eventId, username),
        UpdateExpression: 'SET #status = :sending, claimedAt = :at',
        ConditionExpression: '#status = :pending OR (#status = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'SENDING', ':pending': 'PENDING', ':at': at, ':stale': staleBefore },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

export async function markDelivered(
  { db, tableName }: Db,
  eventId: string,
  username: string,
  status: 'SENT' | 'DIGESTED' | 'PENDING',
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: deliveryKey(eventId, username),
      UpdateExpression: status === 'PENDING' ? 'SET #status = :s REMOVE claimedAt' : 'SET #status = :s REMOVE gsi1pk, gsi1sk',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':s': status },
    }),
  );
}

/** Deliveries waiting for their digest, by recipient (one partition, paged). */
export async function listDigestDeliveries({ db, tableName }: Db): Promise<Delivery[]> {
  const out: Delivery[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': DIGEST_DELIVERIES },
        ExclusiveStartKey,
      }),
    );
    out.push(...(page.Items ?? []).map(itemParser(DeliveryRecord)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

export async function getNotificationEvents({ db, tableName }: Db, ids: string[]): Promise<Map<string, NotificationEvent>> {
  const items = await batchGetAll({ db, tableName }, ids.map(eventKey));
  return new Map(items.map(itemParser(EventRecord)).map((e) => [e.id, e]));
}
