import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupTables, restoreTables } from '../../local/backup.ts';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { register, waitForExecution, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { getModel } from '../../core/store/model-store.ts';
import { getTask } from '../../core/store/task-store.ts';

const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const dir = mkdtempSync(join(tmpdir(), 'dvk-backup-'));
let source: string;
let models: string[];
const counts = { itemsRestored: 0, lost: 0, duplicated: 0 };

async function items(table: string): Promise<string[]> {
  const out: string[] = [];
  let ExclusiveStartKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    out.push(...(page.Items ?? []).map((i) => JSON.stringify(i, Object.keys(i).sort())));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out.sort();
}

beforeAll(async () => {
  // Seed through the real workflow, then stop the runtime: a backup is taken with no writer.
  const runtime: Runtime = await startTestRuntime();
  source = runtime.webDeps.tableName;
  const unit = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
  const board = await ApiClient.signIn(runtime.webUrl, 'ban.quangninh');
  models = [await register(unit), await register(unit, { name: 'Mô hình thứ hai', kind: 'EXEMPLAR' })];
  expect((await unit.call('POST', '/api/models?submit=false', registration({ name: 'Bản nháp' }))).status).toBe(201);
  for (const id of models) await waitForStep(board, id, 'REGISTRATION_REVIEW');
  expect((await board.post(`/api/models/${models[0]}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
  await waitForExecution(runtime, models[0]!, 'r', 'SUCCEEDED'); // accepted: it rests, nothing is running for it
  await runtime.sfn.idle();
  await runtime.stop();
});
afterAll(() => {
  recordCounts('backup-restore', counts);
  client.destroy();
});

describe('backup and restore of the local data', () => {
  it('restores both tables into fresh ones, every item equal', async () => {
    const file = join(dir, 'backup.jsonl');
    const backedUp = await backupTables(client, source, file);
    expect(backedUp.app).toBeGreaterThan(20);
    expect(backedUp.engine).toBeGreaterThan(5);
    const target = `t-${randomUUID().slice(0, 8)}`;
    expect(await restoreTables(client, target, file)).toEqual(backedUp);
    for (const suffix of ['', '-local-sfn']) {
      const [before, after] = [await items(source + suffix), await items(target + suffix)];
      counts.itemsRestored += after.length;
      counts.lost += before.filter((i) => !after.includes(i)).length;
      counts.duplicated += Math.max(0, after.length - before.length);
      expect(after).toEqual(before);
    }
    // The restored items read back as the app reads them (a second runtime in this process would
    // share the step handlers' cached table name, so the check goes through the store).
    const deps = { db: createDocumentClient(client), tableName: target };
    expect((await getModel(deps, models[0]!))?.status).toBe('IMPLEMENTING');
    expect((await getTask(deps, models[1]!, 2026, 'REGISTRATION_REVIEW'))?.status).toBe('PENDING');
  });

  it('refuses to overwrite a table that holds data unless forced, and a truncated file', async () => {
    const file = join(dir, 'again.jsonl');
    await backupTables(client, source, file);
    const target = `t-${randomUUID().slice(0, 8)}`;
    await restoreTables(client, target, file);
    await expect(restoreTables(client, target, file)).rejects.toThrow(/not empty.*--force/);
    await expect(restoreTables(client, target, file, { force: true })).resolves.toMatchObject({ app: expect.any(Number) });
    expect(await items(target)).toEqual(await items(source));
    const truncated = join(dir, 'truncated.jsonl');
    writeFileSync(truncated, readFileSync(file, 'utf8').split('\n').slice(0, 5).join('\n'));
    await expect(restoreTables(client, `t-${randomUUID().slice(0, 8)}`, truncated)).rejects.toThrow(/truncated/);
  });
});
