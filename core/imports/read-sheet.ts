import ExcelJS from 'exceljs';
import { formatVietnameseNumber } from '../numbers.ts';
import { normalizeSearchText } from '../search-text.ts';
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, type ImportColumn, type SheetRow } from './import-columns.ts';
import { REPORT_EXTRA_HEADERS } from './report-sheet.ts';

/** Why a file cannot be read at all: a message key (import.*) and its placeholders. */
export type ImportIssue = { key: string; params?: Record<string, string | number> };
export type ReadResult = { ok: true; rows: SheetRow[]; unknownHeaders: string[] } | { ok: false; issue: ImportIssue };

/** A row of raw cell text as the file holds it (index 0 = first column), with its row number. */
export type RawRow = { row: number; cells: string[] };

const fail = (key: string, params?: ImportIssue['params']): ReadResult => ({ ok: false, issue: params ? { key, params } : { key } });

/**
 * The rows of an import file: an .xlsx (told by the ZIP signature, not the name: offices rename
 * files) or else CSV text. The first row heads the columns; see the module contract in
 * import-columns.ts for what a cell reads as.
 */
export async function readImportFile(bytes: Uint8Array, _fileName: string): Promise<ReadResult> {
  if (isZip(bytes)) {
    const raw = await readXlsx(bytes);
    return raw ? fromRawRows(raw) : fail('import.unreadable');
  }
  // An old binary .xls (OLE2) is no text: "not UTF-8" would send the office the wrong way.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return fail('import.unreadable');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a BOM
  } catch {
    return fail('import.notUtf8');
  }
  const csv = readCsv(text);
  return csv.ok ? fromRawRows(csv.rows) : fail('import.unclosedQuote', { row: csv.unclosedAt });
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/** The cells of the first worksheet as text; undefined when the file is no workbook. */
async function readXlsx(bytes: Uint8Array): Promise<RawRow[] | undefined> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own Buffer (an ArrayBuffer); JSZip reads a Uint8Array as well.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return undefined;
  }
  const sheet = workbook.worksheets[0]; // in tab order
  if (!sheet) return undefined;
  const rows: RawRow[] = [{ row: 1, cells: [] }]; // row 1 is the header, even when empty
  sheet.eachRow((row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell((cell, col) => {
      // Excel shows the covered cells of a merge empty (and saves them so as CSV); exceljs repeats the value.
      cells[col - 1] = cell.type === ExcelJS.ValueType.Merge ? '' : cellText(cell.value);
    });
    const raw = { row: rowNumber, cells: Array.from(cells, (c) => c ?? '') };
    if (rowNumber === 1) rows[0] = raw;
    else rows.push(raw);
  });
  return rows;
}

/** The text of a cell value: what the office typed or sees, never a formula. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // Integers plainly ("2024", "1250"): a year must not read "2.024"; readVietnameseNumber reads both.
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : formatVietnameseNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDay(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  // A hyperlink's text may itself be rich text, whatever the typings say.
  if ('hyperlink' in value) return cellText(value.text);
  return ''; // an error value (#N/A, #REF!, ...)
}

/** exceljs reads a date cell as UTC midnight of the day shown: the UTC parts are that day. */
function isoDay(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Header text to compare: no case, no diacritics, no trailing "*" (the template marks required columns so). */
const headerKey = (text: string) => normalizeSearchText(text.trim().replace(/\*+$/, ''));

const COLUMN_BY_HEADER = new Map<string, (typeof IMPORT_COLUMNS)[number]>(
  IMPORT_COLUMNS.flatMap((column) => [
    [headerKey(column.header), column],
    [headerKey(column.key), column],
  ]),
);
/** The report's own columns: expected in a report sent back, so not "unknown". */
const REPORT_HEADERS = new Set(REPORT_EXTRA_HEADERS.map(headerKey));

/**
 * The report writes a text starting with = + - @ with a leading apostrophe (so Excel never runs
 * it); reading removes it again, so a report sent back gives the office's own text.
 */
const unguard = (text: string) => text.replace(/^'(?=[=+\-@\t\r])/, '');

/** One cell as the import sees it: newlines as \n (CSV files from Windows carry \r\n), trimmed. */
const clean = (text: string) => unguard(text).replace(/\r\n?/g, '\n').trim();

/** Maps the header row to the columns, then each data row to its known cells. */
export function fromRawRows(raw: RawRow[]): ReadResult {
  const [header, ...data] = raw;
  if (!header || header.cells.every((c) => clean(c) === '')) return fail('import.empty');

  const indexOf = new Map<ImportColumn, number>();
  const unknownHeaders: string[] = [];
  for (const [i, cell] of header.cells.entries()) {
    const text = clean(cell);
    const column = COLUMN_BY_HEADER.get(headerKey(text));
    if (column && indexOf.has(column.key)) return fail('import.duplicateColumn', { column: column.header });
    if (column) indexOf.set(column.key, i);
    else if (text !== '' && !REPORT_HEADERS.has(headerKey(text))) unknownHeaders.push(text);
  }
  const missing = IMPORT_COLUMNS.find((column) => column.required && !indexOf.has(column.key));
  if (missing) return fail('import.missingColumn', { column: missing.header });

  const rows: SheetRow[] = [];
  for (const { row, cells } of data) {
    const known = Object.fromEntries(
      IMPORT_COLUMNS.map(({ key }) => {
        const i = indexOf.get(key);
        return [key, i === undefined ? '' : clean(cells[i] ?? '')];
      }),
    ) as Record<ImportColumn, string>;
    if (Object.values(known).every((text) => text === '')) continue;
    if (rows.length === MAX_IMPORT_ROWS) return fail('import.tooManyRows', { max: MAX_IMPORT_ROWS });
    rows.push({ row, cells: known });
  }
  if (rows.length === 0) return fail('import.empty');
  return { ok: true, rows, unknownHeaders };
}

type CsvResult = { ok: true; rows: RawRow[] } | { ok: false; unclosedAt: number };

/**
 * CSV as Excel writes it (RFC 4180): `,` or `;` (Excel set to Vietnamese uses `;`), whichever the
 * header line holds more of outside quotes, or as an Excel "sep=;" first line says. A quoted
 * field may hold the delimiter, doubled quotes and newlines; a record's row is the line it starts on.
 */
export function readCsv(text: string): CsvResult {
  const sep = /^sep=([,;\t])\r?\n/i.exec(text);
  const body = sep ? text.slice(sep[0].length) : text;
  return parseCsv(body, sep?.[1] ?? detectDelimiter(body), sep ? 2 : 1);
}

function detectDelimiter(text: string): string {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"')
      quoted = !quoted; // a doubled quote toggles twice: no change
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

function parseCsv(text: string, delimiter: string, firstLine: number): CsvResult {
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let line = firstLine;
  let recordLine = line;
  let i = 0;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      // A quoted field runs to the next quote not doubled.
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return { ok: false, unclosedAt: recordLine };
        value += text.slice(from, quote);
        if (text[quote + 1] !== '"') {
          i = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
      line += lineBreaks(value);
    }
    // Unquoted text (or, leniently, what follows a closing quote) runs to a delimiter or line end.
    let end = i;
    while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
    cells.push(value + text.slice(i, end));
    if (text[end] === delimiter) {
      i = end + 1;
      continue;
    }
    rows.push({ row: recordLine, cells });
    if (end >= text.length) return { ok: true, rows };
    i = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
    if (i >= text.length) return { ok: true, rows }; // the last line's break
    cells = [];
    recordLine = ++line;
  }
}
