import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../local/seed-demo.ts';
import { ApiClient } from '../support/api-client.ts';
import { useDemoRuntime } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { stringMatching } from '../support/matchers.ts';

/** Finding 2 (sessions could not be revoked) and 15 (security events), replayed against the runtime. */
const ctx = useDemoRuntime();
const counts = { attacksTried: 0, attacksDenied: 0, revokedSessionsHonoured: 0 };
afterAll(() => recordCounts('security-sessions', counts));

const ACCOUNT = { displayName: 'Cán bộ thử', role: 'admin' };
/** The old session tries what it could do before; it must be signed out now. */
async function expectRevoked(client: ApiClient, what: string) {
  counts.attacksTried += 2;
  const me = await client.get('/api/me');
  const act = await client.call('PUT', '/api/accounts', {
    username: `x-${Date.now()}`,
    displayName: 'x',
    role: 'admin',
    password: 'mot-mat-khau-dai',
  });
  expect(me.status, what).toBe(401);
  expect(act.status, what).toBe(401);
  counts.attacksDenied += 2;
  counts.revokedSessionsHonoured += 1;
}

async function newAdmin(username: string, password = 'mat-khau-ban-dau-1') {
  const saved = await ctx.users.admin.call('PUT', '/api/accounts', { username, password, ...ACCOUNT });
  expect(saved.status).toBe(200);
  return ApiClient.signIn(ctx.runtime.webUrl, username, password);
}

describe('sessions end on the server', () => {
  it('a demoted administrator loses the session at once, and cannot create an account with it', async () => {
    const demoted = await newAdmin('qt.bi-ha-quyen');
    expect((await demoted.get('/api/accounts')).status).toBe(200);
    await ctx.users.admin.call('PUT', '/api/accounts', {
      username: 'qt.bi-ha-quyen',
      displayName: 'Cán bộ thử',
      role: 'unit',
      unitId: 'phuong-ha-long',
    });
    await expectRevoked(demoted, 'demoted');
  });

  it('a password change, a removal, a sign-out and an administrator end the sessions they concern', async () => {
    const changed = await newAdmin('qt.doi-mat-khau');
    const elsewhere = await ApiClient.signIn(ctx.runtime.webUrl, 'qt.doi-mat-khau', 'mat-khau-ban-dau-1');
    await ctx.users.admin.call('PUT', '/api/accounts', { username: 'qt.doi-mat-khau', password: 'mat-khau-moi-2345', ...ACCOUNT });
    await expectRevoked(changed, 'password changed');
    await expectRevoked(elsewhere, 'password changed, second device');
    expect((await ApiClient.signIn(ctx.runtime.webUrl, 'qt.doi-mat-khau', 'mat-khau-moi-2345').then((c) => c.get('/api/me'))).status).toBe(
      200,
    );

    const removed = await newAdmin('qt.bi-xoa');
    expect((await ctx.users.admin.call('DELETE', '/api/accounts/qt.bi-xoa')).status).toBe(204);
    await expectRevoked(removed, 'removed');

    const signedOut = await newAdmin('qt.dang-xuat');
    const cookie = signedOut.cookie;
    expect((await signedOut.call('DELETE', '/api/session')).status).toBe(204);
    const replay = new ApiClient(ctx.runtime.webUrl);
    replay.cookie = cookie; // the cookie a thief copied before the sign-out
    await expectRevoked(replay, 'signed out');

    const ended = await newAdmin('qt.ket-thuc');
    const endedAll = await ctx.users.admin.call('DELETE', '/api/accounts/qt.ket-thuc/sessions');
    expect(endedAll).toMatchObject({ status: 200, body: { ended: 1 } });
    await expectRevoked(ended, 'ended by an administrator');
  });

  it('only administrators end sessions or remove accounts, and not their own account', async () => {
    counts.attacksTried += 3;
    const unit = await ApiClient.signIn(ctx.runtime.webUrl, 'donvi.halong');
    expect((await unit.call('DELETE', '/api/accounts/quantri/sessions')).status).toBe(403);
    expect((await unit.call('DELETE', '/api/accounts/quantri')).status).toBe(403);
    expect((await ctx.users.admin.call('DELETE', '/api/accounts/quantri')).status).toBe(409);
    counts.attacksDenied += 3;
    expect((await ctx.users.admin.call('DELETE', '/api/accounts/khong-co')).status).toBe(404);
  });

  it('an old session is not given a new actor by a display-name edit, but keeps working', async () => {
    const renamed = await newAdmin('qt.doi-ten');
    await ctx.users.admin.call('PUT', '/api/accounts', { username: 'qt.doi-ten', displayName: 'Tên mới', role: 'admin' });
    expect((await renamed.get('/api/me')).status).toBe(200);
  });
});

describe('security events', () => {
  it('failed sign-ins, lockouts, sign-outs, ended sessions and account changes are read by administrators only', async () => {
    const wrong = new ApiClient(ctx.runtime.webUrl);
    for (let i = 0; i < 6; i++) await wrong.post('/api/session', { username: 'donvi.dongha', password: 'sai-mat-khau' });
    const { status, body } = await ctx.users.admin.get('/api/security-events?limit=500');
    expect(status).toBe(200);
    const types = new Set((body.events as { type: string }[]).map((e) => e.type));
    for (const type of [
      'SIGN_IN_FAILED',
      'SIGN_IN_LOCKED',
      'SIGNED_OUT',
      'SESSIONS_ENDED',
      'ACCOUNT_CREATED',
      'ACCOUNT_CHANGED',
      'ACCOUNT_REMOVED',
    ])
      expect(types, type).toContain(type);
    const failed = (body.events as { type: string; subject: string; ip?: string }[]).filter(
      (e) => e.type === 'SIGN_IN_FAILED' && e.subject === 'donvi.dongha',
    );
    expect(failed).toHaveLength(5);
    expect(failed[0]!.ip).toBe('127.0.0.1');
    const demotion = (body.events as { type: string; subject: string; detail?: string; actor: string }[]).find(
      (e) => e.type === 'ACCOUNT_CHANGED' && e.subject === 'qt.bi-ha-quyen',
    );
    expect(demotion).toMatchObject({ actor: 'quantri', detail: stringMatching(/role admin → unit.*1 session\(s\) ended/) });
    expect(JSON.stringify(body)).not.toMatch(/sai-mat-khau|mat-khau-moi|scrypt/);

    counts.attacksTried += 1;
    expect((await ctx.users.unit.get('/api/security-events')).status).toBe(403);
    counts.attacksDenied += 1;
    const page = await fetch(`${ctx.runtime.webUrl}/admin/security`, { headers: { cookie: ctx.users.admin.cookie } });
    const html = await page.text();
    expect(html).toContain('Nhật ký bảo mật');
    expect(html).toContain('Đăng nhập sai');
    const english = await fetch(`${ctx.runtime.webUrl}/admin/security`, { headers: { cookie: `${ctx.users.admin.cookie}; lang=en` } });
    expect(await english.text()).toContain('Failed sign-in');
  });

  it('the correct password still signs in after the others failed, for another account', async () => {
    expect((await ApiClient.signIn(ctx.runtime.webUrl, 'donvi.quangla', DEMO_PASSWORD).then((c) => c.get('/api/me'))).status).toBe(200);
  });
});
