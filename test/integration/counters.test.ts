import { describe, expect, it } from 'vitest';
import { readCounters } from '../../core/store/stats-store.ts';
import { ApiClient } from '../support/api-client.ts';
import { appraise, openReview, register, waitForExecution, waitForStep, useDemoRuntime } from '../support/lifecycle-driver.ts';
import { recountBoard, statusAndEvents } from '../support/recount.ts';
import { NEXT_YEAR, THIS_YEAR } from '../support/years.ts';

const ctx = useDemoRuntime();

const accept = (id: string) => ctx.users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
async function toAppraisal(unit: ApiClient, id: string) {
  await waitForStep(ctx.users.board, id, 'REGISTRATION_REVIEW');
  await accept(id);
  await openReview(ctx.users.admin);
  await waitForStep(unit, id, 'YEARLY_REPORT');
  await unit.post(`/api/models/${id}/report`, { report: 'Báo cáo năm', indicators: [{ name: 'Số hộ tham gia', actual: 40 }] });
  await waitForStep(ctx.users.board, id, 'APPRAISAL');
}

describe('statistics counters', () => {
  it(
    'equal a recount of the raw items after registrations, returns, rejections, recognitions, replications and stops',
    { timeout: 180_000 },
    async () => {
      const quangla = await ApiClient.signIn(ctx.runtime.webUrl, 'donvi.quangla');
      const indicators = [{ name: 'Số hộ tham gia', unit: 'hộ', target: 50 }];
      const recognized = await Promise.all([
        register(ctx.users.unit, { indicators }),
        register(ctx.users.unit, { kind: 'EXEMPLAR', area: 'CULTURE_SOCIETY', indicators }),
        register(quangla, { area: 'DEFENSE_SECURITY', targetLevel: 'PROVINCE', indicators }),
      ]);
      const stopped = await register(ctx.users.unit, { area: 'POLITICAL_SYSTEM' });
      const rejected = await register(quangla);
      const returned = await register(ctx.users.unit, { kind: 'EXEMPLAR' });
      await register(ctx.users.unit); // left waiting for review
      await ctx.users.unit.call('POST', '/api/models?submit=false', (await import('../support/api-client.ts')).registration()); // a draft counts nowhere

      await waitForStep(ctx.users.board, rejected, 'REGISTRATION_REVIEW');
      await ctx.users.board.post(`/api/models/${rejected}/decisions`, {
        stage: 'REGISTRATION_REVIEW',
        outcome: 'REJECT',
        reason: 'Trùng lặp',
      });
      await waitForStep(ctx.users.board, returned, 'REGISTRATION_REVIEW');
      await ctx.users.board.post(`/api/models/${returned}/decisions`, {
        stage: 'REGISTRATION_REVIEW',
        outcome: 'RETURN',
        reason: 'Bổ sung',
      });
      for (const [i, id] of recognized.entries()) {
        await toAppraisal(i === 2 ? quangla : ctx.users.unit, id);
        await appraise(ctx.users.board, id, { outcome: 'RECOGNIZE', level: 'PROVINCE' });
      }
      await toAppraisal(ctx.users.unit, stopped);
      await appraise(ctx.users.board, stopped, { outcome: 'STOP', stopReason: 'FORMALISTIC', reason: 'Hình thức' });
      for (const id of recognized) await waitForExecution(ctx.runtime, id, THIS_YEAR, 'SUCCEEDED');

      // Another unit replicates a recognized model and submits its copy.
      const copy = await quangla.post(`/api/models/${recognized[0]}/replicate`, { year: THIS_YEAR });
      expect(copy.status).toBe(201);
      expect((await quangla.post(`/api/models/${copy.body.id}/submit`)).status).toBe(202);
      await waitForStep(ctx.users.board, copy.body.id, 'REGISTRATION_REVIEW');

      const counters = await readCounters(ctx.runtime.webDeps, 'ban-tinh-qn', [THIS_YEAR, NEXT_YEAR]);
      const recount = await recountBoard(ctx.runtime.webDeps, 'ban-tinh-qn');
      for (const year of [THIS_YEAR, NEXT_YEAR]) expect(statusAndEvents(counters.get(year)!)).toEqual(recount.get(year) ?? {});
      const thisYear = counters.get(THIS_YEAR)!;
      expect(thisYear['e|RECOGNIZED|ECONOMY|MODEL|COMMUNE']).toBe(1);
      expect(thisYear['e|REPLICATED|ECONOMY|MODEL|COMMUNE']).toBe(1);
      expect(thisYear['n|STOPPED|POLITICAL_SYSTEM|MODEL|COMMUNE']).toBe(1);
      expect(thisYear['i|hộ|so ho tham gia']).toBe(120);
      // The ALL scope moved in the same transactions.
      const all = await readCounters(ctx.runtime.webDeps, 'ALL', [THIS_YEAR]);
      expect(statusAndEvents(all.get(THIS_YEAR)!)).toEqual(recount.get(THIS_YEAR));
    },
  );
});
