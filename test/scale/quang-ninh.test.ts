import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReviewProgress } from '../../core/store/review-store.ts';
import { readCounters } from '../../core/store/stats-store.ts';
import { sumBy } from '../../core/stats.ts';
import { getStatistics } from '../../core/use-cases/statistics.ts';
import { startYearlyReview } from '../../core/use-cases/start-review.ts';
import type { Runtime } from '../../local/runtime.ts';
import { periodOf } from '../../core/model.ts';
import { quangNinhPlan } from '../../local/quang-ninh-plan.ts';
import { seedAtScale } from '../../local/seed-scale.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { launchBrowser, shot, signIn, submit } from '../e2e/browser.ts';

/**
 * Seed 003's province through the real workflow on one machine (npm run test:scale):
 * 2,500 registered, 2,200 accepted and released by the yearly review, 1,400 recognized.
 */
let runtime: Runtime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => runtime?.stop());

const admin = { kind: 'user', username: 'quantri', role: 'admin' } as const;
const PLAN = quangNinhPlan();
const YEAR = PLAN.year; // the cycle year now (Vietnam time)
const accepted = PLAN.registered - PLAN.rejected;

describe('the Quang Ninh demo (seed 003) at full scale', () => {
  it(
    'reviews every waiting model with progress, and the dashboard shows exactly the published figures',
    { timeout: 3_600_000 },
    async () => {
      const deps = runtime.webDeps;
      const reviewed: number[] = [];
      await seedAtScale(deps, PLAN, (phase, done, total) => {
        if (phase.startsWith('Sơ kết')) reviewed.push(done);
        if (process.env.SCALE_VERBOSE) console.log(new Date().toISOString(), phase, done, total);
      });

      // The yearly review released all 2,200 waiting models (>= 2,000), recording progress as it went.
      const progress = await getReviewProgress(deps, 'ban-tinh-qn', YEAR);
      expect(progress).toMatchObject({ status: 'COMPLETED', total: accepted, done: accepted, failed: 0 });
      expect(reviewed.at(-1)).toBe(accepted);

      const stats = await getStatistics(deps, admin, { scope: 'ban-tinh-qn', period: periodOf(YEAR) });
      const thisYear = stats.years.find((y) => y.year === YEAR)!;
      expect(thisYear.funnel).toMatchObject({ REGISTERED: 2500, ACCEPTED: 2200, RECOGNIZED: 1400, STOPPED: 400 });
      expect(thisYear.recognizedByKind).toEqual({ MODEL: 1179, EXEMPLAR: 221 });
      expect(Object.keys(thisYear.byArea).sort()).toEqual(['CULTURE_SOCIETY', 'DEFENSE_SECURITY', 'ECONOMY', 'POLITICAL_SYSTEM']);
      expect(Object.values(thisYear.byArea).reduce((a, b) => a + b, 0)).toBe(2500);
      expect(thisYear.byStatus).toMatchObject({ RECOGNIZED: 1400, REJECTED: 300, STOPPED: 400, CONTINUING: 400 });
      expect(thisYear.indicators).toEqual([
        { key: 'hộ|so ho tham gia', unit: 'hộ', name: 'Số hộ tham gia', total: 220_000, reports: 2200, aggregation: 'SUM', value: 220_000 },
      ]);

      // Recognized and continuing models move on to the next year as their executions finish (asynchronously).
      const nextYear = async () =>
        Object.fromEntries(
          Object.entries(sumBy((await readCounters(deps, 'ban-tinh-qn', [YEAR + 1])).get(YEAR + 1)!, 'n')).filter(([, n]) => n !== 0),
        );
      await expect.poll(nextYear, { timeout: 600_000, interval: 1000 }).toEqual({ IMPLEMENTING: 1800 });

      // Starting the same review again changes nothing.
      const before = await readCounters(deps, 'ban-tinh-qn', [YEAR, YEAR + 1]);
      const again = await startYearlyReview(deps, admin, { year: YEAR, scope: 'ban-tinh-qn' });
      expect(again.started).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await readCounters(deps, 'ban-tinh-qn', [YEAR, YEAR + 1])).toEqual(before);
      expect(await getReviewProgress(deps, 'ban-tinh-qn', YEAR)).toEqual(progress);
    },
  );
  it(
    'the board pages its 2,500 models and finds them by unit and by name, without diacritics, in the browser',
    { timeout: 300_000 },
    async () => {
      const browser = await launchBrowser();
      try {
        const board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
        await board.goto('/board/models');
        expect(await board.locator('#ml-summary').innerText()).toBe('Trang 1/50: 2.500 mô hình, điển hình phù hợp trong tổng số 2.500.');
        expect(await board.locator('tbody tr').count()).toBe(50);
        await board.goto('/board/models?page=50');
        expect(await board.locator('tbody tr').count()).toBe(50);
        expect(await board.locator('.pager strong[aria-current=page]').innerText()).toBe('50');
        // A third of them are the farmers' association's (every third registration).
        await board.goto('/board/models');
        await board.fill('#ml-q', 'hoi nong dan');
        await submit(board, 'form[role=search] button[type=submit]');
        expect(await board.locator('#ml-summary').innerText()).toBe('Trang 1/17: 833 mô hình, điển hình phù hợp trong tổng số 2.500.');
        expect(await board.locator('tbody').innerText()).toContain('Hội Nông dân tỉnh Quảng Ninh');
        await board.fill('#ml-q', 'mo hinh dan van kheo so 1234');
        await submit(board, 'form[role=search] button[type=submit]');
        expect(await board.locator('tbody a').allInnerTexts()).toEqual(['Mô hình dân vận khéo số 1234']);
        await shot(board, 'scale-01-model-list-search');
      } finally {
        await browser.close();
      }
    },
  );
});
