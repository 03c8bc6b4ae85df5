import { SYSTEM, type Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { queryTasks } from '../store/task-store.ts';
import { completeTask } from './complete-task.ts';

/**
 * Opens the yearly review of `year`: every model waiting for it moves on to its report.
 * Released tasks leave the AWAIT_REVIEW index, so a second run finds nothing to do.
 * (Issue 4 moves the fan-out into its own state machine with progress.)
 */
export async function startYearlyReview(deps: Deps, actor: Actor, year: unknown) {
  if (actor.kind === 'user' && actor.role !== 'admin') throw new ForbiddenError('Chỉ quản trị viên mở sơ kết năm / only administrators open the yearly review');
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2009 || year > 2100) {
    throw new ValidationError([{ field: 'year', reason: 'năm không hợp lệ / not a valid year' }]);
  }
  let released = 0;
  let skipped = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryTasks(deps, `AWAIT_REVIEW#${year}`, { limit: 100, startKey });
    startKey = page.nextKey;
    for (const task of page.tasks) {
      try {
        await completeTask(deps, SYSTEM, { modelId: task.modelId, stage: 'YEARLY_REVIEW', outcome: 'OPEN' });
        released++;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        skipped++; // released concurrently by another run
      }
    }
  } while (startKey);
  return { year, released, skipped };
}
