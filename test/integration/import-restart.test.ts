import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.ts';
import { listModelItems } from '../../core/store/model-store.ts';
import { readCounters } from '../../core/store/stats-store.ts';
import { checkImport, getImport } from '../../core/use-cases/import-models.ts';
import { importOfficialUnits } from '../../core/use-cases/official-units.ts';
import { sumBy } from '../../core/stats.ts';
import type { Runtime, RuntimeConfig } from '../../local/runtime.ts';
import { AREA_NAMES, modelRow, sheetFromTemplate } from '../fixtures/import-sheet.ts';
import { freePort } from '../support/free-port.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'dvk-import-restart-'));
let runtime: Runtime | undefined;
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
const admin: Actor = { kind: 'user', username: 'quantri', role: 'admin' };
/** Three chunks of 200: the restart comes while the second is being written. */
const ROWS = 600;

describe('an import survives a restart of the whole runtime', () => {
  it('stops in the middle of a large import, starts again, and ends with every row in once', { timeout: 600_000 }, async () => {
    const config: Partial<RuntimeConfig> = {
      dataDir,
      tableName: 'import-restart',
      webPort: await freePort(),
      sfnPort: await freePort(),
      dynamoPort: await freePort(),
    };
    runtime = await startTestRuntime(config);
    await importOfficialUnits(runtime.webDeps, admin, { provinceCode: '22' });
    const bytes = await sheetFromTemplate(
      Array.from({ length: ROWS }, (_, i) => modelRow(i, i % 2 ? '06913' : '06895', { year: 2022 + (i % 4), area: AREA_NAMES[i % 4] })),
    );
    const { job } = await checkImport(runtime.webDeps, admin, { name: 'lon.xlsx', bytes }, { start: true });
    expect(job.chunks).toBe(3);

    // Stop once the first chunk is counted: the second is then under way (its rows partly written).
    const partway = await eventually(
      async () => {
        const now = await getImport(runtime!.webDeps, admin, job.jobId);
        return now.done > 0 ? now : undefined;
      },
      'the first chunk',
      120_000,
    );
    expect(partway.status).toBe('RUNNING');
    await runtime.stop();

    runtime = await startTestRuntime(config);
    const done = await eventually(
      async () => {
        const now = await getImport(runtime!.webDeps, admin, job.jobId);
        return now.status !== 'RUNNING' ? now : undefined;
      },
      'the import to end after the restart',
      300_000,
    );
    // Every row in once: none lost, none doubled, counted once.
    expect(done).toMatchObject({ status: 'COMPLETED', done: ROWS, planned: ROWS });
    expect(done.imported + done.skipped).toBe(ROWS);
    const models = await listModelItems(runtime.webDeps, { boardId: 'ban-tinh-qn' });
    expect(models.filter((m) => m.id.startsWith('imp-'))).toHaveLength(ROWS);
    const counters = await readCounters(runtime.webDeps, 'ban-tinh-qn', [2022, 2023, 2024, 2025]);
    const registered = [...counters.values()].map((c) => sumBy(c, 'e').REGISTERED ?? 0);
    expect(registered).toEqual([ROWS / 4, ROWS / 4, ROWS / 4, ROWS / 4]);
  });
});
