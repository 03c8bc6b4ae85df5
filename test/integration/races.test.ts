import { describe, expect, it } from 'vitest';
import { readCounters } from '../../core/store/stats-store.ts';
import { ApiClient } from '../support/api-client.ts';
import { register, waitForStep, useDemoRuntime } from '../support/lifecycle-driver.ts';
import { recountBoard, statusAndEvents } from '../support/recount.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { THIS_YEAR } from '../support/years.ts';

const MODELS = 24;
const CONTENDERS = 6;
const ctx = useDemoRuntime();

describe('races on the same step', () => {
  it('applies exactly one of many concurrent conflicting decisions per step; the rest get 409', { timeout: 180_000 }, async () => {
    const leader = await ApiClient.signIn(ctx.runtime.webUrl, 'lanhdao.qn');
    const deciders = [ctx.users.board, leader];
    const bodies = [
      { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' },
      { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: 'Bổ sung' },
      { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT', reason: 'Trùng lặp' },
    ];
    const ids = await Promise.all(Array.from({ length: MODELS }, (_, i) => register(ctx.users.unit, { name: `Mô hình tranh chấp ${i}` })));
    for (const id of ids) await waitForStep(ctx.users.board, id, 'REGISTRATION_REVIEW');

    const outcomes = await Promise.all(
      ids.map(async (id) => {
        const answers = await Promise.all(
          Array.from({ length: CONTENDERS }, (_, j) =>
            deciders[j % deciders.length]!.post(`/api/models/${id}/decisions`, bodies[j % bodies.length]!),
          ),
        );
        return { id, statuses: answers.map((a) => a.status).sort() };
      }),
    );
    let duplicated = 0;
    for (const { id, statuses } of outcomes) {
      expect(statuses).toEqual([200, ...Array<number>(CONTENDERS - 1).fill(409)]);
      const detail = (await ctx.users.board.get(`/api/models/${id}`)).body;
      const fromSubmitted = detail.events.filter((e: { type: string; from?: string }) => e.type === 'TRANSITION' && e.from === 'SUBMITTED');
      duplicated += Math.max(0, detail.decisions.length - 1) + Math.max(0, fromSubmitted.length - 1);
      expect(detail.decisions).toHaveLength(1);
      expect(fromSubmitted).toHaveLength(1);
    }

    // The revisions of the returned ones race too: one revision per step.
    const returned = [];
    for (const id of ids) if ((await ctx.users.unit.get(`/api/models/${id}`)).body.model.status === 'RETURNED') returned.push(id);
    for (const id of returned) await waitForStep(ctx.users.unit, id, 'REVISION');
    const { year: _year, ...revision } = (await import('../support/api-client.ts')).registration();
    const revisionStatuses = await Promise.all(
      returned.map(async (id) => {
        const answers = await Promise.all([
          ctx.users.unit.post(`/api/models/${id}/revision`, revision),
          ctx.users.unit.post(`/api/models/${id}/revision`, revision),
        ]);
        return answers.map((a) => a.status).sort();
      }),
    );
    for (const statuses of revisionStatuses) expect(statuses).toEqual([200, 409]);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const counters = await readCounters(ctx.runtime.webDeps, 'ban-tinh-qn', [THIS_YEAR]);
    expect(statusAndEvents(counters.get(THIS_YEAR)!)).toEqual((await recountBoard(ctx.runtime.webDeps, 'ban-tinh-qn')).get(THIS_YEAR));
    recordCounts('races', { racesTried: MODELS * CONTENDERS + returned.length * 2, lost: 0, duplicated });
  });
});
