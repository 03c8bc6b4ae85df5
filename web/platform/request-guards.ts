import type { Context, Env, ErrorHandler, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { ForbiddenError } from '../../core/errors.ts';
import { messageKey } from '../../core/messages.ts';
import { errorBody, requestLang } from './http-errors.ts';

/** Every body but an evidence upload's: the longest registration form is about 150 KB of JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Evidence uploads and spreadsheet imports keep their own, larger limits (web/registration/evidence-routes.ts, web/imports/import-routes.ts). */
const OWN_LIMIT = [/^\/api\/models\/[^/]+\/evidence$/, /^\/models\/[^/]+\/evidence$/, /^\/api\/imports\/models$/, /^\/imports$/];
const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** bodyLimit's `onError`: JSON under /api, else the page the pages' error handler renders. */
function tooLarge<E extends Env>(tooLargePage: ErrorHandler<E>) {
  return (c: Context<E>): Response | Promise<Response> => {
    if (isApi(c.req.path)) {
      return c.json(
        errorBody(requestLang(c), 'PayloadTooLarge', { key: 'error.requestTooLarge' }, [
          { field: '(body)', key: 'reason.atMostBytes', params: { max: MAX_BODY_BYTES } },
        ]),
        413,
      );
    }
    return tooLargePage(new HTTPException(413, { message: messageKey('error.requestTooLarge') }), c);
  };
}

/**
 * One body limit for every route, enforced before anything reads the body: a Content-Length
 * past it is refused at once, a body without one is cut off as it streams in (Hono's
 * bodyLimit). 413 past it: JSON under /api, else `tooLargePage` (the pages' error handler,
 * passed in by web/app.ts).
 */
export function requestBodyLimit<E extends Env>(tooLargePage: ErrorHandler<E>): MiddlewareHandler<E> {
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge(tooLargePage) });
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
      throw new ForbiddenError('error.crossSiteRefused');
    }
    if (c.req.method === 'POST') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const upload = (OWN_LIMIT[0]!.test(c.req.path) || OWN_LIMIT[2]!.test(c.req.path)) && type === 'multipart/form-data';
      if (type !== 'application/json' && !upload) {
        throw new HTTPException(415, { message: messageKey('error.jsonContentType') });
      }
    }
    await next();
  };
}
