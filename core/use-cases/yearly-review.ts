import { canReadReview, type Actor } from '../actor.ts';
import type { Deps, StepTimeouts } from '../deps.ts';
import { ForbiddenError, NotFoundError, TransientError } from '../errors.ts';
import { STAGE_RULES, cycleHasBegun, executionInputs, executionNames } from '../lifecycle.ts';
import { sumBy } from '../stats.ts';
import { nextBoard } from '../store/org-store.ts';
import { ALL_SCOPE, readCounters } from '../store/stats-store.ts';
import { createReviewProgress, finishReview, getReviewProgress, listReviewProgress, recordReviewPage } from '../store/review-store.ts';
import { getModels } from '../store/model-store.ts';
import { startExecution } from '../engine/workflow-engine.ts';
import { awaitReviewPartition, queryTasks } from '../store/task-store.ts';
import { cycleYearAt } from '../rules.ts';

export type ReviewDeps = Deps & { reviewStateMachineArn: string };

/**
 * One review per scope and year: the execution name makes a second start a no-op. A long
 * review goes on in parts named `review-{scope}-{year}-{part}` (the ASL's ContinueInNewExecution).
 */
export const reviewExecutionName = (scope: string, year: number) => `annual-review-${scope}-${year}`;

/**
 * A review's progress, for the board it belongs to and administrators (canReadReview). Another
 * board's scope, or ALL, is reported to a board as missing, like any model outside its scope.
 */
export async function reviewProgress(deps: Deps, actor: Actor, scope: string, year: number) {
  if (actor.kind === 'user' && actor.role === 'unit') throw new ForbiddenError('error.forBoardsAndAdmins');
  const missing = () => new NotFoundError('error.noReview', { year, scope });
  if (!canReadReview(actor, scope)) throw missing();
  const progress = await getReviewProgress(deps, scope, year);
  if (!progress) throw missing();
  return progress;
}

/** Reviews the administrator's page lists at most, and the years back it looks for all-boards reviews written before the index. */
export const LISTED_REVIEWS = 50;
const EARLIER_YEARS = 10;

/**
 * The reviews held (each: when it opened, how many models, its progress, done or not), newest
 * year first: for administrators.
 */
export async function listReviews(deps: Deps, actor: Actor) {
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('error.adminsOnly');
  const current = cycleYearAt(deps.now());
  return listReviewProgress(deps, {
    limit: LISTED_REVIEWS,
    earlierYears: Array.from({ length: EARLIER_YEARS }, (_, k) => current - k),
  });
}

// --- the steps of workflows/yearly-review.asl.json ---

/**
 * Counts what waits and creates the progress record. The count is the statistics counter of
 * models IMPLEMENTING in that cycle year (kept in every transition's transaction): one Query of
 * at most 8 items whatever the number of boards, instead of one count per board.
 */
export async function reviewInit(deps: Deps, input: { year: number; scope: string }) {
  const counters = (await readCounters(deps, input.scope, [input.year])).get(input.year) ?? {};
  const total = sumBy(counters, 'n').IMPLEMENTING ?? 0;
  await createReviewProgress(deps, {
    scope: input.scope,
    year: input.year,
    status: 'RUNNING',
    total,
    done: 0,
    failed: 0,
    lastPage: -1,
    startedAt: deps.now().toISOString(),
  });
  const progress = await getReviewProgress(deps, input.scope, input.year);
  return { total: progress?.total ?? total };
}

/**
 * Where a review is in its scope: the board being paged (for ALL, with that board's key in the
 * organisation index, to find the next one) and the key within it. Only keys: no list of boards
 * rides in the state, whatever their number.
 */
export type ReviewCursor = { board?: string; boardKey?: Record<string, unknown>; startKey?: Record<string, unknown> };

/** Boards visited per page at most, so a page of a scope with thousands of empty boards stays short. */
const BOARDS_PER_FETCH = 100;

/**
 * One page of waiting models in batches of `batchSize` ids, moving from board to board; a null
 * cursor means done. Models that joined the review on their own (accepted after it opened) are
 * left out: they were counted and started already.
 */
export async function reviewFetchPage(
  deps: Deps,
  input: { year: number; scope: string; cursor: ReviewCursor; pageSize: number; batchSize: number },
) {
  const ids: string[] = [];
  let cursor: ReviewCursor | null = input.cursor;
  for (let boards = 0; cursor && ids.length < input.pageSize && boards < BOARDS_PER_FETCH;) {
    if (!cursor.board) {
      const next: { id: string; key: Record<string, unknown> } | undefined =
        input.scope === ALL_SCOPE
          ? await nextBoard(deps, cursor.boardKey)
          : cursor.boardKey
            ? undefined
            : { id: input.scope, key: { board: input.scope } };
      boards++;
      cursor = next ? { board: next.id, boardKey: next.key } : null;
      continue;
    }
    const page = await queryTasks(deps, awaitReviewPartition(input.year, cursor.board), {
      limit: input.pageSize - ids.length,
      startKey: cursor.startKey,
    });
    ids.push(...page.tasks.filter((t) => t.status === 'PENDING' && !t.joinedReview).map((t) => t.modelId));
    cursor = page.nextKey ? { ...cursor, startKey: page.nextKey } : { boardKey: cursor.boardKey };
  }
  const items = Array.from({ length: Math.ceil(ids.length / input.batchSize) }, (_, i) => ({
    modelIds: ids.slice(i * input.batchSize, (i + 1) * input.batchSize),
  }));
  return { items, cursor };
}

export type ReleaseCounts = { released: number; skipped: number; failed: number };

/**
 * Releases a batch of models by starting each one's cycle execution, `{modelId}-y{year}`
 * (StartExecution is idempotent by name: a retry or a second run starts nothing twice). One
 * started already is skipped; one that no longer waits for this review (gone, moved on) is
 * counted failed and keeps its state. Throttling is thrown once the others are done: a
 * TransientError, which the ASL retries with backoff (those started meanwhile are then skipped).
 */
export async function reviewRelease(
  deps: Deps,
  input: { year: number; modelIds: string[]; stateMachineArn: string; timeouts: StepTimeouts },
): Promise<ReleaseCounts> {
  const counts: ReleaseCounts = { released: 0, skipped: 0, failed: 0 };
  const models = new Map((await getModels(deps, input.modelIds)).map((m) => [m.id, m]));
  const waiting = input.modelIds.filter((id) => {
    const model = models.get(id);
    const ok = model?.status === STAGE_RULES.YEARLY_REVIEW.waitsIn && model.cycleYear === input.year;
    if (!ok) counts[model?.cycleYear === input.year && cycleHasBegun(model.status) ? 'skipped' : 'failed']++;
    return ok;
  });
  const outcomes = await Promise.allSettled(
    waiting.map((modelId) => startCycle(deps, input.stateMachineArn, modelId, input.year, input.timeouts)),
  );
  const unexpected: unknown[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') counts[outcome.value]++;
    else unexpected.push(outcome.reason);
  }
  if (unexpected.length > 0)
    throw new TransientError('error.cycleStartsFailed', { failed: unexpected.length, total: waiting.length }, { cause: unexpected[0] });
  return counts;
}

async function startCycle(
  deps: Deps,
  stateMachineArn: string,
  modelId: string,
  year: number,
  timeouts: StepTimeouts,
): Promise<'released' | 'skipped'> {
  const started = await startExecution(deps, {
    stateMachineArn,
    name: executionNames.cycle(modelId, year),
    input: executionInputs.cycle(modelId, year, timeouts),
  });
  return started === 'started' ? 'released' : 'skipped';
}

export async function reviewProgressStep(
  deps: Deps,
  input: { year: number; scope: string; pageNo?: number; released?: ReleaseCounts[]; finished?: boolean },
) {
  if (input.released && input.pageNo !== undefined) {
    const done = input.released.reduce((sum, r) => sum + r.released + r.skipped, 0);
    const failed = input.released.reduce((sum, r) => sum + r.failed, 0);
    await recordReviewPage(deps, input.scope, input.year, input.pageNo, done, failed);
  }
  if (input.finished) await finishReview(deps, input.scope, input.year, deps.now().toISOString());
  return {};
}
