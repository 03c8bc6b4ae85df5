import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime, RuntimeConfig } from '../../local/runtime.ts';
import { localSfnCredentials, readLocalSfnCredentials } from '../../local/sfn/sfn-auth.ts';
import { ApiClient } from '../support/api-client.ts';
import { freePort } from '../support/free-port.ts';
import { register } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

/**
 * Finding 13: the data folder's files were 0644 in 0755 folders, so any account on the machine
 * read DynamoDB Local's database (password hashes), the session key and evidence files. DATA_DIR
 * and its folders are 0700 and its secret and database files 0600, also for a data folder an
 * older version left wide open.
 */
const base = mkdtempSync(join(tmpdir(), 'dvk-perms-'));
const dataDir = join(base, 'data', '.data'); // missing parents are created 0700 too
let runtime: Runtime | undefined;
let tried = 0;
let denied = 0;
afterAll(async () => {
  await runtime?.stop();
  rmSync(base, { recursive: true, force: true });
  recordCounts('data-dir-permissions', { attacksTried: tried, attacksDenied: denied });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;
/** SQLite's journal comes and goes while DynamoDB Local writes: a file gone meanwhile is skipped. */
const modeIfAny = (path: string) => statSync(path, { throwIfNoEntry: false })?.mode;
const NOBODY = 65534;
const canSwitchUser = process.getuid?.() === 0;

/** Every folder and file under `dir`. */
function walk(dir: string): { dirs: string[]; files: string[] } {
  const out = { dirs: [dir], files: [] as string[] };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = walk(path);
      out.dirs.push(...inner.dirs);
      out.files.push(...inner.files);
    } else if (entry.isFile()) out.files.push(path);
  }
  return out;
}

/** Another account on the machine tries to read each file (as `nobody`, when the tests run as root), else the modes say. */
function otherUserReads(files: string[]): void {
  for (const file of files) {
    tried++;
    if (canSwitchUser) {
      const read = spawnSync('cat', [file], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
      expect(read.status, `nobody read ${file}`).not.toBe(0);
      expect(read.stderr).toMatch(/Permission denied/);
    } else {
      expect((modeIfAny(file) ?? 0) & 0o077, file).toBe(0);
    }
    denied++;
  }
}

function expectPrivate(dir: string): void {
  const { dirs, files } = walk(dir);
  for (const d of dirs) expect(modeOf(d), d).toBe(0o700);
  for (const f of files.filter((f) => !f.includes(`${join(dir, 'evidence')}/`))) {
    const mode = modeIfAny(f);
    if (mode !== undefined) expect(mode & 0o777, f).toBe(0o600);
  }
}

describe('the data folder is private to its owner', () => {
  it('is created 0700 with 0600 secret and database files, and an old wide-open folder is tightened', { timeout: 180_000 }, async () => {
    const config: Partial<RuntimeConfig> = {
      dataDir,
      tableName: 'perms',
      webPort: await freePort(),
      sfnPort: await freePort(),
      dynamoPort: await freePort(),
    };
    runtime = await startTestRuntime(config);
    const unit = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
    await register(unit); // DynamoDB Local writes its files while the app runs
    for (const folder of ['', 'dynamodb', 'evidence', 'secrets']) expect(modeOf(join(dataDir, folder)), folder || 'DATA_DIR').toBe(0o700);
    expect(modeOf(join(base, 'data'))).toBe(0o700);
    expect(readdirSync(join(dataDir, 'secrets')).sort()).toEqual(['session-secret', 'sfn-key']);
    expect(readdirSync(join(dataDir, 'dynamodb')).length).toBeGreaterThan(0);
    expectPrivate(dataDir);
    // The local Step Functions key in the folder is the one this process's service checks.
    expect(readLocalSfnCredentials(dataDir)).toEqual(localSfnCredentials());
    otherUserReads(walk(dataDir).files);
    await runtime.stop();
    runtime = undefined;

    // --- the folder as an older version left it: 0755 folders, 0644 files, the session key at the top ---
    renameSync(join(dataDir, 'secrets', 'session-secret'), join(dataDir, 'session-secret'));
    const { dirs, files } = walk(dataDir);
    for (const d of dirs) chmodSync(d, 0o755);
    for (const f of files) if (existsSync(f)) chmodSync(f, 0o644);
    if (canSwitchUser) {
      chmodSync(base, 0o755);
      chmodSync(join(base, 'data'), 0o755);
      // The finding, reproduced: anyone reads the database and the session key.
      const leak = spawnSync('cat', [join(dataDir, 'session-secret')], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
      expect(leak.status).toBe(0);
      expect(leak.stdout).toMatch(/^[0-9a-f]{64}$/);
    }

    runtime = await startTestRuntime(config);
    expect(existsSync(join(dataDir, 'session-secret'))).toBe(false);
    expectPrivate(dataDir);
    otherUserReads(walk(dataDir).files);
    // The session key moved, not replaced: the unit's session still works.
    expect((await unit.get('/api/models')).status).toBe(200);
  });

  it('keeps the evidence folder of an in-memory run 0700 too', async () => {
    const memory = await startTestRuntime({ seed: false });
    try {
      const tableName = memory.webDeps.tableName;
      expect(modeOf(join(tmpdir(), `dvk-${tableName}`, 'evidence'))).toBe(0o700);
    } finally {
      await memory.stop();
      rmSync(join(tmpdir(), `dvk-${memory.webDeps.tableName}`), { recursive: true, force: true });
    }
  });
});
