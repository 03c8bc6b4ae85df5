import type { Deps } from '../deps.ts';
import { startExecution } from '../engine/workflow-engine.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { PlannedRow } from '../imports/import-row.ts';
import { executionInputs, executionNames } from '../lifecycle.ts';
import { periodOf, type Model } from '../model.ts';
import { ALL_SCOPE } from '../records.ts';
import { cycleYearAt } from '../rules.ts';
import { importDeltas } from '../stats.ts';
import { commitWrites } from '../store/writes.ts';
import {
  existingModelIds,
  finishChunk,
  getImportJob,
  importedModelItems,
  moveImportJob,
  readRowChunk,
  type ImportJob,
} from '../store/import-store.ts';
import { getModel } from '../store/model-store.ts';
import { getReviewProgress } from '../store/review-store.ts';

/*
 * The import workflow's side of an import (the import-chunk function): the rows checked and
 * stored by import-models.ts come in a chunk at a time. Apart from the file reading, so the
 * function does not bundle the spreadsheet library.
 */

/** Rows one chunk imports at once (each its own transaction). */
const ROW_CONCURRENCY = 8;

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

/** Writes one row's model in; undefined when the transaction finds it in already (written meanwhile). */
async function writeRow(deps: Deps, job: ImportJob, plan: PlannedRow, restYear: RestYear): Promise<Model | undefined> {
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
  try {
    await commitWrites(
      deps,
      importedModelItems(deps.tableName, model, event, importDeltas(model, plan, restsUntil), restsUntil),
      'error.changedMeanwhile',
    );
    return model;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return undefined;
  }
}

/**
 * Brings one row's model in; 'skipped' when it is in already (this import, resumed, or an earlier
 * one): `foundIn` when the chunk's read found it (nothing is tried), else the transaction's
 * condition refuses it.
 */
async function importRow(
  deps: Deps,
  job: ImportJob,
  plan: PlannedRow,
  restYear: RestYear,
  foundIn: boolean,
): Promise<'imported' | 'skipped'> {
  const written = foundIn ? undefined : await writeRow(deps, job, plan, restYear);
  // A registered row waits for the board's review here: its registration starts (again, if a
  // crash came between the write and the start: same name, same input, so at most one runs).
  if (plan.status === 'REGISTERED') {
    const stored = written ?? (await getModel(deps, plan.id));
    if (stored?.status === 'DRAFT' && stored.importedBy)
      await startExecution(deps, {
        stateMachineArn: deps.stateMachineArn,
        name: executionNames.registration(stored.id),
        input: executionInputs.registration(stored.id, stored.cycleYear, deps.timeouts),
      });
  }
  return written ? 'imported' : 'skipped';
}

/**
 * One step of the import workflow: imports chunk `chunk` of the job (unless done already) and
 * says which chunk comes next. A row that meets contention is retried by the workflow (the
 * chunk again: rows in already are skipped, the chunk is counted once).
 */
export async function runImportChunk(deps: Deps, input: { jobId: string; chunk: number }) {
  const job = await getImportJob(deps, input.jobId);
  if (!job) throw new NotFoundError('error.importNotFound', { jobId: input.jobId });
  const chunk = input.chunk < job.chunks ? await readRowChunk(deps, job.jobId, input.chunk) : undefined;
  if (chunk && !chunk.doneAt) {
    const counts = { imported: 0, skipped: 0 };
    const rows = [...chunk.rows];
    const restYear = restYears(deps);
    // One batch read for the chunk: a file imported again (or a resumed job) skips the rows in
    // already without trying a transaction each (a row written meanwhile is still refused by it).
    const found = await existingModelIds(
      deps,
      rows.map((row) => row.id),
    );
    await Promise.all(
      Array.from({ length: ROW_CONCURRENCY }, async () => {
        for (let plan = rows.shift(); plan; plan = rows.shift()) counts[await importRow(deps, job, plan, restYear, found.has(plan.id))]++;
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
