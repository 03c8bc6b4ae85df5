import { describe, expect, it } from 'vitest';
import { importedModelId } from '../../core/imports/import-row.ts';
import { searchCatalogue } from '../../core/store/catalogue-store.ts';
import { appraise, openReview, useDemoRuntime, waitForExecution, waitForStep } from '../support/lifecycle-driver.ts';
import { eventually } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';
import { decisionDate, modelRow, sheetFromTemplate } from '../fixtures/import-sheet.ts';

/**
 * Imported models join the lifecycle at the stage they reached (issue 16): a registered one
 * waits for the board's review, an implementing or recognized one takes part in the next yearly
 * review and goes through its cycle here, a stopped one stays stopped.
 */
const ctx = useDemoRuntime();
const UNIT = 'phuong-ha-long';
const file = (bytes: Uint8Array, name = 'ha-long.xlsx') => {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart]), name);
  return form;
};

describe('imported models in the lifecycle', { timeout: 180_000 }, () => {
  it('checks over the API (dry run writes no model), imports, and each model goes on from where it was', async () => {
    const { board, unit, admin } = ctx.users;
    const rows = [
      modelRow(1, UNIT, { name: 'Đang triển khai từ 2024', year: 2024 }),
      modelRow(2, UNIT, {
        name: 'Được công nhận năm 2025',
        year: 2024,
        status: 'Được công nhận',
        level: 'Cấp tỉnh',
        statusYear: 2025,
        decisionNumber: '15/QĐ-BTGDVTU',
        decisionDate: decisionDate(2025),
      }),
      modelRow(3, UNIT, { name: 'Đăng ký năm nay', year: THIS_YEAR, status: 'Đã đăng ký', indicators: '' }),
      modelRow(4, UNIT, { name: 'Đã dừng năm 2025', year: 2023, status: 'Đã dừng', statusYear: 2025, stopReason: 'Hình thức' }),
    ];
    const bytes = await sheetFromTemplate(rows);
    const ids = rows.map((r) => importedModelId(UNIT, 'MODEL', String(r.name), Number(r.year)));

    const dry = await board.post('/api/imports/models?dryRun=true', file(bytes));
    expect(dry.status).toBe(200);
    expect(dry.body.job).toMatchObject({ status: 'CHECKED', read: 4, planned: 4, refused: 0 });
    expect((await board.get(`/api/models/${ids[0]}`)).status).toBe(404);

    const started = await board.post(`/api/imports/${dry.body.job.jobId}/start`);
    expect(started.status).toBe(202);
    await eventually(async () => (await board.get(`/api/imports/${dry.body.job.jobId}`)).body.status === 'COMPLETED', 'the import', 60_000);

    // Registered: its registration runs here, waiting for the board.
    await waitForStep(board, ids[2]!, 'REGISTRATION_REVIEW');
    // Stopped: stays stopped, out of the catalogue and the review.
    expect((await board.get(`/api/models/${ids[3]}`)).body.model).toMatchObject({
      status: 'STOPPED',
      stopReason: 'FORMALISTIC',
      cycleYear: 2025,
    });
    // Recognized in 2025: listed in the public catalogue with its decision.
    const listed = await searchCatalogue(ctx.runtime.webDeps, { tokens: ['cong', 'nhan', '2025'], limit: 50 });
    expect(listed.entries.map((e) => e.modelId)).toContain(ids[1]);

    // The yearly review releases the implementing and the recognized model; they go through a cycle here.
    await openReview(admin);
    for (const id of [ids[0]!, ids[1]!]) {
      await waitForStep(unit, id, 'YEARLY_REPORT');
      expect((await unit.post(`/api/models/${id}/report`, { report: `Kết quả năm ${THIS_YEAR}` })).status).toBe(200);
      await waitForStep(board, id, 'APPRAISAL');
    }
    await appraise(board, ids[1]!, { outcome: 'RECOGNIZE', level: 'PROVINCE' });
    await appraise(board, ids[0]!, { outcome: 'CONTINUE' });
    for (const id of [ids[0]!, ids[1]!]) await waitForExecution(ctx.runtime, id, THIS_YEAR, 'SUCCEEDED');
    const recognized = (await board.get(`/api/models/${ids[1]}`)).body;
    expect(recognized.model.recognitions.map((r: { year: number }) => r.year)).toEqual([2025, THIS_YEAR]);
    expect(recognized.events.map((e: { type: string }) => e.type)[0]).toBe('IMPORTED');
  });

  it('refuses what is not a file, too large a file, and a unit officer', async () => {
    const { board, unit } = ctx.users;
    expect((await board.post('/api/imports/models', { file: 'x' })).status).toBe(415);
    const missing = await board.post('/api/imports/models', new FormData());
    expect(missing.status).toBe(400);
    expect(missing.error?.fields).toEqual([expect.objectContaining({ field: 'file' })]);
    const big = await board.post('/api/imports/models', file(new Uint8Array(4 * 1024 * 1024 + 70 * 1024)));
    expect(big.status).toBe(413);
    const garbage = await board.post('/api/imports/models?dryRun=true', file(new Uint8Array([0xff, 0xfe, 0x00, 0x41]), 'x.csv'));
    expect(garbage.status).toBe(400);
    expect(garbage.error?.fields).toEqual([expect.objectContaining({ field: 'file', key: 'reason.importNotUtf8' })]);
    expect((await unit.post('/api/imports/models?dryRun=true', file(await sheetFromTemplate([modelRow(9, UNIT)])))).status).toBe(403);
  });
});
