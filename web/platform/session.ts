import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { Actor } from '../../core/actor.ts';
import { UnauthorizedError } from '../../core/errors.ts';
import { closeSession, findSession, markSessionSeen, openSession, type Session } from '../../core/use-cases/sessions.ts';
import type { AppEnv, WebDeps } from '../web-deps.ts';

export const SESSION_COOKIE = 'dvk_session';
const COOKIE = SESSION_COOKIE;
/** Absolute lifetime: a session never outlives a working day. */
const SESSION_SECONDS = 8 * 3600;
/** Idle lifetime: untouched this long, the session ends; any request slides it forward. */
export const IDLE_SECONDS = 30 * 60;
/** The server-side idle clock is moved at most this often (one write a minute per session). */
const REFRESH_SECONDS = 60;

/**
 * A session lives server-side (core/store/session-store.ts), read on every request, so it
 * ends the moment it is revoked: on sign-out, on a change of the account's password, role or
 * scope, on its removal, or by an administrator. The cookie only names it (username and a
 * random id, HMAC-signed so forged names cost no read); `sid` also keys the CSRF token.
 *
 * The cookie also carries the session's actor (`a`), which never changes while the session
 * lives (a change of the account revokes it). A GET may start its reads as that actor while
 * the session is read, and its answer is sent only once the session is found alive with the
 * same actor: one round trip to the table instead of two in a row, and nothing disclosed early.
 */
export type SessionBody = Session;
type CookieValue = { u: string; s: string; a?: Actor };

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Each request reads its session once, however many middlewares ask. */
const readOnce = new WeakMap<Context, Promise<SessionBody | undefined>>();

/** Starts a new session (a new id on every sign-in: rotation) and sets its cookie. */
export async function startSession(c: Context, deps: WebDeps, actor: Actor, displayName: string): Promise<SessionBody> {
  const now = nowSeconds();
  const session: SessionBody = {
    sid: randomBytes(24).toString('base64url'),
    username: actor.username,
    actor,
    displayName,
    iat: now,
    seen: now,
    exp: now + SESSION_SECONDS,
  };
  await openSession(deps, session);
  const value: CookieValue = { u: session.username, s: session.sid, a: actor };
  await setSignedCookie(c, COOKIE, Buffer.from(JSON.stringify(value)).toString('base64url'), deps.sessionSecret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.secureCookies,
    path: '/',
    maxAge: SESSION_SECONDS,
  });
  readOnce.set(c, Promise.resolve(session));
  return session;
}

/** Slides the idle limit of a live session forward (at most once a minute per session). */
export function refreshSession(deps: WebDeps): MiddlewareHandler {
  return async (c, next) => {
    const seen = readSession(c, deps).then(async (session) => {
      if (session && nowSeconds() - session.seen >= REFRESH_SECONDS)
        await markSessionSeen(deps, session.username, session.sid, nowSeconds());
    });
    if (c.req.method !== 'GET') {
      await seen;
      return next();
    }
    // Beside a GET, not before it: it may read while its session is read (requireActor).
    const [marked] = await Promise.allSettled([seen, next()]);
    if (marked.status === 'rejected') throw marked.reason;
  };
}

/** Ends this request's session on the server and drops its cookie; answers the ended session. */
export async function endSession(c: Context, deps: WebDeps): Promise<SessionBody | undefined> {
  const session = await readSession(c, deps);
  if (session) await closeSession(deps, session.username, session.sid);
  deleteCookie(c, COOKIE, { path: '/' });
  readOnce.set(c, Promise.resolve(undefined));
  return session;
}

function cookieValue(raw: string): CookieValue | undefined {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<CookieValue>;
    if (typeof value.u !== 'string' || typeof value.s !== 'string') return undefined;
    const actor = value.a && typeof value.a === 'object' && value.a.username === value.u ? value.a : undefined;
    return { u: value.u, s: value.s, a: actor };
  } catch {
    return undefined;
  }
}

/** The cookie, its signature checked (once a request); cookies without an actor (earlier versions) still name their session. */
const cookieOnce = new WeakMap<Context, Promise<CookieValue | undefined>>();
function readCookie(c: Context, deps: WebDeps): Promise<CookieValue | undefined> {
  let read = cookieOnce.get(c);
  if (!read) {
    read = getSignedCookie(c, deps.sessionSecret, COOKIE).then((raw) => (raw ? cookieValue(raw) : undefined));
    cookieOnce.set(c, read);
  }
  return read;
}

const sameActor = (a: Actor, b: Actor) => JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());

async function lookUp(c: Context, deps: WebDeps): Promise<SessionBody | undefined> {
  // Cookies of the version before server-side sessions carry no id: they are simply not accepted.
  const value = await readCookie(c, deps);
  if (!value) return undefined;
  const session = await findSession(deps, value.u, value.s);
  const now = nowSeconds();
  return session && session.exp > now && now - session.seen < IDLE_SECONDS ? session : undefined;
}

export function readSession(c: Context, deps: WebDeps): Promise<SessionBody | undefined> {
  let read = readOnce.get(c);
  if (!read) {
    read = lookUp(c, deps);
    readOnce.set(c, read);
  }
  return read;
}

/** Puts the signed-in actor on the context, or answers 401. */
export function requireActor(deps: WebDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const read = readSession(c, deps);
    const claimed = c.req.method === 'GET' ? (await readCookie(c, deps))?.a : undefined;
    if (!claimed) {
      const session = await read;
      if (!session) throw new UnauthorizedError('error.signInRequired');
      c.set('actor', session.actor);
      return next();
    }
    // A GET reads as the cookie's actor meanwhile; its answer stands only if the session does.
    c.set('actor', claimed);
    const [session] = await Promise.allSettled([read, next()]);
    const alive = session.status === 'fulfilled' && session.value && sameActor(session.value.actor, claimed);
    if (alive) return;
    // The answer read meanwhile is dropped, headers and all (also those set with c.header()).
    const dropped = [...c.res.headers.keys()];
    c.res = undefined;
    c.finalized = false;
    for (const name of dropped) c.header(name, undefined);
    throw session.status === 'rejected' ? session.reason : new UnauthorizedError('error.signInRequired');
  };
}
