import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_ARN } from '../../local/local-lifecycle.ts';
import type { Runtime } from '../../local/runtime.ts';
import { idempotency } from '../../web/platform/idempotency.ts';
import { registration, type ApiClient } from '../support/api-client.ts';
import { demoUsers } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { checkedFetch } from '../support/contract.ts';

let runtime: Runtime;
let users: Awaited<ReturnType<typeof demoUsers>>;
const counts = { retriesTried: 0, duplicated: 0, lost: 0 };
beforeAll(async () => {
  runtime = await startTestRuntime();
  users = await demoUsers(runtime);
});
afterAll(async () => {
  recordCounts('idempotency', counts);
  await runtime?.stop();
});

/** A raw call keeping the headers (the ApiClient drops them). */
async function send(
  client: ApiClient,
  method: string,
  path: string,
  key: string | undefined,
  body: BodyInit,
  contentType = 'application/json',
) {
  counts.retriesTried++;
  const response = await checkedFetch(`${runtime.webUrl}${path}`, {
    method,
    body,
    headers: { cookie: client.cookie, 'content-type': contentType, ...(key === undefined ? {} : { 'idempotency-key': key }) },
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    body: (await response.json()) as Record<string, unknown> & { id?: string },
  };
}
const modelCount = async (client: ApiClient) => ((await client.get('/api/models')).body.models as unknown[]).length;
async function executionsOf(modelId: string) {
  const out = await runtime.webDeps.sfn.send(new ListExecutionsCommand({ stateMachineArn: LIFECYCLE_ARN, maxResults: 1000 }));
  return (out.executions ?? []).filter((e) => e.name?.startsWith(modelId)).length;
}

describe('Idempotency-Key', () => {
  it('a retried registration creates one model and one execution, and replays the first answer', async () => {
    const before = await modelCount(users.unit);
    const body = JSON.stringify(registration({ name: 'Mô hình gửi lại' }));
    const first = await send(users.unit, 'POST', '/api/models', 'reg-retry-1', body);
    expect(first.status).toBe(202);
    expect(first.replayed).toBeNull();
    for (let i = 0; i < 3; i++) {
      const retry = await send(users.unit, 'POST', '/api/models', 'reg-retry-1', body);
      expect(retry).toMatchObject({ status: 202, replayed: 'true', body: { id: first.body.id } });
    }
    const after = await modelCount(users.unit);
    counts.duplicated += Math.max(0, after - before - 1);
    counts.lost += after === before ? 1 : 0;
    expect(after).toBe(before + 1);
    expect(await executionsOf(first.body.id!)).toBe(1);
  });

  it('concurrent duplicates run once: the others get 409 (in progress) or the replay', async () => {
    const before = await modelCount(users.unit);
    const body = JSON.stringify(registration({ name: 'Mô hình gửi đồng thời' }));
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(users.unit, 'POST', '/api/models', 'reg-race-1', body)));
    const created = answers.filter((a) => a.status === 202 && a.replayed === null);
    expect(created).toHaveLength(1);
    for (const a of answers) expect([202, 409]).toContain(a.status);
    expect(new Set(answers.filter((a) => a.status === 202).map((a) => a.body.id))).toEqual(new Set([created[0]!.body.id]));
    const after = await modelCount(users.unit);
    counts.duplicated += Math.max(0, after - before - 1);
    expect(after).toBe(before + 1);
  });

  it('the same key with another body is 422, a malformed key 400, and neither stores anything', async () => {
    const before = await modelCount(users.unit);
    const first = await send(users.unit, 'POST', '/api/models?submit=false', 'reuse-1', JSON.stringify(registration({ name: 'A' })));
    expect(first.status).toBe(201);
    const other = await send(users.unit, 'POST', '/api/models?submit=false', 'reuse-1', JSON.stringify(registration({ name: 'B' })));
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: { code: 'IdempotencyKeyReusedError' } });
    // Another endpoint with the same key and body is another request, too.
    expect((await send(users.unit, 'POST', '/api/models', 'reuse-1', JSON.stringify(registration({ name: 'A' })))).status).toBe(422);
    for (const bad of ['', 'x'.repeat(101), 'co dau!', 'a/b', 'a.b']) {
      const response = await send(users.unit, 'POST', '/api/models', bad, JSON.stringify(registration()));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { fields: [{ field: 'Idempotency-Key' }] } });
    }
    expect(await modelCount(users.unit)).toBe(before + 1);
  });

  it('keys belong to one user, and a 4xx answer is replayed as it was', async () => {
    const body = JSON.stringify(registration({ period: '2021-2025' }));
    const first = await send(users.unit, 'POST', '/api/models', 'shared-key', body);
    expect(first.status).toBe(400);
    expect(await send(users.unit, 'POST', '/api/models', 'shared-key', body)).toMatchObject({ status: 400, replayed: 'true' });
    // Another unit using the same key string runs its own request.
    expect(await send(users.otherUnit, 'POST', '/api/models', 'shared-key', body)).toMatchObject({ status: 400, replayed: null });
  });

  it('a retried multipart evidence upload (same bytes) stores one file', async () => {
    const draft = await send(users.unit, 'POST', '/api/models?submit=false', 'draft-for-evidence', JSON.stringify(registration()));
    const form = new FormData();
    form.set('file', new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF')], { type: 'application/pdf' }), 'bien-ban.pdf');
    const encoded = new Response(form);
    const contentType = encoded.headers.get('content-type')!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const path = `/api/models/${draft.body.id}/evidence` as const;
    const first = await send(users.unit, 'POST', path, 'upload-1', bytes, contentType);
    expect(first.status).toBe(201);
    expect(await send(users.unit, 'POST', path, 'upload-1', bytes, contentType)).toMatchObject({
      status: 201,
      replayed: 'true',
      body: { fileId: first.body.fileId },
    });
    const files = (await users.unit.get(path)).body.evidence as unknown[];
    counts.duplicated += Math.max(0, files.length - 1);
    expect(files).toHaveLength(1);
  });

  it('a 5xx is not remembered: the retry runs again', async () => {
    let calls = 0;
    const app = new Hono();
    app.onError((_e, c) => c.json({ error: { code: 'InternalError' } }, 500));
    app.use('/api/*', idempotency(runtime.webDeps));
    app.post('/api/flaky', () => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return new Response(JSON.stringify({ calls }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const request = () =>
      app.request('/api/flaky', { method: 'POST', body: '{}', headers: { cookie: users.unit.cookie, 'idempotency-key': 'flaky-1' } });
    expect((await request()).status).toBe(500);
    const second = await request();
    expect(second.status).toBe(200);
    const third = await request();
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(await third.json()).toEqual({ calls: 2 });
    expect(calls).toBe(2);
  });
});
