import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CLOSED_VALUES, IMPORT_COLUMNS, MAX_IMPORT_ROWS, type ImportColumn, type SheetRow } from './import-columns.ts';
import { buildReport, buildTemplate, listFormula, readImportFile, type ReadResult } from './sheets.ts';

const encoder = new TextEncoder();
const headers = IMPORT_COLUMNS.map((c) => c.header);
const columnOf = (key: ImportColumn) => IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1;

/** A complete, valid-looking row; `over` replaces some cells. */
function cells(over: Partial<Record<ImportColumn, string>> = {}): Record<ImportColumn, string> {
  const base = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, ''])) as Record<ImportColumn, string>;
  return {
    ...base,
    name: 'Dân vận khéo xây dựng đường làng',
    situation: 'Đường xuống cấp',
    objectives: 'Làm 5 km đường',
    content: 'Họp dân, bàn bạc',
    targetGroup: 'Hộ dân thôn Đông',
    forces: 'Chi bộ thôn',
    resources: 'Ngày công',
    outputs: '5 km đường',
    sustainability: 'Nhân rộng',
    kind: 'Mô hình',
    area: 'Kinh tế',
    unit: '00376',
    year: '2024',
    status: 'Đang triển khai',
    ...over,
  };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}
const save = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer());

function rowsOf(result: ReadResult): SheetRow[] {
  if (!result.ok) throw new Error(`not read: ${JSON.stringify(result.issue)}`);
  return result.rows;
}

/** CSV text of a header and rows, every field quoted (as Excel quotes those that need it). */
const csv = (head: string[], rows: string[][], sep = ',') =>
  [head, ...rows].map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(sep)).join('\r\n') + '\r\n';

describe('buildTemplate', () => {
  it('has the headers, bold and frozen, required columns marked with "*"', async () => {
    const workbook = await load(await buildTemplate());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Mô hình', 'Hướng dẫn']);
    const sheet = workbook.getWorksheet('Mô hình')!;
    const row = sheet.getRow(1);
    expect(IMPORT_COLUMNS.map((c, i) => row.getCell(i + 1).value)).toEqual(
      IMPORT_COLUMNS.map((c) => (c.required ? `${c.header} *` : c.header)),
    );
    expect(row.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(columnOf('situation')).width).toBeGreaterThan(30);
  });

  it('offers drop-down lists on the closed columns for rows 2..10001', async () => {
    const sheet = (await load(await buildTemplate())).getWorksheet('Mô hình')!;
    for (const [key, values] of Object.entries(CLOSED_VALUES)) {
      const column = columnOf(key as ImportColumn);
      for (const row of [2, MAX_IMPORT_ROWS + 1])
        expect(sheet.getCell(row, column).dataValidation).toMatchObject({ type: 'list', formulae: [`"${values.join(',')}"`] });
      expect(sheet.getCell(MAX_IMPORT_ROWS + 2, column).dataValidation).toBeUndefined();
    }
    expect(sheet.getCell(2, columnOf('name')).dataValidation).toBeUndefined();
  });

  it('explains every column on "Hướng dẫn"', async () => {
    const sheet = (await load(await buildTemplate())).getWorksheet('Hướng dẫn')!;
    const text = (r: number) => sheet.getRow(r).values as ExcelJS.CellValue[];
    expect(text(1).slice(1, 4)).toEqual(['Cột', 'Tên tiếng Anh (English)', 'Bắt buộc']);
    IMPORT_COLUMNS.forEach((c, i) => expect(text(i + 2).slice(1, 4)).toEqual([c.header, c.en, c.required ? 'Có' : 'Không']));
    const all = JSON.stringify(sheet.getSheetValues());
    for (const needle of ['19/2025/QĐ-TTg', 'Số hộ tham gia (hộ): 1.250', '10.000', 'dd/mm/yyyy', 'Lý do dừng', 'không nhập trùng'])
      expect(all).toContain(needle);
  });

  it('moves a list too long for Excel to a hidden sheet', () => {
    const workbook = new ExcelJS.Workbook();
    const values = Array.from({ length: 40 }, (_, i) => `Giá trị số ${i + 1}`);
    expect(listFormula(workbook, values)).toBe(`'Danh sách'!$A$1:$A$40`);
    expect(listFormula(workbook, ['a, b', 'c'])).toBe(`'Danh sách'!$B$1:$B$2`);
    const lists = workbook.getWorksheet('Danh sách')!;
    expect(lists.state).toBe('hidden');
    expect(lists.getCell('A40').value).toBe('Giá trị số 40');
    expect(listFormula(workbook, ['x', 'y'])).toBe('"x,y"');
  });

  it('reads as empty until a row is filled in', async () => {
    expect(await readImportFile(await buildTemplate(), 'mau.xlsx')).toEqual({ ok: false, issue: { key: 'import.empty' } });
  });
});

describe('readImportFile, xlsx', () => {
  it('reads the template filled in: dates, numbers, rich text, formulas, links, merges', async () => {
    const workbook = await load(await buildTemplate());
    const sheet = workbook.getWorksheet('Mô hình')!;
    const set = (row: number, key: ImportColumn, value: ExcelJS.CellValue) => (sheet.getCell(row, columnOf(key)).value = value);
    for (const [key, text] of Object.entries(cells())) set(2, key as ImportColumn, text);
    set(2, 'name', { richText: [{ text: 'Dân vận ', font: { bold: true } }, { text: 'khéo' }] });
    set(2, 'year', 2024);
    set(2, 'status', 'Được công nhận');
    set(2, 'level', 'Cấp xã');
    set(2, 'statusYear', { formula: '2024+1', result: 2025 });
    set(2, 'decisionNumber', { text: '125/QĐ-UBND', hyperlink: 'https://example.vn/qd/125' });
    set(2, 'decisionDate', new Date(Date.UTC(2025, 2, 15)));
    set(2, 'indicators', 'Số hộ (hộ): 1.250\r\nĐường (km): 5,5');
    set(2, 'resources', 12.5);
    set(2, 'outputs', true);
    set(2, 'sustainability', { error: '#N/A' });
    set(2, 'unit', '  01  ');
    // Row 3 left empty (skipped); row 4 with a merged cell reaching into row 5.
    for (const [key, text] of Object.entries(cells({ name: 'Thứ hai' }))) set(4, key as ImportColumn, text);
    for (const [key, text] of Object.entries(cells({ name: 'Thứ ba' }))) set(5, key as ImportColumn, text);
    sheet.mergeCells(4, columnOf('situation'), 5, columnOf('situation'));

    const result = await readImportFile(await save(workbook), 'any-name.csv');
    expect(result).toMatchObject({ ok: true, unknownHeaders: [] });
    expect(rowsOf(result)).toEqual([
      {
        row: 2,
        cells: cells({
          name: 'Dân vận khéo',
          year: '2024',
          status: 'Được công nhận',
          level: 'Cấp xã',
          statusYear: '2025',
          decisionNumber: '125/QĐ-UBND',
          decisionDate: '2025-03-15',
          indicators: 'Số hộ (hộ): 1.250\nĐường (km): 5,5',
          resources: '12,5',
          outputs: 'TRUE',
          sustainability: '',
          unit: '01',
        }),
      },
      { row: 4, cells: cells({ name: 'Thứ hai' }) },
      { row: 5, cells: cells({ name: 'Thứ ba', situation: '' }) },
    ]);
  });

  it('refuses a corrupt zip, a workbook without a sheet, an old binary .xls', async () => {
    const corrupt = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await readImportFile(corrupt, 'a.xlsx')).toEqual({ ok: false, issue: { key: 'import.unreadable' } });
    const noSheet = await save(new ExcelJS.Workbook());
    expect(await readImportFile(noSheet, 'a.xlsx')).toEqual({ ok: false, issue: { key: 'import.unreadable' } });
    const oldXls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readImportFile(oldXls, 'a.xls')).toEqual({ ok: false, issue: { key: 'import.unreadable' } });
  });

  it('reads as many rows as a file may hold (10,000), each numbered by its sheet row', async () => {
    // How fast is the bench's (npm run bench, "Import from Excel": 10,000 rows of long texts).
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Mô hình');
    sheet.addRow(headers);
    for (let i = 0; i < MAX_IMPORT_ROWS; i++)
      sheet.addRow(IMPORT_COLUMNS.map((c) => (c.key === 'year' ? 2024 : c.key === 'name' ? `Mô hình ${i}` : `${i} ${c.key}`)));
    const rows = rowsOf(await readImportFile(await save(workbook), 'big.xlsx'));
    expect(rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(rows.at(-1)).toMatchObject({ row: MAX_IMPORT_ROWS + 1, cells: { name: `Mô hình ${MAX_IMPORT_ROWS - 1}`, year: '2024' } });
  });
});

describe('readImportFile, CSV', () => {
  it('reads ";" with a BOM and a quoted multi-line field, numbering rows by the line they start on', async () => {
    const text =
      '\uFEFF' +
      `${headers.join(';')}\r\n` +
      `${IMPORT_COLUMNS.map((c) => (c.key === 'indicators' ? '"Số hộ (hộ): 1.250\r\nĐường (km): 5,5"' : c.key === 'name' ? '"Mô hình ""Ba cùng""; thôn Đông"' : cells()[c.key])).join(';')}\r\n` +
      `${IMPORT_COLUMNS.map((c) => cells({ name: 'Sau' })[c.key]).join(';')}\r\n` +
      '\r\n' +
      ';;;;\r\n';
    const result = await readImportFile(encoder.encode(text), 'file.xlsx');
    expect(rowsOf(result)).toEqual([
      { row: 2, cells: cells({ name: 'Mô hình "Ba cùng"; thôn Đông', indicators: 'Số hộ (hộ): 1.250\nĐường (km): 5,5' }) },
      { row: 4, cells: cells({ name: 'Sau' }) },
    ]);
  });

  it('reads what the xlsx reader reads for the same content', async () => {
    // The multi-line cell last: a CSV record after it would start a line further down (its row).
    const data = [
      cells({ name: 'Tên, có dấu phẩy', content: '"Trích dẫn"; và ; nữa' }),
      cells({ indicators: 'A (hộ): 1\nB (km): 2,5', decisionDate: '2025-03-15', status: 'Được công nhận' }),
    ];
    const fromCsv = await readImportFile(
      encoder.encode(
        csv(
          headers,
          data.map((d) => IMPORT_COLUMNS.map((c) => d[c.key])),
        ),
      ),
      'a.csv',
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Mô hình');
    sheet.addRow(headers);
    for (const d of data)
      sheet.addRow(
        IMPORT_COLUMNS.map((c) =>
          c.key === 'year'
            ? Number(d.year)
            : c.key === 'decisionDate' && d.decisionDate
              ? new Date(`${d.decisionDate}T00:00:00Z`)
              : d[c.key],
        ),
      );
    const fromXlsx = await readImportFile(await save(workbook), 'a.xlsx');
    expect(fromCsv).toEqual(fromXlsx);
    expect(rowsOf(fromCsv).map((r) => r.cells)).toEqual(data);
  });

  it('refuses text that is not UTF-8, and an unclosed quote', async () => {
    const latin1 = new Uint8Array([...encoder.encode('name,kind\r\n'), 0x54, 0xea, 0x6e, 0x0d, 0x0a]); // "Tên" in Windows-1258
    expect(await readImportFile(latin1, 'a.csv')).toEqual({ ok: false, issue: { key: 'import.notUtf8' } });
    const unclosed = `${headers.join(',')}\n${cells().name},"Không đóng\n\n`;
    expect(await readImportFile(encoder.encode(unclosed), 'a.csv')).toEqual({
      ok: false,
      issue: { key: 'import.unclosedQuote', params: { row: 2 } },
    });
  });

  it('matches headers by text or key, ignoring case, diacritics and "*"; ignores unknown columns', async () => {
    const head = IMPORT_COLUMNS.map((c, i) =>
      i % 3 === 0 ? ` ${c.key.toUpperCase()} ` : i % 3 === 1 ? `${normalize(c.header)} *` : c.header,
    );
    const text = csv(['Ghi chú', ...head, 'Dòng gốc', 'Lý do'], [['bỏ qua', ...IMPORT_COLUMNS.map((c) => cells()[c.key]), '7', 'sai']]);
    expect(await readImportFile(encoder.encode(text), 'a.csv')).toEqual({
      ok: true,
      rows: [{ row: 2, cells: cells() }],
      unknownHeaders: ['Ghi chú'],
    });
  });

  it('refuses a missing required column (naming it), a column given twice, an empty file', async () => {
    const without = headers.filter((h) => h !== 'Mục tiêu');
    expect(await readImportFile(encoder.encode(csv(without, [without.map(() => 'x')])), 'a.csv')).toEqual({
      ok: false,
      issue: { key: 'import.missingColumn', params: { column: 'Mục tiêu' } },
    });
    const twice = [...headers, 'name'];
    expect(await readImportFile(encoder.encode(csv(twice, [twice.map(() => 'x')])), 'a.csv')).toEqual({
      ok: false,
      issue: { key: 'import.duplicateColumn', params: { column: 'Tên mô hình, điển hình' } },
    });
    for (const empty of ['', '\uFEFF', '\r\n\r\n', csv(headers, [['', ' ', '']])])
      expect(await readImportFile(encoder.encode(empty), 'a.csv')).toEqual({ ok: false, issue: { key: 'import.empty' } });
  });

  it('refuses more than 10,000 data rows (empty rows do not count)', async () => {
    const line = IMPORT_COLUMNS.map((c) => cells()[c.key]).join(',');
    const file = (n: number) => encoder.encode(`${headers.map((h) => `"${h}"`).join(',')}\n${`${line}\n,,\n`.repeat(n)}`);
    const full = rowsOf(await readImportFile(file(MAX_IMPORT_ROWS), 'a.csv'));
    expect(full).toHaveLength(MAX_IMPORT_ROWS);
    expect(full.at(-1)?.row).toBe(2 * MAX_IMPORT_ROWS);
    expect(await readImportFile(file(MAX_IMPORT_ROWS + 1), 'a.csv')).toEqual({
      ok: false,
      issue: { key: 'import.tooManyRows', params: { max: 10000 } },
    });
  });
});

describe('buildReport', () => {
  const refused = [
    {
      row: 7,
      cells: cells({ name: '=HYPERLINK("http://x","bấm")', content: '- Họp dân\n- Bàn bạc', year: '20x4' }),
      reasons: ['Năm không hợp lệ', 'Tên không hợp lệ'],
    },
    {
      row: 12,
      cells: cells({ unit: '01', objectives: '+84 912 345 678', forces: '@nhóm', decisionDate: '2025-03-15', indicators: 'A (hộ): 1.250' }),
      reasons: ['-'],
    },
  ];
  const summary = { read: 30, imported: 25, alreadyIn: 3, refused: 2 };

  it('re-imports as the rows the office sent, and never holds a formula', async () => {
    const bytes = await buildReport({ refused, summary, lang: 'vi' });
    expect(rowsOf(await readImportFile(bytes, 'bao-cao.xlsx'))).toEqual(refused.map((r, i) => ({ row: i + 2, cells: r.cells })));
    expect(await readImportFile(bytes, 'bao-cao.xlsx')).toMatchObject({ unknownHeaders: [] });

    const sheet = (await load(bytes)).getWorksheet('Mô hình')!;
    const extra = IMPORT_COLUMNS.length;
    expect(sheet.getCell(1, extra + 1).value).toBe('Dòng gốc');
    expect(sheet.getCell(1, extra + 2).value).toBe('Lý do');
    expect(sheet.getCell(2, extra + 1).value).toBe(7);
    expect(sheet.getCell(2, extra + 2).value).toBe('Năm không hợp lệ\nTên không hợp lệ');
    expect(sheet.getCell(2, extra + 2).alignment?.wrapText).toBe(true);
    expect(sheet.getCell(2, extra + 2).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFDE2E2' } });
    expect(sheet.getCell(2, 1).value).toBe(`'=HYPERLINK("http://x","bấm")`);
    expect(sheet.getCell(3, extra + 2).value).toBe(`'-`);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('sums up on "Tổng hợp", with English beside when asked', async () => {
    const vi = (await load(await buildReport({ refused, summary, lang: 'vi' }))).getWorksheet('Tổng hợp')!;
    expect(vi.getRow(1).values).toEqual([, 'Số dòng đã đọc', 30]);
    const en = (await load(await buildReport({ refused: [], summary, lang: 'en' }))).getWorksheet('Tổng hợp')!;
    expect(en.getRow(3).values).toEqual([, 'Đã có từ trước (không nhập lại)', 'Already in (not imported again)', 3]);
  });
});

/** Header text without diacritics, upper case: "TEN MO HINH, DIEN HINH". */
const normalize = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toUpperCase();
