import { dateText, neutralizeFormula, type Cell } from './safe-text.ts';

/** UTF-8 byte order mark: without it Excel opens a CSV as ANSI and garbles Vietnamese. */
export const BOM = '\uFEFF';

/** One field, RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = cell instanceof Date ? dateText(cell) : neutralizeFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
