import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient } from '../support/api-client.ts';
import { openReview, register, waitForStep } from '../support/lifecycle-driver.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';
import { axeViolations, formatViolations } from './axe.ts';
import { launchBrowser, shot, signIn } from './browser.ts';

/**
 * axe-core (WCAG 2.1 A/AA) on every main page, for each role, in Vietnamese and in English:
 * 0 violations. Then the pages a person uses on a phone, at 390 px, without horizontal scroll.
 */
let runtime: Runtime;
let browser: Browser;
let recognized: string;
let waiting: string;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  const [unit, otherUnit, board, otherBoard, admin] = await Promise.all(
    ['donvi.halong', 'donvi.dongha', 'ban.quangninh', 'ban.quangtri', 'quantri'].map((u) => ApiClient.signIn(runtime.webUrl, u)),
  );
  // Quảng Trị decides directly: a model of Đông Hà recognized this year (a certificate, a public page).
  recognized = await register(otherUnit!, { name: 'Dân vận khéo trong giữ gìn vệ sinh môi trường' });
  await waitForStep(otherBoard!, recognized, 'REGISTRATION_REVIEW');
  await otherBoard!.post(`/api/models/${recognized}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
  await openReview(admin!);
  await waitForStep(otherUnit!, recognized, 'YEARLY_REPORT');
  await otherUnit!.post(`/api/models/${recognized}/report`, { report: 'Kết quả năm', indicators: [] });
  await waitForStep(otherBoard!, recognized, 'APPRAISAL');
  const decided = await otherBoard!.post(`/api/models/${recognized}/decisions`, {
    stage: 'APPRAISAL',
    outcome: 'RECOGNIZE',
    level: 'PROVINCE',
  });
  expect(decided.status).toBe(200);
  // Hạ Long's registration waits for the Quảng Ninh board's review (its queue and action form).
  waiting = await register(unit!, { name: 'Tổ tự quản khu phố 5' });
  await waitForStep(board!, waiting, 'REGISTRATION_REVIEW');
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const PAGES: Record<string, () => string[]> = {
  '': () => ['/sign-in', '/public', `/public/models/${recognized}`],
  'donvi.dongha': () => ['/unit', `/models/${recognized}`, `/models/${recognized}/certificate/${THIS_YEAR}`, '/search?q=ve+sinh'],
  'ban.quangninh': () => ['/board', `/models/${waiting}`, '/board/models', '/board/scoring', '/search?q=to+tu+quan', '/statistics'],
  quantri: () => ['/admin', '/admin/units', '/admin/boards', '/admin/accounts', '/admin/criteria', '/admin/security'],
};

async function pageFor(who: string): Promise<Page> {
  if (who) return signIn(browser, runtime.webUrl, who);
  const context = await browser.newContext({ baseURL: runtime.webUrl });
  return context.newPage();
}

describe('accessibility', { timeout: 240_000 }, () => {
  it('every main page has 0 axe violations, in Vietnamese and in English', async () => {
    const found: string[] = [];
    for (const [who, paths] of Object.entries(PAGES)) {
      const page = await pageFor(who);
      for (const lang of ['vi', 'en']) {
        await page.goto(`/lang/${lang}?next=/public`);
        for (const path of paths()) {
          const response = await page.goto(path);
          expect(response?.status(), `${who} ${path}`).toBe(200);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          found.push(...formatViolations(`${lang} ${who || 'anyone'} ${path}`, await axeViolations(page)));
        }
      }
      await page.context().close();
    }
    expect(found).toEqual([]);
  });

  it('on a 390 px phone: the unit home, the registration form, the board queue and a model page, with no horizontal scroll', async () => {
    const shots: [string, string, string][] = [
      ['donvi.dongha', '/unit', 'phone-01-unit-home'],
      ['donvi.dongha', '/unit#register-title', 'phone-02-registration-form'],
      ['ban.quangninh', '/board', 'phone-03-board-queue'],
      ['ban.quangninh', `/models/${waiting}`, 'phone-04-model-page'],
    ];
    for (const [who, path, name] of shots) {
      const page = await signIn(browser, runtime.webUrl, who, { phone: true });
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await shot(page, name);
      await page.context().close();
    }
  });
});
