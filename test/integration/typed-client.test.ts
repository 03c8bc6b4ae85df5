import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { DEMO_PASSWORD } from '../../local/seed-demo.ts';
import { checkExchange } from '../support/contract.ts';
import type { paths } from '../support/openapi-types.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

/**
 * The API driven by a client typed from its own document (test/support/openapi-types.ts, from
 * `npm run gen:api-types`) with openapi-fetch: paths, parameters, bodies and answers are
 * checked by the compiler here, and every answer against the document at run time.
 */
let runtime: Runtime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => runtime?.stop());

/** An openapi-fetch client that keeps the session cookie like a browser and checks each answer's contract. */
function typedClient() {
  let cookie = '';
  const client = createClient<paths>({ baseUrl: runtime.webUrl, redirect: 'manual' });
  client.use({
    onRequest: ({ request }) => {
      if (cookie) request.headers.set('cookie', cookie);
      return request;
    },
    onResponse: async ({ request, response }) => {
      const set = response.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      await checkExchange({
        method: request.method,
        url: request.url,
        status: response.status,
        contentType: response.headers.get('content-type'),
        text: await response.clone().text(),
      });
      // Nothing returned: the response goes on unchanged (@hono/node-server replaces the global Response, so returning fetch's fails openapi-fetch's instanceof check).
    },
  });
  return client;
}

async function signedIn(username: string) {
  const client = typedClient();
  const { data, error, response } = await client.POST('/api/session', { body: { username, password: DEMO_PASSWORD } });
  expect(error, JSON.stringify(error)).toBeUndefined();
  expect(response.status).toBe(200);
  return { client, me: data! };
}

type Registration = paths['/api/models']['post']['requestBody']['content']['application/json'];

describe('a typed client (openapi-typescript + openapi-fetch)', () => {
  it('signs in, registers a model, the board accepts it, the unit reads it back, signs out', async () => {
    const { client: unit, me } = await signedIn('donvi.halong');
    expect(me).toMatchObject({ username: 'donvi.halong', role: 'unit' });
    const { client: board } = await signedIn('ban.quangninh');

    const registration = {
      name: 'Dân vận khéo với khách hàng vay vốn',
      situation: 'Nhiều hộ chưa biết đến vốn vay ưu đãi.',
      objectives: '50 hộ tiếp cận vốn; tiêu chí: số hộ, số tiền.',
      content: 'Tổ vay vốn họp hằng tháng, cán bộ đến từng hộ.',
      targetGroup: 'Hộ nghèo, cận nghèo',
      forces: 'Hội Nông dân, Hội Phụ nữ',
      resources: 'Nguồn vốn Ngân hàng Chính sách xã hội',
      outputs: '50 hồ sơ vay được duyệt',
      sustainability: 'Tổ vay vốn duy trì sinh hoạt',
      kind: 'MODEL',
      area: 'ECONOMY',
      year: THIS_YEAR,
    } satisfies Registration;
    const created = await unit.POST('/api/models', { params: { query: {} }, body: registration });
    expect(created.response.status, JSON.stringify(created.error)).toBe(202);
    const id = created.data!.id;
    expect(created.data).toMatchObject({ name: registration.name, unitId: 'phuong-ha-long', year: THIS_YEAR, targetLevel: 'COMMUNE' }); // the workflow submits it next

    // The workflow opens the board's review step.
    await eventually(async () => {
      const { data } = await board.GET('/api/models/{id}', { params: { path: { id } } });
      return data?.tasks.some((t) => t.stage === 'REGISTRATION_REVIEW' && t.status === 'PENDING');
    }, `the review step of ${id}`);

    const decided = await board.POST('/api/models/{id}/decisions', {
      params: { path: { id } },
      body: { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' },
    });
    expect(decided.error, JSON.stringify(decided.error)).toBeUndefined();
    expect(decided.data).toMatchObject({ outcome: 'ACCEPT', status: 'IMPLEMENTING', delivery: 'delivered' });

    const read = await unit.GET('/api/models/{id}', { params: { path: { id } } });
    expect(read.response.status).toBe(200);
    expect(read.data?.model).toMatchObject({ id, name: registration.name, status: 'IMPLEMENTING', unitId: 'phuong-ha-long' });

    // Another unit's board does not see it: the documented error body, typed.
    const { client: otherBoard } = await signedIn('ban.quangtri');
    const hidden = await otherBoard.GET('/api/models/{id}', { params: { path: { id } } });
    expect(hidden.response.status).toBe(404);
    expect(hidden.error?.error.code).toBe('NotFoundError');

    expect((await unit.DELETE('/api/session')).response.status).toBe(204);
    const after = await unit.GET('/api/me');
    expect(after.response.status).toBe(401);
    expect(after.error?.error.code).toBe('UnauthorizedError');
  });
});
