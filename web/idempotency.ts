import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ConflictError, DomainError, ValidationError } from '../core/errors.ts';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../core/store/idempotency-store.ts';
import { readBoundedBody, TOO_LARGE_MESSAGE } from './bounded-body.ts';
import { withRequestKey } from '../core/request-key.ts';
import { readSession } from './session.ts';
import type { WebDeps } from './web-deps.ts';

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

/** The same key sent with another request (another body or endpoint). */
export class IdempotencyKeyReusedError extends DomainError {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly status = 422;
}

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
      throw new ValidationError([{ field: IDEMPOTENCY_HEADER, reason: '1–100 ký tự A-Z a-z 0-9 _ - / 1–100 characters A-Z a-z 0-9 _ -' }]);
    }
    const session = await readSession(c, deps);
    if (!session) return next();
    const username = session.actor.username;
    const body = await readBoundedBody(c);
    if (body === 'too-large') {
      return c.json(
        { error: { code: 'PayloadTooLarge', message: TOO_LARGE_MESSAGE, fields: [{ field: '(body)', reason: TOO_LARGE_MESSAGE }] } },
        413,
      );
    }
    const hash = requestHash(c.req.method, c.req.url, c.req.header('content-type'), body);
    const held = await claimIdempotencyKey(deps, username, key, hash);
    if (held) {
      if (held.requestHash !== hash)
        throw new IdempotencyKeyReusedError('Khóa đã dùng cho yêu cầu khác / this Idempotency-Key was used for another request');
      if (held.status !== 'COMPLETED') {
        c.header('Retry-After', String(Math.max(1, (held.leaseUntil ?? 0) - Math.floor(deps.now().getTime() / 1000))));
        throw new ConflictError(
          'Yêu cầu này đang được xử lý, vui lòng thử lại sau ít giây / this request is still in progress: retry in a few seconds',
        );
      }
      return c.body(held.body ?? '', held.statusCode as 200, {
        'Content-Type': held.contentType ?? 'application/json',
        'Idempotent-Replayed': 'true',
      });
    }
    await withRequestKey({ username, key }, () => next());
    try {
      if (c.res.status >= 500) {
        await releaseIdempotencyKey(deps, username, key);
        return;
      }
      const text = await c.res.clone().text();
      await completeIdempotencyKey(deps, username, key, {
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
