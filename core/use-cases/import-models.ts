import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { startExecution } from '../engine/workflow-engine.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors.ts';
import { planRows, type PlannedRow, type RefusedRow } from '../imports/import-row.ts';
import { readImportFile } from '../imports/sheets.ts';
import { executionInputs, executionNames } from '../lifecycle.ts';
import { periodOf, type Model } from '../model.ts';
import type { MessageKey } from '../messages.ts';
import { ALL_SCOPE } from '../records.ts';
import { cycleYearAt } from '../rules.ts';
import { importDeltas } from '../stats.ts';
import { commitWrites } from '../store/writes.ts';
import {
  existingModelIds,
  finishChunk,
  getImportJob,
  importedModelItems,
  listImportJobs,
  moveImportJob,
  readRefusedRows,
  readRowChunk,
  saveImport,
  type ImportJob,
} from '../store/import-store.ts';
import { getModel } from '../store/model-store.ts';
import { listUnits } from '../store/org-store.ts';
import { getReviewProgress } from '../store/review-store.ts';

export type ImportDeps = Deps & { importStateMachineArn: string };
export type { ImportJob, RefusedRow };

/** Rows one chunk imports at once (each its own transaction). */
const ROW_CONCURRENCY = 8;
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

type RestYear = (boardId: string, from: number) => Promise<number>;

/** The year an imported model that runs on rests until: the next review of its board not yet opened (read once per chunk). */
function restYears(deps: Deps): RestYear {
  const known = new Map<string, Promise<number>>();
  const opened = async (boardId: string, year: number) =>
    (await getReviewProgress(deps, boardId, year)) !== undefined || (await getReviewProgress(deps, ALL_SCOPE, year)) !== undefined;
  return (boardId, from) => {
    const key = `${boardId}#${from}`;
    if (!known.has(key))
      known.set(
        key,
        (async () => {
          let year = from;
          while (await opened(boardId, year)) year++;
          return year;
        })(),
      );
    return known.get(key)!;
  };
}

/** The stored model of a planned row, at the status the row says it reached. */
function importedModel(plan: PlannedRow, job: ImportJob, at: string, restsUntil: number | undefined): Model {
  const { registration, recognition, stop } = plan;
  const status = plan.status === 'REGISTERED' ? 'DRAFT' : plan.status === 'STOPPED' ? 'STOPPED' : 'IMPLEMENTING';
  return {
    ...registration,
    period: registration.period ?? periodOf(registration.year),
    id: plan.id,
    unitId: plan.unitId,
    boardId: plan.boardId,
    ...(plan.registeredByUnitId ? { registeredByUnitId: plan.registeredByUnitId } : {}),
    status,
    cycleYear: restsUntil ?? stop?.year ?? registration.year,
    version: 1,
    createdAt: at,
    updatedAt: at,
    recognitions: recognition
      ? [
          {
            year: recognition.year,
            level: recognition.level,
            decisionId: `import:${job.jobId}`,
            number: recognition.number,
            // A timestamp like every decision's: noon in Vietnam, so the day reads the same everywhere.
            date: `${recognition.date}T05:00:00.000Z`,
          },
        ]
      : [],
    ...(stop ? { stopReason: stop.reason } : {}),
    importedBy: `${job.jobId}#${plan.row}`,
  };
}

/** Brings one row's model in; 'skipped' when it is in already (this import, resumed, or an earlier one). */
async function importRow(deps: ImportDeps, job: ImportJob, plan: PlannedRow, restYear: RestYear): Promise<'imported' | 'skipped'> {
  const at = deps.now().toISOString();
  const runsOn = plan.status === 'IMPLEMENTING' || plan.status === 'RECOGNIZED';
  const earliest = Math.max(cycleYearAt(deps.now()), plan.recognition ? plan.recognition.year + 1 : 0);
  const restsUntil = runsOn ? await restYear(plan.boardId, earliest) : undefined;
  const model = importedModel(plan, job, at, restsUntil);
  const event = {
    modelId: model.id,
    at,
    type: 'IMPORTED' as const,
    to: model.status,
    stage: 'IMPORT',
    outcome: plan.status === 'REGISTERED' ? 'SUBMITTED' : plan.status,
    actor: job.actor,
    reason: `${job.fileName} #${plan.row}`,
    year: plan.registration.year,
  };
  let outcome: 'imported' | 'skipped' = 'imported';
  try {
    await commitWrites(
      deps,
      importedModelItems(deps.tableName, model, event, importDeltas(model, plan, restsUntil), restsUntil),
      'error.changedMeanwhile',
    );
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    outcome = 'skipped';
  }
  // A registered row waits for the board's review here: its registration starts (again, if a
  // crash came between the write and the start: same name, same input, so at most one runs).
  if (plan.status === 'REGISTERED') {
    const stored = outcome === 'imported' ? model : await getModel(deps, model.id);
    if (stored?.status === 'DRAFT' && stored.importedBy)
      await startExecution(deps, {
        stateMachineArn: deps.stateMachineArn,
        name: executionNames.registration(stored.id),
        input: executionInputs.registration(stored.id, stored.cycleYear, deps.timeouts),
      });
  }
  return outcome;
}

/**
 * One step of the import workflow: imports chunk `chunk` of the job (unless done already) and
 * says which chunk comes next. A row that meets contention is retried by the workflow (the
 * chunk again: rows in already are skipped, the chunk is counted once).
 */
export async function runImportChunk(deps: ImportDeps, input: { jobId: string; chunk: number }) {
  const job = await getImportJob(deps, input.jobId);
  if (!job) throw new NotFoundError('error.importNotFound', { jobId: input.jobId });
  const chunk = input.chunk < job.chunks ? await readRowChunk(deps, job.jobId, input.chunk) : undefined;
  if (chunk && !chunk.doneAt) {
    const counts = { imported: 0, skipped: 0 };
    const rows = [...chunk.rows];
    const restYear = restYears(deps);
    await Promise.all(
      Array.from({ length: ROW_CONCURRENCY }, async () => {
        for (let plan = rows.shift(); plan; plan = rows.shift()) counts[await importRow(deps, job, plan, restYear)]++;
      }),
    );
    await finishChunk(deps, job.jobId, input.chunk, counts, deps.now().toISOString());
  }
  const next = input.chunk + 1;
  if (next >= job.chunks) {
    await moveImportJob(deps, job.jobId, ['RUNNING'], { status: 'COMPLETED', finishedAt: deps.now().toISOString() });
    return { jobId: job.jobId, chunk: next, done: true };
  }
  return { jobId: job.jobId, chunk: next, done: false };
}

/** The workflow's Catch: the job failed (its error kept); starting it again resumes at the first chunk not done. */
export async function failImport(deps: Deps, input: { jobId: string; error: string; cause?: string }) {
  await moveImportJob(deps, input.jobId, ['RUNNING'], { status: 'FAILED', error: `${input.error}: ${input.cause ?? ''}`.slice(0, 1000) });
  return { jobId: input.jobId, failed: true };
}
