import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import { listAttention, putAttention } from '../store/attention-store.ts';

/** The lifecycle's NeedsAttention state: a failure that is not transient is recorded before the execution fails. */
export async function recordAttention(deps: Deps, input: { modelId: string; year: number; executionName: string; error: string; cause: string }): Promise<void> {
  await putAttention(deps, { ...input, cause: input.cause.slice(0, 2000), at: deps.now().toISOString() });
}

/** What the administrator's page lists: models whose workflow stopped on an error. */
export async function modelsNeedingAttention(deps: Deps, actor: Actor) {
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('Chỉ quản trị viên / administrators only');
  return listAttention(deps);
}
