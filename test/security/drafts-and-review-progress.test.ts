import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { cycleYearAt } from '../../core/rules.ts';
import { yearlyReportItem } from '../../core/store/report-store.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { demoUsers, openReview, register, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';

/**
 * Security review, finding 10: a board read another board's review progress; the lineage listed
 * other units' drafts (title, id, status) across provinces; boards read their units' drafts while
 * exports hid them. Rules now: a draft is private to its unit until submitted (the draft rule,
 * core/actor.ts `draftRuleAllows`, used by the model, lists, lineage, signals, exports, pages;
 * statistics and the public search never count or list one); a review's progress is read by
 * the board it belongs to and administrators only.
 */
let runtime: Runtime;
let users: Awaited<ReturnType<typeof demoUsers>>;
let quangla: ApiClient;
let anonymous: ApiClient;
let YEAR: number;
/** Phường Hạ Long's draft, with one evidence file. */
let draft: string;
let fileId: string;
const DRAFT_NAME = 'Bản nháp riêng tư của Hạ Long';
/** Phường Đông Hà's (Quảng Trị) recognized model, and Xã Quảng La's (Quảng Ninh) draft copy of it. */
let source: string;
let copy: string;
const counts = { attacksTried: 0, attacksDenied: 0 };
function attack(denied: boolean) {
  counts.attacksTried++;
  if (denied) counts.attacksDenied++;
}
const text = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body));

beforeAll(async () => {
  runtime = await startTestRuntime();
  users = await demoUsers(runtime);
  quangla = await ApiClient.signIn(runtime.webUrl, 'donvi.quangla');
  anonymous = new ApiClient(runtime.webUrl);
  YEAR = cycleYearAt(runtime.webDeps.now());
  const saved = await users.unit.post('/api/models?submit=false', registration({ name: DRAFT_NAME, year: YEAR }));
  expect(saved.status).toBe(201);
  draft = saved.body.id;
  const form = new FormData();
  form.set('file', new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF')], { type: 'application/pdf' }), 'bien-ban.pdf');
  fileId = (await users.unit.call('POST', `/api/models/${draft}/evidence`, form)).body.fileId;
});
afterAll(async () => {
  recordCounts('drafts-and-review-progress', counts);
  await runtime?.stop();
});

describe('finding 10: drafts are private to their unit until submitted', () => {
  it('neither the board nor an administrator reads a unit’s draft: model, evidence, lineage, lists, exports, pages', async () => {
    const { board, admin, unit } = users;
    const denied = [
      await board.get(`/api/models/${draft}`),
      await board.get(`/api/models/${draft}/evidence`),
      await board.get(`/api/models/${draft}/evidence/${fileId}`),
      await board.get(`/api/models/${draft}/lineage`),
      await board.get(`/api/models/${draft}/appraisal`),
      await board.get(`/models/${draft}`),
      await admin.get(`/api/models/${draft}`),
      await admin.get(`/api/models/${draft}/evidence/${fileId}`),
      await admin.get(`/api/models/${draft}/lineage`),
      await admin.get(`/models/${draft}`),
    ];
    for (const response of denied) {
      attack(response.status === 404);
      expect(response.status).toBe(404);
      expect(text(response.body)).not.toContain(DRAFT_NAME);
    }
    const listings = [
      await board.get('/api/models'),
      await admin.get('/api/models?unitId=phuong-ha-long'),
      await admin.get('/api/models?boardId=ban-tinh-qn'),
      await board.get('/api/exports/models.csv'),
      await admin.get('/api/exports/models.csv?unitId=phuong-ha-long'),
      await board.get('/board'),
      await admin.get('/admin?unitId=phuong-ha-long'),
      await admin.get('/admin?boardId=ban-tinh-qn'),
      await anonymous.get(`/api/public/models?q=${encodeURIComponent(DRAFT_NAME)}`),
    ];
    for (const response of listings) {
      const shown = text(response.body);
      attack(response.status === 200 && !shown.includes(draft) && !shown.includes(DRAFT_NAME));
      expect(response.status).toBe(200);
      expect(shown).not.toContain(draft);
      expect(shown).not.toContain(DRAFT_NAME);
    }
    // Its own unit reads, lists and exports it.
    expect((await unit.get(`/api/models/${draft}`)).body.model).toMatchObject({ status: 'DRAFT', name: DRAFT_NAME });
    expect(text((await unit.get('/api/models')).body)).toContain(draft);
    expect(text((await unit.get('/api/exports/models.csv')).body)).toContain(DRAFT_NAME);
    expect(text((await unit.get('/unit')).body)).toContain(DRAFT_NAME);
  });

  it('statistics never count a draft', async () => {
    const read = async () => [
      text((await users.board.get('/api/statistics')).body),
      text((await users.admin.get('/api/statistics?scope=ALL')).body),
    ];
    const before = await read();
    expect((await users.unit.post('/api/models?submit=false', registration({ name: 'Bản nháp thứ hai', year: YEAR }))).status).toBe(201);
    const after = await read();
    attack(after[0] === before[0] && after[1] === before[1]);
    expect(after).toEqual(before);
    expect(before[0]).not.toContain('DRAFT');
  });

  it('a replicated draft is not shown in its source’s lineage, across provinces, until it is submitted', async () => {
    const { otherUnit, otherBoard, admin, board } = users;
    source = await register(otherUnit, { name: 'Mô hình nguồn Đông Hà', year: YEAR });
    await waitForStep(otherBoard, source, 'REGISTRATION_REVIEW');
    expect((await otherBoard.post(`/api/models/${source}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(
      200,
    );
    await waitForStep(admin, source, 'YEARLY_REVIEW');
    await openReview(admin, YEAR);
    await waitForStep(otherUnit, source, 'YEARLY_REPORT');
    const report = 'Vận động 120 hộ hiến đất làm đường, mở rộng 2 km đường bê tông.';
    expect((await otherUnit.post(`/api/models/${source}/report`, { report })).status).toBe(200);
    await waitForStep(otherBoard, source, 'APPRAISAL');

    // Signals compare reports of the board's year: a draft, were a report stored for it, is never named.
    const peerName = 'Bản nháp Đông Hà trùng báo cáo';
    const peer = (await otherUnit.post('/api/models?submit=false', registration({ name: peerName, year: YEAR }))).body.id;
    const stored = yearlyReportItem(runtime.webDeps.tableName, {
      modelId: peer,
      boardId: 'ban-tinh-qt',
      year: YEAR,
      report,
      indicators: [],
      submittedAt: new Date().toISOString(),
      submittedBy: 'donvi.dongha',
    });
    await runtime.webDeps.db.send(new PutCommand(stored.Put!));
    for (const reader of [otherBoard, admin]) {
      for (const path of [`/api/models/${source}/signals`, `/models/${source}`]) {
        const shown = text((await reader.get(path)).body);
        attack(!shown.includes(peer) && !shown.includes(peerName));
        expect(shown).not.toContain(peer);
        expect(shown).not.toContain(peerName);
      }
    }
    expect(
      (await otherBoard.post(`/api/models/${source}/decisions`, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'PROVINCE' })).body,
    ).toMatchObject({ status: 'RECOGNIZED' });

    const replicated = await quangla.post(`/api/models/${source}/replicate`);
    expect(replicated.status).toBe(201);
    copy = replicated.body.id;
    // The source's unit and board (Quảng Trị), the copying unit's board (Quảng Ninh), administrators, the public.
    for (const [reader, path] of [
      [otherUnit, `/api/models/${source}/lineage`],
      [otherBoard, `/api/models/${source}/lineage`],
      [admin, `/api/models/${source}/lineage`],
      [otherUnit, `/models/${source}`],
      [otherBoard, `/models/${source}`],
      [admin, `/models/${source}`],
      [anonymous, `/api/public/models/${source}`],
      [anonymous, `/public/models/${source}`],
    ] as const) {
      const { status, body } = await reader.get(path);
      expect(status).toBe(200);
      attack(!text(body).includes(copy));
      expect(text(body)).not.toContain(copy);
    }
    expect((await otherUnit.get(`/api/models/${source}/lineage`)).body).toEqual({ copies: [], replicationCount: 1 });
    const page = text((await otherUnit.get(`/models/${source}`)).body);
    expect(page).toContain('Số lượt nhân rộng: 1');
    expect(page).toContain('chỉ đơn vị nhân rộng xem được');
    expect(page).not.toContain('Chưa có đơn vị nào nhân rộng');
    for (const reader of [board, admin]) {
      const read = await reader.get(`/api/models/${copy}`);
      attack(read.status === 404);
      expect(read.status).toBe(404);
    }
    expect(text((await board.get('/api/models')).body)).not.toContain(copy);
    // The copying unit sees its draft and its source.
    expect((await quangla.get(`/api/models/${copy}/lineage`)).body.source).toMatchObject({ id: source });

    // Submitted, it is the board's to review and listed in its source's lineage.
    expect((await quangla.post(`/api/models/${copy}/submit`)).status).toBe(202);
    await waitForStep(board, copy, 'REGISTRATION_REVIEW');
    expect((await otherUnit.get(`/api/models/${source}/lineage`)).body.copies).toEqual([
      expect.objectContaining({ id: copy, unitId: 'xa-quang-la', status: 'SUBMITTED' }),
    ]);
  });
});

describe('finding 10: a review’s progress is read by its own board and administrators', () => {
  it('refuses another board’s scope and ALL to a board, every scope to a unit', async () => {
    const { admin, board, otherBoard, unit } = users;
    await openReview(admin, YEAR);
    for (const scope of ['ban-tinh-qn', 'ban-tinh-qt']) expect((await admin.post('/api/reviews', { year: YEAR, scope })).status).toBe(202);
    for (const scope of ['ALL', 'ban-tinh-qn', 'ban-tinh-qt']) {
      await eventually(async () => (await admin.get(`/api/reviews/${scope}/${YEAR}`)).status === 200, `the ${scope} review's progress`);
    }
    for (const [reader, scope, status] of [
      [otherBoard, 'ban-tinh-qn', 404],
      [board, 'ban-tinh-qt', 404],
      [board, 'ALL', 404],
      [otherBoard, 'ALL', 404],
      [unit, 'ban-tinh-qn', 403],
      [unit, 'ALL', 403],
    ] as const) {
      const response = await reader.get(`/api/reviews/${scope}/${YEAR}`);
      attack(response.status === status);
      expect(response.status, `${scope}`).toBe(status);
      expect(response.body).not.toHaveProperty('total');
    }
    expect((await board.get(`/api/reviews/ban-tinh-qn/${YEAR}`)).body).toMatchObject({ scope: 'ban-tinh-qn', year: YEAR });
    expect((await otherBoard.get(`/api/reviews/ban-tinh-qt/${YEAR}`)).body).toMatchObject({ scope: 'ban-tinh-qt', year: YEAR });
    // A refused scope looks like one never opened.
    expect((await board.get(`/api/reviews/ban-tinh-qt/${YEAR}`)).error?.message).toBe(
      (await board.get(`/api/reviews/ban-tinh-qt/${YEAR + 50}`)).error?.message.replaceAll(String(YEAR + 50), String(YEAR)),
    );
  });
});
