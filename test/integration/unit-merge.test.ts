import { describe as suite, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { appraise, openReview, register, transitions, useDemoRuntime, waitForExecution, waitForStep } from '../support/lifecycle-driver.ts';
import { LAST_YEAR, THIS_YEAR } from '../support/years.ts';
import { periodOf } from '../../core/model.ts';

const ctx = useDemoRuntime();

type YearFigures = { year: number; byStatus: Record<string, number>; funnel: Record<string, number> };
const figures = async (admin: ApiClient, scope: string, year: number, structure = 'recorded') => {
  const { body } = await admin.get(`/api/statistics?scope=${scope}&period=${periodOf(year)}&structure=${structure}`);
  return (body.years as YearFigures[]).find((y) => y.year === year)!;
};

suite('a unit merged while its model’s cycle runs, on DynamoDB Local and the local Step Functions engine', () => {
  it('moves the model to the successor: its officer reports, the new board appraises, the cycle completes; earlier years unchanged', async () => {
    const { admin, otherUnit: dongHa, otherBoard: quangTri, board: quangNinh } = ctx.users;
    // Phường Đông Hà (board of Quảng Trị) registers; its board accepts; the review opens its cycle.
    const id = await register(dongHa, { name: 'Mô hình của Phường Đông Hà' });
    await waitForStep(quangTri, id, 'REGISTRATION_REVIEW');
    expect((await quangTri.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
    await waitForStep(admin, id, 'YEARLY_REVIEW');
    await openReview(admin);
    await waitForStep(dongHa, id, 'YEARLY_REPORT');

    const before = {
      qtLast: await figures(admin, 'ban-tinh-qt', LAST_YEAR),
      qtNow: await figures(admin, 'ban-tinh-qt', THIS_YEAR),
      qnNow: await figures(admin, 'ban-tinh-qn', THIS_YEAR),
      allLast: await figures(admin, 'ALL', LAST_YEAR),
      allNow: await figures(admin, 'ALL', THIS_YEAR),
    };
    expect(before.qtNow.byStatus.REPORTING).toBe(1);

    // Merged into Xã Quảng La (board of Quảng Ninh) while the cycle waits for the unit's report.
    const merger = { type: 'MERGE', from: ['phuong-dong-ha'], to: 'xa-quang-la', date: `${THIS_YEAR}-07-01`, note: 'Sáp nhập thử' };
    const refused = await quangNinh.post('/api/units/changes', merger);
    expect(refused.status).toBe(403);
    const merged = await admin.post('/api/units/changes', merger);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ created: true, change: { status: 'DONE', modelsMoved: 1, accountsMoved: 1 } });
    expect((await admin.post('/api/units/changes', merger)).body).toMatchObject({ created: false, change: { id: merged.body.change.id } });
    expect((await admin.post('/api/units/changes', { ...merger, date: '1/7/2026' })).status).toBe(400);

    // The officer's session ended with the account's change; signed in again, the officer is the successor's.
    expect((await dongHa.get(`/api/models/${id}`)).status).toBe(401);
    const officer = await ApiClient.signIn(ctx.runtime.webUrl, 'donvi.dongha');
    const detail = (await officer.get(`/api/models/${id}`)).body;
    expect(detail.model).toMatchObject({ unitId: 'xa-quang-la', boardId: 'ban-tinh-qn', registeredByUnitId: 'phuong-dong-ha' });
    expect(detail.events.filter((e: { type: string }) => e.type === 'MOVED')).toHaveLength(1);
    const history = await admin.get('/api/units/phuong-dong-ha/history');
    expect(history.body).toMatchObject({
      unit: { historical: true, successorId: 'xa-quang-la' },
      changes: [{ id: merged.body.change.id }],
    });

    expect((await officer.post(`/api/models/${id}/report`, { report: 'Đã hoàn thành sau sáp nhập.' })).status).toBe(200);
    await waitForStep(quangNinh, id, 'APPRAISAL');
    expect((await quangTri.get(`/api/models/${id}`)).status).toBe(404);
    const recognized = await appraise(quangNinh, id, { outcome: 'RECOGNIZE', level: 'COMMUNE' });
    expect(recognized).toMatchObject({ status: 'RECOGNIZED' });
    await waitForExecution(ctx.runtime, id, THIS_YEAR, 'SUCCEEDED');
    expect(await transitions(officer, id)).toEqual(expect.arrayContaining(['REPORTING>REPORTED', 'REPORTED>RECOGNIZED']));

    // Earlier years as they were; the events of this year stay with the board that saw them; nothing negative.
    expect(await figures(admin, 'ban-tinh-qt', LAST_YEAR)).toEqual(before.qtLast);
    expect(await figures(admin, 'ALL', LAST_YEAR)).toEqual(before.allLast);
    const qtNow = await figures(admin, 'ban-tinh-qt', THIS_YEAR);
    expect(qtNow.funnel).toEqual(before.qtNow.funnel);
    expect(qtNow.byStatus.REPORTING).toBe(0);
    expect(Object.values(qtNow.byStatus).every((n) => n >= 0)).toBe(true);
    const qnNow = await figures(admin, 'ban-tinh-qn', THIS_YEAR);
    expect(qnNow.byStatus.RECOGNIZED).toBe((before.qnNow.byStatus.RECOGNIZED ?? 0) + 1);
    const allNow = await figures(admin, 'ALL', THIS_YEAR);
    expect(allNow.byStatus.RECOGNIZED).toBe((before.allNow.byStatus.RECOGNIZED ?? 0) + 1);
    expect(allNow.funnel.REGISTERED).toBe(before.allNow.funnel.REGISTERED);
  });
});
