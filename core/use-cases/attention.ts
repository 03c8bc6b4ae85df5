import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import type { ModelStatus } from '../model.ts';
import { commitWrites } from '../store/writes.ts';
import { listAttention, putAttention, resolveAttentionItem, type Attention } from '../store/attention-store.ts';
import { logError } from '../redact.ts';
import { stillOrphaned } from './orphan-detection.ts';

/** The lifecycle's NeedsAttention state: a failure that is not transient is recorded before the execution fails. */
export async function recordAttention(
  deps: Deps,
  input: { modelId: string; year: number; executionName: string; error: string; cause: string },
): Promise<void> {
  await putAttention(deps, { ...input, cause: input.cause.slice(0, 2000), at: deps.now().toISOString() });
}

/** A listed item; an orphaned model that still needs an execution can be recovered, and says where it waits. */
export type AttentionRow = Attention & { recoverable?: boolean; waitingIn?: ModelStatus };

/**
 * What the administrator's page lists: models whose workflow stopped on an error, and orphaned
 * models (their execution ended behind the app's back). Each orphan is checked again as the list
 * is read: one carried again meanwhile (a decision, a hand-over, another administrator's
 * recovery) or needing nothing any more leaves the list.
 */
export async function modelsNeedingAttention(deps: Deps, actor: Actor): Promise<AttentionRow[]> {
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('error.adminsOnly');
  const items = await listAttention(deps);
  const rows = await Promise.all(
    items.map(async (item): Promise<AttentionRow | undefined> => {
      if (!item.orphaned) return item;
      try {
        const still = await stillOrphaned(deps, item);
        if (still) return { ...item, recoverable: true, waitingIn: still.model.status };
        await commitWrites(
          deps,
          [resolveAttentionItem(deps.tableName, item, { at: deps.now().toISOString(), by: 'system' })],
          'error.changedMeanwhile',
        ).catch(() => undefined);
        return undefined;
      } catch (error) {
        // Step Functions did not answer (throttled, say): shown as it was recorded.
        logError('[attention]', error);
        return { ...item, recoverable: true };
      }
    }),
  );
  return rows.filter((row): row is AttentionRow => row !== undefined);
}
