import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../errors.ts';
import { executionInputs } from '../lifecycle.ts';
import { periodOf, type Model } from '../model.ts';
import { getCatalogueEntry } from '../store/catalogue-store.ts';
import { modelTimeline } from '../store/model-store.ts';
import { ADMIN, boardActor, registrationBody, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { LAST_YEAR, NEXT_YEAR, THIS_YEAR } from '../../test/support/years.ts';
import { decideAsBoard } from './decide.ts';
import { registerModel, submitDraft } from './register-model.ts';
import { defaultReplicaYear, modelLineage, replicateModel } from './replicate-model.ts';
import { getStatistics } from './statistics.ts';
import { submitModel } from './workflow-steps.ts';

/**
 * Replication (nhân rộng) called directly on the real store: the source is a model of the
 * direct board's unit, recognized in THIS_YEAR; the copying units are of the other board
 * (otherUnit) and of the same board (directUnit2).
 */
let w: World;
let source: Model;
beforeAll(async () => {
  w = await useCaseWorld('replicate');
  source = await w.recognized(w.ids.directUnit, {
    name: 'Dân vận khéo hiến đất làm đường',
    area: 'CULTURE_SOCIETY',
    tags: ['Nông thôn mới'],
    targetLevel: 'PROVINCE',
    indicators: [{ name: 'Hộ tham gia', unit: 'hộ', target: 120 }],
  });
});

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the use case to refuse');
  return error;
}
const funnelOf = async (boardId: string, year: number) => {
  const stats = await getStatistics(w.deps, ADMIN, { scope: boardId, period: periodOf(year) });
  return stats.years.find((y) => y.year === year)!.funnel;
};

describe('the default year of a copy', () => {
  const now = new Date();
  it('is the year after the source’s last recognition, kept to this cycle year or the next', () => {
    expect(defaultReplicaYear({ recognitions: [] }, now)).toBe(THIS_YEAR);
    expect(defaultReplicaYear({ recognitions: [{ year: LAST_YEAR - 3 }, { year: LAST_YEAR }] }, now)).toBe(THIS_YEAR);
    expect(defaultReplicaYear({ recognitions: [{ year: THIS_YEAR }, { year: LAST_YEAR }] }, now)).toBe(NEXT_YEAR);
    expect(defaultReplicaYear({ recognitions: [{ year: NEXT_YEAR + 2 }] }, now)).toBe(NEXT_YEAR);
  });
});

describe('replicating a recognized model', () => {
  it('makes a prefilled draft for the copying unit and its board, linked to its source, in the default year', async () => {
    const started = w.startedNames().length;
    const copy = await replicateModel(w.deps, unitActor(w.ids.otherUnit), source.id, {});
    expect(copy).toMatchObject({
      status: 'DRAFT',
      unitId: w.ids.otherUnit,
      boardId: w.ids.other,
      sourceModelId: source.id,
      // Recognized in THIS_YEAR: the copy starts the year after.
      cycleYear: NEXT_YEAR,
      year: NEXT_YEAR,
      period: periodOf(NEXT_YEAR),
      recognitions: [],
      name: source.name,
      area: 'CULTURE_SOCIETY',
      tags: ['Nông thôn mới'],
      targetLevel: 'PROVINCE',
      indicators: source.indicators,
      situation: source.situation,
    });
    expect(copy.id).not.toBe(source.id);
    expect(await w.model(copy.id)).toMatchObject({ status: 'DRAFT', sourceModelId: source.id });
    // A draft: no execution yet.
    expect(w.startedNames()).toHaveLength(started);
    const { events } = await modelTimeline(w.deps, copy.id);
    expect(events).toEqual([
      expect.objectContaining({ to: 'DRAFT', stage: 'REPLICATE', actor: `donvi.${w.ids.otherUnit}`, year: NEXT_YEAR }),
    ]);

    // The lineage on both sides; the source's count includes the draft at once.
    expect((await w.model(source.id)).replicationCount).toBe(1);
    expect((await getCatalogueEntry(w.deps, source.id))?.replicationCount).toBe(1);
    expect(await modelLineage(w.deps, unitActor(w.ids.otherUnit), copy.id)).toMatchObject({
      source: { id: source.id, name: source.name, unitId: w.ids.directUnit, unitName: `Xã ${w.ids.directUnit}` },
      copies: [],
    });
    const seenBySource = await modelLineage(w.deps, boardActor(w.ids.direct), source.id);
    // The copy is still its unit's draft: counted, never shown.
    expect(seenBySource).toEqual({ source: undefined, copies: [], replicationCount: 1 });
    expect(await refusal(modelLineage(w.deps, boardActor(w.ids.direct), copy.id))).toBeInstanceOf(NotFoundError);

    // Refused a second time for the same unit; the count stays.
    expect(await refusal(replicateModel(w.deps, unitActor(w.ids.otherUnit), source.id, { year: THIS_YEAR }))).toBeInstanceOf(ConflictError);
    expect((await w.model(source.id)).replicationCount).toBe(1);
  });

  it('counts in the statistics once the copy is submitted, not as a draft, and shows it in the lineage then', async () => {
    const copy = await replicateModel(w.deps, unitActor(w.ids.directUnit2), source.id, { year: THIS_YEAR });
    expect(copy).toMatchObject({ cycleYear: THIS_YEAR, period: periodOf(THIS_YEAR), boardId: w.ids.direct });
    const before = await funnelOf(w.ids.direct, THIS_YEAR);
    expect(before.REPLICATED).toBeUndefined();

    await submitDraft(w.deps, unitActor(w.ids.directUnit2), copy.id);
    const start = w.sfn.commandCalls(StartExecutionCommand, { name: `${copy.id}-r` });
    expect(start).toHaveLength(1);
    expect(JSON.parse(start[0]!.args[0].input.input!)).toEqual(executionInputs.registration(copy.id, THIS_YEAR, w.deps.timeouts));
    // The execution's first task submits it; a retry of that task counts nothing twice.
    await submitModel(w.deps, { modelId: copy.id, year: THIS_YEAR });
    await submitModel(w.deps, { modelId: copy.id, year: THIS_YEAR });
    const after = await funnelOf(w.ids.direct, THIS_YEAR);
    expect(after.REPLICATED).toBe(1);
    expect(after.REGISTERED).toBe((before.REGISTERED ?? 0) + 1);

    const lineage = await modelLineage(w.deps, boardActor(w.ids.direct), source.id);
    expect(lineage.copies).toEqual([
      expect.objectContaining({ id: copy.id, unitId: w.ids.directUnit2, status: 'SUBMITTED', recognized: false }),
    ]);
    expect(lineage.replicationCount).toBe(2);
  });

  it('takes a year of this cycle or the next only (422, field year)', async () => {
    const other = await w.recognized(w.ids.directUnit, { name: 'Chợ văn minh' });
    for (const year of [LAST_YEAR, NEXT_YEAR + 1]) {
      const error = await refusal(replicateModel(w.deps, unitActor(w.ids.otherUnit), other.id, { year }));
      expect(error, String(year)).toBeInstanceOf(RuleViolationError);
      expect((error as RuleViolationError).issues.map((i) => i.field)).toEqual(['year']);
    }
    expect(await refusal(replicateModel(w.deps, unitActor(w.ids.otherUnit), other.id, { year: THIS_YEAR, name: 'x' }))).toBeInstanceOf(
      ValidationError,
    );
    expect((await w.model(other.id)).replicationCount).toBeUndefined();
  });

  it('is for units only, never of their own model (403, 409)', async () => {
    for (const actor of [boardActor(w.ids.other), boardActor(w.ids.direct), ADMIN])
      expect(await refusal(replicateModel(w.deps, actor, source.id, {})), actor.username).toBeInstanceOf(ForbiddenError);
    expect(await refusal(replicateModel(w.deps, unitActor(w.ids.directUnit), source.id, {}))).toBeInstanceOf(ConflictError);
  });

  it('finds nothing to copy in a model that is not recognized, a draft, or one stopped since (404)', async () => {
    const copier = unitActor(w.ids.otherUnit);
    const submitted = await w.submitted(w.ids.directUnit);
    const draft = await registerModel(w.deps, unitActor(w.ids.directUnit), registrationBody({ name: 'Bản nháp' }), { submit: false });
    for (const id of [submitted.id, draft.id, 'no-such-model', 'x'.repeat(101)])
      expect(await refusal(replicateModel(w.deps, copier, id, {})), id).toBeInstanceOf(NotFoundError);

    const stopped = await w.recognized(w.ids.directUnit, { name: 'Mô hình đã dừng' });
    await w.nextCycleAppraisal(stopped.id);
    await decideAsBoard(w.deps, boardActor(w.ids.direct), stopped.id, {
      stage: 'APPRAISAL',
      outcome: 'STOP',
      stopReason: 'INEFFECTIVE',
      reason: 'Không hiệu quả',
    });
    expect(await refusal(replicateModel(w.deps, copier, stopped.id, {}))).toBeInstanceOf(NotFoundError);
    expect((await w.model(stopped.id)).replicationCount).toBeUndefined();
  });
});
