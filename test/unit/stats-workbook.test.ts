import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../core/model.ts';
import { sheetNames } from '../../web/statistics/exports/export-table.ts';
import { filterModels, modelTable } from '../../web/statistics/exports/model-rows.ts';
import { statisticsTables, type Statistics } from '../../web/statistics/exports/stats-tables.ts';
import { buildWorkbook } from '../../web/statistics/exports/workbook.ts';

const empty = { byStatus: {}, funnel: {}, byArea: {}, byKind: {}, byLevel: {}, recognizedByKind: {}, indicators: [] };
const stats: Statistics = {
  scope: 'ban-tinh-qn',
  period: '2026-2030',
  filter: {},
  years: [
    {
      ...empty,
      year: 2026,
      byStatus: { RECOGNIZED: 2, STOPPED: 1, IMPLEMENTING: 4 },
      funnel: { REGISTERED: 7, ACCEPTED: 7, RECOGNIZED: 2, STOPPED: 1 },
      byArea: { ECONOMY: 5, CULTURE_SOCIETY: 2 },
      byKind: { MODEL: 6, EXEMPLAR: 1 },
      byLevel: { COMMUNE: 4, PROVINCE: 3 },
      recognizedByKind: { MODEL: 2 },
      indicators: [
        { key: 'hộ|ho tham gia', unit: 'hộ', name: 'Hộ tham gia', total: 120, reports: 3, aggregation: 'SUM' as const, value: 120 },
        {
          key: '%|ty le ho hai long',
          unit: '%',
          name: 'Tỷ lệ hộ hài lòng',
          total: 270,
          reports: 3,
          aggregation: 'AVERAGE' as const,
          value: 90,
        },
      ],
    },
    {
      ...empty,
      year: 2027,
      byStatus: { IMPLEMENTING: 2 },
      funnel: { REGISTERED: 1 },
      byArea: { ECONOMY: 1 },
      byKind: { EXEMPLAR: 1 },
      byLevel: { COMMUNE: 1 },
    },
    { ...empty, year: 2028 },
    { ...empty, year: 2029 },
    { ...empty, year: 2030 },
  ],
  rollup: {
    funnel: { REGISTERED: 8, ACCEPTED: 7, RECOGNIZED: 2, STOPPED: 1 },
    byArea: { ECONOMY: 6, CULTURE_SOCIETY: 2 },
    byKind: { MODEL: 6, EXEMPLAR: 2 },
    byLevel: { COMMUNE: 5, PROVINCE: 3 },
    recognizedByKind: { MODEL: 2 },
    indicators: [
      { key: 'hộ|ho tham gia', unit: 'hộ', name: 'Hộ tham gia', total: 120, reports: 3, aggregation: 'SUM' as const, value: 120 },
      {
        key: '%|ty le ho hai long',
        unit: '%',
        name: 'Tỷ lệ hộ hài lòng',
        total: 270,
        reports: 3,
        aggregation: 'AVERAGE' as const,
        value: 90,
      },
    ],
  },
};

async function readBack(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}
const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('the statistics workbook', () => {
  it('has one sheet per table, bold frozen headers in Vietnamese, and totals rows that add up', async () => {
    const tables = statisticsTables(stats, 'vi');
    const workbook = await readBack(await buildWorkbook(tables, { title: 'Thống kê', created: new Date('2026-05-01T00:00:00Z') }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Theo trạng thái',
      'Theo lĩnh vực',
      'Theo loại',
      'Công nhận theo loại',
      'Theo cấp',
      'Từ đăng ký đến công nhận',
      'Chỉ tiêu kết quả',
      'Tổng hợp 5 năm',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true);
      for (let i = 1; i <= sheet.columnCount; i++) expect(sheet.getColumn(i).width, `${sheet.name} ${i}`).toBeGreaterThanOrEqual(10);
    }

    const area = workbook.getWorksheet('Theo lĩnh vực')!;
    expect(values(area, 1)).toEqual(['Lĩnh vực', 'Năm 2026', 'Năm 2027', 'Năm 2028', 'Năm 2029', 'Năm 2030', 'Cả giai đoạn 2026-2030']);
    expect(values(area, 2)).toEqual(['Kinh tế', 5, 1, 0, 0, 0, 6]);
    expect(values(area, 6)).toEqual(['Tổng cộng', 7, 1, 0, 0, 0, 8]);
    expect(area.getRow(6).font?.bold).toBe(true);

    const status = workbook.getWorksheet('Theo trạng thái')!;
    expect(values(status, 1)[0]).toBe('Trạng thái');
    expect(values(status, status.rowCount)).toEqual(['Tổng cộng', 7, 2, 0, 0, 0]);

    const funnel = workbook.getWorksheet('Từ đăng ký đến công nhận')!;
    expect(values(funnel, 1)).toEqual(['Năm', 'Đăng ký', 'Được chấp nhận', 'Được công nhận', 'Dừng triển khai', 'Nhân rộng']);
    expect(values(funnel, 7)).toEqual(['Cả giai đoạn 2026-2030', 8, 7, 2, 1, 0]);
    expect(funnel.getColumn(1).numFmt).toBe('0');

    const rollup = workbook.getWorksheet('Tổng hợp 5 năm')!;
    expect(values(rollup, 1)).toEqual(['Nội dung', 'Số lượng', 'Tỷ lệ so với đăng ký (%)']);
    expect(values(rollup, 4)).toEqual(['Được công nhận', 2, 25]);
    expect(values(rollup, 5)).toEqual(['– trong đó: Mô hình (tập thể)', 2, 25]);

    // Names as typed; a count summed, a rate averaged (no year without reports counts as 0 for it).
    expect(values(workbook.getWorksheet('Chỉ tiêu kết quả')!, 2)).toEqual(['Tỷ lệ hộ hài lòng', '%', 'Trung bình', 90, '', '', '', '', 90]);
    expect(values(workbook.getWorksheet('Chỉ tiêu kết quả')!, 3)).toEqual(['Hộ tham gia', 'hộ', 'Tổng', 120, 0, 0, 0, 0, 120]);
  });

  it('labels in English for the dashboard', () => {
    expect(statisticsTables(stats, 'en')[1]!.headers[0]).toBe('Area');
  });

  it('keeps sheet names within Excel’s rules', () => {
    expect(sheetNames([{ sheet: 'a/b:c?[d]*' }, { sheet: 'A/B:C?[D]*' }, { sheet: 'x'.repeat(40) }])).toEqual([
      'a b c  d',
      'A B C  D 2',
      'x'.repeat(31),
    ]);
  });
});

const model = (over: Partial<Model>): Model => ({
  id: 'm1',
  unitId: 'phuong-ha-long',
  boardId: 'ban-tinh-qn',
  status: 'IMPLEMENTING',
  cycleYear: 2026,
  version: 1,
  year: 2026,
  kind: 'MODEL',
  area: 'ECONOMY',
  name: 'Dân vận khéo',
  situation: '',
  objectives: '',
  content: '',
  targetGroup: '',
  forces: '',
  resources: '',
  outputs: '',
  sustainability: '',
  tags: [],
  targetLevel: 'COMMUNE',
  indicators: [],
  createdAt: '2026-03-01T18:30:00.000Z',
  updatedAt: '2026-03-01T18:30:00.000Z',
  recognitions: [],
  ...over,
});

describe('the model list workbook', () => {
  const board = { kind: 'user', username: 'ban', role: 'board', boardId: 'ban-tinh-qn' } as const;
  const models = [
    model({ id: 'a', name: '=HYPERLINK("http://evil","bấm")', replicationCount: 2 }),
    model({ id: 'b', name: 'Điển hình', kind: 'EXEMPLAR', area: 'CULTURE_SOCIETY', status: 'RECOGNIZED' }),
    model({ id: 'c', name: 'Bản nháp', status: 'DRAFT' }),
  ];

  it('filters in memory and leaves drafts to their unit', () => {
    expect(filterModels(models, {}, board).map((m) => m.id)).toEqual(['a', 'b']);
    expect(filterModels(models, { kind: ['EXEMPLAR'] }, board).map((m) => m.id)).toEqual(['b']);
    expect(filterModels(models, { status: ['RECOGNIZED'], year: 2026 }, board).map((m) => m.id)).toEqual(['b']);
    expect(filterModels(models, { year: 2027 }, board)).toEqual([]);
    expect(filterModels(models, {}, { kind: 'user', username: 'u', role: 'unit', unitId: 'phuong-ha-long' })).toHaveLength(3);
  });

  it('writes Vietnamese headers, real dates shown dd/mm/yyyy, neutralized text and a totals row', async () => {
    const table = modelTable(filterModels(models, {}, board), new Map([['phuong-ha-long', 'Phường Hạ Long']]), 'vi');
    const sheet = (await readBack(await buildWorkbook([table], { title: 't', created: new Date() }))).worksheets[0]!;
    expect(sheet.name).toBe('Danh sách mô hình');
    expect(values(sheet, 1)).toEqual([
      'Tên mô hình, điển hình',
      'Đơn vị',
      'Lĩnh vực',
      'Loại',
      'Cấp đăng ký',
      'Năm',
      'Trạng thái',
      'Ngày đăng ký',
      'Số lần nhân rộng',
      'Cấp công nhận',
      'Số quyết định công nhận',
    ]);
    expect(values(sheet, 2)).toEqual([
      `'=HYPERLINK("http://evil","bấm")`,
      'Phường Hạ Long',
      'Kinh tế',
      'Mô hình (tập thể)',
      'Cấp xã',
      2026,
      'Đang triển khai',
      new Date(Date.UTC(2026, 2, 2)),
      2,
    ]);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getColumn(8).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getColumn(6).numFmt).toBe('0');
    expect(values(sheet, 4)[0]).toBe('Tổng cộng: 2 mô hình, điển hình');
    expect(values(sheet, 4)[8]).toBe(2);
  });
});
