import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { STATS_SHARDS, statsShard } from '../stats.ts';
import type { TransactItems } from './dynamo.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };
export const ALL_SCOPE = 'ALL';
const statsKey = (scope: string, year: number, shard: number) => ({ pk: `STATS#${scope}#${year}`, sk: `SHARD#${shard}` });

/** ADD updates of the counters, for the model's board and for ALL, to join a transition's transaction. */
export function counterItems(tableName: string, modelId: string, boardId: string, deltas: Map<number, Record<string, number>>): TransactItems {
  const items: TransactItems = [];
  const shard = statsShard(modelId);
  for (const [year, counts] of deltas) {
    const entries = Object.entries(counts).filter(([, n]) => n !== 0);
    if (entries.length === 0) continue;
    const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name]));
    const values = Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n]));
    const expression = `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`;
    for (const scope of [boardId, ALL_SCOPE]) {
      items.push({ Update: { TableName: tableName, Key: statsKey(scope, year, shard), UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values } });
    }
  }
  return items;
}

/** The summed counters of a scope for some years: years × shards items in BatchGets, never a scan. */
export async function readCounters({ db, tableName }: Db, scope: string, years: number[]): Promise<Map<number, Record<string, number>>> {
  const keys = years.flatMap((year) => Array.from({ length: STATS_SHARDS }, (_, shard) => statsKey(scope, year, shard)));
  const out = new Map<number, Record<string, number>>(years.map((y) => [y, {}]));
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [tableName]: { Keys: keys.slice(i, i + 100) } };
    while (request && Object.keys(request).length) {
      const page = await db.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of page.Responses?.[tableName] ?? []) {
        const year = Number(String(item.pk).split('#').pop());
        const sums = out.get(year)!;
        for (const [name, value] of Object.entries(item)) if (typeof value === 'number') sums[name] = (sums[name] ?? 0) + value;
      }
      request = page.UnprocessedKeys as typeof request;
    }
  }
  return out;
}
