import { describe, expect, it } from 'vitest';
import type { Unit } from '../records.ts';
import { IMPORT_COLUMNS, type ImportColumn, type SheetRow } from './import-columns.ts';
import { importedModelId, planRow, planRows, readDate, type PlanContext, type PlannedRow, type RowIssue } from './import-row.ts';

const units: Unit[] = [
  { id: 'dvhc-06913', name: 'Xã Quảng Tân', level: 'COMMUNE', boardId: 'ban-qn', code: '06913' },
  { id: 'huyen-dam-ha', name: 'Huyện Đầm Hà', level: 'DISTRICT', boardId: 'ban-qn', historical: true, successorId: 'dvhc-06913' },
  { id: 'dvhc-19333', name: 'Phường Đông Hà', level: 'COMMUNE', boardId: 'ban-qt', code: '19333' },
];
const ctx: PlanContext = { units, boardId: 'ban-qn', cycleYear: 2026, today: '2026-12-03' };

function row(over: Partial<Record<ImportColumn, string>> = {}, n = 2): SheetRow {
  const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, ''])) as Record<ImportColumn, string>;
  return {
    row: n,
    cells: {
      ...cells,
      name: 'Dân vận khéo làm đường',
      situation: 's',
      objectives: 'o',
      content: 'c',
      targetGroup: 't',
      forces: 'f',
      resources: 'r',
      outputs: 'out',
      sustainability: 'su',
      kind: 'Mô hình',
      area: 'Kinh tế',
      unit: '06913',
      year: '2024',
      status: 'Đang triển khai',
      ...over,
    },
  };
}
const plan = (over: Partial<Record<ImportColumn, string>>) => planRow(row(over), ctx) as PlannedRow;
const issues = (over: Partial<Record<ImportColumn, string>>) => planRow(row(over), ctx) as RowIssue[];
const recognized = { status: 'Được công nhận', level: 'Cấp tỉnh', statusYear: '2024', decisionNumber: '12/QĐ', decisionDate: '15/12/2024' };

describe('one row of the import sheet', () => {
  it('plans an implementing model under its unit, found by code or id, labels read without marks or case', () => {
    expect(plan({})).toMatchObject({
      unitId: 'dvhc-06913',
      boardId: 'ban-qn',
      status: 'IMPLEMENTING',
      registration: { kind: 'MODEL', area: 'ECONOMY', year: 2024 },
    });
    expect(plan({ unit: 'dvhc-06913', kind: 'DIEN HINH', area: 'van hoa xa hoi' }).registration).toMatchObject({
      kind: 'EXEMPLAR',
      area: 'CULTURE_SOCIETY',
    });
  });

  it('sends a merged unit’s row to its successor and keeps who registered it; the id stays that of the unit named', () => {
    const planned = plan({ unit: 'huyen-dam-ha' });
    expect(planned).toMatchObject({ unitId: 'dvhc-06913', registeredByUnitId: 'huyen-dam-ha' });
    expect(planned.id).toBe(importedModelId('huyen-dam-ha', 'MODEL', 'Dân vận khéo làm đường', 2024));
    expect(planned.id).not.toBe(plan({}).id);
  });

  it('reads a recognition with its decision, and the district level only before 1 July 2025', () => {
    expect(plan(recognized)).toMatchObject({
      status: 'RECOGNIZED',
      recognition: { year: 2024, level: 'PROVINCE', number: '12/QĐ', date: '2024-12-15' },
    });
    expect(plan({ ...recognized, level: 'Cấp huyện', decisionDate: '2024-12-15' }).recognition?.level).toBe('DISTRICT');
    expect(issues({ ...recognized, level: 'Cấp huyện', statusYear: '2025', decisionDate: '20/12/2025' })).toEqual([
      expect.objectContaining({ column: 'level', key: 'reason.levelAbolished' }),
    ]);
  });

  it('lists every issue of a row at once, each with its column', () => {
    const found = issues({ name: '', area: 'Nông nghiệp', unit: '19333', year: '20x4', indicators: 'Số hộ (hộ): 1,250' });
    expect(found.map((i) => `${i.column}:${i.key}`).sort()).toEqual([
      'area:reason.importChooseValue',
      'indicators:reason.numberAmbiguous',
      'name:reason.required',
      'unit:reason.importUnitOutsideBoard',
      'year:reason.importYearFormat',
    ]);
  });

  it('an administrator may name any board’s unit; a future year, a past registration and misplaced columns are refused', () => {
    expect(planRow(row({ unit: '19333' }), { ...ctx, boardId: undefined })).toMatchObject({ boardId: 'ban-qt' });
    expect(issues({ year: '2027' })).toEqual([expect.objectContaining({ column: 'year', key: 'reason.importYearRange' })]);
    expect(plan({ status: 'Đã đăng ký', year: '2027' }).status).toBe('REGISTERED');
    expect(issues({ status: 'Đã đăng ký', year: '2025' })).toEqual([expect.objectContaining({ key: 'reason.registrationYear' })]);
    expect(issues({ level: 'Cấp xã', stopReason: 'Hình thức', statusYear: '2024' }).map((i) => i.key)).toEqual([
      'reason.importOnlyForRecognized',
      'reason.importOnlyForStopped',
      'reason.importOnlyForRecognizedOrStopped',
    ]);
  });

  it('reads indicators one per line or by ";", with or without a target', () => {
    expect(
      plan({ indicators: 'Số hộ tham gia (hộ): 1.250\nTỷ lệ hài lòng (%) = 12,5; Số buổi họp (buổi)' }).registration.indicators,
    ).toEqual([
      { name: 'Số hộ tham gia', unit: 'hộ', target: 1250 },
      { name: 'Tỷ lệ hài lòng', unit: '%', target: 12.5 },
      { name: 'Số buổi họp', unit: 'buổi', target: null },
    ]);
  });

  it('reads dates as offices write them and refuses impossible ones', () => {
    expect(readDate('5/7/2024')).toBe('2024-07-05');
    expect(readDate('2024-07-05')).toBe('2024-07-05');
    expect(readDate('31/02/2024')).toBeUndefined();
    expect(readDate('2024/07/05')).toBeUndefined();
  });

  it('refuses a second row naming the same model as its duplicate', () => {
    const { planned, refused } = planRows([row({}, 2), row({ content: 'khác' }, 3), row({ name: 'Khác' }, 4)], ctx);
    expect(planned.map((p) => p.row)).toEqual([2, 4]);
    expect(refused).toEqual([
      expect.objectContaining({ row: 3, issues: [{ column: '(row)', key: 'reason.importDuplicateRow', params: { row: 2 } }] }),
    ]);
  });
});
