import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient } from '../support/api-client.ts';
import { register } from '../support/lifecycle-driver.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { launchBrowser, shot, signIn, submit } from './browser.ts';

/**
 * Work at the size of a province (issue 15): the board's whole model list is paged, searched
 * (with or without diacritics) and filtered, with the unit's name; one search box finds models,
 * units and decisions in the reader's scope.
 */
let runtime: Runtime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  const [halong, quangla, dongha] = await Promise.all(
    ['donvi.halong', 'donvi.quangla', 'donvi.dongha'].map((u) => ApiClient.signIn(runtime.webUrl, u)),
  );
  // 51 of Hạ Long (two pages of 50), one of Quảng La, one of another board's unit.
  for (let i = 1; i <= 51; i++) await register(halong!, { name: `Khu phố ${i} sạch đẹp` });
  await register(quangla!, {
    name: 'Hiến đất làm đường liên thôn',
    kind: 'EXEMPLAR',
    forces: '',
    position: 'Trưởng thôn',
    achievements: 'Vận động 40 hộ',
    mobilization: 'Gặp từng hộ',
  });
  await register(dongha!, { name: 'Khu phố Đông Hà sạch đẹp' });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('the board’s model list and the search box', { timeout: 120_000 }, () => {
  it('pages the board’s models with their unit’s name, and finds them by unit without diacritics', async () => {
    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await board.goto('/board');
    expect(await board.locator('section[aria-labelledby=models-title] tbody tr').count()).toBe(10);
    await Promise.all([board.waitForURL(/\/board\/models/), board.click('a[href="/board/models"]')]);
    expect(await board.locator('#ml-summary').innerText()).toBe('Trang 1/2: 52 mô hình, điển hình phù hợp trong tổng số 52.');
    expect(await board.locator('tbody tr').count()).toBe(50);
    expect(await board.locator('tbody').innerText()).toContain('Phường Hạ Long');
    expect(await board.locator('tbody').innerText()).not.toContain('phuong-ha-long');
    await Promise.all([board.waitForURL(/page=2/), board.click('.pager a[rel=next]')]);
    expect(await board.locator('tbody tr').count()).toBe(2);

    await board.fill('#ml-q', 'xa quang la');
    await submit(board, 'form[role=search] button[type=submit]');
    expect(await board.locator('tbody tr').count()).toBe(1);
    expect(await board.locator('tbody').innerText()).toContain('Hiến đất làm đường liên thôn');
    await board.fill('#ml-q', 'khu pho 7');
    await board.selectOption('#ml-kind', 'MODEL');
    await submit(board, 'form[role=search] button[type=submit]');
    expect((await board.locator('tbody a').allInnerTexts()).sort()).toEqual(['Khu phố 7 sạch đẹp']);
    await shot(board, 'search-01-model-list');

    // Another board's model is not there, whatever is typed; a bad filter is a 400 with the field marked.
    await board.goto('/board/models?q=dong+ha');
    expect(await board.locator('tbody tr').count()).toBe(0);
    const bad = await board.goto('/board/models?year=20x6');
    expect(bad?.status()).toBe(400);
    expect(await board.locator('#ml-year[aria-invalid=true]').count()).toBe(1);
  });

  it('one search box finds models and units of the reader’s scope only', async () => {
    const unit = await signIn(browser, runtime.webUrl, 'donvi.dongha');
    await unit.goto('/');
    await Promise.all([unit.waitForURL(/\/search/), unit.click('header a[href="/search"]')]);
    await unit.fill('input[name=q]', 'sach dep');
    await submit(unit, 'form[role=search] button[type=submit]');
    const text = await unit.locator('main').innerText();
    expect(text).toContain('Khu phố Đông Hà sạch đẹp');
    expect(text).not.toContain('Khu phố 1 sạch đẹp');

    const admin = await signIn(browser, runtime.webUrl, 'quantri');
    await admin.goto('/search?q=ha+long');
    const found = await admin.locator('main').innerText();
    expect(found).toContain('Phường Hạ Long');
    expect(found).toContain('Khu phố 51 sạch đẹp');
    expect(found).toContain('Xem cả 51 kết quả');
    await shot(admin, 'search-02-search');
  });
});
