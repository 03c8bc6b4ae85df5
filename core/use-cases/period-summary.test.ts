import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../errors.ts';
import { periodOf } from '../model.ts';
import { ADMIN, boardActor, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { THIS_YEAR } from '../../test/support/years.ts';
import { decideAsBoard } from './decide.ts';
import { periodSummary } from './period-summary.ts';
import { replicateModel } from './replicate-model.ts';
import { submitDraft } from './register-model.ts';
import { submitModel } from './workflow-steps.ts';

/** The five-year summary from the real counters: recognitions, a replication, stops with their reason. */
let w: World;
beforeAll(async () => {
  w = await useCaseWorld('summary');
});

describe('the five-year summary', () => {
  it('counts each year’s registrations, recognitions, replications and stops by reason, area, kind and level', async () => {
    const recognized = await w.recognized(w.ids.directUnit, { name: 'Bếp ăn tình thương', area: 'CULTURE_SOCIETY' });
    await w.recognized(w.ids.directUnit, { name: 'Người tốt việc tốt', kind: 'EXEMPLAR' });
    const stopped = await w.inAppraisal(w.ids.directUnit2, { name: 'Mô hình hình thức' });
    await decideAsBoard(w.deps, boardActor(w.ids.direct), stopped.id, {
      stage: 'APPRAISAL',
      outcome: 'STOP',
      stopReason: 'FORMALISTIC',
      reason: 'Chỉ có trên giấy',
    });
    const copy = await replicateModel(w.deps, unitActor(w.ids.directUnit2), recognized.id, { year: THIS_YEAR });
    await submitDraft(w.deps, unitActor(w.ids.directUnit2), copy.id);
    await submitModel(w.deps, { modelId: copy.id, year: THIS_YEAR });

    const summary = await periodSummary(w.deps, boardActor(w.ids.direct), { period: periodOf(THIS_YEAR) });
    const year = summary.years.find((y) => y.year === THIS_YEAR)!;
    expect(year.events.REGISTERED).toMatchObject({ total: 4, byKind: { MODEL: 3, EXEMPLAR: 1 } });
    expect(year.events.RECOGNIZED).toMatchObject({ total: 2, byArea: { CULTURE_SOCIETY: 1, ECONOMY: 1 }, byLevel: { COMMUNE: 2 } });
    expect(year.events.REPLICATED.total).toBe(1);
    expect(year.events.STOPPED.total).toBe(1);
    expect(year.stopReasons).toEqual({ FORMALISTIC: 1, INEFFECTIVE: 0, NOT_SUITABLE: 0 });
    expect(summary.total.events.RECOGNIZED.total).toBe(2);
    expect(summary.mostReplicated).toEqual([
      expect.objectContaining({ modelId: recognized.id, replicationCount: 1, unitName: `Xã ${w.ids.directUnit}` }),
    ]);
    // Another board sees none of it; a unit reads no summary.
    const other = await periodSummary(w.deps, boardActor(w.ids.other), { period: periodOf(THIS_YEAR) });
    expect(other.total.events.REGISTERED.total).toBe(0);
    expect(other.mostReplicated).toEqual([]);
    await expect(periodSummary(w.deps, unitActor(w.ids.directUnit), {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(periodSummary(w.deps, boardActor(w.ids.direct), { scope: w.ids.other })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await periodSummary(w.deps, ADMIN, { scope: w.ids.direct, period: periodOf(THIS_YEAR) })).total.events.STOPPED.total).toBe(1);
  });
});
