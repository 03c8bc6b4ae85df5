import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime, RuntimeConfig } from '../../local/runtime.ts';
import { appraise, demoUsers, executionArn, register, transitions, waitForExecution, waitForStep } from '../support/lifecycle-driver.ts';
import { freePort } from '../support/free-port.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'dvk-durability-'));
let runtime: Runtime | undefined;
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('durability: the whole local runtime restarts while executions wait on people', () => {
  it('resumes every execution where it was, and no task runs twice for the same step', { timeout: 180_000 }, async () => {
    // Same data folder, table and ports across the restart, as with `npm start` twice.
    const config: Partial<RuntimeConfig> = {
      dataDir,
      tableName: 'durable',
      webPort: await freePort(),
      sfnPort: await freePort(),
      dynamoPort: await freePort(),
    };
    runtime = await startTestRuntime(config);
    let users = await demoUsers(runtime);
    const ids = [await register(users.unit), await register(users.unit), await register(users.unit, { name: 'Mô hình thứ ba' })];
    for (const id of ids) await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
    // One model is further along: accepted and waiting for the yearly review.
    await users.board.post(`/api/models/${ids[2]}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    await waitForStep(users.admin, ids[2]!, 'YEARLY_REVIEW');
    await waitForExecution(runtime, ids[2]!, 'r', 'SUCCEEDED'); // it now rests: no execution

    await runtime.stop();
    runtime = await startTestRuntime(config);
    expect(runtime.seeded).toBe(false);
    users = await demoUsers(runtime);

    const queue = (await users.board.get('/api/tasks')).body.tasks.map((t: { modelId: string }) => t.modelId);
    expect(queue).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    await users.board.post(`/api/models/${ids[0]}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    await users.board.post(`/api/models/${ids[1]}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT', reason: 'Không phù hợp' });
    for (const id of [ids[0]!, ids[2]!]) await waitForStep(users.admin, id, 'YEARLY_REVIEW');
    expect((await users.admin.post('/api/reviews', { year: THIS_YEAR })).body.started).toBe(true);
    for (const id of [ids[0]!, ids[2]!]) {
      await waitForStep(users.unit, id, 'YEARLY_REPORT');
      await users.unit.post(`/api/models/${id}/report`, { report: `Kết quả năm ${THIS_YEAR}` });
      await waitForStep(users.board, id, 'APPRAISAL');
    }
    await appraise(users.board, ids[0]!, { outcome: 'CONTINUE' });
    await appraise(users.board, ids[2]!, { outcome: 'STOP', stopReason: 'INEFFECTIVE', reason: 'Không hiệu quả' });

    for (const id of ids) await waitForExecution(runtime, id, 'r', 'SUCCEEDED');
    for (const id of [ids[0]!, ids[2]!]) await waitForExecution(runtime, id, THIS_YEAR, 'SUCCEEDED');
    expect((await users.unit.get(`/api/models/${ids[1]}`)).body.model.status).toBe('REJECTED');

    // Every task of every execution ran its function exactly once, across the restart.
    for (const [id, which] of ids.flatMap((id) => [[id, 'r'], ...(id === ids[1] ? [] : [[id, THIS_YEAR]])] as [string, 'r' | number][])) {
      const tasks = await runtime.sfn.store.tasks(executionArn(id, which));
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks.map((t) => t.invocations)).toEqual(tasks.map(() => 1));
      expect(tasks.every((t) => t.status === 'SUCCEEDED')).toBe(true);
      const steps = await transitions(users.unit, id);
      expect(new Set(steps).size).toBe(steps.length);
      const history = await runtime.sfn.getExecutionHistory({ executionArn: executionArn(id, which) });
      expect(history.events.map((e) => e.id)).toEqual(history.events.map((_, i) => i + 1));
      expect(history.events.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
    }
    expect(await transitions(users.unit, ids[2]!)).toEqual([
      '>DRAFT',
      'DRAFT>SUBMITTED',
      'SUBMITTED>IMPLEMENTING',
      'IMPLEMENTING>REPORTING',
      'REPORTING>REPORTED',
      'REPORTED>STOPPED',
    ]);
  });
});
