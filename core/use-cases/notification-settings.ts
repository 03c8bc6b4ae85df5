import * as z from 'zod';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import { NOTIFY_PREFERENCES } from '../records.ts';
import { getAccount, putAccount } from '../store/org-store.ts';
import { parseOrThrow } from '../validation.ts';

// A person's own notification settings (the My account page): apart from notifications.ts, whose dispatch the workflow functions import without zod.

export const MyPreferencesSchema = z.strictObject({
  notify: z.enum(NOTIFY_PREFERENCES).describe('IMMEDIATE, DIGEST (one message a day) or OFF'),
  lang: z.enum(['vi', 'en']).describe('The language of the messages'),
});

/** A signed-in person's own notification settings (the address itself is an administrator's to set). */
export async function myNotificationSettings(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') throw new ForbiddenError('error.signInRequired');
  const account = await getAccount(deps, actor.username);
  if (!account) throw new ForbiddenError('error.signInRequired');
  return {
    email: account.email ?? null,
    notify: account.notify ?? 'IMMEDIATE',
    lang: account.lang ?? 'vi',
    bounced: Boolean(account.emailBouncedAt),
  };
}

export async function saveMyNotificationSettings(deps: Deps, actor: Actor, body: unknown) {
  const input = parseOrThrow(MyPreferencesSchema, body);
  if (actor.kind !== 'user') throw new ForbiddenError('error.signInRequired');
  const account = await getAccount(deps, actor.username);
  if (!account) throw new ForbiddenError('error.signInRequired');
  await putAccount(deps, { ...account, notify: input.notify, lang: input.lang });
  return myNotificationSettings(deps, actor);
}
