import type { ApiClient } from '../test/support/api-client.ts';
import { registration } from '../test/support/api-client.ts';
import { pool } from './stats.ts';

export type PhaseTiming = {
  count: number;
  apiMs: number;
  endToEndMs: number;
  apiPerSecond: number;
  endToEndPerSecond: number;
  errors: number;
};

export const phaseTiming = (count: number, apiMs: number, endToEndMs: number, errors: number): PhaseTiming => ({
  count,
  apiMs: Math.round(apiMs),
  endToEndMs: Math.round(endToEndMs),
  errors,
  apiPerSecond: Math.round((count / apiMs) * 1000 * 10) / 10,
  endToEndPerSecond: Math.round((count / endToEndMs) * 1000 * 10) / 10,
});

/**
 * Units register `count` models through POST /api/models, `concurrency` in flight. End to end
 * means until the workflow has opened every model's review task (`idle` resolves when the local
 * Step Functions engine has nothing left to drive).
 */
export async function registerMany(unit: ApiClient, count: number, year: number, concurrency: number, idle: () => Promise<void>) {
  const ids: string[] = [];
  let errors = 0;
  const started = performance.now();
  const apiMs = await pool(count, concurrency, async (i) => {
    const response = await unit.post(
      '/api/models',
      registration({
        name: `Mô hình đo hiệu năng số ${i + 1}`,
        year,
        area: ['ECONOMY', 'CULTURE_SOCIETY', 'DEFENSE_SECURITY', 'POLITICAL_SYSTEM'][i % 4],
      }),
    );
    if (response.status === 202) ids.push(String(response.body.id));
    else if (errors++ < 3) console.error('[bench] registration failed', response.status, JSON.stringify(response.body).slice(0, 300));
  });
  await idle();
  return { ids, timing: phaseTiming(count, apiMs, performance.now() - started, errors) };
}

/** The board works through its queue: one POST /api/models/{id}/decisions per model. */
export async function decideMany(
  board: ApiClient,
  ids: string[],
  body: Record<string, unknown>,
  concurrency: number,
  idle: () => Promise<void>,
) {
  let errors = 0;
  const started = performance.now();
  const apiMs = await pool(ids.length, concurrency, async (i) => {
    const response = await board.post(`/api/models/${ids[i]}/decisions`, body);
    if (response.status >= 300 && errors++ < 3)
      console.error('[bench] decision failed', response.status, JSON.stringify(response.body).slice(0, 300));
  });
  await idle();
  return phaseTiming(ids.length, apiMs, performance.now() - started, errors);
}

/** The rest of a model-year for `ids`: the unit's report, then the board's appraisal along its chain. */
export async function finishYear(
  unit: ApiClient,
  board: ApiClient,
  ids: string[],
  year: number,
  concurrency: number,
  idle: () => Promise<void>,
) {
  let errors = 0;
  let calls = 0;
  const check = (what: string, response: { status: number; body: unknown }) => {
    calls++;
    if (response.status >= 300 && errors++ < 3)
      console.error(`[bench] ${what} failed`, response.status, JSON.stringify(response.body).slice(0, 300));
  };
  const started = performance.now();
  await pool(ids.length, concurrency, async (i) => {
    check(
      'report',
      await unit.post(`/api/models/${ids[i]}/report`, {
        report: `Báo cáo sơ kết năm ${year}: mô hình duy trì tốt, số hộ tham gia tăng.`,
        indicators: [],
      }),
    );
  });
  await idle();
  const appraisal = await board.get(`/api/models/${ids[0]}/appraisal`);
  calls++;
  const set = appraisal.body?.criteriaSet;
  const criteria: { id: string; maxScore: number }[] = set?.criteria ?? [];
  const chain: string[] = set?.approvalChain ?? [];
  await pool(ids.length, concurrency, async (i) => {
    const id = ids[i];
    if (criteria.length === 0) {
      check('appraisal decision', await board.post(`/api/models/${id}/decisions`, { stage: 'APPRAISAL', outcome: 'CONTINUE' }));
      return;
    }
    check(
      'scores',
      await board.post(`/api/models/${id}/appraisal/scores`, {
        scores: criteria.map((c) => ({ criterionId: c.id, score: c.maxScore })),
        proposal: { outcome: 'CONTINUE' },
      }),
    );
    for (let step = 1; step < chain.length; step++) check('approve', await board.post(`/api/models/${id}/appraisal/approve`));
  });
  await idle();
  return { ms: Math.round(performance.now() - started), httpCalls: calls, errors, chainLength: chain.length };
}
