import type { ApiClient } from '../test/support/api-client.ts';

export type ReviewResult = { models: number; wallMs: number; modelsPerSecond: number; endToEndMs: number; done: number; failed: number };

/**
 * An administrator opens the yearly review of one board (POST /api/reviews) and the bench
 * polls its progress record until the review machine marks it COMPLETED. Wall time is to
 * COMPLETED; end to end also waits for every released lifecycle to open its report step.
 */
export async function runReview(admin: ApiClient, scope: string, year: number, idle: () => Promise<void>): Promise<ReviewResult> {
  const started = performance.now();
  const start = await admin.post('/api/reviews', { year, scope });
  if (start.status !== 202) throw new Error(`bench: opening the review answered ${start.status}: ${JSON.stringify(start.body)}`);
  for (;;) {
    const progress = await admin.get(`/api/reviews/${scope}/${year}`);
    if (progress.status === 200 && progress.body?.status === 'COMPLETED') {
      const wallMs = performance.now() - started;
      await idle();
      const models = Number(progress.body.total);
      return {
        models,
        wallMs: Math.round(wallMs),
        endToEndMs: Math.round(performance.now() - started),
        done: Number(progress.body.done),
        failed: Number(progress.body.failed),
        modelsPerSecond: Math.round((models / wallMs) * 1000 * 10) / 10,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
