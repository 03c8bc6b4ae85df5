import { Agent, get } from 'node:http';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiClient } from '../test/support/api-client.ts';
import { percentile, round, timed } from './stats.ts';

export type Latency = { p50Ms: number; p95Ms: number; samples: number };
export type Latencies = { rawQuery: Latency; boardQueue: Latency; modelPage: Latency; dashboard: Latency };

const summary = (times: number[]): Latency => ({
  p50Ms: round(percentile(times, 50)),
  p95Ms: round(percentile(times, 95)),
  samples: times.length,
});

/**
 * One request at a time, so each is a round trip on an otherwise quiet stack: the board's
 * queue, a model's page and the dashboard, next to one raw Query of a model's partition
 * on the same table through the same document client.
 *
 * Both sides go through node:http on a kept-alive connection, as the SDK sends the raw Query:
 * the measuring client runs in the server's own process, and fetch's web streams cost it about
 * 0.7 ms a request here (measured 2026-12-07: model page 3.25 ms through node:http against 4.13 ms
 * through fetch, the server's own part 2.9 ms in both), which is the client's, not the server's.
 * Answers are asked for gzipped, as a browser asks, and read to the end.
 */
export async function measureLatencies(
  board: ApiClient,
  db: DynamoDBDocumentClient,
  tableName: string,
  ids: string[],
  samples: number,
): Promise<Latencies> {
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(board.baseUrl);
  const expectOk = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const headers = { cookie: board.cookie, 'accept-encoding': 'gzip' };
      get({ hostname, port, path, agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve()
            : reject(new Error(`bench: GET ${path} answered ${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`)),
        );
      }).on('error', reject);
    });
  await timed(20, (i) => expectOk(i % 2 ? '/api/tasks' : `/api/models/${pick(i)}`)); // warm-up
  // Interleaved, so drift on a shared machine touches all four alike.
  const times: Record<'rawQuery' | 'boardQueue' | 'modelPage' | 'dashboard', number[]> = {
    rawQuery: [],
    boardQueue: [],
    modelPage: [],
    dashboard: [],
  };
  const time = async (into: number[], fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < samples; i++) {
    await time(times.rawQuery, () =>
      db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `MODEL#${pick(i)}` },
        }),
      ),
    );
    await time(times.boardQueue, () => expectOk('/api/tasks'));
    await time(times.modelPage, () => expectOk(`/api/models/${pick(i)}`));
    await time(times.dashboard, () => expectOk('/api/statistics'));
  }
  agent.destroy();
  return {
    rawQuery: summary(times.rawQuery),
    boardQueue: summary(times.boardQueue),
    modelPage: summary(times.modelPage),
    dashboard: summary(times.dashboard),
  };
}
