import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { checkedFetch } from '../support/contract.ts';

/**
 * Security review, finding 14: uploaded evidence names kept bidi controls ("anh\u202Egnp.pdf" is
 * shown as "anhfdp.png") and control characters, and API downloads could be kept by a browser or
 * proxy cache. Now names are cleaned (kept Vietnamese), every /api response says
 * `Cache-Control: private, no-store`, and downloads name the file as RFC 5987 filename*.
 */
const counts = { attacksTried: 0, attacksDenied: 0 };
const attack = (denied: boolean) => {
  counts.attacksTried++;
  if (denied) counts.attacksDenied++;
};
const UNSAFE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u001F\u007F-\u009F]/;
const NO_STORE = 'private, no-store';
const pdf = () => new Blob([new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF')], { type: 'application/pdf' });

let runtime: Runtime;
let unit: ApiClient;
let board: ApiClient;
let admin: ApiClient;
let modelId: string;

async function upload(name: string, file = pdf()) {
  const form = new FormData();
  form.set('file', file, name);
  return unit.call('POST', `/api/models/${modelId}/evidence`, form);
}
const raw = (client: ApiClient | undefined, path: string, init: RequestInit = {}, check = true) =>
  checkedFetch(
    `${runtime.webUrl}${path}`,
    {
      redirect: 'manual',
      ...init,
      headers: { ...(client?.cookie ? { cookie: client.cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
    },
    { check },
  );

beforeAll(async () => {
  runtime = await startTestRuntime();
  [unit, board, admin] = await Promise.all([
    ApiClient.signIn(runtime.webUrl, 'donvi.halong'),
    ApiClient.signIn(runtime.webUrl, 'ban.quangninh'),
    ApiClient.signIn(runtime.webUrl, 'quantri'),
  ]);
  // A draft: the owning unit may add and remove files, and no workflow runs for it.
  modelId = (await unit.call('POST', '/api/models?submit=false', registration({ name: 'Mô hình có minh chứng' }))).body.id;
});
afterAll(async () => runtime?.stop());

describe('evidence file names', () => {
  it('stores names without bidi and control characters, Vietnamese intact; a spoofed .exe is refused', async () => {
    const cases: [string, string | null][] = [
      ['anh\u202Egnp.pdf', 'anhgnp.pdf'], // shown as "anhfdp.png" with the override
      ['\u2067Biên bản\u2069 họp\u200F.pdf\u061C', 'Biên bản họp.pdf'],
      ['Bie\u0302\u0301n ba\u0309n\u0007\u001B[2J\u0085\u009B chi bộ.pdf', 'Biến bản[2J chi bộ.pdf'], // decomposed (macOS), a terminal escape
      ['hoadon\u202Efdp.exe', null], // shown as "hoadonexe.pdf": refused, it is an .exe
      ['\u202E\u0000\u0007', null], // nothing left of the name
    ];
    for (const [name, stored] of cases) {
      const response = await upload(name);
      if (stored === null) {
        attack(response.status === 400);
        expect(response.status, JSON.stringify(name)).toBe(400);
        continue;
      }
      expect(response.status, JSON.stringify(name)).toBe(201);
      attack(!UNSAFE.test(response.body.name) && response.body.name === stored);
      expect(response.body.name).toBe(stored);
    }
    const listed = (await unit.get(`/api/models/${modelId}/evidence`)).body.evidence as { name: string }[];
    expect(listed.map((e) => e.name)).toEqual(['anhgnp.pdf', 'Biên bản họp.pdf', 'Biến bản[2J chi bộ.pdf']);
  });

  it('cleans a name stored before the fix wherever it leaves the app: list, downloads, model page', async () => {
    const stored = await upload('cu.pdf');
    const fileId = stored.body.fileId;
    await runtime.webDeps.db.send(
      new UpdateCommand({
        TableName: runtime.webDeps.tableName,
        Key: { pk: `MODEL#${modelId}`, sk: `EVIDENCE#${fileId}` },
        UpdateExpression: 'SET #name = :name',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': "Đơn 'cũ'\u202Egnp.pdf\u0007" },
      }),
    );
    const listed = ((await unit.get(`/api/models/${modelId}/evidence`)).body.evidence as { fileId: string; name: string }[]).find(
      (e) => e.fileId === fileId,
    )!;
    attack(listed.name === "Đơn 'cũ'gnp.pdf");
    expect(listed.name).toBe("Đơn 'cũ'gnp.pdf");

    for (const path of [`/api/models/${modelId}/evidence/${fileId}`, `/models/${modelId}/evidence/${fileId}`]) {
      const file = await raw(unit, path);
      expect(file.status, path).toBe(200);
      const disposition = file.headers.get('content-disposition')!;
      // RFC 5987: ' ( ) * ! are not attr-chars, so they are percent-encoded too; an ASCII fallback for old clients.
      const safe = disposition === `attachment; filename="Don-cu-gnp.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%27c%C5%A9%27gnp.pdf`;
      attack(safe && file.headers.get('cache-control') === NO_STORE);
      expect(disposition, path).toBe(`attachment; filename="Don-cu-gnp.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%27c%C5%A9%27gnp.pdf`);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe("Đơn 'cũ'gnp.pdf");
      expect(file.headers.get('cache-control'), path).toBe(NO_STORE);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      await file.arrayBuffer();
    }

    const page = await raw(unit, `/models/${modelId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    attack(!/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0007]/.test(html));
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0007]/);
    expect(html).toContain('anhgnp.pdf');
    expect(html).toContain('Biến bản[2J chi bộ.pdf');
  });
});

describe('Cache-Control of the API', () => {
  it('every GET of the API (from its OpenAPI document), as every role and signed out, errors too, is private, no-store', async () => {
    const file = await upload('bien-ban.pdf');
    const fileId = file.body.fileId;
    const doc = (await (await raw(undefined, '/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const params: Record<string, string> = {
      id: modelId,
      fileId,
      boardId: 'ban-tinh-qn',
      scope: 'ALL',
      year: '2026',
      username: 'donvi.halong',
    };
    const paths = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([p]) => p.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x'));
    expect(paths.length).toBeGreaterThan(20);
    expect(paths).toEqual(
      expect.arrayContaining([`/api/models/${modelId}/evidence/${fileId}`, '/api/exports/models.csv', '/api/exports/statistics.xlsx']),
    );
    const seen = new Map<number, number>();
    for (const client of [unit, board, admin, undefined]) {
      for (const path of [...paths, '/api/no-such-route', `/api/models/no-such-model`]) {
        const response = await raw(client, path, {}, path !== '/api/no-such-route'); // that one is undocumented on purpose
        await response.arrayBuffer();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        const value = response.headers.get('cache-control');
        attack(value === NO_STORE);
        expect(value, `${response.status} GET ${path} as ${client ? 'signed in' : 'anonymous'}`).toBe(NO_STORE);
      }
    }
    // Downloads, JSON, refusals and errors were all among them.
    expect([...seen.keys()]).toEqual(expect.arrayContaining([200, 401, 403, 404]));
  });

  it('also on writes and refusals: a failed sign-in, an upload, a refused upload', async () => {
    const form = (name: string, blob: Blob) => {
      const body = new FormData();
      body.set('file', blob, name);
      return body;
    };
    const responses = [
      await raw(undefined, '/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'donvi.halong', password: 'sai mật khẩu' }),
      }),
      await raw(unit, `/api/models/${modelId}/evidence`, { method: 'POST', body: form('them.pdf', pdf()) }),
      await raw(unit, `/api/models/${modelId}/evidence`, { method: 'POST', body: form('x.exe', new Blob(['MZ'])) }),
    ];
    expect(responses.map((r) => r.status)).toEqual([401, 201, 400]);
    for (const response of responses) {
      await response.arrayBuffer();
      attack(response.headers.get('cache-control') === NO_STORE);
      expect(response.headers.get('cache-control')).toBe(NO_STORE);
    }
  });
});

afterAll(() => recordCounts('evidence-names-and-no-store', counts));
