import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient } from '../support/api-client.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { launchBrowser, modelIdOf, reloadUntil, shot, signIn, submit, waitForTask, type E2EPage } from './browser.ts';
import { DEMO_PASSWORD } from '../../local/seed-demo.ts';

/**
 * "Nothing typed is lost" (issue 15), in the browser: a draft with only a name saves; a session
 * that ended while typing keeps the nine fields after signing in again; a second board
 * member's reason survives the 409; the account form keeps its input on a validation error;
 * the error summary takes the focus and links its fields; an administrator deactivates,
 * reactivates and resets a password.
 */
const NINE: Record<string, string> = {
  name: 'Dân vận khéo: giữ gìn vệ sinh môi trường khu phố 2',
  situation: 'Rác thải sinh hoạt đổ bừa bãi ven kênh.',
  objectives: '100% hộ phân loại rác tại nguồn.',
  content: 'Tổ tự quản vận động từng hộ; ngày chủ nhật xanh hằng tháng.',
  targetGroup: 'Hộ dân khu phố 2',
  forces: 'Chi bộ, Hội Phụ nữ, Đoàn thanh niên',
  resources: 'Kinh phí 50 triệu đồng, 300 ngày công',
  outputs: 'Kênh sạch, 2 điểm tập kết rác',
  sustainability: 'Quy ước khu phố; nhân rộng sang khu phố 3',
};

let runtime: Runtime;
let browser: Browser;
let unit: E2EPage;
let admin: ApiClient;
let modelId: string;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  unit = await signIn(browser, runtime.webUrl, 'donvi.halong');
  admin = await ApiClient.signIn(runtime.webUrl, 'quantri');
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function signInAgain(page: E2EPage, username: string) {
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.click('form[action="/sign-in"] button')]);
}

describe('nothing typed is lost', { timeout: 180_000 }, () => {
  it('"Lưu nháp" saves a draft with only a name; submitting it lists every missing field in a focused summary', async () => {
    await unit.goto('/unit');
    await unit.fill('#reg-name', 'Nháp chỉ có tên');
    await submit(unit, '#register button[value=draft]');
    expect(unit.url()).toContain('done=draft');
    expect(await unit.locator('.badge.status-DRAFT').count()).toBe(1);
    expect(await unit.inputValue('#draft-name')).toBe('Nháp chỉ có tên');

    // Submitting the draft: the browser's own checks are what a person meets first; past them
    // (as a script-less client would be), the server refuses and lists the fields.
    await unit.fill('#draft-situation', 'Mới có thực trạng');
    await unit.evaluate(() => document.querySelectorAll('#draft [required]').forEach((el) => el.removeAttribute('required')));
    await submit(unit, '#draft button[value=submit]');
    const summary = unit.locator('#draft-errors');
    await summary.waitFor();
    await unit.waitForFunction(() => document.activeElement?.id === 'draft-errors');
    expect(await summary.innerText()).toContain('Đã lưu bản nháp');
    const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['#draft-objectives', '#draft-forces', '#draft-area']));
    expect(links).not.toContain('#draft-situation');
    await shot(unit, 'nothing-lost-01-draft-summary');
    // The link moves to the field; what was typed was saved with the draft.
    await summary.locator('a[href="#draft-objectives"]').click();
    expect(await unit.evaluate(() => document.activeElement?.id)).toBe('draft-objectives');
    expect(await unit.inputValue('#draft-situation')).toBe('Mới có thực trạng');
  });

  it('a session that ended while typing: 403 says so, and after signing in again the nine fields are back', async () => {
    await unit.goto('/unit');
    for (const [field, value] of Object.entries(NINE)) await unit.fill(`#reg-${field}`, value);
    await unit.selectOption('#reg-area', 'CULTURE_SOCIETY');
    expect((await admin.call('DELETE', '/api/accounts/donvi.halong/sessions')).status).toBe(200);

    const [response] = await Promise.all([
      unit.waitForEvent('response', (r) => r.request().method() === 'POST'),
      unit.click('#register button[value=submit]'),
    ]);
    await unit.waitForLoadState();
    expect(response.status()).toBe(403);
    expect(await unit.locator('main').innerText()).toContain('Phiên đăng nhập đã kết thúc');
    await shot(unit, 'nothing-lost-02-session-ended');
    await Promise.all([unit.waitForURL(/\/sign-in/), unit.click('a[data-sign-in-again]')]);
    await signInAgain(unit, 'donvi.halong');
    expect(new URL(unit.url()).pathname).toBe('/unit');
    for (const [field, value] of Object.entries(NINE)) expect(await unit.inputValue(`#reg-${field}`), field).toBe(value);
    expect(await unit.inputValue('#reg-area')).toBe('CULTURE_SOCIETY');
    expect(await unit.locator('#register [data-restored]').innerText()).toContain('Đã khôi phục');
    await shot(unit, 'nothing-lost-03-restored');

    // Sent now, it registers; what was kept is cleared, the form is blank again.
    await submit(unit, '#register button[value=submit]');
    expect(unit.url()).toContain('done=register');
    modelId = modelIdOf(unit);
    await unit.goto('/unit');
    expect(await unit.inputValue('#reg-name')).toBe('');
    expect(await unit.locator('[data-restored]').count()).toBe(0);
  });

  it('a second board member’s reason survives the 409: the page says it was decided and shows the reason to copy', async () => {
    const [first, second] = await Promise.all([
      signIn(browser, runtime.webUrl, 'ban.quangninh'),
      signIn(browser, runtime.webUrl, 'chuyenvien.qn'),
    ]);
    await waitForTask(await ApiClient.signIn(runtime.webUrl, 'ban.quangninh'), modelId, 'REGISTRATION_REVIEW');
    const path = `/models/${encodeURIComponent(modelId)}`;
    const outcome = (o: string) => `form:has(input[name=outcome][value=${o}]) button[type=submit]`;
    await Promise.all([first.goto(path), second.goto(path)]);
    await reloadUntil(second, async () => (await second.locator('#return-reason').count()) > 0, 'the review forms');
    const reason = 'Đề nghị bổ sung danh sách hộ dân tham gia và biên bản họp khu phố';
    await second.fill('#return-reason', reason);
    await reloadUntil(first, async () => (await first.locator(outcome('ACCEPT')).count()) > 0, 'the review forms');
    await submit(first, outcome('ACCEPT'));
    expect(first.url()).toContain('done=decide');

    const [response] = await Promise.all([
      second.waitForEvent('response', (r) => r.request().method() === 'POST'),
      second.click(outcome('RETURN')),
    ]);
    await second.waitForLoadState();
    expect(response.status()).toBe(409);
    await second.waitForFunction(() => document.activeElement?.id === 'action-errors');
    expect(await second.locator('#kept').innerText()).toContain('Nội dung bạn đã nhập');
    expect(await second.locator('#kept textarea').inputValue()).toBe(reason);
    await shot(second, 'nothing-lost-04-conflict-keeps-reason');
  });

  it('the account form keeps everything typed (the password too) on a validation error, in a focused summary', async () => {
    const page = await signIn(browser, runtime.webUrl, 'quantri');
    await page.goto('/admin/accounts');
    await page.fill('#account-username', 'Sai Ten');
    await page.fill('#account-displayName', 'Cán bộ mới');
    await page.selectOption('#account-role', 'board');
    await page.selectOption('#account-board', { label: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh (mã ban-tinh-qn)' });
    await page.check('#account-role-LEADER');
    await page.fill('#account-password', 'Mat-khau-2026');
    await page.fill('#account-email', 'can.bo.moi@example.org');
    await page.selectOption('#account-notify', 'DIGEST');
    await page.selectOption('#account-lang', 'en');
    await submit(page, 'form[action^="/admin/accounts#"] button[type=submit]');
    await page.waitForFunction(() => document.activeElement?.id === 'account-errors');
    const links = await page.locator('#account-errors a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('#account-username');
    expect(await page.inputValue('#account-username')).toBe('Sai Ten');
    expect(await page.inputValue('#account-displayName')).toBe('Cán bộ mới');
    expect(await page.inputValue('#account-board')).toBe('ban-tinh-qn');
    expect(await page.isChecked('#account-role-LEADER')).toBe(true);
    expect(await page.inputValue('#account-password')).toBe('Mat-khau-2026');
    await shot(page, 'nothing-lost-05-account-form-kept');
    // The password never goes to sessionStorage.
    const kept = await page.evaluate(() =>
      Object.keys(sessionStorage)
        .map((k) => sessionStorage.getItem(k) ?? '')
        .join(' '),
    );
    expect(kept).toContain('Cán bộ mới');
    expect(kept).not.toContain('Mat-khau-2026');

    // Corrected, it saves with its address and mail settings, which the edit form shows again.
    expect(await page.inputValue('#account-email')).toBe('can.bo.moi@example.org');
    expect(await page.inputValue('#account-notify')).toBe('DIGEST');
    await page.fill('#account-username', 'can.bo.moi');
    await submit(page, 'form[action^="/admin/accounts#"] button[type=submit]');
    expect(await page.locator('section[aria-labelledby=accounts-title]').innerText()).toContain('can.bo.moi@example.org');
    await page.goto('/admin/accounts?edit=can.bo.moi#account-form');
    expect(await page.inputValue('#account-email')).toBe('can.bo.moi@example.org');
    expect(await page.inputValue('#account-notify')).toBe('DIGEST');
    expect(await page.inputValue('#account-lang')).toBe('en');
    await shot(page, 'nothing-lost-05b-account-mail-settings');
  });

  it('an administrator deactivates an account (its session ends, it cannot sign in), reactivates it and resets its password', async () => {
    const page = await signIn(browser, runtime.webUrl, 'quantri');
    const officer = await signIn(browser, runtime.webUrl, 'donvi.quangla');
    await page.goto('/admin/accounts');
    await submit(page, 'form[action="/admin/accounts/donvi.quangla/deactivate"] button');
    expect(await page.locator('main .notice.ok').innerText()).toContain('Đã ngừng hoạt động tài khoản donvi.quangla');
    expect(await page.locator('tr', { hasText: 'donvi.quangla' }).innerText()).toContain('Ngừng hoạt động từ');
    await shot(page, 'nothing-lost-06-account-deactivated');
    await officer.goto('/unit');
    expect(new URL(officer.url()).pathname).toBe('/sign-in');
    await officer.fill('#username', 'donvi.quangla');
    await officer.fill('#password', DEMO_PASSWORD);
    await submit(officer, 'form[action="/sign-in"] button');
    expect(await officer.locator('main').innerText()).toContain('Tài khoản đã bị ngừng hoạt động');

    await submit(page, 'form[action="/admin/accounts/donvi.quangla/reactivate"] button');
    expect(await page.locator('main .notice.ok').innerText()).toContain('Đã kích hoạt lại');
    // A reset: too short first (kept, with its reason), then a good one; the old password no longer works.
    await page.selectOption('#reset-username', 'donvi.quangla');
    await page.fill('#reset-password', 'ngan');
    await page.evaluate(() => document.querySelectorAll('#reset-form [required]').forEach((el) => el.removeAttribute('required')));
    await submit(page, '#reset-form button[type=submit]');
    await page.waitForFunction(() => document.activeElement?.id === 'reset-errors');
    expect(await page.inputValue('#reset-username')).toBe('donvi.quangla');
    await page.fill('#reset-password', 'Mat-khau-moi-2026');
    await submit(page, '#reset-form button[type=submit]');
    expect(await page.locator('main .notice.ok').innerText()).toContain('Đã đặt lại mật khẩu của donvi.quangla');
    await officer.fill('#username', 'donvi.quangla');
    await officer.fill('#password', DEMO_PASSWORD);
    await submit(officer, 'form[action="/sign-in"] button');
    expect(await officer.locator('main').innerText()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    await officer.fill('#username', 'donvi.quangla');
    await officer.fill('#password', 'Mat-khau-moi-2026');
    await Promise.all([officer.waitForURL((url) => url.pathname === '/unit'), officer.click('form[action="/sign-in"] button')]);

    // The same through the JSON API.
    const api = (path: string, method = 'POST', body?: unknown) => admin.call(method, path, body);
    expect((await api('/api/accounts/donvi.quangla/deactivate')).body).toMatchObject({
      deactivatedAt: expect.any(String) as string,
      ended: 1,
    });
    expect((await api('/api/accounts/quantri/deactivate')).status).toBe(409);
    expect((await api('/api/accounts/donvi.quangla/reactivate')).body).not.toHaveProperty('deactivatedAt');
    const short = await api('/api/accounts/donvi.quangla/password', 'PUT', { password: 'ngan' });
    expect(short.status).toBe(400);
    expect(short.error?.fields?.[0]).toMatchObject({ field: 'password' });
    expect((await api('/api/accounts/donvi.quangla/password', 'PUT', { password: 'Mat-khau-api-2026' })).body).toMatchObject({ ended: 0 });
  });

  it('an exemplar is asked a person’s questions instead of the implementing forces', async () => {
    await unit.goto('/unit');
    expect(await unit.isVisible('#reg-forces')).toBe(true);
    expect(await unit.isVisible('#reg-position')).toBe(false);
    await unit.selectOption('#reg-kind', 'EXEMPLAR');
    expect(await unit.isVisible('#reg-forces')).toBe(false);
    for (const field of ['position', 'achievements', 'mobilization']) expect(await unit.isVisible(`#reg-${field}`), field).toBe(true);
    await unit.fill('#reg-name', 'Điển hình: bà Nguyễn Thị Lan, tổ trưởng tổ dân phố');
    await unit.fill('#reg-position', 'Tổ trưởng tổ dân phố 4');
    await unit.fill('#reg-achievements', 'Vận động 60 hộ hiến đất mở đường');
    await unit.fill('#reg-mobilization', 'Đến từng nhà, nêu gương hiến đất trước');
    await shot(unit, 'nothing-lost-07-exemplar-form');
    await submit(unit, '#register button[value=draft]');
    expect(unit.url()).toContain('done=draft');
    const details = await unit.locator('section[aria-labelledby=fields-title]').innerText();
    expect(details).toContain('Tổ trưởng tổ dân phố 4');
    expect(details).not.toContain('Lực lượng thực hiện');
    expect(await unit.inputValue('#draft-mobilization')).toBe('Đến từng nhà, nêu gương hiến đất trước');
  });
});
