import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Env, ErrorHandler, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { ForbiddenError } from '../../core/errors.ts';
import { messageKey } from '../../core/messages.ts';
import { MAX_REQUEST_BYTES, readBoundedBody } from './bounded-body.ts';
import { readSession } from './session.ts';
import type { WebDeps } from '../web-deps.ts';

export const CSRF_FIELD = '_csrf';
/** Before sign-in there is no session: a random cookie, repeated in the form (double submit). */
export const CSRF_COOKIE = 'dvk_csrf';
const EVIDENCE_UPLOAD = /^\/models\/[^/]+\/evidence$/;
const FORM_POST = /<form\b[^>]*\bmethod\s*=\s*["']?post["']?[^>]*>/gi;

/** The token of a session: an HMAC of its id, so it changes with every sign-in and needs no storage. */
export function sessionCsrfToken(secret: string, sid: string): string {
  return createHmac('sha256', secret).update(`csrf:${sid}`).digest('base64url');
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const isApi = (path: string) => path === '/api' || path.startsWith('/api/') || path === '/openapi.json';

/** Adds the hidden token field after every `<form method="post">` of an HTML page. */
export function injectCsrfField(html: string, token: string): string {
  return html.replace(FORM_POST, (form) => `${form}<input type="hidden" name="${CSRF_FIELD}" value="${token}">`);
}

/** Why a form post is refused, or undefined when its token is right. */
async function refusal(c: Context, expected: string | undefined, signedIn: boolean): Promise<Error | undefined> {
  if (c.req.method !== 'POST') return undefined;
  // An oversized evidence upload is answered by the route's own body limit (its page says why)
  // before anything runs; nothing else may skip the check.
  if (Number(c.req.header('content-length') ?? 0) > MAX_REQUEST_BYTES && EVIDENCE_UPLOAD.test(c.req.path)) return undefined;
  const body = await readBoundedBody(c);
  if (body === 'too-large') return new HTTPException(413, { message: messageKey('error.requestTooLarge') });
  const form = await c.req.parseBody().catch((): Record<string, unknown> => ({}));
  const sent = form[CSRF_FIELD];
  if (expected && typeof sent === 'string' && same(sent, expected)) return undefined;
  // No session behind a signed-in page's form: it ended (idle, signed out, ended by an
  // administrator). Still refused, but the page says so; forms.js kept what was typed.
  if (!signedIn && c.req.path !== '/sign-in') return new ForbiddenError('error.sessionEnded');
  return new ForbiddenError('error.formExpired');
}

/**
 * CSRF protection of the HTML form posts (the JSON API relies on JSON bodies and SameSite
 * cookies). Every POST outside /api must carry `_csrf`: the session's token when signed in,
 * otherwise the double-submit cookie. Pages need no change: the field is added to their forms here.
 * A refused post is answered by `refusedPage`, the pages' error handler (passed in by web/app.ts).
 */
export function csrfProtection<E extends Env>(deps: WebDeps, refusedPage: ErrorHandler<E>): MiddlewareHandler<E> {
  return async (c, next) => {
    if (isApi(c.req.path)) return next();
    const session = await readSession(c, deps);
    const cookieToken = getCookie(c, CSRF_COOKIE);
    const expected = session ? sessionCsrfToken(deps.sessionSecret, session.sid) : cookieToken;
    const token = expected ?? randomBytes(24).toString('base64url');
    const refused = await refusal(c, expected, Boolean(session));
    // A refused post gets the error page (itself with fresh form tokens), the route never runs.
    if (refused) c.res = await refusedPage(refused, c);
    else await next();
    if (!(c.res.headers.get('content-type') ?? '').startsWith('text/html')) return;
    const html = await c.res.text();
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(injectCsrfField(html, token), { status: c.res.status, headers });
    if (!session && token !== cookieToken) {
      setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: deps.secureCookies, path: '/' });
    }
  };
}
