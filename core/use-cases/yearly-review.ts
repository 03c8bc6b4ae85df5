import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { SYSTEM, type Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, TransientError, ValidationError } from '../errors.ts';
import { getBoard } from '../store/org-store.ts';
import { ALL_SCOPE } from '../store/stats-store.ts';
import { countAwaitingReview, createReviewProgress, finishReview, getReviewProgress, recordReviewPage } from '../store/review-store.ts';
import { awaitReviewPartition, queryTasks } from '../store/task-store.ts';
import { parseOrThrow } from '../validation.ts';
import { REVIEW_SHAPE } from '../../workflows/review-functions.ts';
import { completeTask } from './complete-task.ts';
import { listBoards } from './organisation.ts';

export type ReviewDeps = Deps & { reviewStateMachineArn: string };

const StartSchema = z.strictObject({ year: z.number().int().min(2009).max(2100), scope: z.string().trim().regex(/^[A-Za-z0-9-]{1,60}$/).default(ALL_SCOPE) });

/**
 * One review per scope and year: the execution name makes a second start a no-op. A long
 * review goes on in parts named `review-{scope}-{year}-{part}` (the ASL's ContinueInNewExecution).
 */
export const reviewExecutionName = (scope: string, year: number) => `annual-review-${scope}-${year}`;

/** An administrator (or the yearly schedule) opens the review of a year for a board or for all boards. */
export async function startYearlyReview(deps: ReviewDeps, actor: Actor, body: unknown) {
  if (actor.kind === 'user' && actor.role !== 'admin') throw new ForbiddenError('Chỉ quản trị viên mở sơ kết năm / only administrators open the yearly review');
  const { year, scope } = parseOrThrow(StartSchema, body);
  if (scope !== ALL_SCOPE && !(await getBoard(deps, scope))) throw new ValidationError([{ field: 'scope', reason: 'ban không tồn tại / no such board' }]);
  const existing = await getReviewProgress(deps, scope, year);
  if (existing) return { year, scope, started: false, progress: existing };
  const input = JSON.stringify({ year, scope, ...REVIEW_SHAPE });
  let started = true;
  try {
    await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.reviewStateMachineArn, name: reviewExecutionName(scope, year), input }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw new TransientError('Chưa mở được sơ kết, vui lòng thử lại / could not start the review, retry', { cause: error });
    started = false;
  }
  return { year, scope, started, progress: (await getReviewProgress(deps, scope, year)) ?? null };
}

export async function reviewProgress(deps: Deps, actor: Actor, scope: string, year: number) {
  if (actor.kind === 'user' && actor.role === 'unit') throw new ForbiddenError('Dành cho ban và quản trị viên / for boards and administrators');
  const progress = await getReviewProgress(deps, scope, year);
  if (!progress) throw new NotFoundError(`Chưa mở sơ kết ${year} cho ${scope} / no review of ${year} for ${scope}`);
  return progress;
}

// --- the steps of workflows/yearly-review.asl.json ---

/** Lists the boards in scope, counts what waits, and creates the progress record. */
export async function reviewInit(deps: Deps, input: { year: number; scope: string }) {
  const boards = input.scope === ALL_SCOPE ? (await listBoards(deps)).map((b) => String(b.id)) : [input.scope];
  let total = 0;
  for (const board of boards) total += await countAwaitingReview(deps, input.year, board);
  await createReviewProgress(deps, { scope: input.scope, year: input.year, status: 'RUNNING', total, done: 0, failed: 0, lastPage: -1, startedAt: deps.now().toISOString() });
  const progress = await getReviewProgress(deps, input.scope, input.year);
  return { boards, total: progress?.total ?? total };
}

export type ReviewCursor = { board: number; startKey?: Record<string, unknown> } | null;

/** One page of waiting models in batches of `batchSize` ids, moving from board to board; a null cursor means done. */
export async function reviewFetchPage(deps: Deps, input: { year: number; boards: string[]; cursor: NonNullable<ReviewCursor>; pageSize: number; batchSize: number }) {
  const board = input.boards[input.cursor.board];
  if (board === undefined) return { items: [], cursor: null };
  const page = await queryTasks(deps, awaitReviewPartition(input.year, board), { limit: input.pageSize, startKey: input.cursor.startKey });
  const cursor: ReviewCursor = page.nextKey ? { board: input.cursor.board, startKey: page.nextKey } : input.cursor.board + 1 < input.boards.length ? { board: input.cursor.board + 1 } : null;
  const ids = page.tasks.map((t) => t.modelId);
  const items = Array.from({ length: Math.ceil(ids.length / input.batchSize) }, (_, i) => ({ modelIds: ids.slice(i * input.batchSize, (i + 1) * input.batchSize) }));
  return { items, cursor };
}

export type ReleaseCounts = { released: number; skipped: number; failed: number };

/**
 * Releases a batch of models into their yearly report, all at once. One already released (a
 * retry, a second run) is skipped; one that can no longer be released (gone, moved on) is
 * counted failed and keeps its state. Any other error is thrown once the others are done: a
 * TransientError (throttling) is retried by the ASL, which then skips those released
 * meanwhile; anything else fails the review as it would for a single model.
 */
export async function reviewRelease(deps: Deps, input: { year: number; modelIds: string[] }): Promise<ReleaseCounts> {
  const outcomes = await Promise.allSettled(input.modelIds.map((modelId) => completeTask(deps, SYSTEM, { modelId, stage: 'YEARLY_REVIEW', outcome: 'OPEN' })));
  const counts: ReleaseCounts = { released: 0, skipped: 0, failed: 0 };
  const unexpected: unknown[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') counts.released++;
    else if (outcome.reason instanceof ConflictError) counts.skipped++; // released already
    else if (outcome.reason instanceof NotFoundError || outcome.reason instanceof InvalidTransitionError) counts.failed++;
    else unexpected.push(outcome.reason);
  }
  // A bug outranks a passing fault: it must fail the review, not be retried.
  if (unexpected.length > 0) throw unexpected.find((e) => !(e instanceof TransientError)) ?? unexpected[0];
  return counts;
}

export async function reviewProgressStep(deps: Deps, input: { year: number; scope: string; pageNo?: number; released?: ReleaseCounts[]; finished?: boolean }) {
  if (input.released && input.pageNo !== undefined) {
    const done = input.released.reduce((sum, r) => sum + r.released + r.skipped, 0);
    const failed = input.released.reduce((sum, r) => sum + r.failed, 0);
    await recordReviewPage(deps, input.scope, input.year, input.pageNo, done, failed);
  }
  if (input.finished) await finishReview(deps, input.scope, input.year, deps.now().toISOString());
  return {};
}
