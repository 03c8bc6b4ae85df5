import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { DEMO_PASSWORD } from '../../local/seed-demo.ts';
import type { ApiClient } from '../support/api-client.ts';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'e2e');

/** Debian's Chromium or the one `npm install` brought, as the global setup resolved it; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: inject('chromiumPath'), args: ARGS });
}

/**
 * A page that records every dialog (alert, confirm): an escaped payload must never open one.
 * The app's own confirmations are kept apart in `confirms`, and answered no when `refuseConfirm`.
 */
export type E2EPage = Page & { dialogs: string[]; confirms: string[]; refuseConfirm?: boolean };
const OWN_CONFIRM = /(không thể hoàn tác\. Tiếp tục\?|cannot be undone\. Go on\?)$/;

/** One person in their own browser context (own cookies), signed in through the form; a phone-sized window if asked. */
export async function signIn(browser: Browser, baseUrl: string, username: string, options: { phone?: boolean } = {}): Promise<E2EPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = (await context.newPage()) as E2EPage;
  page.dialogs = [];
  page.confirms = [];
  page.on('dialog', (dialog) => {
    // The app's own "cannot be undone" question (button[data-confirm]) is answered yes, unless a test says no.
    if (dialog.type() === 'confirm' && OWN_CONFIRM.test(dialog.message())) {
      page.confirms.push(dialog.message());
      void (page.refuseConfirm ? dialog.dismiss() : dialog.accept());
      return;
    }
    page.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // Generous: the machine may be busy; the waits end as soon as the page is there.
  page.setDefaultTimeout(30_000);
  await page.goto('/sign-in');
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
    page.click('form[action="/sign-in"] button[type=submit]'),
  ]);
  return page;
}

/** The workflow moves on asynchronously: reload until the page shows the new state (bounded). */
export async function reloadUntil(page: Page, ready: () => Promise<boolean>, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} on ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await page.reload();
  }
}

/** Reload until `text` is visible anywhere on the page. */
export const reloadUntilText = (page: Page, text: string, timeoutMs?: number) =>
  reloadUntil(page, async () => (await page.getByText(text, { exact: false }).count()) > 0, `"${text}"`, timeoutMs);

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Submits the form that holds `button` and waits for the answer page. */
export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.click(selector)]);
}

/** The model id from a /models/:id URL. */
export function modelIdOf(page: Page): string {
  const match = /\/models\/([^/?#]+)/.exec(page.url());
  if (!match) throw new Error(`not a model page: ${page.url()}`);
  return decodeURIComponent(match[1]!);
}

/** Small generated files: a real 1x1 PNG and a minimal PDF. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** Waits (bounded, generously) until the model has a pending task for `stage`, through the JSON API. */
export async function waitForTask(client: ApiClient, modelId: string, stage: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await client.get(`/api/models/${modelId}`)).body.tasks?.some((t) => t.stage === stage && t.status === 'PENDING')) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${stage} of ${modelId}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
