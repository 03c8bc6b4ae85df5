import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../core/table.ts';
import { ensureTable } from './dynamodb-local.ts';

/**
 * Backup of the local data: the app table and the engine's `<table>-local-sfn`, as JSON lines
 * of raw DynamoDB items (types kept exactly).
 *
 * Consistency: DynamoDB has no snapshot read, so the backup reads both tables twice and refuses
 * (BackupInconsistentError, no file written) if any item was added, removed or changed between
 * the two reads: what it writes is then the tables as they were when the first read ended, every
 * item at its value then (an item written during the first read shows in the second, so a step
 * still opening its task is caught, not silently missed). The CLI also refuses to run next to
 * `npm start` (see backup-cli.ts), so normally nothing writes meanwhile.
 */
export const BACKUP_FORMAT = 'dan-van-kheo-backup/1';
type Role = 'app' | 'engine';
type Header = { format: string; at: string; tables: Record<Role, string>; counts: Record<Role, number> };
type Item = Record<string, AttributeValue>;

const tablesOf = (tableName: string): Record<Role, string> => ({ app: tableName, engine: `${tableName}-local-sfn` });

async function* scanAll(client: DynamoDBClient, table: string): AsyncGenerator<Item> {
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** JSON with object keys sorted at every level: equal items give equal text whatever the attribute order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
/** The item's table key (pk, sk) as one string. */
const keyOf = (item: Item) => canonical({ pk: item.pk, sk: item.sk });
const digest = (item: Item) => createHash('sha256').update(canonical(item)).digest('base64');

/** An item added, removed or changed between the backup's two reads of the tables. */
export class BackupInconsistentError extends Error {
  override readonly name = 'BackupInconsistentError';
  readonly changed: { table: string; key: string; change: 'added' | 'removed' | 'changed' }[];
  constructor(changed: { table: string; key: string; change: 'added' | 'removed' | 'changed' }[]) {
    super(
      `the tables changed while they were read (${changed.length} items, e.g. ${changed
        .slice(0, 3)
        .map((c) => `${c.change} ${c.table} ${c.key}`)
        .join('; ')}): ` + 'stop whatever writes to them (npm start) and back up again',
    );
    this.changed = changed;
  }
}

/** What the second read found different from the first (key → digest of the item). */
function changesBetween(table: string, first: Map<string, string>, second: Map<string, string>) {
  const changed: BackupInconsistentError['changed'] = [];
  for (const [key, value] of first) {
    const now = second.get(key);
    if (now === undefined) changed.push({ table, key, change: 'removed' });
    else if (now !== value) changed.push({ table, key, change: 'changed' });
  }
  for (const key of second.keys()) if (!first.has(key)) changed.push({ table, key, change: 'added' });
  return changed;
}

/**
 * Writes every item of both tables to `file`; returns the counts. Reads them a second time and
 * throws BackupInconsistentError, writing nothing, if anything changed in between (`verify:
 * false` skips that, for a caller that has stopped every writer itself).
 */
export async function backupTables(
  client: DynamoDBClient,
  tableName: string,
  file: string,
  options: { verify?: boolean } = {},
): Promise<Record<Role, number>> {
  const tables = tablesOf(tableName);
  const counts: Record<Role, number> = { app: 0, engine: 0 };
  const body: string[] = [];
  const first: Record<Role, Map<string, string>> = { app: new Map(), engine: new Map() };
  for (const role of ['app', 'engine'] as const) {
    for await (const item of scanAll(client, tables[role])) {
      body.push(JSON.stringify({ table: role, item }));
      first[role].set(keyOf(item), digest(item));
      counts[role]++;
    }
  }
  if (options.verify !== false) {
    const changed: BackupInconsistentError['changed'] = [];
    for (const role of ['app', 'engine'] as const) {
      const second = new Map<string, string>();
      for await (const item of scanAll(client, tables[role])) second.set(keyOf(item), digest(item));
      changed.push(...changesBetween(tables[role], first[role], second));
    }
    if (changed.length > 0) throw new BackupInconsistentError(changed);
  }
  const out = createWriteStream(file, { mode: 0o600 });
  const header: Header = { format: BACKUP_FORMAT, at: new Date().toISOString(), tables, counts };
  for (const line of [JSON.stringify(header), ...body]) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return counts;
}

async function writeBatches(client: DynamoDBClient, table: string, requests: WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: WriteRequest[] = requests.slice(start, start + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 10) throw new Error(`restore: DynamoDB kept ${pending.length} items unprocessed`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = out.UnprocessedItems?.[table] ?? [];
    }
  }
}

export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

/**
 * Restores `file` into `tableName` and its engine table (created when missing). Refuses
 * tables that hold anything unless `force`, which empties them first.
 */
export async function restoreTables(
  client: DynamoDBClient,
  tableName: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<Record<Role, number>> {
  const tables = tablesOf(tableName);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: Header | undefined;
  const items: Record<Role, WriteRequest[]> = { app: [], engine: [] };
  for await (const line of lines) {
    if (!line.trim()) continue;
    if (!header) {
      header = JSON.parse(line) as Header;
      if (header.format !== BACKUP_FORMAT) throw new RestoreRefusedError(`not a backup of this app (format ${String(header.format)})`);
      continue;
    }
    const { table, item } = JSON.parse(line) as { table: Role; item: Item };
    items[table].push({ PutRequest: { Item: item } });
  }
  if (!header) throw new RestoreRefusedError('empty backup file');
  for (const role of ['app', 'engine'] as const) {
    if (items[role].length !== header.counts[role])
      throw new RestoreRefusedError(`backup is truncated: ${items[role].length} of ${header.counts[role]} ${role} items`);
    await ensureTable(client, createTableInput(tables[role]));
    const existing: WriteRequest[] = [];
    for await (const item of scanAll(client, tables[role])) existing.push({ DeleteRequest: { Key: { pk: item.pk!, sk: item.sk! } } });
    if (existing.length > 0 && !options.force)
      throw new RestoreRefusedError(`table ${tables[role]} is not empty (${existing.length} items): restore with --force to replace it`);
    await writeBatches(client, tables[role], existing);
  }
  for (const role of ['app', 'engine'] as const) await writeBatches(client, tables[role], items[role]);
  return { app: items.app.length, engine: items.engine.length };
}
