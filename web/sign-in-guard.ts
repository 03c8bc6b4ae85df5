import type { Context } from 'hono';
import { TooManyRequestsError, UnauthorizedError } from '../core/errors.ts';
import { assertNotLocked, clearFailures, recordFailure, type Subject } from '../core/store/sign-in-limits-store.ts';
import { signIn } from '../core/use-cases/sign-in.ts';
import type { WebDeps } from './web-deps.ts';

type ClientEnv = { incoming?: { socket?: { remoteAddress?: string } }; event?: { requestContext?: { http?: { sourceIp?: string } } } };

/** The caller's address: the socket locally, the Function URL's source IP on AWS (never a spoofable header). */
export function clientIp(c: Context): string {
  const env = c.env as ClientEnv | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Sign-in with lockout: a locked account or address is refused before the password is
 * checked (429 with Retry-After); a wrong password counts against both.
 */
export async function guardedSignIn(c: Context, deps: WebDeps, username: string, password: string) {
  const subjects: Subject[] = [{ kind: 'USER', id: username.trim().toLowerCase() }, { kind: 'IP', id: clientIp(c) }];
  try {
    await assertNotLocked(deps, subjects);
    const result = await signIn(deps, username, password).catch(async (error: unknown) => {
      if (error instanceof UnauthorizedError) await recordFailure(deps, subjects);
      throw error;
    });
    await clearFailures(deps, subjects[0]!);
    return result;
  } catch (error) {
    if (error instanceof TooManyRequestsError) c.header('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
}
