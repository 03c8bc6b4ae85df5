import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../core/table.ts';
import { ensureTable } from './dynamodb-local.ts';

/**
 * Backup of the local data: the app table and the engine's `<table>-local-sfn`, as JSON lines
 * of raw DynamoDB items (types kept exactly). Consistent when nothing writes meanwhile: the
 * CLI refuses to run next to `npm start` (see backup-cli.ts).
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

/** Writes every item of both tables to `file`; returns the counts. */
export async function backupTables(client: DynamoDBClient, tableName: string, file: string): Promise<Record<Role, number>> {
  const tables = tablesOf(tableName);
  const counts: Record<Role, number> = { app: 0, engine: 0 };
  const body: string[] = [];
  for (const role of ['app', 'engine'] as const) {
    for await (const item of scanAll(client, tables[role])) {
      body.push(JSON.stringify({ table: role, item }));
      counts[role]++;
    }
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
export async function restoreTables(client: DynamoDBClient, tableName: string, file: string, options: { force?: boolean } = {}): Promise<Record<Role, number>> {
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
    if (items[role].length !== header.counts[role]) throw new RestoreRefusedError(`backup is truncated: ${items[role].length} of ${header.counts[role]} ${role} items`);
    await ensureTable(client, createTableInput(tables[role]));
    const existing: WriteRequest[] = [];
    for await (const item of scanAll(client, tables[role])) existing.push({ DeleteRequest: { Key: { pk: item.pk!, sk: item.sk! } } });
    if (existing.length > 0 && !options.force) throw new RestoreRefusedError(`table ${tables[role]} is not empty (${existing.length} items): restore with --force to replace it`);
    await writeBatches(client, tables[role], existing);
  }
  for (const role of ['app', 'engine'] as const) await writeBatches(client, tables[role], items[role]);
  return { app: items.app.length, engine: items.engine.length };
}
