import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../local/seed-demo.ts';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';
import { checkedFetch } from '../support/contract.ts';
import { stringMatching } from '../support/matchers.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => runtime?.stop());

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]!);
const tokenOf = (html: string) => /<form method="post"[^>]*><input type="hidden" name="_csrf" value="([^"]+)">/.exec(html)?.[1];
const form = (values: Record<string, string>) => ({
  'content-type': 'application/x-www-form-urlencoded',
  body: new URLSearchParams(values).toString(),
});
async function post(path: string, cookie: string, values: Record<string, string>) {
  const { body, ...headers } = form(values);
  return fetch(`${runtime.webUrl}${path}`, { method: 'POST', redirect: 'manual', headers: { ...headers, cookie }, body });
}

describe('CSRF on form posts', () => {
  it('signs in with the double-submit token, and refuses a post without it (403 page)', async () => {
    const page = await fetch(`${runtime.webUrl}/sign-in`);
    const csrfCookie = cookiesOf(page).find((c) => c.startsWith('dvk_csrf='))!;
    expect(page.headers.getSetCookie().find((c) => c.startsWith('dvk_csrf='))).toMatch(/HttpOnly.*SameSite=Strict/i);
    const token = tokenOf(await page.text());
    expect(token).toBe(csrfCookie.split('=')[1]);

    const forged = await post('/sign-in', '', { username: 'donvi.halong', password: DEMO_PASSWORD });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toMatch(/text\/html/);
    expect(await forged.text()).toMatch(/tải lại trang/);
    expect(cookiesOf(forged).some((c) => c.startsWith('dvk_session='))).toBe(false);
    const wrong = await post('/sign-in', csrfCookie, { username: 'donvi.halong', password: DEMO_PASSWORD, _csrf: `${token}x` });
    expect(wrong.status).toBe(403);

    const ok = await post('/sign-in', csrfCookie, { username: 'donvi.halong', password: DEMO_PASSWORD, _csrf: token! });
    expect(ok.status).toBe(303);
    const session = ok.headers.getSetCookie().find((c) => c.startsWith('dvk_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it('a signed-in form carries the session token; a post with another session’s token changes nothing', async () => {
    const unit = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
    const other = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
    expect(other.cookie).not.toBe(unit.cookie); // a new session id on every sign-in
    const page = await (await fetch(`${runtime.webUrl}/unit`, { headers: { cookie: unit.cookie } })).text();
    const token = tokenOf(page)!;
    const otherToken = tokenOf(await (await fetch(`${runtime.webUrl}/unit`, { headers: { cookie: other.cookie } })).text())!;
    expect(token).not.toBe(otherToken);
    // Every post form of the page has the field.
    expect(page.match(/<form method="post"/g)!.length).toBe(page.match(/name="_csrf"/g)!.length);

    const before = ((await unit.get('/api/models')).body.models as unknown[]).length;
    const fields = { name: 'Mô hình CSRF', kind: 'MODEL', area: 'ECONOMY', year: String(THIS_YEAR), action: 'draft' };
    for (const bad of [{}, { _csrf: otherToken }, { _csrf: '' }] as Record<string, string>[]) {
      expect((await post('/unit/models', unit.cookie, { ...fields, ...bad })).status).toBe(403);
    }
    expect(((await unit.get('/api/models')).body.models as unknown[]).length).toBe(before);
    // The right token passes the check (the form itself then answers as usual, here 400: fields missing).
    expect((await post('/unit/models', unit.cookie, { ...fields, _csrf: token })).status).not.toBe(403);
  });

  it('an oversized post is refused without running: 413 before the token check, or by the upload page itself', async () => {
    const unit = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
    const big = `name=${'x'.repeat(11 * 1024 * 1024)}`;
    const draft = (await unit.call('POST', '/api/models?submit=false', registration())).body.id;
    for (const path of ['/unit/models', `/models/${draft}/evidence`]) {
      const response = await fetch(`${runtime.webUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: unit.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: big,
      });
      expect(response.status, path).toBe(413);
    }
  });

  it('the JSON API is not affected (it needs a JSON body and SameSite cookies)', async () => {
    const unit = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
    expect((await unit.get('/api/me')).status).toBe(200);
  });
});

describe('secure headers', () => {
  it('sends a Content-Security-Policy without inline scripts or styles, and the usual hardening headers', async () => {
    const page = await fetch(`${runtime.webUrl}/sign-in`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('sign-in lockout', () => {
  it('locks an account after 5 failures for 15 minutes (429, Retry-After), even with the right password', async () => {
    const attempt = (password: string) =>
      checkedFetch(`${runtime.webUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'donvi.quangla', password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('sai-mat-khau')).status).toBe(401);
    const locked = await attempt(DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(((await locked.json()) as { error: { message: string } }).error).toMatchObject({
      message: stringMatching(/15 phút/),
      key: 'error.tooManySignIns',
      params: { minutes: 15 },
    });
    expect(locked.headers.getSetCookie()).toEqual([]);
    // Other accounts are not locked.
    expect((await ApiClient.signIn(runtime.webUrl, 'donvi.dongha')).cookie).toMatch(/^dvk_session=/);
  });

  it('a successful sign-in clears the failures of the account', async () => {
    const attempt = (password: string) =>
      checkedFetch(`${runtime.webUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ban.quangtri', password }),
      });
    for (let i = 0; i < 4; i++) expect((await attempt('sai')).status).toBe(401);
    expect((await attempt(DEMO_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('sai')).status).toBe(401);
    expect((await attempt(DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('compression for slow connections', () => {
  it('sends pages, scripts and JSON gzip-compressed to a client that accepts it, and the same bytes once unpacked', async () => {
    const { gunzipSync } = await import('node:zlib');
    const { request } = await import('node:http');
    // node:http, not fetch: fetch unpacks on its own, and the test wants the bytes on the wire.
    const raw = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(`${runtime.webUrl}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of ['/sign-in', '/static/chart.js', '/openapi.json']) {
      const plain = await raw(path);
      const packed = await raw(path, { 'accept-encoding': 'gzip' });
      expect(packed.headers['content-encoding'], path).toBe('gzip');
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(packed.body.length, path).toBeLessThan(plain.body.length * 0.6);
      const text = gunzipSync(packed.body).toString();
      // Pages carry a fresh CSRF token each time: compare them without it.
      const same = (s: string) => s.replace(/value="[\w-]{20,}"/g, 'value=""');
      expect(same(text), path).toBe(same(plain.body.toString()));
    }
  });
});
