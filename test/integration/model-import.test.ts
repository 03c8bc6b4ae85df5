import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.ts';
import { cycleYearAt } from '../../core/rules.ts';
import { getCatalogueEntry } from '../../core/store/catalogue-store.ts';
import { getModel, listModelItems, modelTimeline } from '../../core/store/model-store.ts';
import { listUnits, putUnit } from '../../core/store/org-store.ts';
import { readCounters } from '../../core/store/stats-store.ts';
import { getTask } from '../../core/store/task-store.ts';
import { checkImport, getImport, startImport, type ImportJob } from '../../core/use-cases/import-models.ts';
import { importOfficialUnits } from '../../core/use-cases/official-units.ts';
import { recordUnitChange } from '../../core/use-cases/unit-changes.ts';
import { getStatistics } from '../../core/use-cases/statistics.ts';
import { importedModelId } from '../../core/imports/import-row.ts';
import type { Runtime } from '../../local/runtime.ts';
import { AREA_NAMES, decisionDate, modelRow, sheetFromTemplate, type SheetCells } from '../fixtures/import-sheet.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';

/**
 * Seed 003's province brought in from its spreadsheet (issue 16): 2,500 models registered
 * 2021–2025 in Quảng Ninh's official communes and in a district merged since, 1,400 of them
 * recognized (1,179 collectives, 221 individuals), with 25 rows spoiled in 25 ways.
 */
let runtime: Runtime;
const admin: Actor = { kind: 'user', username: 'quantri', role: 'admin' };
const board: Actor = { kind: 'user', username: 'ban.quangninh', role: 'board', boardId: 'ban-tinh-qn' };
const YEAR = cycleYearAt(new Date());
/** Huyện Đầm Hà (before 2025), merged into Xã Quảng Tân (06913): its models are now under the commune. */
const DAM_HA = 'huyen-dam-ha';

beforeAll(async () => {
  runtime = await startTestRuntime();
  await importOfficialUnits(runtime.webDeps, admin, { provinceCode: '22' });
  await putUnit(runtime.webDeps, {
    id: DAM_HA,
    name: 'Huyện Đầm Hà',
    type: 'DISTRICT',
    level: 'DISTRICT',
    parentId: 'tinh-qn',
    boardId: 'ban-tinh-qn',
  });
  // Recorded as an administrator does (issue 16, item 2): the district merged into the commune on 1 July 2025.
  await recordUnitChange(runtime.webDeps, admin, { type: 'MERGE', from: [DAM_HA], to: 'dvhc-06913', date: '2025-07-01' });
}, 60_000);
afterAll(async () => runtime?.stop());

/** 2,500 good rows: 1,400 recognized (1,179 models, 221 exemplars), 800 implementing, 300 stopped, 2021–2025, four areas. */
async function provinceRows(): Promise<SheetCells[]> {
  const communes = (await listUnits(runtime.webDeps)).filter((u) => u.code?.length === 5 && u.parentId === 'tinh-qn').map((u) => u.code!);
  expect(communes.length).toBeGreaterThan(40);
  return Array.from({ length: 2500 }, (_, i) => {
    const year = 2021 + (i % 5);
    const unit = i % 10 === 0 ? DAM_HA : communes[i % communes.length]!;
    const base = { year, area: AREA_NAMES[i % 4], unit };
    if (i < 1400) {
      const exemplar = i >= 1179;
      const level = year < 2025 && i % 7 === 0 ? 'Cấp huyện' : i % 3 === 0 ? 'Cấp tỉnh' : 'Cấp xã';
      return modelRow(i, unit, {
        ...base,
        kind: exemplar ? 'Điển hình' : 'Mô hình',
        name: exemplar ? `Điển hình dân vận khéo số ${i}` : `Mô hình dân vận khéo số ${i}`,
        status: 'Được công nhận',
        level,
        statusYear: year,
        decisionNumber: `${100 + (i % 50)}/QĐ-BTGDVTU`,
        decisionDate: decisionDate(year),
      });
    }
    if (i < 2200) return modelRow(i, unit, base);
    return modelRow(i, unit, {
      ...base,
      status: 'Đã dừng',
      statusYear: Math.min(year + 1, 2025),
      stopReason: i % 2 ? 'Hình thức' : 'Kém hiệu quả',
    });
  });
}

/** 25 spoiled rows, each in its own way: the column and reason each must be refused with. */
const SPOILED: { over: SheetCells; column: string; key: string }[] = [
  { over: { name: '' }, column: 'name', key: 'reason.required' },
  { over: { unit: '99999' }, column: 'unit', key: 'reason.importUnitUnknown' },
  { over: { unit: 'phuong-dong-ha' }, column: 'unit', key: 'reason.importUnitOutsideBoard' },
  { over: { kind: 'Tập thể' }, column: 'kind', key: 'reason.importChooseValue' },
  { over: { area: 'Nông nghiệp' }, column: 'area', key: 'reason.importChooseValue' },
  { over: { year: 'năm 2023' }, column: 'year', key: 'reason.importYearFormat' },
  { over: { year: 2031 }, column: 'year', key: 'reason.importYearRange' },
  { over: { status: 'Hoàn thành' }, column: 'status', key: 'reason.importChooseValue' },
  {
    over: { status: 'Được công nhận', statusYear: 2024, decisionNumber: '1/QĐ', decisionDate: decisionDate(2024) },
    column: 'level',
    key: 'reason.required',
  },
  {
    over: { status: 'Được công nhận', level: 'Cấp huyện', statusYear: 2025, decisionNumber: '2/QĐ', decisionDate: decisionDate(2025) },
    column: 'level',
    key: 'reason.levelAbolished',
  },
  {
    over: {
      status: 'Được công nhận',
      year: 2023,
      level: 'Cấp xã',
      statusYear: 2022,
      decisionNumber: '3/QĐ',
      decisionDate: decisionDate(2022),
    },
    column: 'statusYear',
    key: 'reason.importYearRange',
  },
  {
    over: { status: 'Được công nhận', level: 'Cấp xã', statusYear: 2024, decisionNumber: '4/QĐ', decisionDate: '31/02/2024' },
    column: 'decisionDate',
    key: 'reason.importDateFormat',
  },
  {
    over: { status: 'Được công nhận', level: 'Cấp xã', statusYear: 2024, decisionNumber: '5/QĐ', decisionDate: '01/01/2099' },
    column: 'decisionDate',
    key: 'reason.importDateFuture',
  },
  {
    over: { status: 'Được công nhận', level: 'Cấp xã', statusYear: 2024, decisionNumber: '6/QĐ', decisionDate: decisionDate(2021) },
    column: 'decisionDate',
    key: 'reason.importDateOutsideYear',
  },
  {
    over: { status: 'Được công nhận', level: 'Cấp xã', statusYear: 2024, decisionDate: decisionDate(2024) },
    column: 'decisionNumber',
    key: 'reason.required',
  },
  { over: { status: 'Đã dừng', statusYear: 2024 }, column: 'stopReason', key: 'reason.required' },
  { over: { status: 'Đã dừng', statusYear: 2024, stopReason: 'Lười' }, column: 'stopReason', key: 'reason.importChooseValue' },
  { over: { level: 'Cấp xã' }, column: 'level', key: 'reason.importOnlyForRecognized' },
  { over: { stopReason: 'Hình thức' }, column: 'stopReason', key: 'reason.importOnlyForStopped' },
  { over: { indicators: 'Số hộ: 100' }, column: 'indicators', key: 'reason.importIndicatorFormat' },
  { over: { indicators: 'Số hộ tham gia (hộ): 1,250' }, column: 'indicators', key: 'reason.numberAmbiguous' },
  { over: { situation: '' }, column: 'situation', key: 'reason.required' },
  { over: {}, column: '(row)', key: 'reason.importDuplicateRow' },
  { over: { status: 'Đã đăng ký', year: 2023 }, column: 'year', key: 'reason.registrationYear' },
  { over: { name: 'Mô hình '.repeat(30) }, column: 'name', key: 'reason.tooLong' },
];

async function importFile(bytes: Uint8Array, actor: Actor): Promise<{ check: Awaited<ReturnType<typeof checkImport>>; job: ImportJob }> {
  const check = await checkImport(runtime.webDeps, actor, { name: 'quang-ninh-2021-2025.xlsx', bytes }, { start: true });
  const job = await eventually(
    async () => {
      const job = await getImport(runtime.webDeps, actor, check.job.jobId);
      return job.status === 'COMPLETED' || job.status === 'FAILED' ? job : undefined;
    },
    'the import to end',
    600_000,
  );
  return { check, job };
}

describe('importing seed 003’s province from its spreadsheet', () => {
  it(
    'imports 2,500 models, refuses exactly the 25 spoiled rows, reproduces the figures, and changes nothing the second time',
    { timeout: 1_200_000 },
    async () => {
      const deps = runtime.webDeps;
      const rows = await provinceRows();
      // A spoiled row every 100 rows: its sheet row is its index + 2 (the header is row 1).
      const all: SheetCells[] = [...rows];
      const spoiledAt = new Map<number, (typeof SPOILED)[number]>();
      SPOILED.forEach((spoil, k) => {
        const at = 50 + k * 101;
        // The duplicate is row 7 (the sixth good row) sent again.
        all.splice(at, 0, spoil.key === 'reason.importDuplicateRow' ? { ...rows[5] } : modelRow(90_000 + k, '06913', spoil.over));
        spoiledAt.set(at + 2, spoil);
      });
      const bytes = await sheetFromTemplate(all);

      const { check, job } = await importFile(bytes, board);
      expect(job).toMatchObject({
        status: 'COMPLETED',
        read: 2525,
        planned: 2500,
        refused: 25,
        alreadyIn: 0,
        imported: 2500,
        skipped: 0,
        done: 2500,
      });
      // Exactly the 25 spoiled rows, each with its own column and reason.
      expect(check.refused.map((r) => r.row).sort((a, b) => a - b)).toEqual([...spoiledAt.keys()]);
      for (const refused of check.refused) {
        const spoil = spoiledAt.get(refused.row)!;
        expect(refused.issues, `row ${refused.row}`).toContainEqual(expect.objectContaining({ column: spoil.column, key: spoil.key }));
      }

      // The figures of seed 003, over 2021–2025, by the board and for the whole country.
      for (const scope of ['ban-tinh-qn', 'ALL']) {
        const stats = await getStatistics(deps, admin, { scope, period: '2021-2025' });
        expect(stats.rollup.funnel).toMatchObject({ REGISTERED: 2500, ACCEPTED: 2500, RECOGNIZED: 1400, STOPPED: 300 });
        expect(stats.rollup.recognizedByKind).toEqual({ MODEL: 1179, EXEMPLAR: 221 });
        expect(stats.rollup.byArea).toEqual({ ECONOMY: 625, CULTURE_SOCIETY: 625, DEFENSE_SECURITY: 625, POLITICAL_SYSTEM: 625 });
        expect(stats.years.map((y) => y.funnel.REGISTERED)).toEqual([500, 500, 500, 500, 500]);
      }

      // A recognized model of the merged district: under Xã Quảng Tân, registered by Huyện Đầm Hà,
      // listed in the catalogue with its decision, resting for the next review, audited "imported".
      const id = importedModelId(DAM_HA, 'MODEL', 'Mô hình dân vận khéo số 0', 2021);
      const model = (await getModel(deps, id))!;
      expect(model).toMatchObject({ unitId: 'dvhc-06913', registeredByUnitId: DAM_HA, status: 'IMPLEMENTING', cycleYear: YEAR });
      expect(model.recognitions).toEqual([
        expect.objectContaining({ year: 2021, level: 'DISTRICT', number: '100/QĐ-BTGDVTU', date: '2021-12-15T05:00:00.000Z' }),
      ]);
      expect(await getCatalogueEntry(deps, id)).toMatchObject({ level: 'DISTRICT', year: 2021, unitId: 'dvhc-06913' });
      expect(await getTask(deps, id, YEAR, 'YEARLY_REVIEW')).toMatchObject({ status: 'PENDING', boardId: 'ban-tinh-qn' });
      const { events, decisions } = await modelTimeline(deps, id);
      expect(events).toEqual([
        expect.objectContaining({ type: 'IMPORTED', to: 'IMPLEMENTING', outcome: 'RECOGNIZED', actor: 'ban.quangninh' }),
      ]);
      expect(decisions).toEqual([]);

      // The same file again: every row is found in already, nothing is written.
      const before = await readCounters(deps, 'ban-tinh-qn', [2021, 2022, 2023, 2024, 2025, YEAR]);
      const again = await importFile(bytes, board);
      expect(again.check.job.alreadyIn).toBe(2500);
      expect(again.job).toMatchObject({ status: 'COMPLETED', imported: 0, skipped: 2500, refused: 25 });
      expect(await readCounters(deps, 'ban-tinh-qn', [2021, 2022, 2023, 2024, 2025, YEAR])).toEqual(before);
      expect(await modelTimeline(deps, id)).toEqual({ events, decisions });

      // Two communes merged after the import: every model of theirs is under the successor, the figures of 2021–2025 unchanged.
      const [merged, successor] = ['dvhc-06652', 'dvhc-06658'];
      const theirs = [...(await listModelItems(deps, { unitId: merged })), ...(await listModelItems(deps, { unitId: successor }))];
      expect(theirs.length).toBeGreaterThan(60);
      const figures = await getStatistics(deps, admin, { scope: 'ban-tinh-qn', period: '2021-2025' });
      await recordUnitChange(deps, admin, { type: 'MERGE', from: [merged], to: successor, date: '2026-11-01' });
      expect(await listModelItems(deps, { unitId: merged })).toEqual([]);
      expect((await listModelItems(deps, { unitId: successor })).map((m) => m.id).sort()).toEqual(theirs.map((m) => m.id).sort());
      expect(await getStatistics(deps, admin, { scope: 'ban-tinh-qn', period: '2021-2025' })).toEqual(figures);
    },
  );

  it('a board may not import units of another board, a unit may not import at all, and a job started twice is refused', async () => {
    const bytes = await sheetFromTemplate([modelRow(1, 'phuong-dong-ha', { name: 'Mô hình Đông Hà' })]);
    const check = await checkImport(runtime.webDeps, board, { name: 'x.xlsx', bytes });
    expect(check.refused[0]!.issues).toEqual([expect.objectContaining({ column: 'unit', key: 'reason.importUnitOutsideBoard' })]);
    const unit: Actor = { kind: 'user', username: 'donvi.halong', role: 'unit', unitId: 'phuong-ha-long' };
    await expect(checkImport(runtime.webDeps, unit, { name: 'x.xlsx', bytes })).rejects.toMatchObject({ name: 'ForbiddenError' });
    const qt: Actor = { kind: 'user', username: 'ban.quangtri', role: 'board', boardId: 'ban-tinh-qt' };
    await expect(getImport(runtime.webDeps, qt, check.job.jobId)).rejects.toMatchObject({ name: 'NotFoundError' });
    await startImport(runtime.webDeps, board, check.job.jobId);
    await expect(startImport(runtime.webDeps, board, check.job.jobId)).rejects.toMatchObject({ name: 'InvalidTransitionError' });
  });
});
