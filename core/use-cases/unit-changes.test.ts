import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../errors.ts';
import { periodOf } from '../model.ts';
import { getCatalogueEntry } from '../store/catalogue-store.ts';
import { listModels, modelTimeline } from '../store/model-store.ts';
import { getAccount, getBoard, getUnit } from '../store/org-store.ts';
import { getSession, putSession } from '../store/session-store.ts';
import { awaitReviewPartition, getTask, queryTasks } from '../store/task-store.ts';
import { beginNextCycle } from './workflow-steps.ts';
import { submitYearlyReport } from './decide.ts';
import { registerModel } from './register-model.ts';
import { saveAccount, saveUnit } from './organisation.ts';
import { getStatistics } from './statistics.ts';
import { recordUnitChange, unitHistory } from './unit-changes.ts';
import { ADMIN, boardActor, registrationBody, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { scanSnapshot } from '../../test/support/table-snapshot.ts';
import { LAST_YEAR, THIS_YEAR } from '../../test/support/years.ts';

/**
 * Merged, split and renamed units on the real store: every model of the merged units is reachable
 * from the successor with its tasks, catalogue entry and history; accounts move and their sessions
 * end; the predecessors stay, historical; statistics of earlier years do not change.
 */
let w: World;
let raw: DynamoDBClient;
const snapshot = () => scanSnapshot(raw, w.deps.tableName);
const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as Error & { key?: string; issues?: { field: string; key: string }[] },
  );
const yearOf = async (scope: string, year: number, structure?: 'today' | 'recorded') =>
  (await getStatistics(w.deps, ADMIN, { scope, period: periodOf(year), ...(structure ? { structure } : {}) })).years.find(
    (y) => y.year === year,
  )!;

let ids: World['ids'];
const models = { resting: '', reporting: '', inReview: '' };
const mergeDate = `${THIS_YEAR}-07-01`;
const merge = () => ({
  type: 'MERGE',
  from: [ids.otherUnit, ids.directUnit2],
  to: ids.directUnit,
  date: mergeDate,
  note: 'Nghị quyết sáp nhập',
});

beforeAll(async () => {
  w = await useCaseWorld('unit-change');
  ids = w.ids;
  raw = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // Last year: registered, recognized (listed in the catalogue), then on to this year's cycle: resting.
  w.setNow(new Date(`${LAST_YEAR}-06-01T03:00:00Z`));
  const recognized = await w.recognized(ids.otherUnit, { year: LAST_YEAR, name: 'Mô hình đã công nhận' });
  w.setNow(undefined);
  await beginNextCycle(w.deps, { modelId: recognized.id, year: LAST_YEAR, timeouts: w.deps.timeouts });
  models.resting = recognized.id;
  // This year: one waiting for the board's registration review, one for its unit's yearly report.
  models.inReview = (await w.inReview(ids.otherUnit, { name: 'Mô hình chờ thẩm định' })).id;
  const { id: reporting } = await w.inReview(ids.directUnit2, { name: 'Mô hình đang báo cáo' });
  await w.openStep(reporting, 'REGISTRATION_REVIEW');
  const { decideAsBoard } = await import('./decide.ts');
  await decideAsBoard(w.deps, boardActor(ids.direct), reporting, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
  const { beginCycle } = await import('./workflow-steps.ts');
  await beginCycle(w.deps, { modelId: reporting, year: THIS_YEAR });
  await w.openStep(reporting, 'YEARLY_REPORT');
  models.reporting = reporting;
});

describe('a merger', () => {
  it('refuses bad input and writes nothing: 403, 400 (date), 404 (unknown unit), 422 (into itself, twice)', async () => {
    const before = await snapshot();
    expect(await refused(recordUnitChange(w.deps, boardActor(ids.direct), merge()))).toBeInstanceOf(ForbiddenError);
    expect(await refused(recordUnitChange(w.deps, unitActor(ids.directUnit), merge()))).toBeInstanceOf(ForbiddenError);
    const date = await refused(recordUnitChange(w.deps, ADMIN, { ...merge(), date: '01/07/2026' }));
    expect(date).toBeInstanceOf(ValidationError);
    expect(date).not.toBeInstanceOf(RuleViolationError);
    expect(date.issues).toEqual([expect.objectContaining({ field: 'date', key: 'reason.dateFormat' })]);
    expect((await refused(recordUnitChange(w.deps, ADMIN, { ...merge(), date: `${THIS_YEAR}-02-30` }))).issues?.[0]?.field).toBe('date');
    const unknown = await refused(recordUnitChange(w.deps, ADMIN, { ...merge(), from: [ids.otherUnit, 'xa-khong-co'] }));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown.key).toBe('error.unitNotFound');
    const itself = await refused(recordUnitChange(w.deps, ADMIN, { ...merge(), from: [ids.otherUnit, ids.directUnit] }));
    expect(itself).toBeInstanceOf(RuleViolationError);
    expect(itself.issues).toEqual([expect.objectContaining({ field: 'to', key: 'reason.unitIntoItself' })]);
    const twice = await refused(recordUnitChange(w.deps, ADMIN, { ...merge(), from: [ids.otherUnit, ids.otherUnit] }));
    expect(twice.issues).toEqual([expect.objectContaining({ field: 'from', key: 'reason.unitTwice' })]);
    expect(await snapshot()).toEqual(before);
  });

  it('moves every model, task, catalogue entry and account to the successor; the old units stay, historical; earlier years do not change', async () => {
    await saveAccount(w.deps, ADMIN, {
      username: 'donvi.cu',
      displayName: 'Cán bộ xã cũ',
      role: 'unit',
      unitId: ids.otherUnit,
      password: 'mat-khau-dai-du',
    });
    const now = Math.floor(Date.now() / 1000);
    await putSession(w.deps, {
      sid: 'phien-cu',
      username: 'donvi.cu',
      actor: unitActor(ids.otherUnit),
      displayName: 'Cán bộ xã cũ',
      iat: now,
      seen: now,
      exp: now + 3600,
    });
    const [otherLastYear, allLastYear, allThisYear, otherThisYear, directThisYear] = await Promise.all([
      yearOf(ids.other, LAST_YEAR),
      yearOf('ALL', LAST_YEAR),
      yearOf('ALL', THIS_YEAR),
      yearOf(ids.other, THIS_YEAR),
      yearOf(ids.direct, THIS_YEAR),
    ]);
    expect(otherLastYear.funnel).toMatchObject({ REGISTERED: 1, ACCEPTED: 1, RECOGNIZED: 1 });
    expect(otherThisYear.byStatus).toMatchObject({ IMPLEMENTING: 1, SUBMITTED: 1 });

    const { change, created } = await recordUnitChange(w.deps, ADMIN, merge());
    expect(created).toBe(true);
    expect(change).toMatchObject({
      type: 'MERGE',
      from: [ids.otherUnit, ids.directUnit2],
      to: [ids.directUnit],
      status: 'DONE',
      modelsMoved: 3,
      accountsMoved: 1,
      by: 'quantri',
      boardsMerged: [{ from: ids.other, to: ids.direct }],
    });

    // Each model is the successor's: unit, board, index keys; the unit that registered it is kept.
    for (const id of Object.values(models)) {
      const model = await w.model(id);
      expect(model).toMatchObject({ unitId: ids.directUnit, boardId: ids.direct });
      expect(model.registeredByUnitId).toBe(id === models.reporting ? ids.directUnit2 : ids.otherUnit);
      const moved = (await modelTimeline(w.deps, id)).events.filter((e) => e.type === 'MOVED');
      expect(moved).toEqual([
        expect.objectContaining({ actor: 'quantri', fromUnitId: model.registeredByUnitId, toUnitId: ids.directUnit, changeId: change.id }),
      ]);
    }
    const ofSuccessor = (await listModels(w.deps, { unitId: ids.directUnit })).map((m) => m.id);
    expect(ofSuccessor).toEqual(expect.arrayContaining(Object.values(models)));
    expect((await listModels(w.deps, { boardId: ids.direct })).map((m) => m.id)).toEqual(expect.arrayContaining(Object.values(models)));
    expect(await listModels(w.deps, { unitId: ids.otherUnit })).toEqual([]);
    expect(await listModels(w.deps, { boardId: ids.other })).toEqual([]);

    // Their waiting steps: the unit's report, the board's review, the resting model's place in the review.
    expect((await getTask(w.deps, models.reporting, THIS_YEAR, 'YEARLY_REPORT'))?.assignee).toBe(`UNIT#${ids.directUnit}`);
    expect((await queryTasks(w.deps, `ASSIGNEE#UNIT#${ids.directUnit}`)).tasks.map((t) => t.modelId)).toContain(models.reporting);
    expect((await queryTasks(w.deps, `ASSIGNEE#UNIT#${ids.directUnit2}`)).tasks).toEqual([]);
    const review = await getTask(w.deps, models.inReview, THIS_YEAR, 'REGISTRATION_REVIEW');
    expect(review).toMatchObject({ assignee: `BOARD#${ids.direct}`, boardId: ids.direct, status: 'PENDING' });
    expect((await queryTasks(w.deps, `ASSIGNEE#BOARD#${ids.direct}`)).tasks.map((t) => t.modelId)).toContain(models.inReview);
    expect((await queryTasks(w.deps, `ASSIGNEE#BOARD#${ids.other}`)).tasks).toEqual([]);
    const resting = await getTask(w.deps, models.resting, THIS_YEAR, 'YEARLY_REVIEW');
    expect(resting).toMatchObject({ boardId: ids.direct, token: '', round: 1 });
    expect((await queryTasks(w.deps, awaitReviewPartition(THIS_YEAR, ids.direct))).tasks.map((t) => t.modelId)).toEqual([models.resting]);
    expect((await queryTasks(w.deps, awaitReviewPartition(THIS_YEAR, ids.other))).tasks).toEqual([]);
    expect(await getCatalogueEntry(w.deps, models.resting)).toMatchObject({ unitId: ids.directUnit, boardId: ids.direct });

    // The officer acts for the successor now; the session granted for the old unit is gone.
    expect((await getAccount(w.deps, 'donvi.cu'))?.unitId).toBe(ids.directUnit);
    expect(await getSession(w.deps, 'donvi.cu', 'phien-cu')).toBeUndefined();
    await submitYearlyReport(w.deps, unitActor(ids.directUnit), models.reporting, { report: 'Đã làm xong.', indicators: [] });
    expect((await w.model(models.reporting)).status).toBe('REPORTED');

    // The old units stay, historical, pointing at the successor; the old board is merged into the new.
    for (const id of [ids.otherUnit, ids.directUnit2])
      expect(await getUnit(w.deps, id)).toMatchObject({ historical: true, successorId: ids.directUnit, endedAt: mergeDate });
    expect(await getBoard(w.deps, ids.other)).toMatchObject({ mergedInto: ids.direct, mergedAt: mergeDate });
    const history = await unitHistory(w.deps, ADMIN, ids.otherUnit);
    expect(history.successor?.id).toBe(ids.directUnit);
    expect(history.changes.map((c) => c.id)).toEqual([change.id]);
    expect((await unitHistory(w.deps, ADMIN, ids.directUnit)).changes.map((c) => c.id)).toEqual([change.id]);
    expect((await unitHistory(w.deps, boardActor(ids.direct), ids.otherUnit)).unit.id).toBe(ids.otherUnit);
    expect(await refused(unitHistory(w.deps, boardActor(ids.chain), ids.otherUnit))).toBeInstanceOf(NotFoundError);

    // Statistics: earlier years as they were recorded; ALL unchanged; today's structure adds the merged board.
    expect(await yearOf(ids.other, LAST_YEAR)).toEqual(otherLastYear);
    expect(await yearOf('ALL', LAST_YEAR)).toEqual(allLastYear);
    const allNow = await yearOf('ALL', THIS_YEAR);
    expect(allNow.byStatus).toEqual({ ...allThisYear.byStatus, REPORTING: 0, REPORTED: 1 });
    expect(allNow.funnel).toEqual(allThisYear.funnel);
    // This year's open cycles count where the models are now; the events stay with the board that saw them.
    expect((await yearOf(ids.other, THIS_YEAR)).funnel).toEqual(otherThisYear.funnel);
    expect((await yearOf(ids.other, THIS_YEAR)).byStatus).toMatchObject({ IMPLEMENTING: 0, SUBMITTED: 0 });
    expect((await yearOf(ids.direct, THIS_YEAR)).byStatus).toMatchObject({
      IMPLEMENTING: (directThisYear.byStatus.IMPLEMENTING ?? 0) + 1,
      SUBMITTED: (directThisYear.byStatus.SUBMITTED ?? 0) + 1,
    });
    const directLastYear = await yearOf(ids.direct, LAST_YEAR);
    expect(directLastYear.funnel.RECOGNIZED ?? 0).toBe(0);
    const today = await yearOf(ids.direct, LAST_YEAR, 'today');
    expect(today.funnel).toEqual({ ...directLastYear.funnel, ...otherLastYear.funnel });
    expect(await yearOf(ids.direct, LAST_YEAR, 'recorded')).toEqual(directLastYear);
    expect(await yearOf('ALL', LAST_YEAR, 'today')).toEqual(allLastYear);
  });

  it('posted again, changes nothing', async () => {
    const before = await snapshot();
    const again = await recordUnitChange(w.deps, ADMIN, merge());
    expect(again.created).toBe(false);
    expect(again.change.status).toBe('DONE');
    expect(await snapshot()).toEqual(before);
    // A unit merged already cannot be merged elsewhere.
    const elsewhere = await refused(recordUnitChange(w.deps, ADMIN, { ...merge(), to: ids.chainUnit }));
    expect(elsewhere).toBeInstanceOf(ConflictError);
    expect(elsewhere.key).toBe('error.unitAlreadyEnded');
    const into = await refused(recordUnitChange(w.deps, ADMIN, { ...merge(), from: [ids.chainUnit], to: ids.otherUnit }));
    expect(into.issues).toEqual([expect.objectContaining({ field: 'to', key: 'reason.successorEnded' })]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('a split and a rename', () => {
  it('splits a unit: its models and accounts go to the chosen one; it stays, historical', async () => {
    for (const id of ['xa-tach-a', 'xa-tach-b'])
      await saveUnit(w.deps, ADMIN, { id, name: `Xã ${id}`, type: 'COMMUNE', level: 'COMMUNE', boardId: ids.chain });
    const draft = await registerModel(w.deps, unitActor(ids.chainUnit), registrationBody({ name: 'Bản nháp' }));
    const split = { type: 'SPLIT', from: ids.chainUnit, to: ['xa-tach-a', 'xa-tach-b'], modelsTo: 'xa-tach-a', date: mergeDate };
    const wrong = await refused(recordUnitChange(w.deps, ADMIN, { ...split, modelsTo: ids.directUnit }));
    expect(wrong.issues).toEqual([expect.objectContaining({ field: 'modelsTo', key: 'reason.modelsToNotSuccessor' })]);
    const { change } = await recordUnitChange(w.deps, ADMIN, split);
    expect(change).toMatchObject({ type: 'SPLIT', status: 'DONE', modelsMoved: 1, modelsTo: 'xa-tach-a' });
    expect(await w.model(draft.id)).toMatchObject({
      unitId: 'xa-tach-a',
      boardId: ids.chain,
      registeredByUnitId: ids.chainUnit,
      status: 'DRAFT',
    });
    expect(await getUnit(w.deps, ids.chainUnit)).toMatchObject({ historical: true, successorId: 'xa-tach-a' });
    expect((await unitHistory(w.deps, ADMIN, 'xa-tach-b')).changes.map((c) => c.id)).toEqual([change.id]);
    // Saving the old unit from the form keeps what the change recorded.
    await saveUnit(w.deps, ADMIN, {
      id: ids.chainUnit,
      name: 'Xã cũ',
      type: 'COMMUNE',
      level: 'COMMUNE',
      boardId: ids.chain,
      historical: true,
    });
    expect(await getUnit(w.deps, ids.chainUnit)).toMatchObject({ name: 'Xã cũ', successorId: 'xa-tach-a', endedAt: mergeDate });
  });

  it('renames a unit: same id, the old name kept with its date; again changes nothing', async () => {
    const rename = { type: 'RENAME', unit: 'xa-tach-b', name: 'Xã Quảng Tân', code: '30299', date: mergeDate };
    const { change } = await recordUnitChange(w.deps, ADMIN, rename);
    expect(change).toMatchObject({ type: 'RENAME', status: 'DONE', formerName: 'Xã xa-tach-b', name: 'Xã Quảng Tân' });
    expect(await getUnit(w.deps, 'xa-tach-b')).toMatchObject({
      name: 'Xã Quảng Tân',
      code: '30299',
      formerNames: [{ name: 'Xã xa-tach-b', until: mergeDate }],
    });
    const before = await snapshot();
    expect((await recordUnitChange(w.deps, ADMIN, rename)).created).toBe(false);
    expect(await snapshot()).toEqual(before);
    expect((await unitHistory(w.deps, ADMIN, 'xa-tach-b')).changes.map((c) => c.type)).toEqual(['SPLIT', 'RENAME']);
  });
});
