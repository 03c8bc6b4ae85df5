import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { parseItem } from './items.ts';
import { SECURITY_EVENT_TYPES, type SecurityEvent, type SecurityEventType } from '../records.ts';

const SecurityLogItem = z.object({
  at: z.string(),
  eventType: z.enum(SECURITY_EVENT_TYPES),
  actor: z.string(),
  subject: z.string(),
  ip: z.string().optional(),
  detail: z.string().optional(),
});

type Db = Pick<Deps, 'db' | 'tableName'>;

export { SECURITY_EVENT_TYPES, type SecurityEvent, type SecurityEventType };

/** Kept 400 days (TTL), a year of audits and a little more. */
const KEEP_SECONDS = 400 * 24 * 3600;
/** One partition a month keeps writes spread and reads newest-first cheap. */
const monthPartition = (at: string) => `SECURITY#${at.slice(0, 7)}`;

export async function putSecurityEvent({ db, tableName }: Db, event: SecurityEvent): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: monthPartition(event.at),
        sk: `${event.at}#${randomUUID().slice(0, 8)}`,
        ...event,
        type: 'SECURITY_EVENT',
        eventType: event.type,
        expiresAt: Math.floor(Date.parse(event.at) / 1000) + KEEP_SECONDS,
      },
    }),
  );
}

/** The newest events first, across months from `before` back (at most `limit`, 13 months). */
export async function listSecurityEvents({ db, tableName }: Db, options: { before: Date; limit: number }): Promise<SecurityEvent[]> {
  const events: SecurityEvent[] = [];
  const cursor = new Date(Date.UTC(options.before.getUTCFullYear(), options.before.getUTCMonth(), 1));
  for (let month = 0; month < 13 && events.length < options.limit; month++) {
    const pk = monthPartition(cursor.toISOString());
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND sk < :before',
          ExpressionAttributeValues: { ':pk': pk, ':before': options.before.toISOString() },
          ScanIndexForward: false,
          Limit: options.limit - events.length,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { eventType, ...event } = parseItem(SecurityLogItem, item);
        events.push({ ...event, type: eventType });
      }
      ExclusiveStartKey = events.length < options.limit ? page.LastEvaluatedKey : undefined;
    } while (ExclusiveStartKey);
    cursor.setUTCMonth(cursor.getUTCMonth() - 1);
  }
  return events;
}
