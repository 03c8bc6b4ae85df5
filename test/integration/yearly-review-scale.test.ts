import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReviewProgress } from '../../core/store/review-store.ts';
import { readCounters } from '../../core/store/stats-store.ts';
import { sumBy } from '../../core/stats.ts';
import { startYearlyReview } from '../../core/use-cases/yearly-review.ts';
import type { Runtime } from '../../local/runtime.ts';
import { seedAtScale } from '../../local/seed-scale.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

const MODELS = Number(process.env.REVIEW_TEST_MODELS ?? 2000);
let runtime: Runtime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => runtime?.stop());

describe(`the yearly review of ${MODELS} models, locally`, () => {
  it('releases every waiting model with progress, and a second start changes nothing', { timeout: 900_000 }, async () => {
    const deps = runtime.webDeps;
    const seen: number[] = [];
    await seedAtScale(deps, {
      year: 2026, boardId: 'ban-tinh-qn', unitIds: ['phuong-ha-long', 'xa-quang-la', 'hoi-nong-dan-qn'], registered: MODELS, exemplars: Math.round(MODELS / 10),
      recognizedModels: 0, recognizedExemplars: 0, rejected: 0, untilReview: true,
    }, (phase, done, total) => {
      if (phase.startsWith('Sơ kết')) seen.push(done);
      if (process.env.REVIEW_TEST_VERBOSE) console.log(new Date().toISOString(), phase, done, total);
    });

    const progress = await getReviewProgress(deps, 'ban-tinh-qn', 2026);
    expect(progress).toMatchObject({ status: 'COMPLETED', total: MODELS, done: MODELS, failed: 0 });
    expect(seen.at(-1)).toBe(MODELS); // the progress record moved while it ran
    const statuses = () => readCounters(deps, 'ban-tinh-qn', [2026]).then((c) => Object.fromEntries(Object.entries(sumBy(c.get(2026)!, 'n')).filter(([, n]) => n !== 0)));
    // Every model moved on: none still waits for the review, all wait for their report.
    await expect.poll(statuses, { timeout: 120_000, interval: 500 }).toEqual({ REPORTING: MODELS });

    const again = await startYearlyReview(deps, { kind: 'user', username: 'quantri', role: 'admin' }, { year: 2026, scope: 'ban-tinh-qn' });
    expect(again.started).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await statuses()).toEqual({ REPORTING: MODELS });
    expect(await getReviewProgress(deps, 'ban-tinh-qn', 2026)).toEqual(progress);
  });
});
