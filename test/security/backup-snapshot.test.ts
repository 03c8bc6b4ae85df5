import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTableInput } from '../../core/table.ts';
import { BackupInconsistentError, backupTables } from '../../local/backup.ts';
import { ensureTable } from '../../local/dynamodb-local.ts';
import type { LambdaHandler } from '../../local/sfn/local-step-functions.ts';
import { ApiClient } from '../support/api-client.ts';
import { register } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { backupSnapshot, diffSnapshots, scanSnapshot, snapshotOf } from '../support/table-snapshot.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

/**
 * Security review, finding 16: a backup missed an item (a PENDING task a lifecycle step was still
 * writing) and the backup test said "lost 0": it compared items by the shape of their fields, and
 * the missing task had a twin of the same shape. Items are now compared by key and full value,
 * and a backup read while something writes is refused instead of silently missing what was written.
 */
const counts = { attacksTried: 0, attacksDenied: 0 };
const attack = (denied: boolean) => {
  counts.attacksTried++;
  if (denied) counts.attacksDenied++;
};
const client = new DynamoDBClient({
  endpoint: inject('dynamoEndpoint'),
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const dir = mkdtempSync(join(tmpdir(), 'dvk-backup-snapshot-'));
afterAll(() => client.destroy());

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });
/** A PENDING task item as the app stores it (its fields, not every one). */
const pendingTask = (modelId: string, stage: string, assignee: string) => ({
  pk: S(`MODEL#${modelId}`),
  sk: S(`TASK#2026#${stage}`),
  stage: S(stage),
  status: S('PENDING'),
  assignee: S(assignee),
  round: N(1),
  version: N(1),
});

/** The comparison the backup test used: JSON.stringify with the top-level names as the replacer keeps those names at every level. */
const byShape = (item: Record<string, AttributeValue>) => JSON.stringify(item, Object.keys(item).sort());

/** A client that runs `write` (once) just before the first request `when` matches: a writer racing the backup. */
function racingClient(when: (command: unknown) => boolean, write: () => Promise<unknown>): DynamoDBClient {
  let fired = false;
  return {
    send: async (command: Parameters<DynamoDBClient['send']>[0]) => {
      if (!fired && when(command)) {
        fired = true;
        await write();
      }
      return client.send(command as never);
    },
  } as unknown as DynamoDBClient;
}
const scanOf = (table: string) => (command: unknown) => command instanceof ScanCommand && command.input.TableName === table;

async function freshTables(items: Record<string, AttributeValue>[]) {
  const table = `t-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, createTableInput(table));
  await ensureTable(client, createTableInput(`${table}-local-sfn`));
  for (const Item of items) await client.send(new PutItemCommand({ TableName: table, Item }));
  await client.send(
    new PutItemCommand({ TableName: `${table}-local-sfn`, Item: { pk: S('EXEC#x'), sk: S('META'), status: S('RUNNING') } }),
  );
  return table;
}

describe('comparing a table with its restore', () => {
  it('by shape, a missing PENDING task with a twin counted as nothing lost; by key and value it is lost', () => {
    const registrationReview = pendingTask('m1', 'REGISTRATION_REVIEW', 'BOARD#ban-tinh-qn');
    const yearlyReview = pendingTask('m0', 'YEARLY_REVIEW', 'REVIEW#2026');
    const table = [registrationReview, yearlyReview];
    const restored = [registrationReview]; // the backup missed the second one
    // What the old test did: 0 lost, the twin stands in for the missing item.
    const oldLost = table.map(byShape).filter((i) => !restored.map(byShape).includes(i)).length;
    expect(byShape(registrationReview)).toBe(byShape(yearlyReview));
    expect(oldLost).toBe(0);
    const diff = diffSnapshots(snapshotOf(table), snapshotOf(restored));
    attack(diff.missing.length === 1);
    expect(diff).toMatchObject({ missing: ['MODEL#m0|TASK#2026#YEARLY_REVIEW'], changed: [], extra: [], same: false });
    // A value that differs under the same key is caught too.
    const changed = diffSnapshots(snapshotOf(table), snapshotOf([registrationReview, { ...yearlyReview, status: S('DECIDED') }]));
    attack(changed.changed.length === 1);
    expect(changed.changed).toEqual(['MODEL#m0|TASK#2026#YEARLY_REVIEW']);
  });
});

describe('a backup while something writes', () => {
  it('is refused, writing no file, when an item is added, changed or removed while the tables are read', async () => {
    const keep = pendingTask('m1', 'REGISTRATION_REVIEW', 'BOARD#ban-tinh-qn');
    const writes: [string, (table: string) => Promise<unknown>][] = [
      // A step opening its task after the app table was read (the finding).
      ['added', (table) => client.send(new PutItemCommand({ TableName: table, Item: pendingTask('m0', 'YEARLY_REVIEW', 'REVIEW#2026') }))],
      [
        'changed',
        (table) =>
          client.send(
            new UpdateItemCommand({
              TableName: table,
              Key: { pk: keep.pk, sk: keep.sk },
              UpdateExpression: 'SET #s = :d',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':d': S('DECIDED') },
            }),
          ),
      ],
      ['removed', (table) => client.send(new DeleteItemCommand({ TableName: table, Key: { pk: keep.pk, sk: keep.sk } }))],
    ];
    for (const [change, write] of writes) {
      const table = await freshTables([keep, { pk: S('USER#a'), sk: S('META') }]);
      const file = join(dir, `${change}.jsonl`);
      const backup = backupTables(
        racingClient(scanOf(`${table}-local-sfn`), () => write(table)),
        table,
        file,
      );
      const error = await backup.then(
        () => undefined,
        (e: unknown) => e,
      );
      attack(error instanceof BackupInconsistentError && !existsSync(file));
      expect(error, change).toBeInstanceOf(BackupInconsistentError);
      expect((error as BackupInconsistentError).changed).toEqual([expect.objectContaining({ table, change })]);
      expect((error as Error).message).toMatch(/stop whatever writes to them \(npm start\) and back up again/);
      expect(existsSync(file)).toBe(false);
    }
  });

  it('without the check (verify: false) it is the old behaviour: the file silently lacks the late item', async () => {
    const table = await freshTables([pendingTask('m1', 'REGISTRATION_REVIEW', 'BOARD#ban-tinh-qn')]);
    const file = join(dir, 'unverified.jsonl');
    const late = pendingTask('m0', 'YEARLY_REVIEW', 'REVIEW#2026');
    await backupTables(
      racingClient(scanOf(`${table}-local-sfn`), () => client.send(new PutItemCommand({ TableName: table, Item: late }))),
      table,
      file,
      { verify: false },
    );
    expect(diffSnapshots(await scanSnapshot(client, table), backupSnapshot(file).app).missing).toEqual([
      'MODEL#m0|TASK#2026#YEARLY_REVIEW',
    ]);
  });

  it('with nothing writing, the file holds every item of both tables, key by key, value by value', async () => {
    const table = await freshTables([
      pendingTask('m1', 'REGISTRATION_REVIEW', 'BOARD#ban-tinh-qn'),
      pendingTask('m0', 'YEARLY_REVIEW', 'REVIEW#2026'),
    ]);
    const file = join(dir, 'quiet.jsonl');
    expect(await backupTables(client, table, file)).toEqual({ app: 2, engine: 1 });
    const saved = backupSnapshot(file);
    expect(diffSnapshots(await scanSnapshot(client, table), saved.app).same).toBe(true);
    expect(diffSnapshots(await scanSnapshot(client, `${table}-local-sfn`), saved.engine).same).toBe(true);
  });

  it(
    'on the real runtime: a lifecycle step that writes its PENDING task during the backup makes it refuse',
    { timeout: 60_000 },
    async () => {
      const runtime = await startTestRuntime();
      try {
        // Hold the next open-task invocation: the step is opening, its task not yet written.
        const openTask = ((await import('../../functions/open-task-handler.ts')) as { handler: LambdaHandler }).handler;
        let entered!: () => void;
        const opening = new Promise<void>((resolve) => (entered = resolve));
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        runtime.sfn.registerFunction('open-task', async (event, context) => {
          entered();
          await released;
          return openTask(event, context);
        });
        const unit = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
        const id = await register(unit);
        await opening;
        const table = runtime.webDeps.tableName;
        const taskKey = { pk: S(`MODEL#${id}`), sk: S('TASK#2026#REGISTRATION_REVIEW') };
        expect((await client.send(new GetItemCommand({ TableName: table, Key: taskKey, ConsistentRead: true }))).Item).toBeUndefined();
        // Once the app table is read, let the step write its task, and go on when it has.
        const writer = async () => {
          release();
          for (
            let i = 0;
            i < 200 && !(await client.send(new GetItemCommand({ TableName: table, Key: taskKey, ConsistentRead: true }))).Item;
            i++
          )
            await new Promise((r) => setTimeout(r, 25));
        };
        const error = await backupTables(racingClient(scanOf(`${table}-local-sfn`), writer), table, join(dir, 'live.jsonl')).then(
          () => undefined,
          (e: unknown) => e,
        );
        attack(error instanceof BackupInconsistentError);
        expect(error).toBeInstanceOf(BackupInconsistentError);
        expect((error as BackupInconsistentError).changed).toEqual(
          expect.arrayContaining([{ table, key: JSON.stringify({ pk: taskKey.pk, sk: taskKey.sk }), change: 'added' }]),
        );
        // At rest (nothing driven, the runtime stopped), the same backup goes through and holds the task.
        await runtime.sfn.idle();
        await runtime.stop();
        const file = join(dir, 'rest.jsonl');
        await backupTables(client, table, file);
        expect(backupSnapshot(file).app.get(`MODEL#${id}|TASK#2026#REGISTRATION_REVIEW`)).toContain('"PENDING"');
        expect(diffSnapshots(await scanSnapshot(client, table), backupSnapshot(file).app).same).toBe(true);
      } finally {
        await runtime.stop();
      }
    },
  );
});

afterAll(() => recordCounts('backup-snapshot', counts));
