import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';
import { launchBrowser, PNG, shot, signIn, waitForTask, type E2EPage } from './browser.ts';

/**
 * Bad input typed into the pages: each case shows a clear message in the reader's language
 * (Vietnamese, one in English) and stores nothing. The lifecycle is moved through the API
 * where a case needs a model in a given step.
 */
let runtime: Runtime;
let browser: Browser;
let api: { unit: ApiClient; board: ApiClient; admin: ApiClient };

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  const [unit, board, admin] = await Promise.all(
    ['donvi.halong', 'ban.quangninh', 'quantri'].map((name) => ApiClient.signIn(runtime.webUrl, name)),
  );
  api = { unit: unit!, board: board!, admin: admin! };
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/** Clicks a submit button and returns the HTTP status of the page that answers. */
async function post(page: Page, selector: string): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response?.status() ?? 0;
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();
const modelCount = async () => ((await api.unit.get('/api/models')).body.models as unknown[]).length;
const outcomeButton = (outcome: string) => `form:has(input[name=outcome][value=${outcome}]) button[type=submit]`;

async function submitted(overrides: Record<string, unknown> = {}): Promise<string> {
  const { body, status } = await api.unit.post('/api/models', registration(overrides));
  expect(status).toBe(202);
  await waitForTask(api.board, body.id, 'REGISTRATION_REVIEW');
  return body.id;
}

describe('bad input shows a message and stores nothing', { timeout: 180_000 }, () => {
  it('a registration whose area does not exist', async () => {
    const unit = await signIn(browser, runtime.webUrl, 'donvi.halong');
    await unit.goto('/unit');
    for (const [field, value] of Object.entries(registration()))
      if (typeof value === 'string' && field !== 'kind' && field !== 'area') await unit.fill(`#reg-${field}`, value);
    await unit.selectOption('#reg-kind', 'MODEL');
    // A tampered form: an area that is not one of the four.
    await unit.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('#reg-area')!;
      select.add(new Option('Vũ trụ', 'SPACE'));
      select.value = 'SPACE';
    });
    const before = await modelCount();
    expect(await post(unit, '#register button[value=submit]')).toBe(400);
    expect(await text(unit, '[role=alert]')).toContain('Dữ liệu không hợp lệ');
    expect(await text(unit, '#reg-area-error')).toContain('giá trị không có trong danh sách');
    expect(await unit.inputValue('#reg-name')).toBe(registration().name);
    expect(await modelCount()).toBe(before);
    await shot(unit, 'bad-01-area');

    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    const response = await board.goto('/board?area=SPACE');
    expect(response?.status()).toBe(400);
    expect(await text(board, '[role=alert]')).toContain('Bộ lọc không hợp lệ');
    expect(await text(board, '#f-area-error')).toContain('Giá trị không có trong danh sách');
    await Promise.all([unit.context().close(), board.context().close()]);
  });

  it('evidence of a forbidden type, disguised, or over 10 MB (and one in English)', async () => {
    const { body } = await api.unit.call('POST', '/api/models?submit=false', registration({ name: 'Bản nháp có minh chứng' }));
    const path = `/models/${body.id}`;
    const unit = await signIn(browser, runtime.webUrl, 'donvi.halong');
    await unit.goto(path);
    const upload = async (name: string, buffer: Buffer, mimeType = 'application/octet-stream') => {
      await unit.setInputFiles('#evidence-file', { name, mimeType, buffer });
      return post(unit, '#evidence form[enctype="multipart/form-data"] button');
    };
    expect(await upload('ghi-chu.txt', Buffer.from('ghi chú'))).toBe(400);
    expect(await text(unit, '#evidence-error')).toContain('loại tệp không được phép');
    expect(await upload('anh.png', Buffer.from('<html>không phải ảnh</html>'), 'image/png')).toBe(400);
    expect(await text(unit, '#evidence-error')).toContain('nội dung tệp không phải .png');
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    big.write('%PDF-1.4');
    expect(await upload('lon.pdf', big, 'application/pdf')).toBe(413);
    expect(await text(unit, '#evidence-error')).toContain('Tệp quá lớn (tối đa 10 MB)');
    await shot(unit, 'bad-02-evidence-too-large');

    await unit.goto(`/lang/en?next=${encodeURIComponent(path)}`);
    expect(await upload('tool.exe', Buffer.from('MZ'))).toBe(400);
    expect(await text(unit, '#evidence-error')).toContain('file type not allowed');
    expect(await text(unit, '[role=alert]')).toContain('Invalid input');
    await shot(unit, 'bad-03-evidence-english');
    await unit.goto(`/lang/vi?next=${encodeURIComponent(path)}`);
    expect(await text(unit, '#evidence')).toContain('Chưa có tệp minh chứng nào');
    expect((await api.unit.get(`/api/models/${body.id}/evidence`)).body.evidence).toEqual([]);
    await unit.context().close();
  });

  it('a return without a reason, a score above the maximum, an appraisal returned without a reason', async () => {
    const id = await submitted({ indicators: [{ name: 'Số hộ tham gia', unit: 'hộ', target: 100 }] });
    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await board.goto(`/models/${id}`);
    await board.fill('#return-reason', '   ');
    expect(await post(board, outcomeButton('RETURN'))).toBe(400);
    expect(await text(board, '#return-reason-error')).toContain('cần nêu lý do');
    const detail = (await api.board.get(`/api/models/${id}`)).body;
    expect(detail.model.status).toBe('SUBMITTED');
    expect(detail.decisions).toEqual([]);

    expect((await api.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
    await waitForTask(api.admin, id, 'YEARLY_REVIEW');
    expect((await api.admin.post('/api/reviews', { year: THIS_YEAR })).status).toBeLessThan(300);
    await waitForTask(api.unit, id, 'YEARLY_REPORT');
    expect(
      (
        await api.unit.post(`/api/models/${id}/report`, {
          report: 'Đã vận động 80 hộ.',
          indicators: [{ name: 'Số hộ tham gia', actual: 80 }],
        })
      ).status,
    ).toBe(200);
    await waitForTask(api.board, id, 'APPRAISAL');

    const specialist = await signIn(browser, runtime.webUrl, 'chuyenvien.qn');
    await specialist.goto(`/models/${id}`);
    for (const [i, score] of [25, 10, 10, 10, 10].entries()) await specialist.fill(`#score-${i}`, String(score));
    await specialist.check('input[name="proposal.outcome"][value=RECOGNIZE]');
    await specialist.selectOption('#proposal-level', 'PROVINCE');
    expect(await post(specialist, '#score-form button[type=submit]')).toBe(400);
    expect(await text(specialist, '#score-0-error')).toContain('vượt điểm tối đa 20');
    expect(await specialist.inputValue('#score-1')).toBe('10');
    await shot(specialist, 'bad-04-score-above-maximum');
    expect((await api.board.get(`/api/models/${id}/appraisal`)).body.appraisal).toBeNull();

    await specialist.fill('#score-0', '15');
    expect(await post(specialist, '#score-form button[type=submit]')).toBe(200);
    const leader = await signIn(browser, runtime.webUrl, 'lanhdao.qn');
    await leader.goto(`/models/${id}`);
    await leader.fill('#appraisal-return-reason', '  ');
    expect(await post(leader, 'form[action*="/appraisal/return"] button')).toBe(400);
    expect(await text(leader, '#appraisal-return-reason-error')).toContain('cần nêu lý do');
    const appraisal = (await api.board.get(`/api/models/${id}/appraisal`)).body.appraisal;
    expect(appraisal).toMatchObject({ status: 'IN_APPROVAL', step: 1 });
    expect(appraisal?.trail).toHaveLength(1);

    await leader.fill('#appraisal-return-reason', 'Điểm tiêu chí 1 chưa có minh chứng');
    expect(await post(leader, 'form[action*="/appraisal/return"] button')).toBe(200);
    await specialist.reload();
    expect(await text(specialist, '#action')).toContain('Bản chấm điểm đã bị trả lại. Lý do: Điểm tiêu chí 1 chưa có minh chứng');
    expect(await specialist.inputValue('#score-0')).toBe('15');
    await shot(specialist, 'bad-05-appraisal-returned');
    await Promise.all([board.context().close(), specialist.context().close(), leader.context().close()]);
  });

  it('an administrator’s unit with an invalid id and no board', async () => {
    const admin = await signIn(browser, runtime.webUrl, 'quantri');
    await admin.goto('/admin/units');
    await admin.fill('#unit-id', 'Ha Long 2');
    await admin.fill('#unit-name', 'Phường Hạ Long 2');
    await admin.selectOption('#unit-type', 'COMMUNE');
    await admin.selectOption('#unit-level', 'COMMUNE');
    await admin.evaluate(() => document.querySelector<HTMLSelectElement>('#unit-board')!.removeAttribute('required'));
    expect(await post(admin, 'form[action^="/admin/units"] button')).toBe(400);
    expect(await text(admin, '#unit-id-error')).toContain('chữ thường, số, gạch ngang');
    expect(await text(admin, '#unit-board-error')).not.toBe('');
    expect(await admin.inputValue('#unit-name')).toBe('Phường Hạ Long 2');
    expect(JSON.stringify((await api.admin.get('/api/units')).body)).not.toContain('Hạ Long 2');
    await admin.context().close();
  });
});

describe('escaping', { timeout: 180_000 }, () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '<img src=x onerror=alert(1)>';
  const noMarkup = async (page: E2EPage) => {
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => [...document.scripts].some((s) => (s.textContent ?? '').includes('alert')))).toBe(false);
  };

  it('shows script and markup payloads typed into every text field as text, and no dialog fires', async () => {
    const unit = await signIn(browser, runtime.webUrl, 'donvi.quangla');
    await unit.goto('/unit');
    // An exemplar (a person): field 6 is the person's three questions, shown once the kind is chosen.
    await unit.selectOption('#reg-kind', 'EXEMPLAR');
    const person = ['position', 'achievements', 'mobilization'];
    const fields = ['name', 'situation', 'objectives', 'content', 'targetGroup', ...person, 'resources', 'outputs', 'sustainability'];
    for (const [i, field] of fields.entries()) await unit.fill(`#reg-${field}`, `${i % 2 ? IMG : SCRIPT} ${field}`);
    await unit.selectOption('#reg-area', 'POLITICAL_SYSTEM');
    await unit.fill('#reg-tags', `${SCRIPT}, ${IMG}`);
    await unit.fill('#reg-ind-0-name', SCRIPT);
    await unit.fill('#reg-ind-0-unit', IMG);
    expect(await post(unit, '#register button[value=draft]')).toBe(200);
    expect(await unit.locator('h1').innerText()).toBe(`${SCRIPT} name`);
    const details = await text(unit, 'section[aria-labelledby=fields-title]');
    for (const field of fields) expect(details).toContain(`${fields.indexOf(field) % 2 ? IMG : SCRIPT} ${field}`);
    expect(details).toContain(`${SCRIPT}, ${IMG}`);
    await unit.setInputFiles('#evidence-file', { name: `${IMG}.png`, mimeType: 'image/png', buffer: PNG });
    expect(await post(unit, '#evidence form[enctype="multipart/form-data"] button')).toBe(200);
    expect(await text(unit, '#evidence')).toContain(`${IMG}.png`);
    await noMarkup(unit);
    await shot(unit, 'escape-01-draft');
    expect(await post(unit, '#draft button[value=submit]')).toBe(200);

    const id = decodeURIComponent(/\/models\/([^?]+)/.exec(unit.url())![1]!);
    await waitForTask(api.board, id, 'REGISTRATION_REVIEW');
    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await board.goto('/board');
    expect(await text(board, 'section[aria-labelledby=queue-title]')).toContain(`${SCRIPT} name`);
    await board.goto(`/models/${id}`);
    await board.fill('#return-reason', `${IMG} ${SCRIPT}`);
    expect(await post(board, outcomeButton('RETURN'))).toBe(200);
    await noMarkup(board);

    await waitForTask(api.board, id, 'REVISION');
    await unit.goto(`/models/${id}`);
    expect(await text(unit, '#action')).toContain(`${IMG} ${SCRIPT}`);
    expect(await unit.inputValue('#rev-name')).toBe(`${SCRIPT} name`);
    await noMarkup(unit);

    const admin = await signIn(browser, runtime.webUrl, 'quantri');
    await admin.goto('/admin/units');
    await admin.fill('#unit-id', 'to-dan-pho-xss');
    await admin.fill('#unit-name', IMG);
    await admin.selectOption('#unit-type', 'PARTY_CELL');
    await admin.selectOption('#unit-level', 'COMMUNE');
    await admin.selectOption('#unit-parent', 'xa-quang-la');
    await admin.selectOption('#unit-board', 'ban-tinh-qn');
    expect(await post(admin, 'form[action^="/admin/units"] button')).toBe(200);
    expect(await text(admin, '.tree')).toContain(IMG);
    await admin.goto('/admin/accounts');
    await admin.fill('#account-username', 'xss.test');
    await admin.fill('#account-displayName', SCRIPT);
    await admin.selectOption('#account-role', 'unit');
    await admin.selectOption('#account-unit', 'to-dan-pho-xss');
    await admin.fill('#account-password', 'Mat-khau-2026');
    expect(await post(admin, 'form[action="/admin/accounts#account-form"] button')).toBe(200);
    expect(await text(admin, 'section[aria-labelledby=accounts-title]')).toContain(SCRIPT);
    await noMarkup(admin);
    await shot(admin, 'escape-02-admin-accounts');
    for (const page of [unit, board, admin]) expect(page.dialogs).toEqual([]);
    await Promise.all([unit.context().close(), board.context().close(), admin.context().close()]);
  });
});
