import type { Deps } from '../deps.ts';
import { sendTaskSuccess } from '../engine/workflow-engine.ts';
import { markDelivered, queryTasks, type PendingTask } from '../store/task-store.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Errors meaning "this token will never take a result": give up on the token, keep the decision. */
const TOKEN_GONE = new Set(['TaskDoesNotExist', 'InvalidToken', 'ExecutionDoesNotExist']);

/**
 * Hands a recorded decision to Step Functions. TaskTimedOut leaves it in the outbox: the
 * step re-opens with a new token after its overdue mark, and openTask delivers it then.
 * Transient failures back off and retry; what still fails stays in the outbox for the sweeper.
 */
export async function deliverResult(
  deps: Deps,
  task: PendingTask,
  attempts = 4,
  staleTimeout = false,
): Promise<'delivered' | 'pending' | 'gone'> {
  if (!task.result) return 'gone';
  for (let attempt = 1; ; attempt++) {
    try {
      await sendTaskSuccess(deps, task.token, task.result);
      await markDelivered(deps, task);
      return 'delivered';
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TaskTimedOut' && !staleTimeout) return 'pending';
      if (TOKEN_GONE.has(name) || name === 'TaskTimedOut') {
        await markDelivered(deps, task, name);
        return 'gone';
      }
      if (attempt >= attempts) return 'pending';
      await sleep(Math.min(2000, 100 * 2 ** attempt) * Math.random());
    }
  }
}

const STALE_AFTER_MS = 10 * 60 * 1000;

/** Sweeps the outbox: decisions recorded but not yet delivered (after a crash, say). */
export async function deliverOutbox(deps: Deps): Promise<number> {
  let delivered = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryTasks(deps, 'OUTBOX', { startKey });
    for (const task of page.tasks) {
      // A token refused as timed out long ago was answered already (or re-opened and re-delivered).
      const stale = deps.now().getTime() - Date.parse(task.decidedAt ?? '') > STALE_AFTER_MS;
      if ((await deliverResult(deps, task, 1, stale)) === 'delivered') delivered++;
    }
    startKey = page.nextKey;
  } while (startKey);
  return delivered;
}
