import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient } from '../support/api-client.ts';
import { openReview, register, waitForStep } from '../support/lifecycle-driver.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { launchBrowser, shot, signIn, submit } from './browser.ts';

/**
 * A board's batch work (issue 15): several registrations accepted at once from the queue, and a
 * chain member's queue that lists only what waits on their role.
 */
let runtime: Runtime;
let browser: Browser;
let unit: ApiClient;
let board: ApiClient;
const ids: string[] = [];

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  [unit, board] = await Promise.all([ApiClient.signIn(runtime.webUrl, 'donvi.halong'), ApiClient.signIn(runtime.webUrl, 'ban.quangninh')]);
  for (const n of [1, 2, 3]) ids.push(await register(unit, { name: `Mô hình số ${n} của khu phố` }));
  for (const id of ids) await waitForStep(board, id, 'REGISTRATION_REVIEW');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('a board’s batch work', { timeout: 240_000 }, () => {
  it('accepts several registrations at once from the queue', async () => {
    const page = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await page.goto('/board');
    await submit(page, '#batch-accept button[type=submit]');
    expect(await page.locator('.notice.error').innerText()).toContain('Chưa chọn đăng ký nào');
    for (const n of [1, 2, 3]) await page.check(`input[aria-label="Chọn đăng ký: Mô hình số ${n} của khu phố"]`);
    await shot(page, 'board-01-batch-selected');
    await submit(page, '#batch-accept button[type=submit]');
    expect(await page.locator('.notice.ok').innerText()).toBe('Đã tiếp nhận 3 đăng ký.');
    expect(await page.locator('input[name=modelIds]').count()).toBe(0);
    for (const id of ids) expect((await board.get(`/api/models/${id}`)).body.model.status).toBe('IMPLEMENTING');

    // Through the API: one waiting, one decided already: the first goes through, the second is listed.
    const fourth = await register(unit, { name: 'Mô hình số 4' });
    await waitForStep(board, fourth, 'REGISTRATION_REVIEW');
    const both = await board.post('/api/tasks/accept-registrations', { modelIds: [fourth, ids[0]] });
    expect(both.status).toBe(200);
    expect(both.body.accepted).toEqual([fourth]);
    expect(both.body.refused).toEqual([{ modelId: ids[0], code: 'error.stepNotWaiting', message: expect.any(String) as string }]);
  });

  it('a chain member’s queue lists only what waits on their role', async () => {
    const admin = await ApiClient.signIn(runtime.webUrl, 'quantri');
    const specialist = await ApiClient.signIn(runtime.webUrl, 'chuyenvien.qn');
    const leader = await ApiClient.signIn(runtime.webUrl, 'lanhdao.qn');
    await openReview(admin);
    for (const id of ids) {
      await waitForStep(unit, id, 'YEARLY_REPORT');
      expect((await unit.post(`/api/models/${id}/report`, { report: 'Kết quả năm', indicators: [] })).status).toBe(200);
      await waitForStep(board, id, 'APPRAISAL');
    }
    const { criteria } = (await specialist.get(`/api/models/${ids[0]}/appraisal`)).body.criteriaSet!;

    // The specialist scores the three in one sheet: a score above its maximum keeps its row (and what was typed), the others go.
    const sheet = await signIn(browser, runtime.webUrl, 'chuyenvien.qn');
    await sheet.goto('/board');
    await Promise.all([sheet.waitForURL(/\/board\/scoring/), sheet.click('a[href="/board/scoring"]')]);
    expect(await sheet.locator('tr[data-score-row]').count()).toBe(3);
    for (const [n, id] of ids.entries()) {
      for (const [k, c] of criteria.entries())
        await sheet.fill(`[id="m.${id}.scores.${c.id}"]`, String(n === 0 && k === 0 ? c.maxScore + 5 : c.maxScore - 1));
      await sheet.selectOption(`[id="m.${id}.proposal"]`, 'CONTINUE');
    }
    const max = criteria.reduce((sum, c) => sum + c.maxScore, 0);
    expect(await sheet.locator('tr[data-score-row]').nth(1).locator('output[data-total]').innerText()).toBe(
      `${max - criteria.length}/${max}`,
    );
    await shot(sheet, 'board-03-scoring-sheet');
    await submit(sheet, '#scoring-sheet button[type=submit]');
    expect(await sheet.locator('.notice.ok').innerText()).toBe('Đã chấm điểm và gửi phê duyệt 2 hồ sơ.');
    expect(await sheet.locator('tr[data-score-row]').count()).toBe(1);
    const first = `[id="m.${ids[0]}.scores.${criteria[0]!.id}"]`;
    expect(await sheet.inputValue(first)).toBe(String(criteria[0]!.maxScore + 5));
    expect(await sheet.getAttribute(first, 'aria-invalid')).toBe('true');
    expect(await sheet.locator('.field-error').first().innerText()).toContain(`vượt điểm tối đa ${criteria[0]!.maxScore}`);
    await sheet.fill(first, String(criteria[0]!.maxScore));
    await submit(sheet, '#scoring-sheet button[type=submit]');
    expect(await sheet.locator('.notice.ok').innerText()).toBe('Đã chấm điểm và gửi phê duyệt 1 hồ sơ.');
    expect(await sheet.locator('main').innerText()).toContain('Không có hồ sơ nào đang chờ bạn chấm điểm.');

    const page = await signIn(browser, runtime.webUrl, 'lanhdao.qn');
    await page.goto('/board?stage=APPRAISAL');
    expect(await page.locator('#queue-title ~ .table-wrap tbody tr').count()).toBe(3);
    // He approves two: they now wait on the committee, and leave his queue.
    for (const id of ids.slice(0, 2)) expect((await leader.post(`/api/models/${id}/appraisal/approve`)).status).toBe(200);
    await page.goto('/board?stage=APPRAISAL');
    const rows = page.locator('#queue-title ~ .table-wrap tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.innerText()).toContain('Mô hình số 3 của khu phố');
    expect(await rows.innerText()).toContain('Lãnh đạo');
    expect(await page.locator('main').innerText()).toContain('Đang hiện việc chờ vai trò của bạn (Lãnh đạo ban); 2 việc khác');
    await shot(page, 'board-02-leader-queue');

    const committee = await signIn(browser, runtime.webUrl, 'thuongtruc.qn');
    await committee.goto('/board?stage=APPRAISAL');
    const theirs = await committee.locator('#queue-title ~ .table-wrap tbody').innerText();
    expect(theirs).toContain('Mô hình số 1 của khu phố');
    expect(theirs).not.toContain('Mô hình số 3 của khu phố');
  });
  it('asks before what cannot be undone: a rejection goes only once confirmed', async () => {
    const id = await register(unit, { name: 'Đăng ký sẽ bị từ chối' });
    await waitForStep(board, id, 'REGISTRATION_REVIEW');
    const page = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await page.goto(`/models/${id}`);
    await page.fill('#reject-reason', 'Trùng với mô hình đã đăng ký năm trước');
    page.refuseConfirm = true;
    await page.click('form:has(#reject-reason) button[type=submit]');
    expect(page.confirms).toEqual(['Không chấp nhận: việc này không thể hoàn tác. Tiếp tục?']);
    expect((await board.get(`/api/models/${id}`)).body.model.status).toBe('SUBMITTED');
    page.refuseConfirm = false;
    await submit(page, 'form:has(#reject-reason) button[type=submit]');
    expect(page.confirms).toHaveLength(2);
    expect((await board.get(`/api/models/${id}`)).body.model.status).toBe('REJECTED');
    expect(page.dialogs).toEqual([]);
    // Names where the records hold ids: the unit and board, who acted, the workflow as the system.
    const text = await page.locator('main').innerText();
    expect(text).toContain('Phường Hạ Long / Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh');
    expect(text).toContain('Thành viên Ban Dân vận Quảng Ninh (ban.quangninh)');
    expect(text).toContain('Cán bộ Phường Hạ Long (donvi.halong)');
    expect(text).toContain('Hệ thống (quy trình tự động)');
    expect(text).not.toContain('phuong-ha-long / ban-tinh-qn');
  });
});
