import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient } from '../support/api-client.ts';
import { appraise, openReview, register, waitForStep } from '../support/lifecycle-driver.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';
import { axeViolations, formatViolations } from './axe.ts';
import { launchBrowser, shot, signIn, submit } from './browser.ts';

/**
 * The model page's details (issue 15): the lifecycle diagram marks the steps done, a recognized
 * model says so (level and year) rather than "Đang triển khai" with a due date, the proposals
 * sent about it are listed with their answer to its board (not its unit), the board's page names
 * boards and units in the proposals it received, and the public search finds a model by its unit.
 */
const NAME = 'Tổ tự quản đường hoa ven biển';
let runtime: Runtime;
let browser: Browser;
let modelId: string;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  const [unit, board, admin] = await Promise.all(
    ['donvi.halong', 'ban.quangninh', 'quantri'].map((u) => ApiClient.signIn(runtime.webUrl, u)),
  );
  modelId = await register(unit!, { name: NAME, tags: [] });
  await waitForStep(board!, modelId, 'REGISTRATION_REVIEW');
  expect((await board!.post(`/api/models/${modelId}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
  await openReview(admin!);
  await waitForStep(unit!, modelId, 'YEARLY_REPORT');
  expect((await unit!.post(`/api/models/${modelId}/report`, { report: 'Trồng 2 km đường hoa, 80 hộ tham gia.' })).status).toBe(200);
  await waitForStep(board!, modelId, 'APPRAISAL');
  await appraise(board!, modelId, { outcome: 'RECOGNIZE', level: 'PROVINCE' });
  // Recognized, the model rests until next year's review.
  await eventually(async () => {
    const { body } = await board!.get(`/api/models/${modelId}`);
    return body.model.status === 'IMPLEMENTING' && body.model.cycleYear === THIS_YEAR + 1 ? body : undefined;
  }, 'the model resting after its recognition');
  for (const kind of ['NEXT_LEVEL', 'COMMENDATION']) {
    const proposed = await board!.post(`/api/models/${modelId}/proposals`, { kind, year: THIS_YEAR, note: `Đề nghị ${kind}` });
    expect(proposed.status).toBe(201);
  }
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const modelPath = () => `/models/${encodeURIComponent(modelId)}`;

describe('the model page’s details', { timeout: 120_000 }, () => {
  it('marks the steps done and says the model was recognized, its level and year, with no due date', async () => {
    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await board.goto(modelPath());
    const status = board.locator('section[aria-labelledby=status-title]');
    const done = await board.locator('ol.lifecycle li.done').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step')));
    expect(done).toEqual(['START', 'REGISTRATION_REVIEW']);
    expect(await board.locator('ol.lifecycle li.done .visually-hidden').allInnerTexts()).toEqual(['Đã xong:', 'Đã xong:']);
    expect(await board.locator('ol.lifecycle li[aria-current=step]').getAttribute('data-step')).toBe('YEARLY_REVIEW');
    // A visible mark, not only a class: the done boxes look unlike the steps to come.
    const [doneBg, todoBg] = await Promise.all([
      board
        .locator('ol.lifecycle li.done')
        .first()
        .evaluate((li) => getComputedStyle(li).backgroundColor),
      board.locator('ol.lifecycle li[data-step=YEARLY_REPORT]').evaluate((li) => getComputedStyle(li).backgroundColor),
    ]);
    expect(doneBg).not.toBe(todoBg);
    const text = await status.innerText();
    expect(text).toContain(`Đã được công nhận: Cấp tỉnh, năm ${THIS_YEAR}`);
    expect(text).toContain(`Chờ sơ kết năm ${THIS_YEAR + 1}`);
    expect(text).not.toContain('Đang triển khai');
    expect(text).not.toContain('Hạn xử lý');
    await shot(board, 'details-01-recognized-model');
  });

  it('lists the proposals sent, with the board each went to and its answer, to the board but not the unit', async () => {
    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await board.goto(modelPath());
    const section = board.locator('section[aria-labelledby=proposals-sent-title]');
    expect(await section.locator('tbody tr').count()).toBe(2);
    expect(await section.locator('thead th[scope=col]').count()).toBe(8);
    expect(await section.locator('tbody th[scope=row]').allInnerTexts()).toEqual(
      expect.arrayContaining(['Đề nghị cấp trên công nhận', 'Đề nghị khen thưởng']),
    );
    const text = await section.innerText();
    expect(text).toContain('Ban Dân vận Trung ương');
    expect(text).toContain('Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh');
    expect(text).not.toContain('ban-dan-van-tw');
    expect(text.match(/Chưa có trả lời/g)).toHaveLength(2);
    expect(formatViolations('model page', await axeViolations(board))).toEqual([]);

    const unit = await signIn(browser, runtime.webUrl, 'donvi.halong');
    await unit.goto(modelPath());
    expect(await unit.locator('h1').innerText()).toBe(NAME);
    expect(await unit.locator('section[aria-labelledby=proposals-sent-title]').count()).toBe(0);
  });

  it('the board’s page names the boards and units of the proposals received, under proper headers', async () => {
    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await board.goto('/board');
    const section = board.locator('section[aria-labelledby=proposals-title]');
    expect(await section.locator('thead th[scope=col]').count()).toBe(10);
    expect(await section.locator('tbody th[scope=row]').allInnerTexts()).toEqual([NAME]);
    const text = await section.innerText();
    expect(text).toContain('Phường Hạ Long');
    expect(text).toContain('Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh');
    expect(text).not.toContain('ban-tinh-qn');
    expect(text).not.toContain('phuong-ha-long');
    expect(formatViolations('board page', await axeViolations(board))).toEqual([]);
  });

  it('the public search finds the model by its unit’s name, with or without diacritics', async () => {
    const visitor = await (await browser.newContext({ baseURL: runtime.webUrl })).newPage();
    for (const q of ['Hạ Long', 'ha long']) {
      await visitor.goto('/public');
      await visitor.fill('#q', q);
      await submit(visitor, 'form[role=search] button[type=submit]');
      expect(await visitor.locator('main').innerText()).toContain(NAME);
    }
    await visitor.goto('/public?q=dong+ha');
    expect(await visitor.locator('main').innerText()).not.toContain(NAME);
  });
  it('the receiving board answers a proposal once, and the proposing board reads the answer on the model page', async () => {
    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await board.goto('/board');
    const form = 'form[action^="/board/proposals/answer"]';
    expect(await board.locator(form).count()).toBe(1); // the commendation came to this board; the next level's went up
    await board.selectOption(`${form} select[name=outcome]`, 'DECLINED');
    await submit(board, `${form} button[type=submit]`);
    expect(board.url()).not.toContain('answered=1');
    expect(await board.locator('section[aria-labelledby=proposals-title] .notice.error').innerText()).toContain('cần nêu lý do');
    await board.selectOption(`${form} select[name=outcome]`, 'ACCEPTED');
    await board.fill(`${form} textarea[name=note]`, 'Trình Thường trực khen thưởng đợt 2');
    await submit(board, `${form} button[type=submit]`);
    expect(board.url()).toContain('answered=1');
    expect(await board.locator(form).count()).toBe(0);

    await board.goto(modelPath());
    const sent = await board.locator('section[aria-labelledby=proposals-sent-title]').innerText();
    expect(sent).toContain('Đã chấp nhận ngày');
    expect(sent).toContain('Trình Thường trực khen thưởng đợt 2');
    expect(sent.match(/Chưa có trả lời/g)).toHaveLength(1);

    // Through the API: answered already (409); the next level's proposal is not this board's to answer (404), the administrator's is.
    const api = await ApiClient.signIn(runtime.webUrl, 'ban.quangninh');
    const again = await api.post(`/api/models/${modelId}/proposals/COMMENDATION/${THIS_YEAR}/answer`, { outcome: 'ACCEPTED' });
    expect(again.status).toBe(409);
    expect((await api.post(`/api/models/${modelId}/proposals/NEXT_LEVEL/${THIS_YEAR}/answer`, { outcome: 'ACCEPTED' })).status).toBe(404);
    const admin = await ApiClient.signIn(runtime.webUrl, 'quantri');
    const declined = await admin.post(`/api/models/${modelId}/proposals/NEXT_LEVEL/${THIS_YEAR}/answer`, {
      outcome: 'DECLINED',
      note: 'Chưa đủ thời gian duy trì',
    });
    expect(declined.status).toBe(200);
    expect(declined.body.answer).toMatchObject({ outcome: 'DECLINED', by: 'quantri' });
  });
});
