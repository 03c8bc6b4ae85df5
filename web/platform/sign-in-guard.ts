import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { TooManyRequestsError, UnauthorizedError } from '../../core/errors.ts';
import {
  clearSignInAttempts,
  releaseSignInAttempt,
  reserveSignInAttempt,
  type SignInSubject,
} from '../../core/use-cases/sign-in-limits.ts';
import { recordSecurityEvent } from '../../core/use-cases/security-events.ts';
import { signIn } from '../../core/use-cases/sign-in.ts';
import type { WebDeps } from '../web-deps.ts';

type ClientEnv = { incoming?: { socket?: { remoteAddress?: string } }; event?: { requestContext?: { http?: { sourceIp?: string } } } };

/** The caller's address: the socket locally, the Function URL's source IP on AWS (never a spoofable header). */
export function clientIp(c: Context): string {
  const env = c.env as ClientEnv | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Sign-in with lockout: the attempt is counted against the account and the address before
 * the password is checked (so parallel guesses cannot outrun the count); a correct password
 * takes it back. Past a limit: 429 with Retry-After. Failures and refusals are security events.
 */
export async function guardedSignIn(c: Context, deps: WebDeps, username: string, password: string) {
  const account = username.trim().toLowerCase();
  const ip = clientIp(c);
  const [user, address]: SignInSubject[] = [
    { kind: 'USER', id: account },
    { kind: 'IP', id: ip },
  ];
  const attemptId = randomUUID();
  try {
    await reserveSignInAttempt(deps, [user!, address!], attemptId);
  } catch (error) {
    if (error instanceof TooManyRequestsError) {
      c.header('Retry-After', String(error.retryAfterSeconds));
      await recordSecurityEvent(deps, { type: 'SIGN_IN_LOCKED', actor: account, subject: account, ip });
    }
    throw error;
  }
  try {
    const result = await signIn(deps, account, password);
    await clearSignInAttempts(deps, user!);
    await releaseSignInAttempt(deps, address!, attemptId);
    return result;
  } catch (error) {
    if (error instanceof UnauthorizedError)
      await recordSecurityEvent(deps, { type: 'SIGN_IN_FAILED', actor: account, subject: account, ip });
    throw error;
  }
}
