import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BackupInconsistentError, backupTables, restoreTables, RestoreRefusedError } from './backup.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { ensurePrivateDir } from './private-files.ts';
import { RuntimeStartError } from './runtime-errors.ts';

/**
 * `npm run backup [-- <file>]` and `npm run restore -- <file> [--force]` on DATA_DIR (default
 * .data) and TABLE_NAME (default dan-van-kheo). Both open the data folder with their own
 * DynamoDB Local, so `npm start` must be stopped: no write can land mid-export. The backup also
 * checks that itself (it reads the tables twice, backup.ts) and refuses, exit 5, if they changed.
 */
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const tableName = process.env.TABLE_NAME ?? 'dan-van-kheo';
const appPort = Number(process.env.DYNAMODB_PORT ?? 8000);

const portFree = (port: number) =>
  new Promise<boolean>((done) => {
    const probe = createServer().once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'backup' && command !== 'restore')
    throw new RuntimeStartError('usage: backup-cli.ts backup [file] | restore <file> [--force]', 2);
  if (!(await portFree(appPort))) {
    throw new RuntimeStartError(
      `Cổng ${appPort} đang dùng: hãy dừng npm start trước / DynamoDB Local of npm start is running on ${appPort}: stop it first (a backup needs no writes meanwhile)`,
      4,
    );
  }
  const dynamo = await startDynamoDbLocal(await freePort(), join(dataDir, 'dynamodb'));
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    if (command === 'backup') {
      // Backups hold password hashes: owner-only, like DATA_DIR (the file itself is written 0600).
      ensurePrivateDir('backups');
      const file = resolve(args[0] ?? join('backups', `${tableName}-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`));
      const counts = await backupTables(client, tableName, file);
      console.log(`Đã sao lưu / backed up ${counts.app} app items and ${counts.engine} engine items to ${file}`);
      console.log(`Evidence files are in ${join(dataDir, 'evidence')}: copy that folder alongside.`);
    } else {
      const file = args.find((a) => !a.startsWith('--'));
      if (!file) throw new RuntimeStartError('usage: npm run restore -- <file> [--force]', 2);
      const counts = await restoreTables(client, tableName, resolve(file), { force: args.includes('--force') });
      console.log(`Đã khôi phục / restored ${counts.app} app items and ${counts.engine} engine items into ${tableName} (${dataDir})`);
    }
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof RuntimeStartError) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  if ((error as Error).name === 'ResourceNotFoundException') {
    console.error(`Không có dữ liệu / no tables named ${tableName} in ${dataDir}`);
    process.exit(5);
  }
  if (error instanceof BackupInconsistentError) {
    console.error(`Không sao lưu / backup refused: ${error.message}`);
    process.exit(5);
  }
  if (error instanceof RestoreRefusedError) {
    console.error(`Không khôi phục / restore refused: ${error.message}`);
    process.exit(5);
  }
  console.error(error);
  process.exit(1);
});
