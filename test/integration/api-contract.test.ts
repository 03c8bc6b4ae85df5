import { describe, expect, it } from 'vitest';
import { periodOf } from '../../core/model.ts';
import { registration } from '../support/api-client.ts';
import { openReview, register, useDemoRuntime, waitForStep } from '../support/lifecycle-driver.ts';
import { eventually } from '../support/test-runtime.ts';
import { NEXT_YEAR, THIS_YEAR } from '../support/years.ts';

/**
 * What an integrator scripting a province's year against /openapi.json found confusing (issue
 * 14), each as the API now answers it: the administrator's model list is paged over every
 * board, a decision's note on ACCEPT is `comment`, an upload answers `id`, and a replica counts
 * in the statistics only once submitted.
 */
const ctx = useDemoRuntime();

function pdfForm() {
  const form = new FormData();
  form.set('file', new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF')], { type: 'application/pdf' }), 'minh-chung.pdf');
  return form;
}

describe('the API contract, as an integrator meets it', () => {
  it('pages an administrator through every board’s models with a cursor (no unitId or boardId), drafts left out', async () => {
    const { unit, otherUnit, admin, board } = ctx.users;
    const ids = [
      await register(unit, { name: 'Mô hình Hạ Long 1' }),
      await register(unit, { name: 'Mô hình Hạ Long 2' }),
      await register(otherUnit, { name: 'Mô hình Đông Hà' }),
    ];
    const draft = (await unit.call('POST', '/api/models?submit=false', registration({ name: 'Bản nháp' }))).body.id;
    for (const id of ids) await waitForStep(admin, id, 'REGISTRATION_REVIEW');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.get(`/api/models?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.models.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.models.map((m: { id: string }) => m.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(cursor).toBeUndefined();
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(draft);

    // A cursor opens only the list it came from.
    const boardPage = await board.get('/api/models?limit=1');
    expect(boardPage.body.nextCursor).toEqual(expect.any(String));
    const boardCursor = boardPage.body.nextCursor!;
    expect((await board.get(`/api/models?limit=1&cursor=${encodeURIComponent(boardCursor)}`)).status).toBe(200);
    const foreign = await otherUnit.get(`/api/models?cursor=${encodeURIComponent(boardCursor)}`);
    expect(foreign.status).toBe(400);
    expect(foreign.error?.fields).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('takes a note on ACCEPT as `comment`, and refuses `reason` there with a message that says so', async () => {
    const { unit, board } = ctx.users;
    const id = await register(unit);
    await waitForStep(board, id, 'REGISTRATION_REVIEW');
    const withReason = await board.post(`/api/models/${id}/decisions`, {
      stage: 'REGISTRATION_REVIEW',
      outcome: 'ACCEPT',
      reason: 'Đạt yêu cầu',
    });
    expect(withReason.status).toBe(400);
    expect(JSON.stringify(withReason.error?.fields)).toContain('`comment`');
    const accepted = await board.post(`/api/models/${id}/decisions`, {
      stage: 'REGISTRATION_REVIEW',
      outcome: 'ACCEPT',
      comment: 'Đạt yêu cầu',
    });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'IMPLEMENTING' } });
    const { decisions } = (await board.get(`/api/models/${id}`)).body;
    expect(decisions[0]?.details).toMatchObject({ comment: 'Đạt yêu cầu' });
  });

  it('answers an evidence upload with its `id` (and `fileId`, the same), in the list and the model too', async () => {
    const { unit } = ctx.users;
    const draft = (await unit.call('POST', '/api/models?submit=false', registration())).body.id;
    const uploaded = await unit.call('POST', `/api/models/${draft}/evidence`, pdfForm());
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.id).toEqual(expect.any(String));
    expect(uploaded.body.fileId).toBe(uploaded.body.id);
    expect((await unit.get(`/api/models/${draft}/evidence`)).body.evidence).toEqual([
      expect.objectContaining({ id: uploaded.body.id, name: 'minh-chung.pdf' }),
    ]);
    expect((await unit.get(`/api/models/${draft}`)).body.evidence).toEqual([expect.objectContaining({ id: uploaded.body.id })]);
    expect(
      (await fetch(`${ctx.runtime.webUrl}/api/models/${draft}/evidence/${uploaded.body.id}`, { headers: { cookie: unit.cookie } })).status,
    ).toBe(200);
  });

  it('gives a replica the year after the source’s recognition by default, and counts it in the statistics only once submitted', async () => {
    const { otherUnit, otherBoard, unit, admin } = ctx.users;
    // Quảng Trị's board has no criteria set: it recognizes directly.
    const source = await register(otherUnit, { name: 'Mô hình được công nhận' });
    await waitForStep(otherBoard, source, 'REGISTRATION_REVIEW');
    expect((await otherBoard.post(`/api/models/${source}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(
      200,
    );
    await waitForStep(admin, source, 'YEARLY_REVIEW');
    await openReview(admin);
    await waitForStep(otherUnit, source, 'YEARLY_REPORT');
    expect((await otherUnit.post(`/api/models/${source}/report`, { report: 'Kết quả năm' })).status).toBe(200);
    await waitForStep(otherBoard, source, 'APPRAISAL');
    expect(
      (await otherBoard.post(`/api/models/${source}/decisions`, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'PROVINCE' })).status,
    ).toBe(200);

    const replicated = async () => {
      const stats = await admin.get(`/api/statistics?scope=ban-tinh-qn&period=${periodOf(NEXT_YEAR)}`);
      return (
        (stats.body.years as { year: number; funnel: Record<string, number> }[]).find((y) => y.year === NEXT_YEAR)!.funnel.REPLICATED ?? 0
      );
    };
    const before = await replicated();
    const copy = await unit.post(`/api/models/${source}/replicate`, {});
    expect(copy).toMatchObject({ status: 201, body: { status: 'DRAFT', year: THIS_YEAR + 1, sourceModelId: source } });
    expect((await admin.get(`/api/models/${source}`)).body.model.replicationCount).toBe(1); // the source counts the draft at once
    expect(await replicated()).toBe(before);
    expect((await unit.post(`/api/models/${copy.body.id}/submit`)).status).toBe(202);
    await eventually(async () => (await replicated()) === before + 1, 'the submitted replica counted');
  });
});
