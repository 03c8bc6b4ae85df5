import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { createReviewProgress, finishReview, recordReviewPage } from '../../core/store/review-store.ts';
import { ApiClient } from '../support/api-client.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { LAST_YEAR, NEXT_YEAR, THIS_YEAR } from '../support/years.ts';
import { axeViolations, formatViolations } from './axe.ts';
import { launchBrowser, shot, signIn, submit } from './browser.ts';

/**
 * The administrator's yearly review page (issue 15): the reviews held are listed, a running
 * one follows its progress without a reload (forms.js polls the JSON progress), and a year
 * still to come is refused for its field, on the page and by the API.
 */
let runtime: Runtime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('the yearly review page', { timeout: 120_000 }, () => {
  it('refuses a year still to come, with the field marked and the reason, on the page and by the API (422)', async () => {
    const admin = await signIn(browser, runtime.webUrl, 'quantri');
    await admin.goto('/admin');
    await admin.fill('#review-year', String(NEXT_YEAR));
    const [answer] = await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/admin/reviews')),
      submit(admin, 'form[action="/admin/reviews"] button'),
    ]);
    expect(answer.status()).toBe(422);
    expect(await admin.locator('#review-year[aria-invalid=true]').count()).toBe(1);
    expect(await admin.locator('main').innerText()).toContain(`năm ${NEXT_YEAR} chưa đến: chỉ mở sơ kết từ năm ${THIS_YEAR} trở về trước`);
    expect(await admin.inputValue('#review-year')).toBe(String(NEXT_YEAR));

    const api = await ApiClient.signIn(runtime.webUrl, 'quantri');
    const refused = await api.post('/api/reviews', { year: NEXT_YEAR });
    expect(refused.status).toBe(422);
    expect(refused.error?.key).toBe('error.reviewYearFuture');
    expect(refused.error?.fields).toEqual([expect.objectContaining({ field: 'year', key: 'reason.reviewYearFuture' })]);
    expect((await api.get(`/api/reviews/ALL/${NEXT_YEAR}`)).status).toBe(404);
  });

  it('lists the reviews held and follows a running one without a reload until it is done', async () => {
    const deps = runtime.webDeps;
    const admin = await signIn(browser, runtime.webUrl, 'quantri');
    // Opened, still counting (no progress record yet): the page says so, then shows the progress once it exists.
    await admin.goto(`/admin?review=${LAST_YEAR}&scope=ban-tinh-qt`);
    const status = admin.locator('#review-title ~ [role=status]');
    expect(await status.innerText()).toContain('đang đếm các mô hình');
    // A review of a board's earlier year, its progress moved by hand so the test says when.
    await createReviewProgress(deps, {
      scope: 'ban-tinh-qt',
      year: LAST_YEAR,
      status: 'RUNNING',
      total: 3,
      done: 0,
      failed: 0,
      lastPage: -1,
      startedAt: `${LAST_YEAR}-12-15T00:00:00.000Z`,
    });
    await status.getByText('0/3 mô hình đã chuyển sang báo cáo năm, 0 lỗi').waitFor();
    expect(await status.getByText('đang đếm các mô hình').isHidden()).toBe(true);

    await admin.reload();
    let loads = 0;
    admin.on('load', () => loads++);
    const row = admin.locator('table[data-reviews] tbody tr', { hasText: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị' });
    expect(await status.innerText()).toContain('0/3 mô hình');
    expect(await row.innerText()).toContain('15/12/' + String(LAST_YEAR));
    expect(await row.innerText()).toContain('Đang chạy');
    expect(formatViolations('/admin', await axeViolations(admin))).toEqual([]);

    await recordReviewPage(deps, 'ban-tinh-qt', LAST_YEAR, 0, 2, 1);
    await status.getByText('2/3 mô hình đã chuyển sang báo cáo năm, 1 lỗi').waitFor();
    await row.getByText('2/3 đã chuyển sang báo cáo năm, 1 lỗi').waitFor();
    expect(await admin.locator('#review-title ~ [role=status] progress').getAttribute('max')).toBe('3');
    expect(await admin.locator('#review-title ~ [role=status] progress').evaluate((bar: HTMLProgressElement) => bar.value)).toBe(2);
    await finishReview(deps, 'ban-tinh-qt', LAST_YEAR, new Date().toISOString());
    await status.getByText('Đã hoàn tất.').waitFor();
    await row.getByText('Đã hoàn tất').waitFor();
    expect(await admin.locator('[data-review-refresh]').isHidden()).toBe(true);
    expect(loads).toBe(0);
    await shot(admin, 'yearly-review-01-followed');
  });

  it('opens this year’s review from the form: the page follows it from counting to done', async () => {
    const admin = await signIn(browser, runtime.webUrl, 'quantri');
    await admin.goto('/admin');
    await admin.fill('#review-year', String(THIS_YEAR));
    await Promise.all([admin.waitForURL(/\/admin\?review=/), admin.click('form[action="/admin/reviews"] button')]);
    // No reload by hand: forms.js reloads once while the review counts, then follows its progress.
    await admin.locator('#review-title ~ [role=status]').getByText('Đã hoàn tất.').waitFor({ timeout: 60_000 });
    const row = admin.locator('table[data-reviews] tbody tr', { hasText: 'Tất cả các ban' });
    expect(await row.first().innerText()).toContain(String(THIS_YEAR));
    await shot(admin, 'yearly-review-02-this-year');
  });
});
