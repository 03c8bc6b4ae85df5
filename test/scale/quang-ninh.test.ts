import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReviewProgress } from '../../core/store/review-store.ts';
import { readCounters } from '../../core/store/stats-store.ts';
import { sumBy } from '../../core/stats.ts';
import { getStatistics } from '../../core/use-cases/statistics.ts';
import { startYearlyReview } from '../../core/use-cases/yearly-review.ts';
import type { Runtime } from '../../local/runtime.ts';
import { QUANG_NINH_PLAN } from '../../local/quang-ninh-plan.ts';
import { seedAtScale } from '../../local/seed-scale.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

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
const accepted = QUANG_NINH_PLAN.registered - QUANG_NINH_PLAN.rejected;

describe('the Quang Ninh demo (seed 003) at full scale', () => {
  it('reviews every waiting model with progress, and the dashboard shows exactly the published figures', { timeout: 3_600_000 }, async () => {
    const deps = runtime.webDeps;
    const reviewed: number[] = [];
    await seedAtScale(deps, QUANG_NINH_PLAN, (phase, done, total) => {
      if (phase.startsWith('Sơ kết')) reviewed.push(done);
      if (process.env.SCALE_VERBOSE) console.log(new Date().toISOString(), phase, done, total);
    });

    // The yearly review released all 2,200 waiting models (>= 2,000), recording progress as it went.
    const progress = await getReviewProgress(deps, 'ban-tinh-qn', 2026);
    expect(progress).toMatchObject({ status: 'COMPLETED', total: accepted, done: accepted, failed: 0 });
    expect(reviewed.at(-1)).toBe(accepted);

    const stats = await getStatistics(deps, admin, { scope: 'ban-tinh-qn', period: '2026-2030' });
    const y2026 = stats.years.find((y) => y.year === 2026)!;
    expect(y2026.funnel).toMatchObject({ REGISTERED: 2500, ACCEPTED: 2200, RECOGNIZED: 1400, STOPPED: 400 });
    expect(y2026.recognizedByKind).toEqual({ MODEL: 1179, EXEMPLAR: 221 });
    expect(Object.keys(y2026.byArea).sort()).toEqual(['CULTURE_SOCIETY', 'DEFENSE_SECURITY', 'ECONOMY', 'POLITICAL_SYSTEM']);
    expect(Object.values(y2026.byArea).reduce((a, b) => a + b, 0)).toBe(2500);
    expect(y2026.byStatus).toMatchObject({ RECOGNIZED: 1400, REJECTED: 300, STOPPED: 400, CONTINUING: 400 });
    expect(y2026.indicators).toEqual([{ unit: 'hộ', name: 'so ho tham gia', total: 220_000 }]);

    // Recognized and continuing models move on to 2027 as their executions finish (asynchronously).
    const in2027 = async () => Object.fromEntries(Object.entries(sumBy((await readCounters(deps, 'ban-tinh-qn', [2027])).get(2027)!, 'n')).filter(([, n]) => n !== 0));
    await expect.poll(in2027, { timeout: 600_000, interval: 1000 }).toEqual({ IMPLEMENTING: 1800 });

    // Starting the same review again changes nothing.
    const before = await readCounters(deps, 'ban-tinh-qn', [2026, 2027]);
    const again = await startYearlyReview(deps, admin, { year: 2026, scope: 'ban-tinh-qn' });
    expect(again.started).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await readCounters(deps, 'ban-tinh-qn', [2026, 2027])).toEqual(before);
    expect(await getReviewProgress(deps, 'ban-tinh-qn', 2026)).toEqual(progress);
  });
});
