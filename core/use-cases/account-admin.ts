import * as z from 'zod';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { hashPassword } from '../passwords.ts';
import { getAccount, putAccount, type Account } from '../store/org-store.ts';
import { deleteSessionsOf } from '../store/session-store.ts';
import { parseOrThrow } from '../validation.ts';
import { assertAdmin } from './organisation.ts';
import { recordSecurityEvent } from './security-events.ts';

/**
 * An administrator deactivates an account (a leaver, a lost laptop that must not come back),
 * reactivates it, or resets its password. Each ends the account's live sessions at once:
 * sessions are server-side, read on every request (web/platform/session.ts).
 */

export const PasswordResetSchema = z.strictObject({
  password: z.string().min(10).max(200).describe('10-200 characters: the new password, to hand over to the person'),
});

type Visible = Omit<Account, 'passwordHash'>;
const visible = ({ passwordHash: _hash, ...rest }: Account): Visible => rest;

async function loadAccount(deps: Deps, actor: Actor, username: string): Promise<Account> {
  assertAdmin(actor);
  if (!username.trim()) throw new ValidationError([{ field: 'username', key: 'reason.required' }]);
  const account = await getAccount(deps, username.trim().toLowerCase());
  if (!account) throw new NotFoundError('error.noAccount', { username });
  return account;
}

/** Deactivated, it cannot sign in and its sessions end; an administrator cannot lock themselves out. */
export async function deactivateAccount(deps: Deps, actor: Actor, username: string): Promise<Visible & { ended: number }> {
  assertAdmin(actor);
  if (actor.kind === 'user' && username.trim().toLowerCase() === actor.username)
    throw new ConflictError('error.cannotDeactivateOwnAccount');
  const account = await loadAccount(deps, actor, username);
  const changed: Account = { ...account, deactivatedAt: account.deactivatedAt ?? deps.now().toISOString() };
  if (!account.deactivatedAt) await putAccount(deps, changed);
  // Ended even when it was already deactivated: a retry must not leave a session behind.
  const ended = await deleteSessionsOf(deps, account.username);
  await recordSecurityEvent(deps, {
    type: 'ACCOUNT_CHANGED',
    actor: actor.username,
    subject: account.username,
    detail: `deactivated; ${ended} session(s) ended`,
  });
  return { ...visible(changed), ended };
}

/** Reactivated, it may sign in again with its password (reset it too if it may be known). */
export async function reactivateAccount(deps: Deps, actor: Actor, username: string): Promise<Visible> {
  const account = await loadAccount(deps, actor, username);
  if (!account.deactivatedAt) return visible(account);
  const { deactivatedAt: _at, ...active } = account;
  await putAccount(deps, active);
  await recordSecurityEvent(deps, { type: 'ACCOUNT_CHANGED', actor: actor.username, subject: account.username, detail: 'reactivated' });
  return visible(active);
}

/** A new password set by an administrator; the account's sessions end (never logged: only that it changed). */
export async function resetPassword(deps: Deps, actor: Actor, username: string, body: unknown): Promise<Visible & { ended: number }> {
  assertAdmin(actor);
  const { password } = parseOrThrow(PasswordResetSchema, body);
  const account = await loadAccount(deps, actor, username);
  const changed: Account = { ...account, passwordHash: await hashPassword(password) };
  await putAccount(deps, changed);
  const ended = await deleteSessionsOf(deps, account.username);
  await recordSecurityEvent(deps, {
    type: 'ACCOUNT_CHANGED',
    actor: actor.username,
    subject: account.username,
    detail: `password reset by an administrator; ${ended} session(s) ended`,
  });
  return { ...visible(changed), ended };
}
