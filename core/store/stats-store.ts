import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { statsShard } from '../stats.ts';
import type { TransactItems } from './dynamo.ts';
import { ALL_SCOPE } from '../records.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };
export { ALL_SCOPE };
/** All years of a scope share a partition, so a five-year roll-up is one Query (years have four digits: sk order is year order). */
const statsKey = (scope: string, year: number, shard: number) => ({ pk: `STATS#${scope}`, sk: `${year}#${shard}` });

/** ADD updates of the counters, for the model's board and for ALL, to join a transition's transaction. */
export function counterItems(
  tableName: string,
  modelId: string,
  boardId: string,
  deltas: Map<number, Record<string, number>>,
  /** Indicator names as typed (`t|UNIT|INDICATOR`), set where the year's counters first meet them. */
  labels: Record<string, string> = {},
): TransactItems {
  const items: TransactItems = [];
  const shard = statsShard(modelId);
  for (const [year, counts] of deltas) {
    const entries = Object.entries(counts).filter(([, n]) => n !== 0);
    if (entries.length === 0) continue;
    const named = Object.entries(labels).filter(([label]) => `i|${label.slice(2)}` in counts);
    const names = {
      ...Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
      ...Object.fromEntries(named.map(([label], i) => [`#t${i}`, label])),
    };
    const values = {
      ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])),
      ...Object.fromEntries(named.map(([, text], i) => [`:t${i}`, text])),
    };
    const setLabels = named.length ? ` SET ${named.map((_, i) => `#t${i} = if_not_exists(#t${i}, :t${i})`).join(', ')}` : '';
    const expression = `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}${setLabels}`;
    for (const scope of [boardId, ALL_SCOPE]) {
      items.push({
        Update: {
          TableName: tableName,
          Key: statsKey(scope, year, shard),
          UpdateExpression: expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      });
    }
  }
  return items;
}

/** The summed counters of a scope for some years: one Query from the first year to the last, never a scan. */
export async function readCounters(deps: Db, scope: string, years: number[]): Promise<Map<number, Record<string, number>>> {
  return (await readStats(deps, scope, years)).counters;
}

/** The counters, and the indicator names as typed (`t|UNIT|INDICATOR`; the first one read wins). */
export async function readStats(
  { db, tableName }: Db,
  scope: string,
  years: number[],
): Promise<{ counters: Map<number, Record<string, number>>; labels: Record<string, string> }> {
  const out = new Map<number, Record<string, number>>(years.map((year) => [year, {}]));
  const labels: Record<string, string> = {};
  if (years.length === 0) return { counters: out, labels };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `STATS#${scope}`, ':from': `${Math.min(...years)}#`, ':to': `${Math.max(...years)}#~` },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const sums = out.get(Number(String(item.sk).split('#')[0]));
      if (!sums) continue; // a year between the asked ones
      for (const [name, value] of Object.entries(item)) {
        if (typeof value === 'number') sums[name] = (sums[name] ?? 0) + value;
        else if (name.startsWith('t|') && typeof value === 'string') labels[name] ??= value;
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { counters: out, labels };
}

/**
 * A model moved to another board (a unit change): its counts of one year leave the old board's
 * counters and join the new board's (ADD -n / +n on the model's shard); ALL does not change.
 */
export function counterMoveItems(
  tableName: string,
  modelId: string,
  move: { fromBoardId: string; toBoardId: string; year: number },
  counts: Record<string, number>,
): TransactItems {
  const entries = Object.entries(counts).filter(([, n]) => n !== 0);
  if (entries.length === 0 || move.fromBoardId === move.toBoardId) return [];
  const shard = statsShard(modelId);
  const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name]));
  const expression = `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`;
  return (
    [
      [move.fromBoardId, -1],
      [move.toBoardId, 1],
    ] as const
  ).map(([scope, sign]) => ({
    Update: {
      TableName: tableName,
      Key: statsKey(scope, move.year, shard),
      UpdateExpression: expression,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, sign * n])),
    },
  }));
}
