import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { freePort } from '../support/free-port.ts';
import { register } from '../support/lifecycle-driver.ts';
import { eventually } from '../support/test-runtime.ts';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'dvk-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `npm start`'s entry point as its own process, as a person would. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 30 s:\n${output}`)), 30_000);
    child.stdout.on('data', () => output.includes('Ctrl-C') && (clearTimeout(timer), resolve()));
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`exited ${code}:\n${output}`))));
  });
  return { child, ready, exited, output: () => output };
}

describe('npm start', () => {
  it('serves the sign-in page with the demo data within 30 s; killed with SIGKILL, leaves no DynamoDB Local behind and starts again at once with the same data', async () => {
    const ports = { PORT: String(await freePort()), SFN_PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()) };
    const env = { ...ports, DATA_DIR: dataDir };
    const base = `http://127.0.0.1:${ports.PORT}`;

    const first = start(env);
    await first.ready;
    expect(first.output()).toContain('Demo data created');
    const page = await fetch(`${base}/sign-in`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Đăng nhập');
    const unit = await ApiClient.signIn(base, 'donvi.halong');
    const id = await register(unit);

    // A second copy on the same ports says so and stops with exit code 4.
    const clash = start(env);
    await expect(clash.ready).rejects.toThrow(/exited 4/);
    expect(clash.output()).toMatch(/already in use/);

    const { pid } = JSON.parse(readFileSync(join(dataDir, 'dynamodb-local.pid'), 'utf8')) as { pid: number };
    expect(isAlive(pid)).toBe(true);
    first.child.kill('SIGKILL'); // as the OOM killer or a closed terminal would
    await first.exited;
    await eventually(() => Promise.resolve(!isAlive(pid)), 'DynamoDB Local to go with its app', 15_000);

    const second = start(env);
    await second.ready;
    expect(second.output()).toContain('Existing data kept');
    const again = await ApiClient.signIn(base, 'donvi.halong');
    const { body } = await again.get(`/api/models/${id}`);
    expect(body.model.id).toBe(id);
    second.child.kill('SIGINT'); // Ctrl-C
    expect(await second.exited, second.output()).toBe(0);
  });

  it('stops a DynamoDB Local an earlier run left on its data folder, and goes on', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dvk-orphan-'));
    const env = {
      PORT: String(await freePort()),
      SFN_PORT: String(await freePort()),
      DYNAMODB_PORT: String(await freePort()),
      DATA_DIR: folder,
    };
    // What a version before the launcher watched its parent left: a server owned by an app long gone.
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const pidFile = join(folder, 'dynamodb-local.pid');
    const orphan = await startDynamoDbLocal(Number(env.DYNAMODB_PORT), join(folder, 'dynamodb'), { pidFile, exitWithParent: false });
    writeFileSync(pidFile, JSON.stringify({ pid: orphan.process.pid, owner: gone.pid }));
    const next = start(env);
    await next.ready;
    expect(next.output()).toContain('stopped the DynamoDB Local an earlier run left behind');
    expect(isAlive(orphan.process.pid!)).toBe(false);
    next.child.kill('SIGTERM');
    expect(await next.exited, next.output()).toBe(0);
    rmSync(folder, { recursive: true, force: true });
  });

  it('says how to install Java when it is missing, and exits with code 3', async () => {
    const noJava = start({
      PATH: '/nonexistent',
      PORT: String(await freePort()),
      SFN_PORT: String(await freePort()),
      DYNAMODB_PORT: String(await freePort()),
      DATA_DIR: dataDir,
    });
    await expect(noJava.ready).rejects.toThrow(/exited 3/);
    expect(noJava.output()).toMatch(/Java not found[\s\S]*apt-get install -y default-jre-headless/);
  });
});
