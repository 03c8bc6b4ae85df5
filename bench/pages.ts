import { chromium, type Browser } from 'playwright-core';
import { resolveChromium } from '../test/support/chromium-path.ts';
import type { ApiClient } from '../test/support/api-client.ts';
import { fmt, mark } from './stats.ts';
import type { Target } from './national-review.ts';

/**
 * Pages on a slow mobile connection (issue 18): Chromium with the network throttled through CDP
 * (Network.emulateNetworkConditions) to a slow 4G profile, its cache disabled so every page
 * pays for everything it loads, as a phone's first visit would.
 */
export const SLOW_4G = { latencyMs: 150, downloadBitsPerSecond: 1_600_000, uploadBitsPerSecond: 750_000 };
export type PageResult = { page: string; path: string; bytes: number; requests: number; firstPaintMs: number | null; loadMs: number };
export type PagesResult = { pages: PageResult[]; browser?: string; error?: string };

/** The page budgets: bytes over the wire (statistics has its charts) and first contentful paint. */
const BYTES_LIMIT: Record<string, number> = { statistics: 250_000 };
const DEFAULT_BYTES_LIMIT = 100_000;
const FIRST_PAINT_LIMIT_MS = 2000;

type Visit = { page: string; path: string; as?: ApiClient };

async function measureOne(browser: Browser, baseUrl: string, visit: Visit): Promise<PageResult> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 390, height: 844 } });
  try {
    if (visit.as) {
      const [name, value] = visit.as.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: baseUrl }]);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_4G.latencyMs,
      downloadThroughput: SLOW_4G.downloadBitsPerSecond / 8,
      uploadThroughput: SLOW_4G.uploadBitsPerSecond / 8,
    });
    let bytes = 0;
    let requests = 0;
    // Bytes as they came over the wire (headers and body, compressed if it was).
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
      requests++;
    });
    const started = performance.now();
    const response = await page.goto(visit.path, { waitUntil: 'load' });
    const loadMs = performance.now() - started;
    if (!response || response.status() !== 200) throw new Error(`bench: ${visit.path} answered ${response?.status()}`);
    if (new URL(page.url()).pathname !== new URL(visit.path, baseUrl).pathname)
      throw new Error(`bench: ${visit.path} went to ${page.url()}`);
    // The paint entry may come a moment after the load event: wait for it (buffered), up to 5 s.
    const firstPaintMs = await page.evaluate(
      () =>
        new Promise<number | null>((resolve) => {
          new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (entry) resolve(entry.startTime);
          }).observe({ type: 'paint', buffered: true });
          setTimeout(() => resolve(null), 5000);
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last loadingFinished events
    return {
      page: visit.page,
      path: visit.path,
      bytes,
      requests,
      firstPaintMs: firstPaintMs === null ? null : Math.round(firstPaintMs),
      loadMs: Math.round(loadMs),
    };
  } finally {
    await context.close();
  }
}

/** The sign-in, unit, board queue, model and statistics pages, each in a fresh context (own cookies, no cache). */
export async function measurePages(baseUrl: string, who: { unit: ApiClient; board: ApiClient }, modelId: string): Promise<PagesResult> {
  let browser: Browser | undefined;
  try {
    const { path, source } = await resolveChromium();
    browser = await chromium.launch({ executablePath: path, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const visits: Visit[] = [
      { page: 'sign-in', path: '/sign-in' },
      { page: 'unit', path: '/unit', as: who.unit },
      { page: 'board queue', path: '/board', as: who.board },
      { page: 'model', path: `/models/${encodeURIComponent(modelId)}`, as: who.board },
      { page: 'statistics', path: '/statistics', as: who.board },
    ];
    const pages: PageResult[] = [];
    for (const visit of visits) pages.push(await measureOne(browser, baseUrl, visit));
    return { pages, browser: source };
  } catch (error) {
    return { pages: [], error: (error as Error).message.split('\n')[0] };
  } finally {
    await browser?.close();
  }
}

const bytesLimit = (page: string) => BYTES_LIMIT[page] ?? DEFAULT_BYTES_LIMIT;

export function pageRows(result: PagesResult): string[] {
  if (result.error) return [`Pages not measured: ${result.error}`];
  return [
    `**11. Pages on slow 4G** (Chromium through CDP: ${SLOW_4G.latencyMs} ms RTT, ${fmt(SLOW_4G.downloadBitsPerSecond / 1e6)} Mbps down, cache disabled; ${result.browser})`,
    '',
    '| page | transferred | requests | first contentful paint | load | limits |',
    '|---|---|---|---|---|---|',
    ...result.pages.map(
      (p) =>
        `| ${p.page} \`${p.path.startsWith('/models/') ? '/models/{id}' : p.path}\` | ${fmt(p.bytes / 1000)} KB | ${p.requests} | ${p.firstPaintMs === null ? '–' : `${fmt(p.firstPaintMs, 0)} ms`} | ${fmt(p.loadMs, 0)} ms | ≤ ${fmt(bytesLimit(p.page) / 1000, 0)} KB, ≤ ${fmt(FIRST_PAINT_LIMIT_MS, 0)} ms ${mark(p.bytes <= bytesLimit(p.page) && p.firstPaintMs !== null && p.firstPaintMs <= FIRST_PAINT_LIMIT_MS)} |`,
    ),
  ];
}

export function pageTargets(result: PagesResult, models: number): Target[] {
  if (result.error) return [{ name: `Pages on slow 4G (${fmt(models, 0)})`, met: false, detail: `not measured: ${result.error}` }];
  const over = result.pages.filter((p) => p.bytes > bytesLimit(p.page) || p.firstPaintMs === null || p.firstPaintMs > FIRST_PAINT_LIMIT_MS);
  return [
    {
      name: `Pages on slow 4G ≤ 100 KB (statistics ≤ 250 KB) and first paint ≤ 2 s (${fmt(models, 0)})`,
      met: over.length === 0,
      detail: result.pages
        .map((p) => `${p.page} ${fmt(p.bytes / 1000)} KB, ${p.firstPaintMs === null ? '–' : fmt(p.firstPaintMs, 0)} ms`)
        .join('; '),
    },
  ];
}
