import ExcelJS from 'exceljs';
import { sheetNames, type ExportTable } from './export-table.ts';
import { dateText, neutralizeFormula, type Cell } from './safe-text.ts';

export { XLSX_TYPE } from './xlsx-type.ts';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F4' } };
const TOTALS_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF6F7F9' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF9AA5B1' } };

/**
 * What a cell holds in the sheet: numbers and dates as themselves, everything else as neutralized
 * text. Never an object: exceljs writes `{ formula }`, `{ hyperlink }` and `{ sharedFormula }`
 * values as such, and a plain string is always a string cell (`t="s"`), never a formula.
 */
export function cellValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (cell instanceof Date) return cell;
  return neutralizeFormula(String(cell));
}

/** Shown length of a cell, for the column widths. */
function shownLength(cell: Cell): number {
  if (cell === null || cell === undefined) return 0;
  if (cell instanceof Date) return dateText(cell).length;
  if (typeof cell === 'number') return cell.toLocaleString('vi-VN').length;
  return Math.max(
    ...String(cell)
      .split('\n')
      .map((line) => line.length),
  );
}

function addTable(workbook: ExcelJS.Workbook, name: string, table: ExportTable): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const all: Cell[][] = [table.headers, ...table.rows, ...(table.totals ? [table.totals] : [])];
  for (const row of all) sheet.addRow(row.map(cellValue));

  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = { bottom: THIN };
  });
  if (table.totals) {
    const totals = sheet.getRow(all.length);
    totals.font = { bold: true };
    totals.eachCell((c) => {
      c.fill = TOTALS_FILL;
      c.border = { top: THIN };
    });
  }

  // Widths from the longest shown value; headers wrap beyond 30 characters.
  table.headers.forEach((h, i) => {
    const longest = Math.max(Math.min(h.length, 30), ...all.slice(1).map((row) => shownLength(row[i])));
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(60, Math.max(i === 0 ? 14 : 10, longest + 2));
    const values = all.slice(1).map((row) => row[i]);
    if (table.formats?.[i]) column.numFmt = table.formats[i];
    else if (values.some((v) => v instanceof Date)) column.numFmt = 'dd/mm/yyyy';
    else if (values.some((v) => typeof v === 'number' && !Number.isInteger(v))) column.numFmt = '#,##0.0';
    else if (values.some((v) => typeof v === 'number')) column.numFmt = '#,##0';
  });
  if (table.note) sheet.headerFooter.oddFooter = `&L${table.note.replace(/&/g, '&&')}`;
}

/**
 * An .xlsx with one sheet per table: bold header row, frozen; a bold totals row where there is
 * one; column widths from the content; dates as real dates shown dd/mm/yyyy.
 */
export async function buildWorkbook(tables: ExportTable[], meta: { title: string; created: Date }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Dân vận khéo';
  workbook.title = meta.title;
  workbook.created = meta.created;
  workbook.modified = meta.created;
  const names = sheetNames(tables);
  tables.forEach((table, i) => addTable(workbook, names[i]!, table));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
