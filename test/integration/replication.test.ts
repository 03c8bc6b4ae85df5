import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { periodOf } from '../../core/model.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { DEMO_PASSWORD } from '../../local/seed-demo.ts';
import { demoUsers, openReviewOf, register, waitForStep } from '../support/lifecycle-driver.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { NEXT_YEAR, THIS_YEAR } from '../support/years.ts';

let runtime: Runtime;
let users: Awaited<ReturnType<typeof demoUsers>>;
let quangla: ApiClient;
let anonymous: ApiClient;
/** Two recognized models of Phường Đông Hà (Quảng Trị, whose board decides without a criteria set), and one of its drafts. */
let kheo: string;
let road: string;
let draft: string;

/** Register → accept → yearly review → report → recognize, for several models at once. */
async function recognizeAll(ids: string[]) {
  const { otherUnit: unit, otherBoard: board, admin } = users;
  for (const id of ids) {
    await waitForStep(board, id, 'REGISTRATION_REVIEW');
    expect((await board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
  }
  for (const id of ids) await waitForStep(admin, id, 'YEARLY_REVIEW');
  expect((await admin.post('/api/reviews', { year: THIS_YEAR })).status).toBe(202);
  for (const id of ids) {
    await waitForStep(unit, id, 'YEARLY_REPORT');
    expect((await unit.post(`/api/models/${id}/report`, { report: 'BÁO CÁO NỘI BỘ: 120 hộ tham gia.' })).status).toBe(200);
  }
  for (const id of ids) {
    await waitForStep(board, id, 'APPRAISAL');
    expect(
      (await board.post(`/api/models/${id}/decisions`, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'PROVINCE' })).body,
    ).toMatchObject({ status: 'RECOGNIZED' });
  }
}

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name).sort();

beforeAll(async () => {
  runtime = await startTestRuntime();
  users = await demoUsers(runtime);
  quangla = await ApiClient.signIn(runtime.webUrl, 'donvi.quangla');
  anonymous = new ApiClient(runtime.webUrl);
  kheo = await register(users.otherUnit, {
    tags: ['Nông thôn mới'],
    indicators: [{ name: 'Hộ tham gia', unit: 'hộ', target: 120 }],
    targetLevel: 'PROVINCE',
  });
  road = await register(users.otherUnit, { name: 'Đường điện sáng đêm', area: 'CULTURE_SOCIETY', kind: 'MODEL' });
  const saved = await users.otherUnit.post('/api/models?submit=false', registration({ name: 'Dân vận khéo bản nháp bí mật' }));
  expect(saved.status).toBe(201);
  draft = saved.body.id;
  await recognizeAll([kheo, road]);
});
afterAll(async () => runtime?.stop());

describe('the public catalogue (no session)', () => {
  it('finds a recognized model with or without diacritics, and never drafts', async () => {
    for (const q of ['dan van kheo', 'Dân vận khéo', 'DAN VAN', 'kheo nong thon']) {
      const { status, body } = await anonymous.get(`/api/public/models?q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(names(body), q).toEqual(['Dân vận khéo trong xây dựng nông thôn mới']);
    }
    expect(names((await anonymous.get('/api/public/models?q=duong%20dien')).body)).toEqual(['Đường điện sáng đêm']);
    expect(names((await anonymous.get('/api/public/models?q=nong%20thon%20moi')).body)).toEqual([
      'Dân vận khéo trong xây dựng nông thôn mới',
    ]);
    expect(names((await anonymous.get('/api/public/models?area=CULTURE_SOCIETY')).body)).toEqual(['Đường điện sáng đêm']);
    expect((await anonymous.get('/api/public/models?q=bi%20mat')).body.items).toEqual([]);

    const all = (await anonymous.get('/api/public/models')).body;
    expect(all.items).toHaveLength(2);
    expect(all.items[0]).toEqual(
      expect.objectContaining({
        unitId: 'phuong-dong-ha',
        unitName: 'Phường Đông Hà',
        level: 'PROVINCE',
        year: THIS_YEAR,
        replicationCount: 0,
      }),
    );
    const text = JSON.stringify(all);
    for (const secret of ['bí mật', 'BÁO CÁO NỘI BỘ', 'token', 'DRAFT', draft]) expect(text).not.toContain(secret);
    expect((await anonymous.get(`/api/public/models/${draft}`)).status).toBe(404);
  });

  it('is documented in /openapi.json', async () => {
    const doc = (await anonymous.get('/openapi.json')).body;
    for (const path of ['/api/public/models', '/api/public/models/{id}', '/api/models/{id}/replicate', '/api/models/{id}/lineage'])
      expect(doc).toHaveProperty(['paths', path]);
  });

  it('pages with an opaque cursor and rejects a forged one', async () => {
    const first = (await anonymous.get('/api/public/models?limit=1')).body;
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await anonymous.get(`/api/public/models?limit=1&cursor=${first.nextCursor}`)).body;
    expect(second.items).toHaveLength(1);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(second.nextCursor).toBeUndefined();
    const forged = Buffer.from(JSON.stringify({ pk: 'USER#quantri', sk: 'META' })).toString('base64url');
    expect((await anonymous.get(`/api/public/models?cursor=${forged}`)).status).toBe(400);
  });

  it('shows a public detail without reports, and the HTML pages need no sign-in', async () => {
    const { status, body } = await anonymous.get(`/api/public/models/${kheo}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: kheo,
      unitName: 'Phường Đông Hà',
      tags: ['Nông thôn mới'],
      recognitions: [{ year: THIS_YEAR, level: 'PROVINCE' }],
    });
    expect(body).not.toHaveProperty('report');
    expect(body).not.toHaveProperty('status');
    expect(JSON.stringify(body)).not.toContain('BÁO CÁO NỘI BỘ');

    const page = await anonymous.get('/public?q=dan+van+kheo');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Dân vận khéo trong xây dựng nông thôn mới');
    expect(page.body).not.toContain('Đường điện sáng đêm');
    const detail = await anonymous.get(`/public/models/${kheo}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toContain('href="/sign-in"');
    expect((await anonymous.get(`/public/models/${draft}`)).status).toBe(404);
  });
});

describe('replication (nhân rộng)', () => {
  let copy: string;

  it('creates a prefilled draft for another unit, linked to its source', async () => {
    const response = await quangla.post(`/api/models/${kheo}/replicate`);
    expect(response.status).toBe(201);
    copy = response.body.id;
    const source = (await users.otherUnit.get(`/api/models/${kheo}`)).body.model;
    expect(response.body).toMatchObject({
      status: 'DRAFT',
      unitId: 'xa-quang-la',
      boardId: 'ban-tinh-qn',
      sourceModelId: kheo,
      year: NEXT_YEAR,
      cycleYear: NEXT_YEAR,
      period: periodOf(NEXT_YEAR),
      recognitions: [],
      name: source.name,
      situation: source.situation,
      sustainability: source.sustainability,
      kind: source.kind,
      area: source.area,
      tags: ['Nông thôn mới'],
      indicators: source.indicators,
      targetLevel: 'PROVINCE',
    });
    expect(response.body).not.toHaveProperty('report');
    expect((await quangla.get(`/api/models/${copy}`)).body.model).toMatchObject({ status: 'DRAFT', sourceModelId: kheo });
  });

  it('shows the lineage on both sides and counts the replication', async () => {
    // The copy is still a draft: private to Xã Quảng La (the draft rule), counted but not listed.
    const sourceSide = await users.otherUnit.get(`/api/models/${kheo}/lineage`);
    expect(sourceSide.body).toEqual({ copies: [], replicationCount: 1 });
    const copySide = await quangla.get(`/api/models/${copy}/lineage`);
    expect(copySide.body).toEqual({
      source: { id: kheo, name: 'Dân vận khéo trong xây dựng nông thôn mới', unitId: 'phuong-dong-ha', unitName: 'Phường Đông Hà' },
      copies: [],
      replicationCount: 0,
    });
    expect((await users.otherBoard.get(`/api/models/${kheo}/lineage`)).body.replicationCount).toBe(1);
    expect((await users.board.get(`/api/models/${kheo}/lineage`)).status).toBe(404);
    expect((await users.unit.get(`/api/models/${kheo}/lineage`)).status).toBe(404);
    expect((await users.otherUnit.get(`/api/models/${kheo}`)).body.model.replicationCount).toBe(1);

    const item = (await anonymous.get('/api/public/models?q=dan%20van%20kheo')).body.items[0];
    expect(item?.replicationCount).toBe(1);
    // The copy is a draft: counted, but neither listed nor shown publicly.
    const pub = (await anonymous.get(`/api/public/models/${kheo}`)).body;
    expect(pub.lineage).toEqual({ copies: [], replicationCount: 1 });
    expect((await anonymous.get(`/api/public/models/${copy}`)).status).toBe(404);
  });

  it('refuses a second copy, the own unit, unrecognized models, boards and anonymous callers', async () => {
    expect((await quangla.post(`/api/models/${kheo}/replicate`)).status).toBe(409);
    expect((await users.otherUnit.post(`/api/models/${kheo}/replicate`)).status).toBe(409);
    expect((await quangla.post(`/api/models/${draft}/replicate`)).status).toBe(404);
    expect((await quangla.post(`/api/models/${copy}/replicate`)).status).toBe(404);
    expect((await quangla.post('/api/models/no-such-model/replicate')).status).toBe(404);
    expect((await users.otherBoard.post(`/api/models/${kheo}/replicate`)).status).toBe(403);
    expect((await anonymous.post(`/api/models/${kheo}/replicate`)).status).toBe(401);
    expect((await quangla.post(`/api/models/${road}/replicate`, { year: 1999 })).status).toBe(400);
    expect((await users.otherUnit.get(`/api/models/${kheo}/lineage`)).body.replicationCount).toBe(1);
  });

  it('lets another unit replicate with a chosen year, then submit its draft to its own board', async () => {
    const response = await users.unit.post(`/api/models/${kheo}/replicate`, { year: THIS_YEAR });
    expect(response.body).toMatchObject({
      status: 'DRAFT',
      unitId: 'phuong-ha-long',
      boardId: 'ban-tinh-qn',
      year: THIS_YEAR,
      sourceModelId: kheo,
    });
    expect((await users.otherUnit.get(`/api/models/${kheo}/lineage`)).body.replicationCount).toBe(2);

    expect((await users.unit.post(`/api/models/${response.body.id}/submit`)).status).toBe(202);
    const detail = await waitForStep(users.board, response.body.id, 'REGISTRATION_REVIEW');
    expect(detail.model.sourceModelId).toBe(kheo);
  });

  it('replicates from the public page for a signed-in unit and redirects to the new draft', async () => {
    const signIn = await fetch(`${runtime.webUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'donvi.quangla', password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    // The form's CSRF token, as a browser would send it from the public page.
    const publicPage = await (await fetch(`${runtime.webUrl}/public/models/${road}`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(publicPage)?.[1] ?? '';
    const post = () =>
      fetch(`${runtime.webUrl}/public/models/${road}/replicate`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `year=${NEXT_YEAR}&_csrf=${csrf}`,
      });
    const form = await post();
    expect(form.status).toBe(303);
    const copyId = /^\/models\/([^?]+)\?done=replicate$/.exec(form.headers.get('location') ?? '')?.[1];
    expect(copyId).toEqual(expect.any(String));
    const page = await fetch(`${runtime.webUrl}/models/${copyId}?done=replicate`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const lineage = (await users.otherUnit.get(`/api/models/${road}/lineage`)).body;
    expect(lineage).toMatchObject({ copies: [], replicationCount: 1 });

    const again = await post();
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Đơn vị bạn đã nhân rộng mô hình này');
    const detail = await (await fetch(`${runtime.webUrl}/public/models/${road}`, { headers: { cookie } })).text();
    expect(detail).toContain(`href="/models/${copyId}"`);
    expect(detail).not.toContain(`action="/public/models/${road}/replicate"`);

    const submit = await fetch(`${runtime.webUrl}/models/${copyId}/replica/submit`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${csrf}`,
    });
    expect(submit.status).toBe(303);
    expect(submit.headers.get('location')).toBe(`/models/${copyId}?done=register`);
    await waitForStep(users.board, copyId!, 'REGISTRATION_REVIEW');
    // Submitted, the copy is listed in its source's lineage.
    const submitted = (await users.otherUnit.get(`/api/models/${road}/lineage`)).body;
    expect(submitted.copies).toEqual([expect.objectContaining({ id: copyId, unitId: 'xa-quang-la', status: 'SUBMITTED' })]);
  });

  it('keeps one catalogue entry per model on re-recognition, with its replications still counted', async () => {
    const { otherUnit: unit, otherBoard: board, admin } = users;
    await waitForStep(admin, kheo, 'YEARLY_REVIEW');
    expect(await openReviewOf(runtime, NEXT_YEAR)).toMatchObject({ started: true });
    await waitForStep(unit, kheo, 'YEARLY_REPORT');
    expect((await unit.post(`/api/models/${kheo}/report`, { report: 'Năm thứ hai.' })).status).toBe(200);
    await waitForStep(board, kheo, 'APPRAISAL');
    // Quảng Trị's board is provincial: it recognizes at its own level or below.
    expect(
      (await board.post(`/api/models/${kheo}/decisions`, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'PROVINCE' })).status,
    ).toBe(200);

    const all = (await anonymous.get('/api/public/models')).body.items;
    expect(all.filter((i: { id: string }) => i.id === kheo)).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: kheo, year: NEXT_YEAR, level: 'PROVINCE', replicationCount: 2 });
    expect(all[0]?.recognitions.map((r: { year: number; level: string }) => `${r.year}:${r.level}`)).toEqual([
      `${THIS_YEAR}:PROVINCE`,
      `${NEXT_YEAR}:PROVINCE`,
    ]);
  });
});
