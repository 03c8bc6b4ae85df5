import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { createApp } from '../../web/app.ts';
import { demoUsers, register, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

/**
 * Property tests: thousands of malformed bodies, path parameters, query strings and headers
 * against every route of the OpenAPI document, by every kind of caller. Never a 5xx; a body
 * that cannot be valid is always a 4xx; and the table holds exactly what it held before.
 */
let runtime: Runtime;
let app: ReturnType<typeof createApp>;
let cookies: string[];
let ids: string[];
let routes: { method: string; path: string; hasBody: boolean }[];
const counts = { badInputsTried: 0 };

beforeAll(async () => {
  runtime = await startTestRuntime();
  app = createApp(runtime.webDeps);
  const users = await demoUsers(runtime);
  cookies = ['', users.unit.cookie, users.board.cookie, users.admin.cookie, users.otherUnit.cookie, 'dvk_session=garbage'];
  const submitted = await register(users.unit);
  await waitForStep(users.board, submitted, 'REGISTRATION_REVIEW');
  // Real ids reach the use cases; a draft is left out: `submit` (which takes no body) would rightly submit it.
  ids = [submitted, 'no-such-model', users.unit.cookie.slice(0, 40)];
  const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, hasBody: op.requestBody !== undefined })),
  );
});
afterAll(async () => {
  recordCounts('bad-input', counts);
  await runtime?.stop();
});

/** Everything in the table but the side records a refused request may leave (idempotency keys, sign-in counters). */
async function snapshot(): Promise<string> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await runtime.webDeps.db.send(
      new ScanCommand({ TableName: runtime.webDeps.tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  // Keys, sign-in counts, sessions (their idle clock) and the security log record who asked, not app data;
  // the notification outbox is sent (its items marked) in the background.
  return JSON.stringify(
    items
      .filter((i) => !/^(IDEMPOTENCY|SIGNIN|SESSIONS|SECURITY|NOTIFY)#/.test(String(i.pk)))
      .map((i) => `${String(i.pk)}|${String(i.sk)}|${JSON.stringify(i)}`)
      .sort(),
  );
}

const printable = fc.string({ unit: fc.constantFrom(...' !#$%&()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~'.split('')), maxLength: 60 });
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', '%', '%00', '..', '../..', '__proto__', 'constructor', '🙂', 'a'.repeat(5000)),
);
const param = fc.oneof(fc.constantFrom(...['0']), anyText, fc.integer().map(String));
/** A body that cannot satisfy any schema: not JSON, JSON of the wrong shape, or the right keys with wrong-typed values. */
const badBody = fc.oneof(
  anyText.filter((t) => {
    try {
      JSON.parse(t);
      return false;
    } catch {
      return true;
    }
  }),
  fc
    .oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 5 }), fc.string())
    .map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        'name',
        'stage',
        'outcome',
        'year',
        'scores',
        'report',
        'username',
        'password',
        'kind',
        'area',
        'id',
        'criteria',
        'reason',
        'level',
        '__proto__',
      ),
      fc.oneof(
        fc.constant(null),
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.object({ maxDepth: 1 }),
        fc.double(),
        fc.constant('x'.repeat(100_000)),
      ),
      { minKeys: 1, maxKeys: 6 },
    )
    .filter((o) => !('username' in o && 'password' in o && typeof o.username === 'string'))
    .map((v) => JSON.stringify(v)),
);
const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'multipart/form-data',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      '',
    ),
    'idempotency-key': fc.option(printable, { nil: undefined }),
    'accept-language': fc.option(printable, { nil: undefined }),
    'x-forwarded-for': fc.option(printable, { nil: undefined }),
  },
  { requiredKeys: ['content-type'] },
);
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom('submit', 'unitId', 'boardId', 'year', 'q', 'cursor', 'limit', 'area', 'kind', 'scope', 'format', 'x'),
      anyText,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

function fill(path: string, values: string[]): string {
  let i = 0;
  return path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++ % values.length] ?? 'x'));
}

async function send(method: string, path: string, init: { body?: string; headers: Record<string, string | undefined>; cookie: string }) {
  counts.badInputsTried++;
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(init.headers)) if (v) h[k] = v;
  if (init.cookie) h.cookie = init.cookie;
  const body = method === 'GET' || method === 'DELETE' ? undefined : init.body;
  return app.request(path, { method, headers: h, body });
}

describe('malformed input, every route (fast-check)', () => {
  it('bodies that cannot be valid: always a 4xx with the error shape, nothing stored', async () => {
    const before = await snapshot();
    const statuses = new Set<number>();
    const writes = routes.filter((r) => r.hasBody);
    expect(writes.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        fc.constantFrom(...ids),
        badBody,
        headers,
        fc.constantFrom(...cookies),
        async (route, id, body, hdrs, cookie) => {
          const response = await send(route.method, fill(route.path, [id, '2026']), { body, headers: hdrs, cookie });
          const text = await response.text();
          if (response.status < 400 || response.status >= 500)
            throw new Error(`${route.method} ${route.path} → ${response.status}: ${text.slice(0, 300)}`);
          const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
          if (typeof error?.code !== 'string' || typeof error.message !== 'string')
            throw new Error(`${route.method} ${route.path}: no error body: ${text.slice(0, 300)}`);
          statuses.add(response.status);
        },
      ),
      { numRuns: 1500 },
    );
    expect(await snapshot()).toBe(before);
    // The inputs reached the validation (400), not only the door (401). (404s depend on the random draw.)
    expect([...statuses]).toEqual(expect.arrayContaining([400, 401]));
  });

  it('random path parameters, query strings and headers on every route: never a 5xx, nothing changed', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(param, { minLength: 1, maxLength: 3 }),
        query,
        headers,
        fc.constantFrom(...cookies),
        badBody,
        async (route, values, q, hdrs, cookie, body) => {
          const path = `${fill(route.path, values)}${q ? `?${q}` : ''}`;
          const response = await send(route.method, path, { body, headers: hdrs, cookie });
          const text = await response.text();
          if (response.status >= 500) throw new Error(`${route.method} ${path} → ${response.status}: ${text.slice(0, 300)}`);
        },
      ),
      { numRuns: 1500 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('form posts to the pages without their token: always refused (403), nothing changed', async () => {
    const before = await snapshot();
    const forms = [
      '/sign-in',
      '/sign-out',
      '/unit/models',
      '/admin/units',
      '/admin/accounts',
      '/admin/reviews',
      `/models/${ids[0]}/decide`,
      `/models/${ids[0]}/report`,
      `/models/${ids[0]}/evidence`,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...forms),
        fc.constantFrom(...cookies),
        fc.dictionary(fc.constantFrom('username', 'password', 'name', 'outcome', 'year', 'action', 'reason'), anyText, { maxKeys: 5 }),
        async (path, cookie, values) => {
          const response = await send('POST', path, {
            body: new URLSearchParams(values).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            cookie,
          });
          if (response.status !== 403) throw new Error(`POST ${path} → ${response.status}`);
        },
      ),
      { numRuns: 300 },
    );
    expect(await snapshot()).toBe(before);
  });
});
