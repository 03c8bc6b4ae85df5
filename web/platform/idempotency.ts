import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ConflictError, ValidationError } from '../../core/errors.ts';
import { claimRequest, completeRequest, releaseRequest } from '../../core/use-cases/idempotency.ts';
import { readBoundedBody } from './bounded-body.ts';
import { errorBody, IdempotencyKeyReusedError, requestLang } from './http-errors.ts';
import { withRequestKey } from '../../core/request-key.ts';
import { readSession } from './session.ts';
import type { WebDeps } from '../web-deps.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
/** Larger responses are not kept (an item holds at most 400 KB); the replay then has the status only. */
const MAX_STORED_BODY = 300 * 1024;

/** What makes two requests the same: method, path and query, content type and body. */
export function requestHash(method: string, url: string, contentType: string | undefined, body: Uint8Array): string {
  const { pathname, search } = new URL(url);
  return createHash('sha256')
    .update(`${method} ${pathname}${search}\n${contentType ?? ''}\n`)
    .update(body)
    .digest('base64url');
}

/** The same key sent with another request (another body or endpoint): defined with the status map. */
export { IdempotencyKeyReusedError };

/**
 * POST/PUT under /api with an `Idempotency-Key` header run once per (user, key): a retry with
 * the same request gets the stored answer (`Idempotent-Replayed: true`), the same key with
 * another request 422, a retry while the first is still running 409 (with Retry-After). A
 * first attempt that died (crash, kill, timeout) frees the key after IN_PROGRESS_SECONDS;
 * the retry then runs again under the same key, and the use cases answer it from what the
 * first attempt wrote (core/request-key.ts). A 5xx is forgotten so a retry runs again.
 * Requests without a session are not remembered (they change nothing).
 */
export function idempotency(deps: WebDeps): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || (c.req.method !== 'POST' && c.req.method !== 'PUT')) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new ValidationError([{ field: IDEMPOTENCY_HEADER, key: 'reason.idempotencyKeyFormat' }]);
    }
    const session = await readSession(c, deps);
    if (!session) return next();
    const username = session.actor.username;
    const body = await readBoundedBody(c);
    if (body === 'too-large') {
      const tooLarge = { key: 'error.requestTooLarge' } as const;
      return c.json(errorBody(requestLang(c), 'PayloadTooLarge', tooLarge, [{ field: '(body)', ...tooLarge }]), 413);
    }
    const hash = requestHash(c.req.method, c.req.url, c.req.header('content-type'), body);
    const held = await claimRequest(deps, username, key, hash);
    if (held) {
      if (held.requestHash !== hash) throw new IdempotencyKeyReusedError('error.idempotencyKeyReused');
      if (held.status !== 'COMPLETED') {
        c.header('Retry-After', String(Math.max(1, (held.leaseUntil ?? 0) - Math.floor(deps.now().getTime() / 1000))));
        throw new ConflictError('error.requestInProgress');
      }
      return c.body(held.body ?? '', held.statusCode as 200, {
        'Content-Type': held.contentType ?? 'application/json',
        'Idempotent-Replayed': 'true',
      });
    }
    await withRequestKey({ username, key }, () => next());
    try {
      if (c.res.status >= 500) {
        await releaseRequest(deps, username, key);
        return;
      }
      const text = await c.res.clone().text();
      await completeRequest(deps, username, key, {
        statusCode: c.res.status,
        contentType: c.res.headers.get('content-type') ?? undefined,
        body: Buffer.byteLength(text) < MAX_STORED_BODY ? text : '',
      });
    } catch (error) {
      // The request itself is done: the key stays IN_PROGRESS (retries get 409) rather than
      // being released, because running it again could duplicate what it did.
      console.error('[idempotency] could not record the response:', (error as Error).name);
    }
  };
}
