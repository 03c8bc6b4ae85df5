import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds password hashes, sessions' signing key and evidence files: only its
 * owner may read it. Folders are 0700 and secret files 0600; an existing folder or file with a
 * wider mode (from an older version, or a umask of 022) is tightened when the runtime starts.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and missing parents) as 0700, or tightens it to 0700. */
export function ensurePrivateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(path, PRIVATE_DIR_MODE);
  return path;
}

/** Writes a secret file as 0600 (also when it existed with a wider mode). */
export function writePrivateFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: PRIVATE_FILE_MODE });
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Tightens the regular files directly in `dir` to 0600 (DynamoDB Local's database files, secrets). */
export function tightenFiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dir, entry.name), PRIVATE_FILE_MODE);
  }
}

export type DataDirLayout = { root: string; dynamodb: string; evidence: string; secrets: string };

/**
 * The data folder's layout, created or tightened: DATA_DIR, DATA_DIR/dynamodb (DynamoDB Local's
 * files), DATA_DIR/evidence and DATA_DIR/secrets (session-secret, sfn-key). A session-secret kept
 * at the top by an older version moves into secrets/, so sessions survive the upgrade.
 */
export function preparePrivateDataDir(dataDir: string): DataDirLayout {
  const layout: DataDirLayout = {
    root: ensurePrivateDir(dataDir),
    dynamodb: ensurePrivateDir(join(dataDir, 'dynamodb')),
    evidence: ensurePrivateDir(join(dataDir, 'evidence')),
    secrets: ensurePrivateDir(join(dataDir, 'secrets')),
  };
  const legacySecret = join(dataDir, 'session-secret');
  if (existsSync(legacySecret) && !existsSync(join(layout.secrets, 'session-secret')))
    renameSync(legacySecret, join(layout.secrets, 'session-secret'));
  tightenFiles(layout.root);
  tightenFiles(layout.dynamodb);
  tightenFiles(layout.secrets);
  return layout;
}
