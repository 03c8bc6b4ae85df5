import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { ForbiddenError } from '../core/errors.ts';
import { TOO_LARGE_MESSAGE } from './bounded-body.ts';
import { pageErrorHandler, type PageContext } from './pages/page-support.tsx';

/** Every body but an evidence upload's: the longest registration form is about 150 KB of JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Evidence uploads keep their own, larger limit (web/api/evidence-routes.ts, web/pages/evidence-page-routes.tsx). */
const OWN_LIMIT = [/^\/api\/models\/[^/]+\/evidence$/, /^\/models\/[^/]+\/evidence$/];
const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function tooLarge(c: Context): Response | Promise<Response> {
  if (isApi(c.req.path)) {
    return c.json(
      {
        error: {
          code: 'PayloadTooLarge',
          message: TOO_LARGE_MESSAGE,
          fields: [{ field: '(body)', reason: `tối đa / at most ${MAX_BODY_BYTES} bytes` }],
        },
      },
      413,
    );
  }
  return pageErrorHandler(new HTTPException(413, { message: TOO_LARGE_MESSAGE }), c as unknown as PageContext);
}

/**
 * One body limit for every route, enforced before anything reads the body: a Content-Length
 * past it is refused at once, a body without one is cut off as it streams in (Hono's
 * bodyLimit). 413 past it.
 */
export function requestBodyLimit(): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  return (c, next) => (c.req.method === 'POST' && OWN_LIMIT.some((path) => path.test(c.req.path)) ? next() : limit(c, next));
}

/**
 * The JSON API's defence against cross-site requests, beside SameSite cookies (which a
 * same-site page on another port passes): a state-changing request that a browser marks as
 * coming from another origin (`Origin`, `Sec-Fetch-Site`) is refused, and a POST must say
 * `application/json` (an evidence upload: multipart), which an HTML form cannot send.
 * Scripts and integrators send neither header and are unaffected.
 */
export function sameOriginApi(): MiddlewareHandler {
  return async (c, next) => {
    if (!isApi(c.req.path) || !UNSAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (
      (origin !== undefined && origin !== new URL(c.req.url).origin) ||
      (site !== undefined && site !== 'same-origin' && site !== 'none')
    ) {
      throw new ForbiddenError('Yêu cầu từ trang khác bị từ chối / requests from another site are refused');
    }
    if (c.req.method === 'POST') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const upload = OWN_LIMIT[0]!.test(c.req.path) && type === 'multipart/form-data';
      if (type !== 'application/json' && !upload) {
        throw new HTTPException(415, { message: 'Cần Content-Type: application/json / Content-Type must be application/json' });
      }
    }
    await next();
  };
}
