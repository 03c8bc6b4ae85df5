import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { register } from '../support/lifecycle-driver.ts';
import { ApiClient } from '../support/api-client.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { launchBrowser, signIn } from './browser.ts';

let runtime: Runtime;
let browser: Browser;
beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

/** Console messages that report a Content-Security-Policy violation while the page loads. */
async function violations(page: import('playwright-core').Page, path: string): Promise<string[]> {
  const found: string[] = [];
  const listener = (message: { text(): string }) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) found.push(`${path}: ${message.text()}`);
  };
  page.on('console', listener);
  await page.goto(path, { waitUntil: 'networkidle' });
  page.off('console', listener);
  return found;
}

describe('Content-Security-Policy', () => {
  it('the sign-in, unit, model, board and statistics pages load without a violation, and forms still post', async () => {
    const unitApi = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
    const modelId = await register(unitApi);
    const anonymous = await (await browser.newContext({ baseURL: runtime.webUrl })).newPage();
    const found = await violations(anonymous, '/sign-in');
    const unit = await signIn(browser, runtime.webUrl, 'donvi.halong'); // a real form post with its injected token
    for (const path of ['/unit', `/models/${modelId}`, '/statistics', '/public']) found.push(...(await violations(unit, path)));
    const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    for (const path of ['/board', `/models/${modelId}`, '/statistics']) found.push(...(await violations(board, path)));
    expect(found).toEqual([]);
    // The statistics charts ran (their script is allowed): Chart.js drew into the canvases.
    expect(await board.locator('canvas').count()).toBeGreaterThan(0);
  });
});
