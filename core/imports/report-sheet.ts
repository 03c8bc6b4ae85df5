import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportColumn } from './import-columns.ts';
import { addModelsSheet } from './template.ts';

/** The report's columns after IMPORT_COLUMNS; the reader ignores them, so a fixed report re-imports. */
export const REPORT_EXTRA_HEADERS = ['Dòng gốc', 'Lý do'] as const;

export type ReportInput = {
  refused: { row: number; cells: Record<ImportColumn, string>; reasons: string[] }[];
  summary: { read: number; imported: number; alreadyIn: number; refused: number };
  lang: 'vi' | 'en';
};

const REASON_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } };

/**
 * A text cell Excel never runs as a formula, even once the office edits it: a leading apostrophe
 * before = + - @ (and tab / CR), as web/statistics/exports/safe-text.ts does for the exports
 * (core does not import web/). The reader removes it again. Empty text writes no cell.
 */
const safeText = (text: string): string | null => (text === '' ? null : /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const SUMMARY: { key: keyof ReportInput['summary']; vi: string; en: string }[] = [
  { key: 'read', vi: 'Số dòng đã đọc', en: 'Rows read' },
  { key: 'imported', vi: 'Đã nhập', en: 'Imported' },
  { key: 'alreadyIn', vi: 'Đã có từ trước (không nhập lại)', en: 'Already in (not imported again)' },
  { key: 'refused', vi: 'Bị từ chối (trong trang "Mô hình")', en: 'Refused (on the sheet "Mô hình")' },
];
const FIX_NOTE = {
  vi: 'Sửa các dòng trong trang "Mô hình" rồi gửi lại tệp này; cột "Dòng gốc" và "Lý do" được bỏ qua khi nhập.',
  en: 'Fix the rows on the sheet "Mô hình" and send this file again; the columns "Dòng gốc" and "Lý do" are ignored.',
};

/** The import report: the refused rows as the office sent them, with why, and a summary. */
export async function buildReport(input: ReportInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Dân vận khéo';
  const sheet = addModelsSheet(workbook);

  const rowColumn = IMPORT_COLUMNS.length + 1;
  const reasonColumn = rowColumn + 1;
  const header = sheet.getRow(1);
  REPORT_EXTRA_HEADERS.forEach((text, i) => {
    const cell = header.getCell(rowColumn + i);
    cell.value = text;
    cell.font = { bold: true };
  });
  header.getCell(reasonColumn).fill = REASON_FILL;
  sheet.getColumn(rowColumn).width = 10;
  sheet.getColumn(reasonColumn).width = 50;

  for (const refused of input.refused) {
    const row = sheet.addRow([
      ...IMPORT_COLUMNS.map(({ key }) => safeText(refused.cells[key] ?? '')),
      refused.row,
      safeText(refused.reasons.join('\n')),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(reasonColumn).fill = REASON_FILL;
  }

  const en = input.lang === 'en';
  const summary = workbook.addWorksheet('Tổng hợp');
  summary.columns = [{ width: 40 }, ...(en ? [{ width: 40 }] : []), { width: 12 }];
  for (const line of SUMMARY) summary.addRow([line.vi, ...(en ? [line.en] : []), input.summary[line.key]]);
  summary.getColumn(en ? 3 : 2).numFmt = '#,##0';
  summary.addRow([]);
  summary.addRow([FIX_NOTE.vi, ...(en ? [FIX_NOTE.en] : [])]).alignment = { vertical: 'top', wrapText: true };

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
