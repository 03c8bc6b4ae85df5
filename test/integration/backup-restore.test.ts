import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupTables, restoreTables } from '../../local/backup.ts';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { register, waitForExecution, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { backupSnapshot, diffSnapshots, scanSnapshot, type Snapshot } from '../support/table-snapshot.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { getModel } from '../../core/store/model-store.ts';
import { getTask } from '../../core/store/task-store.ts';
import { anyNumber } from '../support/matchers.ts';

const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const dir = mkdtempSync(join(tmpdir(), 'dvk-backup-'));
const ROLES = [
  ['app', ''],
  ['engine', '-local-sfn'],
] as const;
let source: string;
let models: string[];
/** Both tables of the source as they rest, read before any backup: what every backup must hold. */
let atRest: Record<'app' | 'engine', Snapshot>;
const counts = { itemsRestored: 0, lost: 0, duplicated: 0 };

const tablesOf = async (table: string) => ({
  app: await scanSnapshot(client, table),
  engine: await scanSnapshot(client, `${table}-local-sfn`),
});

beforeAll(async () => {
  // Seed through the real workflow, then bring everything to rest before any backup: a step that
  // is still opening writes its task through the engine after runtime.stop() has returned (the
  // engine lets go of a run without waiting for the Lambda handler it is in), so stopping early
  // let a PENDING task land after the backup had read the table.
  const runtime: Runtime = await startTestRuntime();
  source = runtime.webDeps.tableName;
  const unit = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
  const board = await ApiClient.signIn(runtime.webUrl, 'ban.quangninh');
  models = [await register(unit), await register(unit, { name: 'Mô hình thứ hai', kind: 'EXEMPLAR' })];
  expect((await unit.call('POST', '/api/models?submit=false', registration({ name: 'Bản nháp' }))).status).toBe(201);
  for (const id of models) await waitForStep(board, id, 'REGISTRATION_REVIEW');
  expect((await board.post(`/api/models/${models[0]}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
  await waitForExecution(runtime, models[0]!, 'r', 'SUCCEEDED'); // accepted: it rests, nothing is running for it
  await runtime.sfn.idle(); // no run being driven: the second model's execution is parked on its review
  await runtime.stop(); // then no web request, sweeper or scheduler either
  atRest = await tablesOf(source);
  // At rest means it stays so: nothing writes any more (a late writer would show here, not as a silently missed item).
  await new Promise((resolve) => setTimeout(resolve, 500));
  const later = await tablesOf(source);
  for (const [role] of ROLES)
    expect(diffSnapshots(atRest[role], later[role]), `${role} table still changing after stop`).toMatchObject({ same: true });
  // Both waiting tasks are there: PENDING, with the same fields (the "twins" a comparison by shape could not tell apart).
  expect(atRest.app.get(`MODEL#${models[1]}|TASK#${THIS_YEAR}#REGISTRATION_REVIEW`)).toContain('"PENDING"');
  expect(atRest.app.get(`MODEL#${models[0]}|TASK#${THIS_YEAR}#YEARLY_REVIEW`)).toContain('"PENDING"');
});
afterAll(() => {
  recordCounts('backup-restore', counts);
  client.destroy();
});

describe('backup and restore of the local data', () => {
  it('restores both tables into fresh ones, every item equal by key and full value', async () => {
    const file = join(dir, 'backup.jsonl');
    const backedUp = await backupTables(client, source, file); // reads twice: refuses if anything changed meanwhile
    expect(backedUp.app).toBeGreaterThan(20);
    expect(backedUp.engine).toBeGreaterThan(5);
    const saved = backupSnapshot(file);
    const target = `t-${randomUUID().slice(0, 8)}`;
    expect(await restoreTables(client, target, file)).toEqual(backedUp);
    const restored = await tablesOf(target);
    for (const [role] of ROLES) {
      // The file is the tables at rest, and the restore is the file: item by item (pk, sk), value by value.
      expect(diffSnapshots(atRest[role], saved[role]), `${role}: backup vs table`).toMatchObject({ same: true });
      const diff = diffSnapshots(atRest[role], restored[role]);
      counts.itemsRestored += restored[role].size;
      counts.lost += diff.missing.length + diff.changed.length;
      counts.duplicated += diff.extra.length;
      expect(diff, `${role}: restore vs table`).toEqual({ missing: [], changed: [], extra: [], same: true });
      expect(restored[role].size).toBe(atRest[role].size);
    }
    // The restored items read back as the app reads them (a second runtime in this process would
    // share the step handlers' cached table name, so the check goes through the store).
    const deps = { db: createDocumentClient(client), tableName: target };
    expect((await getModel(deps, models[0]!))?.status).toBe('IMPLEMENTING');
    expect((await getTask(deps, models[1]!, THIS_YEAR, 'REGISTRATION_REVIEW'))?.status).toBe('PENDING');
    expect((await getTask(deps, models[0]!, THIS_YEAR, 'YEARLY_REVIEW'))?.status).toBe('PENDING');
  });

  it('refuses to overwrite a table that holds data unless forced, and a truncated file', async () => {
    const file = join(dir, 'again.jsonl');
    await backupTables(client, source, file);
    const target = `t-${randomUUID().slice(0, 8)}`;
    await restoreTables(client, target, file);
    await expect(restoreTables(client, target, file)).rejects.toThrow(/not empty.*--force/);
    await expect(restoreTables(client, target, file, { force: true })).resolves.toMatchObject({ app: anyNumber() });
    expect(diffSnapshots(atRest.app, await scanSnapshot(client, target)).same).toBe(true);
    expect(diffSnapshots(atRest.engine, await scanSnapshot(client, `${target}-local-sfn`)).same).toBe(true);
    const truncated = join(dir, 'truncated.jsonl');
    writeFileSync(truncated, readFileSync(file, 'utf8').split('\n').slice(0, 5).join('\n'));
    await expect(restoreTables(client, `t-${randomUUID().slice(0, 8)}`, truncated)).rejects.toThrow(/truncated/);
  });
});
