import type { Deps } from '../deps.ts';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../store/idempotency-store.ts';

type Db = Pick<Deps, 'db' | 'tableName' | 'now'>;

/**
 * Requests made with an Idempotency-Key: the first attempt claims the key (undefined: claimed,
 * go on); a retry gets what the first attempt holds or answered (a hash of its request, its
 * status, and once completed its response).
 */
export const claimRequest = (deps: Db, username: string, key: string, requestHash: string) =>
  claimIdempotencyKey(deps, username, key, requestHash);

/** Keeps the answer of a request, for its retries. */
export const completeRequest = (
  deps: Pick<Deps, 'db' | 'tableName'>,
  username: string,
  key: string,
  response: { statusCode: number; contentType?: string; body?: string },
): Promise<void> => completeIdempotencyKey(deps, username, key, response);

/** Frees the key of a request that failed (5xx): a retry runs it again. */
export const releaseRequest = (deps: Pick<Deps, 'db' | 'tableName'>, username: string, key: string): Promise<void> =>
  releaseIdempotencyKey(deps, username, key);
