import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { withRequestKey } from '../../core/request-key.ts';
import { IDEMPOTENCY_SECONDS, IN_PROGRESS_SECONDS } from '../../core/store/idempotency-store.ts';
import { getModel } from '../../core/store/model-store.ts';
import { registerModel } from '../../core/use-cases/register-model.ts';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/shared/timeouts.ts';
import { DEMO_PASSWORD } from '../../local/seed-demo.ts';
import { requestHash } from '../../web/platform/idempotency.ts';
import { MAX_BODY_BYTES } from '../../web/platform/request-guards.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { useDemoRuntime, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { eventually } from '../support/test-runtime.ts';
import { checkedFetch } from '../support/contract.ts';

/** Findings 3, 4, 5, 6 and 8 of the security review, replayed against the runtime. */
const ctx = useDemoRuntime();
const counts = { attacksTried: 0, attacksDenied: 0 };
afterAll(() => recordCounts('security-requests', counts));
const url = (path: string) => `${ctx.runtime.webUrl}${path}`;
function tally(denied: boolean) {
  counts.attacksTried++;
  if (denied) counts.attacksDenied++;
  return denied;
}

describe('sign-in lockout under parallel guesses (finding 3)', () => {
  it('of 100 parallel wrong passwords for one account, at most 5 are checked; the rest are 429', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        checkedFetch(url('/api/session'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'donvi.dongha', password: `doan-${i}` }),
        }),
      ),
    );
    const checked = guesses.filter((r) => r.status === 401).length;
    const refused = guesses.filter((r) => r.status === 429).length;
    for (let i = 0; i < 100; i++) tally(i >= checked);
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + refused).toBe(100);
    // The right password is refused too while the account is locked.
    expect(
      (
        await checkedFetch(url('/api/session'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'donvi.dongha', password: DEMO_PASSWORD }),
        })
      ).status,
    ).toBe(429);
    // The address was charged only for the checked guesses: other accounts still sign in.
    expect((await ApiClient.signIn(ctx.runtime.webUrl, 'donvi.quangla')).cookie).not.toBe('');
  });
});

describe('redirects stay on this site (finding 4)', () => {
  it('refuses with 400, never 500 or a foreign Location, every next that is not a path here', async () => {
    for (const next of [
      '/%09/evil.example',
      '/%0d%0aSet-Cookie:%20a=1',
      '/%00x',
      '//evil.example',
      '/%5Cevil.example',
      'https://evil.example',
      '/%0A/evil.example',
    ]) {
      const response = await fetch(url(`/lang/en?next=${next}`), { redirect: 'manual' });
      tally(response.status === 400);
      expect(response.status, next).toBe(400);
      expect(response.headers.get('location'), next).toBeNull();
    }
    const fine = await fetch(url('/lang/en?next=%2Fpublic%3Fq%3D1'), { redirect: 'manual' });
    expect(fine.status).toBe(303);
    expect(fine.headers.get('location')).toBe('/public?q=1');
  });
});

describe('a request cut by a crash is answered on retry (finding 6)', () => {
  const key = (name: string) => `crash-${name}-${Date.now()}`;
  /** What a SIGKILL leaves: the key still IN_PROGRESS, its lease run out. */
  async function crashedRecord(username: string, idempotencyKey: string, hash: string) {
    const now = Math.floor(Date.now() / 1000);
    await ctx.runtime.webDeps.db.send(
      new PutCommand({
        TableName: ctx.runtime.webDeps.tableName,
        Item: {
          pk: `IDEMPOTENCY#${username}#${idempotencyKey}`,
          sk: 'META',
          type: 'IDEMPOTENCY',
          status: 'IN_PROGRESS',
          requestHash: hash,
          expiresAt: now + IDEMPOTENCY_SECONDS,
          leaseUntil: now - 1,
        },
      }),
    );
  }
  const post = (client: ApiClient, path: string, idempotencyKey: string, body: string) =>
    checkedFetch(url(path), {
      method: 'POST',
      headers: { cookie: client.cookie, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body,
    });

  it('keeps the in-progress lease within twice the web function timeout', () => {
    expect(IN_PROGRESS_SECONDS).toBe(2 * FUNCTION_TIMEOUT_SECONDS.web);
  });

  it('a registration that left a draft is submitted by the retry, which gets the model', async () => {
    const k = key('draft');
    const body = JSON.stringify(registration({ name: 'Mô hình bị cắt giữa chừng' }));
    // The first attempt wrote the draft and died before starting the lifecycle.
    const actor = { kind: 'user', username: 'donvi.halong', role: 'unit', unitId: 'phuong-ha-long' } as const;
    const draft = await withRequestKey({ username: 'donvi.halong', key: k }, () =>
      registerModel(ctx.runtime.webDeps, actor, JSON.parse(body), { submit: false }),
    );
    await crashedRecord('donvi.halong', k, requestHash('POST', url('/api/models'), 'application/json', new TextEncoder().encode(body)));
    const before = (await ctx.users.unit.get('/api/models')).body.models.length;
    const retry = await post(ctx.users.unit, '/api/models', k, body);
    expect(retry.status).toBe(202);
    expect(((await retry.json()) as { id: string }).id).toBe(draft.id);
    expect((await ctx.users.unit.get('/api/models')).body.models.length).toBe(before);
    await eventually(async () => (await getModel(ctx.runtime.webDeps, draft.id))?.status === 'SUBMITTED', 'the draft submitted');
    tally(true);
  });

  it('a registration that was submitted, and a decision that was taken, answer their retries with what was done', async () => {
    const k = key('submitted');
    const body = JSON.stringify(registration({ name: 'Mô hình đã gửi, chưa trả lời' }));
    const first = await post(ctx.users.unit, '/api/models', k, body);
    const model = (await first.json()) as { id: string };
    // The answer was never stored: the process died right after the work.
    await crashedRecord('donvi.halong', k, requestHash('POST', url('/api/models'), 'application/json', new TextEncoder().encode(body)));
    const retry = await post(ctx.users.unit, '/api/models', k, body);
    expect(retry.status).toBe(202);
    expect(((await retry.json()) as { id: string }).id).toBe(model.id);

    await waitForStep(ctx.users.board, model.id, 'REGISTRATION_REVIEW');
    const dk = key('decision');
    const decision = JSON.stringify({ stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    const decided = await post(ctx.users.board, `/api/models/${model.id}/decisions`, dk, decision);
    const answer = (await decided.json()) as { decisionId: string };
    await crashedRecord(
      'ban.quangninh',
      dk,
      requestHash('POST', url(`/api/models/${model.id}/decisions`), 'application/json', new TextEncoder().encode(decision)),
    );
    const again = await post(ctx.users.board, `/api/models/${model.id}/decisions`, dk, decision);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ decisionId: answer.decisionId, outcome: 'ACCEPT' });
    // Without the key the same decision is a conflict, as before.
    expect((await ctx.users.board.post(`/api/models/${model.id}/decisions`, JSON.parse(decision))).status).toBe(409);
    tally(true);
  });

  it('a retry within the lease is 409 with Retry-After; an unexpired lease is never taken over', async () => {
    const k = key('lease');
    const body = JSON.stringify(registration({ name: 'Mô hình đang xử lý' }));
    await crashedRecord('donvi.halong', k, requestHash('POST', url('/api/models'), 'application/json', new TextEncoder().encode(body)));
    await ctx.runtime.webDeps.db.send(
      new UpdateCommand({
        TableName: ctx.runtime.webDeps.tableName,
        Key: { pk: `IDEMPOTENCY#donvi.halong#${k}`, sk: 'META' },
        UpdateExpression: 'SET leaseUntil = :later',
        ExpressionAttributeValues: { ':later': Math.floor(Date.now() / 1000) + 30 },
      }),
    );
    const busy = await post(ctx.users.unit, '/api/models', k, body);
    expect(busy.status).toBe(409);
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the JSON API refuses cross-site requests (finding 8)', () => {
  it('a form post from a same-site page on another port changes nothing', async () => {
    const before = (await ctx.users.unit.get('/api/models')).body.models.length;
    const evil = 'http://127.0.0.1:1';
    const attempts: { headers: Record<string, string>; body: string }[] = [
      // What a <form enctype="text/plain"> sends: a JSON-looking body, the attacker's Origin.
      { headers: { origin: evil, 'content-type': 'text/plain' }, body: JSON.stringify(registration()) },
      { headers: { origin: evil, 'content-type': 'application/json' }, body: JSON.stringify(registration()) },
      { headers: { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, body: JSON.stringify(registration()) },
      { headers: { 'content-type': 'text/plain' }, body: JSON.stringify(registration()) },
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' },
      { headers: { origin: 'null', 'content-type': 'application/json' }, body: JSON.stringify(registration()) },
    ];
    for (const attempt of attempts) {
      const response = await checkedFetch(url('/api/models'), {
        method: 'POST',
        headers: { cookie: ctx.users.unit.cookie, ...attempt.headers },
        body: attempt.body,
      });
      expect(tally([403, 415].includes(response.status)), JSON.stringify(attempt.headers)).toBe(true);
    }
    // A bodiless POST without application/json (a form can send one) is refused as well.
    const draft = await ctx.users.unit.call('POST', '/api/models?submit=false', registration({ name: 'Bản nháp' }));
    const bodiless = await checkedFetch(url(`/api/models/${draft.body.id}/submit`), {
      method: 'POST',
      headers: { cookie: ctx.users.unit.cookie },
    });
    expect(tally(bodiless.status === 415)).toBe(true);
    expect((await ctx.users.unit.get('/api/models')).body.models.length).toBe(before + 1);
    // The app's own pages and scripts (same origin) and integrators (no Origin) still work.
    const same = await checkedFetch(url(`/api/models/${draft.body.id}/submit`), {
      method: 'POST',
      headers: {
        cookie: ctx.users.unit.cookie,
        origin: ctx.runtime.webUrl,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
    });
    expect(same.status).toBe(202);
  });
});

// Last: a refused oversized body closes its connection, which the client's pool notices only on its next request.
describe('one body limit before the body is read (finding 5)', () => {
  it('answers 413 to a huge declared body at once, and cuts off a streamed one', async () => {
    const rssBefore = process.memoryUsage().rss;
    // Declared 300 MB, nothing sent: refused on the header alone.
    const declared = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(
          url('/api/session'),
          { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) } },
          (res) => {
            resolve(res.statusCode ?? 0);
            res.resume();
            req.destroy();
          },
        );
        req.on('error', reject);
        req.write('{');
      }, reject);
    });
    expect(tally(declared === 413)).toBe(true);
    // Streamed without a length, 64 MB: cut off past the limit.
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const streamed = await fetch(url('/api/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit).catch(() => ({ status: 413 }));
    expect(tally(streamed.status === 413)).toBe(true);
    expect(sent).toBeLessThan(64);
    // Pages too, and a signed-in API call past 1 MiB without an Idempotency-Key.
    const page = await fetch(url('/sign-in'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=${'a'.repeat(MAX_BODY_BYTES + 10)}`,
    });
    expect(tally(page.status === 413)).toBe(true);
    const api = await ctx.users.unit.call('POST', '/api/models', registration({ name: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(tally(api.status === 413)).toBe(true);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });
});
