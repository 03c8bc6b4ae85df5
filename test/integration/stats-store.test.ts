import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { counterItems, readCounters } from '../../core/store/stats-store.ts';
import { createTableInput } from '../../core/table.ts';
import { ensureTable } from '../../local/dynamodb-local.ts';

const tableName = `stats-${randomUUID().slice(0, 8)}`;
const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const db = DynamoDBDocumentClient.from(client);
let requests: string[] = [];
const counted = {
  tableName,
  db: {
    send: (command: { constructor: { name: string } }) => (requests.push(command.constructor.name), db.send(command as never)),
  } as unknown as DynamoDBDocumentClient,
};

beforeAll(async () => {
  await ensureTable(client, createTableInput(tableName));
  // Models of several boards and years, each adding to its board's and ALL's counters.
  for (const [i, [board, year]] of (
    [
      ['ban-a', 2025],
      ['ban-a', 2026],
      ['ban-a', 2026],
      ['ban-a', 2028],
      ['ban-a', 2031],
      ['ban-b', 2026],
    ] as const
  ).entries()) {
    await db.send(
      new TransactWriteCommand({
        TransactItems: counterItems(
          tableName,
          `model-${i}`,
          board,
          new Map([[year, { 'n|ACCEPTED|ECONOMY|MODEL|COMMUNE': 1, 'i|hộ|so ho': 10 * (i + 1) }]]),
        ),
      }),
    );
  }
});

describe('reading the statistics counters', () => {
  it('sums every shard of each asked year in one Query, leaving out the years outside the period and other boards', async () => {
    requests = [];
    const counters = await readCounters(counted, 'ban-a', [2026, 2027, 2028, 2029, 2030]);
    expect(requests).toEqual(['QueryCommand']);
    expect(counters.get(2026)).toEqual({ 'n|ACCEPTED|ECONOMY|MODEL|COMMUNE': 2, 'i|hộ|so ho': 20 + 30 });
    expect(counters.get(2028)).toEqual({ 'n|ACCEPTED|ECONOMY|MODEL|COMMUNE': 1, 'i|hộ|so ho': 40 });
    expect(counters.get(2027)).toEqual({});
    expect([...counters.keys()]).toEqual([2026, 2027, 2028, 2029, 2030]);
  });

  it('keeps ALL as the sum of every board', async () => {
    const all = await readCounters(counted, 'ALL', [2026]);
    expect(all.get(2026)).toEqual({ 'n|ACCEPTED|ECONOMY|MODEL|COMMUNE': 3, 'i|hộ|so ho': 20 + 30 + 60 });
    expect((await readCounters(counted, 'ALL', [2025, 2031])).get(2031)).toEqual({
      'n|ACCEPTED|ECONOMY|MODEL|COMMUNE': 1,
      'i|hộ|so ho': 50,
    });
  });
});
