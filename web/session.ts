import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { Actor } from '../core/actor.ts';
import { UnauthorizedError } from '../core/errors.ts';
import type { AppEnv, WebDeps } from './web-deps.ts';

export const SESSION_COOKIE = 'dvk_session';
const COOKIE = SESSION_COOKIE;
/** Absolute lifetime: a session never outlives a working day. */
const SESSION_SECONDS = 8 * 3600;
/** Idle lifetime: untouched this long, the session ends; any request slides it forward. */
export const IDLE_SECONDS = 30 * 60;
/** The cookie is re-issued (sliding the idle limit) at most this often. */
const REFRESH_SECONDS = 60;

/** `sid` is new on every sign-in (rotation) and keys the CSRF token; `iat`/`seen` drive expiry. */
export type SessionBody = { actor: Actor; displayName: string; sid: string; iat: number; seen: number; exp: number };

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function writeSession(c: Context, deps: WebDeps, body: SessionBody): Promise<void> {
  await setSignedCookie(c, COOKIE, Buffer.from(JSON.stringify(body)).toString('base64url'), deps.sessionSecret, {
    httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies, path: '/', maxAge: Math.max(0, body.exp - body.seen),
  });
}

/** Signed (HMAC), HttpOnly, SameSite=Lax session cookie carrying the actor; a new session id each sign-in. */
export async function startSession(c: Context, deps: WebDeps, actor: Actor, displayName: string): Promise<void> {
  const now = nowSeconds();
  await writeSession(c, deps, { actor, displayName, sid: randomUUID(), iat: now, seen: now, exp: now + SESSION_SECONDS });
}

/** Slides the idle limit of a live session forward (at most once a minute, to keep responses small). */
export function refreshSession(deps: WebDeps): MiddlewareHandler {
  return async (c, next) => {
    const session = await readSession(c, deps);
    await next();
    const setsSession = c.res.headers.getSetCookie().some((cookie) => cookie.startsWith(`${COOKIE}=`));
    if (session && !setsSession && nowSeconds() - session.seen >= REFRESH_SECONDS) {
      // Hono puts the cookie on the already-built response.
      await writeSession(c, deps, { ...session, seen: nowSeconds() });
    }
  };
}

export function endSession(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/' });
}

export async function readSession(c: Context, deps: WebDeps): Promise<SessionBody | undefined> {
  const value = await getSignedCookie(c, deps.sessionSecret, COOKIE);
  if (!value) return undefined;
  try {
    const body = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as SessionBody;
    const now = nowSeconds();
    // Cookies from before sessions had an id are not accepted (they carry no idle time).
    if (typeof body.sid !== 'string' || typeof body.seen !== 'number') return undefined;
    return body.exp > now && now - body.seen < IDLE_SECONDS ? body : undefined;
  } catch {
    return undefined;
  }
}

/** Puts the signed-in actor on the context, or answers 401. */
export function requireActor(deps: WebDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await readSession(c, deps);
    if (!session) throw new UnauthorizedError('Cần đăng nhập / sign-in required');
    c.set('actor', session.actor);
    await next();
  };
}
