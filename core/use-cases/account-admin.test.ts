import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors.ts';
import { ADMIN, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { deactivateAccount, reactivateAccount, resetPassword } from './account-admin.ts';
import { saveAccount } from './organisation.ts';
import { findSession, openSession } from './sessions.ts';
import { signIn } from './sign-in.ts';

/** Deactivating, reactivating and resetting an account, on the real store: sessions end with each. */
let w: World;
const PASSWORD = 'Mat-khau-2026';
beforeAll(async () => {
  w = await useCaseWorld('acct');
});

async function account(username: string) {
  await saveAccount(w.deps, ADMIN, {
    username,
    displayName: `Cán bộ ${username}`,
    role: 'unit',
    unitId: w.ids.chainUnit,
    password: PASSWORD,
  });
  const now = Math.floor(Date.now() / 1000);
  const session = {
    sid: `sid-${username}`,
    username,
    actor: unitActor(w.ids.chainUnit),
    displayName: username,
    iat: now,
    seen: now,
    exp: now + 3600,
  };
  await openSession(w.deps, session);
  return session;
}

const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as Error,
  );

describe('account administration', () => {
  it('a deactivated account cannot sign in, its sessions end, and an edit keeps it deactivated; reactivated it signs in again', async () => {
    const session = await account('can.bo.nghi');
    const done = await deactivateAccount(w.deps, ADMIN, 'can.bo.nghi');
    expect(done).toMatchObject({ username: 'can.bo.nghi', ended: 1, deactivatedAt: expect.any(String) as string });
    expect(done).not.toHaveProperty('passwordHash');
    expect(await findSession(w.deps, 'can.bo.nghi', session.sid)).toBeUndefined();
    expect(await refused(signIn(w.deps, 'can.bo.nghi', PASSWORD))).toMatchObject({ key: 'error.accountInactive' });
    // A wrong password still says only that: nothing is revealed to a guesser.
    expect(await refused(signIn(w.deps, 'can.bo.nghi', 'sai-mat-khau'))).toMatchObject({ key: 'error.wrongCredentials' });
    await saveAccount(w.deps, ADMIN, { username: 'can.bo.nghi', displayName: 'Tên mới', role: 'unit', unitId: w.ids.chainUnit });
    expect(await refused(signIn(w.deps, 'can.bo.nghi', PASSWORD))).toBeInstanceOf(UnauthorizedError);

    expect(await reactivateAccount(w.deps, ADMIN, 'can.bo.nghi')).not.toHaveProperty('deactivatedAt');
    expect(await signIn(w.deps, 'can.bo.nghi', PASSWORD)).toMatchObject({ displayName: 'Tên mới' });
  });

  it('a password reset ends the sessions; only the new password signs in', async () => {
    const session = await account('can.bo.quen');
    expect(await resetPassword(w.deps, ADMIN, 'can.bo.quen', { password: 'Mat-khau-moi-2026' })).toMatchObject({ ended: 1 });
    expect(await findSession(w.deps, 'can.bo.quen', session.sid)).toBeUndefined();
    expect(await refused(signIn(w.deps, 'can.bo.quen', PASSWORD))).toMatchObject({ key: 'error.wrongCredentials' });
    expect(await signIn(w.deps, 'can.bo.quen', 'Mat-khau-moi-2026')).toMatchObject({ displayName: 'Cán bộ can.bo.quen' });
  });

  it('is for administrators, never on one’s own account, names the field of a bad input, and 404s an unknown account', async () => {
    await account('can.bo.khac');
    expect(await refused(deactivateAccount(w.deps, unitActor(w.ids.chainUnit), 'can.bo.khac'))).toBeInstanceOf(ForbiddenError);
    expect(await refused(resetPassword(w.deps, unitActor(w.ids.chainUnit), 'can.bo.khac', { password: 'x'.repeat(12) }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refused(deactivateAccount(w.deps, ADMIN, ADMIN.username))).toBeInstanceOf(ConflictError);
    expect(await refused(deactivateAccount(w.deps, ADMIN, 'khong.co'))).toBeInstanceOf(NotFoundError);
    const short = await refused(resetPassword(w.deps, ADMIN, 'can.bo.khac', { password: 'ngan' }));
    expect(short).toBeInstanceOf(ValidationError);
    expect((short as ValidationError).issues).toEqual([expect.objectContaining({ field: 'password', key: 'reason.tooShort' })]);
    const blank = await refused(resetPassword(w.deps, ADMIN, ' ', { password: 'x'.repeat(12) }));
    expect((blank as ValidationError).issues).toEqual([expect.objectContaining({ field: 'username', key: 'reason.required' })]);
  });
});
