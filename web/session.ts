import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { Actor } from '../core/actor.ts';
import { UnauthorizedError } from '../core/errors.ts';
import type { AppEnv, WebDeps } from './web-deps.ts';

const COOKIE = 'dvk_session';
const SESSION_SECONDS = 8 * 3600;

type SessionBody = { actor: Actor; displayName: string; exp: number };

/** Signed (HMAC), HttpOnly, SameSite=Lax session cookie carrying the actor and an expiry. */
export async function startSession(c: Context, deps: WebDeps, actor: Actor, displayName: string): Promise<void> {
  const body: SessionBody = { actor, displayName, exp: Math.floor(Date.now() / 1000) + SESSION_SECONDS };
  await setSignedCookie(c, COOKIE, Buffer.from(JSON.stringify(body)).toString('base64url'), deps.sessionSecret, {
    httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies, path: '/', maxAge: SESSION_SECONDS,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, COOKIE, { path: '/' });
}

export async function readSession(c: Context, deps: WebDeps): Promise<SessionBody | undefined> {
  const value = await getSignedCookie(c, deps.sessionSecret, COOKIE);
  if (!value) return undefined;
  try {
    const body = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as SessionBody;
    return body.exp > Date.now() / 1000 ? body : undefined;
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
