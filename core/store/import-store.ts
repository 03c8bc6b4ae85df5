import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { PlannedRow, RefusedRow } from '../imports/import-row.ts';
import type { AuditEvent, Model, Recognition } from '../model.ts';
import { batchGetAll } from './batch-get.ts';
import { catalogueEntryItems } from './catalogue-store.ts';
import { mapDynamoError, type TransactItems } from './dynamo.ts';
import { itemParser, parseItem } from './items.ts';
import { modelKey } from './keys.ts';
import { auditEventItem, newModelItem } from './model-store.ts';
import { counterItems } from './stats-store.ts';
import { restingTaskItem } from './task-store.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/**
 * An import of a spreadsheet of models: the job (pk `IMPORT#{id}`, sk `META`), the rows that
 * passed the check in chunks (`ROWS#{n}`), the refused ones with their reasons (`REFUSED#{n}`).
 * Chunks stay under DynamoDB's 400 KB item limit (CHUNK_BYTES), so the import workflow passes
 * only `{ jobId, chunk }` between its steps (Step Functions' 256 KiB state limit).
 * A chunk is marked done in the same transaction that adds its counts to the job, once: a
 * retried or resumed chunk re-imports nothing (each model's Put is conditional) and counts nothing twice.
 */
export const IMPORT_STATUSES = ['CHECKED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ImportJob = {
  jobId: string;
  /** The board whose units it may name, or ALL (an administrator). */
  scope: string;
  actor: string;
  fileName: string;
  createdAt: string;
  status: (typeof IMPORT_STATUSES)[number];
  read: number;
  /** Rows that passed the check, of which `alreadyIn` were imported before (at the check). */
  planned: number;
  alreadyIn: number;
  refused: number;
  chunks: number;
  refusedChunks: number;
  /** Rows of finished chunks: imported now, found already in, failed. */
  done: number;
  imported: number;
  skipped: number;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
  attempt: number;
};
const ImportJobRecord = z.object({
  jobId: z.string(),
  scope: z.string(),
  actor: z.string(),
  fileName: z.string(),
  createdAt: z.string(),
  status: z.enum(IMPORT_STATUSES),
  read: z.number(),
  planned: z.number(),
  alreadyIn: z.number(),
  refused: z.number(),
  chunks: z.number(),
  refusedChunks: z.number(),
  done: z._default(z.number(), 0),
  imported: z._default(z.number(), 0),
  skipped: z._default(z.number(), 0),
  startedAt: z.optional(z.string()),
  finishedAt: z.optional(z.string()),
  error: z.optional(z.string()),
  attempt: z._default(z.number(), 0),
}) satisfies z.ZodMiniType<ImportJob>;
const toJob = itemParser(ImportJobRecord);

const jobKey = (jobId: string) => ({ pk: `IMPORT#${jobId}`, sk: 'META' });
const chunkKey = (jobId: string, kind: 'ROWS' | 'REFUSED', n: number) => ({
  pk: `IMPORT#${jobId}`,
  sk: `${kind}#${String(n).padStart(4, '0')}`,
});
/** An import's listing partition (newest first), per scope. */
const listPartition = (scope: string) => `IMPORTS#${scope}`;

/** A chunk's rows as JSON: well under the 400 KB item limit, and at most CHUNK_ROWS rows (one Lambda's work). */
export const CHUNK_BYTES = 300_000;
export const CHUNK_ROWS = 200;

/** Splits rows into chunks of at most CHUNK_ROWS rows and CHUNK_BYTES of JSON. */
export function chunked<T>(rows: T[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = Buffer.byteLength(json) + 1;
    if (current.length && (current.length >= CHUNK_ROWS || bytes + size > CHUNK_BYTES)) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      bytes = 2;
    }
    current.push(json);
    bytes += size;
  }
  if (current.length) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/** Writes a checked import: its chunks first, then the job (so a job never names a missing chunk). */
export async function saveImport(deps: Db, job: ImportJob, planned: PlannedRow[], refused: RefusedRow[]): Promise<ImportJob> {
  const rows = chunked(planned);
  const refusals = chunked(refused);
  const stored = { ...job, chunks: rows.length, refusedChunks: refusals.length };
  const puts = [
    ...rows.map((json, n) => ({ ...chunkKey(job.jobId, 'ROWS', n), rows: json })),
    ...refusals.map((json, n) => ({ ...chunkKey(job.jobId, 'REFUSED', n), rows: json })),
  ];
  // One PutItem each: a chunk may be near 300 KB, and a transaction holds at most 4 MB.
  for (let i = 0; i < puts.length; i += 8)
    await Promise.all(puts.slice(i, i + 8).map((Item) => deps.db.send(new PutCommand({ TableName: deps.tableName, Item }))));
  await deps.db.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: { ...jobKey(job.jobId), ...stored, gsi1pk: listPartition(job.scope), gsi1sk: `${job.createdAt}#${job.jobId}` },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return stored;
}

export async function getImportJob({ db, tableName }: Db, jobId: string): Promise<ImportJob | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: jobKey(jobId), ConsistentRead: true }));
  return Item ? toJob(Item) : undefined;
}

/** The latest imports of a scope, newest first. */
export async function listImportJobs({ db, tableName }: Db, scope: string, limit = 20): Promise<ImportJob[]> {
  const out = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': listPartition(scope) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(toJob);
}

async function readChunk<T>({ db, tableName }: Db, jobId: string, kind: 'ROWS' | 'REFUSED', n: number) {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: chunkKey(jobId, kind, n), ConsistentRead: true }));
  if (!Item) return undefined;
  const chunk = parseItem(z.object({ rows: z.string(), doneAt: z.optional(z.string()) }), Item);
  return { rows: JSON.parse(chunk.rows) as T[], doneAt: chunk.doneAt };
}

/** One chunk of rows to import, and whether it is done already. */
export const readRowChunk = (deps: Db, jobId: string, n: number) => readChunk<PlannedRow>(deps, jobId, 'ROWS', n);

/** Every refused row of an import, in order (for its report). */
export async function readRefusedRows(deps: Db, job: ImportJob): Promise<RefusedRow[]> {
  const out: RefusedRow[] = [];
  for (let n = 0; n < job.refusedChunks; n++) out.push(...((await readChunk<RefusedRow>(deps, job.jobId, 'REFUSED', n))?.rows ?? []));
  return out;
}

/** The job moves from one status to another, if it is still in `from` (false when it was not). */
export async function moveImportJob(
  { db, tableName }: Db,
  jobId: string,
  from: ImportJob['status'][],
  set: Partial<ImportJob>,
): Promise<boolean> {
  const names = Object.keys(set) as (keyof ImportJob)[];
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: jobKey(jobId),
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: { ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])), '#status': 'status' },
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n, i) => [`:v${i}`, set[n]])),
          ...Object.fromEntries(from.map((s, i) => [`:from${i}`, s])),
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw mapDynamoError(error, 'error.changedMeanwhile');
  }
}

/** Marks a chunk done and adds its counts to the job, once (false if it was done already). */
export async function finishChunk(deps: Db, jobId: string, n: number, counts: { imported: number; skipped: number }, at: string) {
  try {
    await deps.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: deps.tableName,
              Key: chunkKey(jobId, 'ROWS', n),
              UpdateExpression: 'SET doneAt = :at, imported = :imported, skipped = :skipped',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(doneAt)',
              ExpressionAttributeValues: { ':at': at, ':imported': counts.imported, ':skipped': counts.skipped },
            },
          },
          {
            Update: {
              TableName: deps.tableName,
              Key: jobKey(jobId),
              UpdateExpression: 'ADD #done :rows, imported :imported, skipped :skipped',
              ExpressionAttributeNames: { '#done': 'done' },
              ExpressionAttributeValues: {
                ':rows': counts.imported + counts.skipped,
                ':imported': counts.imported,
                ':skipped': counts.skipped,
              },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw mapDynamoError(error, 'error.changedMeanwhile');
  }
}

/** Which of these models exist already (BatchGetItem of their keys only). */
export async function existingModelIds(deps: Db, ids: string[]): Promise<Set<string>> {
  const items = await batchGetAll(deps, ids.map(modelKey), { expression: '#id', names: { '#id': 'id' } });
  return new Set(items.map((item) => String(item.id)));
}

/**
 * The writes that bring one imported model in, in one transaction: the model (only if its id is
 * new: the same row imported again writes nothing), its audit event "imported", the statistics
 * of the years it names, its catalogue entry when recognized, and its place in the next yearly
 * review when it runs on.
 */
export function importedModelItems(
  tableName: string,
  model: Model,
  event: AuditEvent,
  counters: Map<number, Record<string, number>>,
  restsUntil: number | undefined,
): TransactItems {
  const recognition: Recognition | undefined = model.recognitions.at(-1);
  return [
    newModelItem(tableName, model),
    auditEventItem(tableName, event),
    ...counterItems(tableName, model.id, model.boardId, counters),
    ...(recognition && model.status !== 'STOPPED' ? catalogueEntryItems(tableName, { ...model, recognitions: [] }, recognition) : []),
    ...(restsUntil !== undefined ? [restingTaskItem(tableName, model, restsUntil, model.createdAt)] : []),
  ];
}
