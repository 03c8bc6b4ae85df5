import type { MiddlewareHandler } from 'hono';

/** Neither the browser nor a proxy keeps a copy: the next user of a shared computer finds none. */
export const NO_STORE = 'private, no-store';

/**
 * `Cache-Control: private, no-store` on every response under /api: JSON with user data, the
 * CSV / xlsx exports, evidence files, and the errors too (a 403 tells what exists). Set after the
 * handler, over anything a route set, so no route can forget it or weaken it. Wired in web/app.ts:
 * `app.use('/api/*', noStoreForApi())`.
 */
export function noStoreForApi(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', NO_STORE);
  };
}
