import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiClient } from '../test/support/api-client.ts';
import { percentile, round, timed } from './stats.ts';

export type Latency = { p50Ms: number; p95Ms: number; samples: number };
export type Latencies = { rawQuery: Latency; boardQueue: Latency; modelPage: Latency; dashboard: Latency };

const summary = (times: number[]): Latency => ({ p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), samples: times.length });

/**
 * One request at a time, so each is a round trip on an otherwise quiet stack: the board's
 * queue, a model's page and the dashboard, next to one raw Query of a model's partition
 * on the same table through the same document client.
 */
export async function measureLatencies(board: ApiClient, db: DynamoDBDocumentClient, tableName: string, ids: string[], samples: number): Promise<Latencies> {
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const expectOk = async (path: string) => {
    const response = await board.get(path);
    if (response.status !== 200) throw new Error(`bench: GET ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`);
  };
  await timed(20, (i) => expectOk(i % 2 ? '/api/tasks' : `/api/models/${pick(i)}`)); // warm-up
  const rawQuery = await timed(samples, async (i) => {
    await db.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `MODEL#${pick(i)}` } }));
  });
  const boardQueue = await timed(samples, () => expectOk('/api/tasks'));
  const modelPage = await timed(samples, (i) => expectOk(`/api/models/${pick(i)}`));
  const dashboard = await timed(samples, () => expectOk('/api/statistics'));
  return { rawQuery: summary(rawQuery), boardQueue: summary(boardQueue), modelPage: summary(modelPage), dashboard: summary(dashboard) };
}
