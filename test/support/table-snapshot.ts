import { readFileSync } from 'node:fs';
import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

type Item = Record<string, AttributeValue>;
/** A table's items by key (`pk|sk`), each as its full value: JSON with keys sorted at every level. */
export type Snapshot = Map<string, string>;

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  return value;
}
export const itemKey = (item: Item) => `${item.pk?.S ?? JSON.stringify(item.pk)}|${item.sk?.S ?? JSON.stringify(item.sk)}`;
export const itemValue = (item: Item) => JSON.stringify(sorted(item));

export function snapshotOf(items: Item[]): Snapshot {
  const out: Snapshot = new Map();
  for (const item of items) {
    const key = itemKey(item);
    if (out.has(key)) throw new Error(`two items with the key ${key}`);
    out.set(key, itemValue(item));
  }
  return out;
}

/** Every item of a table, strongly consistent. */
export async function scanSnapshot(client: DynamoDBClient, table: string): Promise<Snapshot> {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return snapshotOf(items);
}

/** The items of a backup file (local/backup.ts format), by table role. */
export function backupSnapshot(file: string): Record<'app' | 'engine', Snapshot> {
  const [, ...lines] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const items = { app: [] as Item[], engine: [] as Item[] };
  for (const line of lines) {
    const { table, item } = JSON.parse(line) as { table: 'app' | 'engine'; item: Item };
    items[table].push(item);
  }
  return { app: snapshotOf(items.app), engine: snapshotOf(items.engine) };
}

/**
 * What `after` lacks or holds differently, by key and full value: `missing` (key absent),
 * `changed` (same key, another value), `extra` (a key `before` does not have). An item whose
 * twin (same attribute names, other values) is still there is missing all the same.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot) {
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [key, value] of before) {
    const other = after.get(key);
    if (other === undefined) missing.push(key);
    else if (other !== value) changed.push(key);
  }
  const extra = [...after.keys()].filter((key) => !before.has(key));
  return { missing, changed, extra, same: missing.length + changed.length + extra.length === 0 };
}
