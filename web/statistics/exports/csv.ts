import { dateText, neutralizeFormula, type Cell } from './safe-text.ts';

/** UTF-8 byte order mark: without it Excel opens a CSV as ANSI and garbles Vietnamese. */
export const BOM = '\uFEFF';

/**
 * Quoted: a quote, and whatever may split a field when a reader does not use our comma: Excel
 * takes the list separator of the machine (`;` in Vietnamese Windows), other tools tabs, and
 * line breaks end a record.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;
/** A separator right before a formula start (lookahead: runs like `;;=` or `\t\t=` are all caught). */
const FORMULA_AFTER_SEPARATOR = /([,;\t\r\n])(?=[=+\-@\t\r])/g;

/**
 * The text of a CSV field: a formula start (`=`, `+`, `-`, `@`, tab, CR) gets an apostrophe at the
 * start of the text and after every separator inside it, so that even a reader that splits the
 * field there (a `;` list separator, a naive split on tabs or lines) finds no formula.
 */
export function csvText(text: string): string {
  return neutralizeFormula(text).replace(FORMULA_AFTER_SEPARATOR, "$1'");
}

/** One field, RFC 4180: quoted when it holds a separator (`,` `;` tab), a quote, CR or LF; quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = cell instanceof Date ? dateText(cell) : csvText(String(cell));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document: BOM, CRLF line ends (also after the last record), every record padded to
 * the widest so all lines have the same number of fields.
 */
export function toCsv(rows: Cell[][]): string {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const lines = rows.map((row) => Array.from({ length: width }, (_, i) => csvField(row[i])).join(','));
  return BOM + lines.map((line) => `${line}\r\n`).join('');
}
