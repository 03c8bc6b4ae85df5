import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { UnauthorizedError } from '../errors.ts';
import { verifyPassword } from '../passwords.ts';
import { getAccount, type Account } from '../store/org-store.ts';

// Compared against when the account does not exist, so both cases take the same time.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function actorOf(account: Pick<Account, 'username' | 'role' | 'unitId' | 'boardId' | 'boardRoles'>): Actor {
  if (account.role === 'unit' && account.unitId) return { kind: 'user', username: account.username, role: 'unit', unitId: account.unitId };
  if (account.role === 'board' && account.boardId)
    return { kind: 'user', username: account.username, role: 'board', boardId: account.boardId, boardRoles: account.boardRoles };
  if (account.role === 'admin') return { kind: 'user', username: account.username, role: 'admin' };
  throw new UnauthorizedError('error.accountHasNoScope');
}

export async function signIn(deps: Pick<Deps, 'db' | 'tableName'>, username: string, password: string) {
  const account = await getAccount(deps, username);
  const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || !ok) throw new UnauthorizedError('error.wrongCredentials');
  // Said only to whoever knows the password, so it reveals nothing to a guesser.
  if (account.deactivatedAt) throw new UnauthorizedError('error.accountInactive');
  return { actor: actorOf(account), displayName: account.displayName };
}
