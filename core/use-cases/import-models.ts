import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { startExecution } from '../engine/workflow-engine.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors.ts';
import { planRows, type RefusedRow } from '../imports/import-row.ts';
import type { MessageKey } from '../messages.ts';
import { ALL_SCOPE } from '../records.ts';
import { cycleYearAt } from '../rules.ts';
import {
  existingModelIds,
  getImportJob,
  listImportJobs,
  moveImportJob,
  readRefusedRows,
  saveImport,
  type ImportJob,
} from '../store/import-store.ts';
import { listUnits } from '../store/org-store.ts';

export type ImportDeps = Deps & { importStateMachineArn: string };
export type { ImportJob, RefusedRow };

/** The import workflow's execution of a job (a resumed job starts the next attempt). */
export const importExecutionName = (jobId: string, attempt: number) => `import-${jobId}-${attempt}`;

function scopeOf(actor: Actor): string {
  if (actor.kind === 'user' && actor.role === 'admin') return ALL_SCOPE;
  if (actor.kind === 'user' && actor.role === 'board') return actor.boardId;
  throw new ForbiddenError('error.importForBoardsAndAdmins');
}

/** The import's owner, an administrator, or a member of its board may read and start it. */
async function loadJob(deps: Deps, actor: Actor, jobId: string): Promise<ImportJob> {
  const scope = scopeOf(actor);
  const job = await getImportJob(deps, jobId);
  if (!job || (scope !== ALL_SCOPE && job.scope !== scope)) throw new NotFoundError('error.importNotFound', { jobId });
  return job;
}

/** Why core/imports/sheets.ts could not read a file, as message keys. */
const FILE_ISSUES: Record<string, MessageKey> = {
  'import.notUtf8': 'reason.importNotUtf8',
  'import.unreadable': 'reason.importUnreadableFile',
  'import.missingColumn': 'reason.importMissingColumn',
  'import.empty': 'reason.importEmpty',
  'import.tooManyRows': 'reason.importTooManyRows',
  'import.duplicateColumn': 'reason.importDuplicateColumn',
  'import.unclosedQuote': 'reason.importUnclosedQuote',
};

export type ImportCheck = { job: ImportJob; refused: RefusedRow[] };

/**
 * Reads and checks a file of models (xlsx or CSV): every row at once, nothing imported. The
 * check is kept (status CHECKED) so its report can be downloaded and the import confirmed
 * without sending the file again; `start` confirms it at once (the API without `dryRun`).
 */
export async function checkImport(
  deps: ImportDeps,
  actor: Actor,
  file: { name: string; bytes: Uint8Array },
  options: { start?: boolean } = {},
): Promise<ImportCheck> {
  const scope = scopeOf(actor);
  // Loaded at first use: the spreadsheet library stays out of the web function's cold start.
  const { readImportFile } = await import('../imports/read-sheet.ts');
  const read = await readImportFile(file.bytes, file.name);
  if (!read.ok)
    throw new ValidationError(
      [{ field: 'file', key: FILE_ISSUES[read.issue.key] ?? 'reason.importUnreadableFile', params: read.issue.params }],
      'error.importUnreadable',
    );
  if (read.rows.length === 0) throw new ValidationError([{ field: 'file', key: 'reason.importNoRows' }], 'error.importUnreadable');
  const now = deps.now();
  const { planned, refused } = planRows(read.rows, {
    units: await listUnits(deps),
    boardId: scope === ALL_SCOPE ? undefined : scope,
    cycleYear: cycleYearAt(now),
    today: new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
  });
  const existing = await existingModelIds(
    deps,
    planned.map((p) => p.id),
  );
  const job = await saveImport(
    deps,
    {
      jobId: randomUUID(),
      scope,
      actor: actor.kind === 'user' ? actor.username : 'system',
      fileName: file.name.slice(0, 200),
      createdAt: now.toISOString(),
      status: 'CHECKED',
      read: read.rows.length,
      planned: planned.length,
      alreadyIn: existing.size,
      refused: refused.length,
      chunks: 0,
      refusedChunks: 0,
      done: 0,
      imported: 0,
      skipped: 0,
      attempt: 0,
    },
    planned,
    refused,
  );
  return { job: options.start ? await startImport(deps, actor, job.jobId) : job, refused };
}

/**
 * Confirms a checked import (or resumes a failed one): its workflow imports the chunks not done
 * yet. Starting one already running or completed is refused (409).
 */
export async function startImport(deps: ImportDeps, actor: Actor, jobId: string): Promise<ImportJob> {
  const job = await loadJob(deps, actor, jobId);
  if (job.status === 'RUNNING' || job.status === 'COMPLETED')
    throw new InvalidTransitionError('error.importAlreadyStarted', { status: job.status });
  const attempt = job.attempt + 1;
  const at = deps.now().toISOString();
  if (!(await moveImportJob(deps, jobId, [job.status], { status: 'RUNNING', attempt, startedAt: at })))
    throw new ConflictError('error.changedMeanwhile');
  await startExecution(deps, {
    stateMachineArn: deps.importStateMachineArn,
    name: importExecutionName(jobId, attempt),
    input: { jobId, chunk: 0 },
  });
  return { ...job, status: 'RUNNING', attempt, startedAt: at };
}

export async function getImport(deps: Deps, actor: Actor, jobId: string): Promise<ImportJob> {
  return loadJob(deps, actor, jobId);
}

export async function listImports(deps: Deps, actor: Actor): Promise<ImportJob[]> {
  return listImportJobs(deps, scopeOf(actor));
}

/** The refused rows of an import with the cells they had, for the report the office fixes and sends again. */
export async function importReport(deps: Deps, actor: Actor, jobId: string): Promise<{ job: ImportJob; refused: RefusedRow[] }> {
  const job = await loadJob(deps, actor, jobId);
  return { job, refused: await readRefusedRows(deps, job) };
}
