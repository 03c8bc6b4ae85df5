import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeSessionsOf } from '../../core/use-cases/sessions.ts';
import { freshTable } from '../../test/support/fresh-table.ts';
import { endSession, readSession, refreshSession, requireActor, startSession } from './session.ts';
import type { WebDeps } from '../web-deps.ts';

const actor = { kind: 'user', username: 'donvi.halong', role: 'unit', unitId: 'phuong-ha-long' } as const;
const table = await freshTable('sessions');
function app(secureCookies = false) {
  const deps = { ...table, sessionSecret: 'test-secret-test-secret-test-secret', secureCookies } as WebDeps;
  return new Hono()
    .use('*', refreshSession(deps))
    .post('/in', async (c) => {
      await startSession(c, deps, actor, 'Phường Hạ Long');
      return c.body(null, 204);
    })
    .post('/out', async (c) => {
      await endSession(c, deps);
      return c.body(null, 204);
    })
    .get('/me', async (c) => c.json((await readSession(c, deps)) ?? null))
    .get('/secret', requireActor(deps), (c) => {
      reads.push(c.get('actor').username); // a read done as the cookie's actor, before the session is known
      c.header('x-secret', 'leaked');
      return c.json({ secret: 'the queue of ' + c.get('actor').username });
    })
    .onError((error, c) => c.json({ error: error.name }, 401));
}
const reads: string[] = [];
const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';
const at = (iso: string) => vi.setSystemTime(new Date(iso));

afterEach(() => vi.useRealTimers());

describe('sessions', () => {
  it('are HttpOnly, SameSite=Lax, Secure when asked, and get a new id at every sign-in', async () => {
    const secure = await app(true).request('/in', { method: 'POST' });
    expect(secure.headers.get('set-cookie')).toMatch(/HttpOnly.*Secure.*SameSite=Lax|HttpOnly.*SameSite=Lax.*Secure|Secure.*HttpOnly/i);
    const plain = app();
    const signIn = async () =>
      (await (await plain.request('/me', { headers: { cookie: cookieOf(await plain.request('/in', { method: 'POST' })) } })).json()) as {
        sid: string;
      };
    const first = await signIn();
    const second = await signIn();
    expect(first.sid).toEqual(expect.any(String));
    expect(second.sid).not.toBe(first.sid);
  });

  it('end after 30 idle minutes; a request slides the idle limit, never past 8 hours', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const web = app();
    at('2026-03-01T08:00:00Z');
    let cookie = cookieOf(await web.request('/in', { method: 'POST' }));
    const me = async () => {
      const response = await web.request('/me', { headers: { cookie } });
      if (cookieOf(response)) cookie = cookieOf(response);
      return response.json() as Promise<unknown>;
    };
    at('2026-03-01T08:29:00Z');
    expect(await me()).toMatchObject({ actor }); // and refreshed
    // Hourly activity keeps it alive until the absolute limit.
    for (const time of [
      '08:58',
      '09:27',
      '09:56',
      '10:25',
      '10:54',
      '11:23',
      '11:52',
      '12:21',
      '12:50',
      '13:19',
      '13:48',
      '14:17',
      '14:46',
      '15:15',
      '15:44',
    ]) {
      at(`2026-03-01T${time}:00Z`);
      expect(await me(), time).toMatchObject({ actor });
    }
    at('2026-03-01T16:00:01Z');
    expect(await me()).toBeNull();

    at('2026-03-02T08:00:00Z');
    cookie = cookieOf(await web.request('/in', { method: 'POST' }));
    at('2026-03-02T08:30:01Z');
    expect(await me()).toBeNull();
  });

  it('end on the server: a cookie kept after sign-out, or after its sessions were ended, is refused', async () => {
    const web = app();
    const kept = cookieOf(await web.request('/in', { method: 'POST' }));
    const other = cookieOf(await web.request('/in', { method: 'POST' }));
    expect(await (await web.request('/me', { headers: { cookie: kept } })).json()).toMatchObject({ actor });
    await web.request('/out', { method: 'POST', headers: { cookie: kept } });
    expect(await (await web.request('/me', { headers: { cookie: kept } })).json()).toBeNull();
    expect(await (await web.request('/me', { headers: { cookie: other } })).json()).toMatchObject({ actor });
    expect(await closeSessionsOf(table, actor.username)).toBeGreaterThanOrEqual(1);
    expect(await (await web.request('/me', { headers: { cookie: other } })).json()).toBeNull();
  });

  it('refuses a cookie without a session id (issued before sessions had one)', async () => {
    const deps = { sessionSecret: 'test-secret-test-secret-test-secret', secureCookies: false } as WebDeps;
    const { setSignedCookie } = await import('hono/cookie');
    const legacy = new Hono().get('/', async (c) => {
      await setSignedCookie(
        c,
        'dvk_session',
        Buffer.from(JSON.stringify({ actor, displayName: 'x', exp: 2e9 })).toString('base64url'),
        deps.sessionSecret,
      );
      return c.body(null);
    });
    const cookie = cookieOf(await legacy.request('/'));
    expect(await (await app().request('/me', { headers: { cookie } })).json()).toBeNull();
  });

  it('let a GET read while its session is read, and drop that answer, headers and all, when the session has ended', async () => {
    const web = app();
    const cookie = cookieOf(await web.request('/in', { method: 'POST' }));
    reads.length = 0;
    const alive = await web.request('/secret', { headers: { cookie } });
    expect(await alive.json()).toEqual({ secret: 'the queue of donvi.halong' });
    expect(reads).toEqual(['donvi.halong']);
    await web.request('/out', { method: 'POST', headers: { cookie } });
    const ended = await web.request('/secret', { headers: { cookie } });
    expect(ended.status).toBe(401);
    expect(ended.headers.get('x-secret')).toBeNull();
    expect(await ended.text()).not.toContain('queue');
    // A POST never runs before its session is known.
    const post = await web.request('/secret', { method: 'POST', headers: { cookie } });
    expect(post.status).not.toBe(200);
  });

  it('accept the cookies of the version before actors rode in them (the session alone names the actor)', async () => {
    const deps = { ...table, sessionSecret: 'test-secret-test-secret-test-secret', secureCookies: false } as WebDeps;
    const web = app();
    const cookie = cookieOf(await web.request('/in', { method: 'POST' }));
    const { getSignedCookie, setSignedCookie } = await import('hono/cookie');
    const reader = new Hono().get('/', async (c) => c.text(String(await getSignedCookie(c, deps.sessionSecret, 'dvk_session'))));
    const value = await (await reader.request('/', { headers: { cookie } })).text();
    const { u, s } = JSON.parse(Buffer.from(value, 'base64url').toString()) as { u: string; s: string; a: unknown };
    const earlier = new Hono().get('/', async (c) => {
      await setSignedCookie(c, 'dvk_session', Buffer.from(JSON.stringify({ u, s })).toString('base64url'), deps.sessionSecret);
      return c.body(null);
    });
    const oldCookie = cookieOf(await earlier.request('/'));
    const response = await web.request('/secret', { headers: { cookie: oldCookie } });
    expect(await response.json()).toEqual({ secret: 'the queue of donvi.halong' });
  });
});
