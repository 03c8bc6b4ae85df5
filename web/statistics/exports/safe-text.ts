/**
 * Spreadsheet formula injection: a text cell starting with =, +, -, @ (or a tab / carriage
 * return, which some spreadsheets strip before parsing) gets a leading apostrophe, so Excel
 * and LibreOffice show it as text instead of running it. Numbers are never touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell of an exported table: text, a number, a date (shown dd/mm/yyyy) or empty. */
export type Cell = string | number | Date | null | undefined;

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/mm/yyyy of a date cell (dates are built as UTC midnight of the Vietnam calendar day). */
export function dateText(date: Date): string {
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

/** The calendar day in Vietnam (UTC+7) of an ISO timestamp, as a UTC-midnight Date; undefined if unparsable. */
export function vietnamDay(iso: string | undefined): Date | undefined {
  const ms = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return undefined;
  const local = new Date(ms + 7 * 3600 * 1000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}
