import type { Cell } from './safe-text.ts';

/** One table of an export: a sheet in Excel, a block in CSV, an HTML table on the dashboard. */
export type ExportTable = {
  /** Stable id (for the page's anchors and tests). */
  id: string;
  /** Sheet name (Excel allows 31 characters, none of \ / ? * [ ] :). */
  sheet: string;
  /** What the numbers mean, shown under the table. */
  note?: string;
  headers: string[];
  rows: Cell[][];
  /** The totals row, where adding up means something (not across years of statuses, nor across units). */
  totals?: Cell[];
  /** Excel number formats by column index where the default (#,##0) is wrong, e.g. '0' for years. */
  formats?: Record<number, string>;
};

/** Excel's rules for sheet names: no \ / ? * [ ] :, at most 31 characters, unique in the workbook. */
export function sheetNames(tables: Pick<ExportTable, 'sheet'>[]): string[] {
  const used = new Set<string>();
  return tables.map(({ sheet }) => {
    const base =
      sheet
        .replace(/[\\/?*[\]:]/g, ' ')
        .replace(/^'+|'+$/g, '')
        .trim()
        .slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** All tables as CSV rows: each table under its name, a blank line between tables. */
export function tablesAsRows(tables: ExportTable[]): Cell[][] {
  return tables.flatMap((table, i) => [
    ...(i > 0 ? [[]] : []),
    [table.sheet],
    table.headers,
    ...table.rows,
    ...(table.totals ? [table.totals] : []),
  ]);
}
