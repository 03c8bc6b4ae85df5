import { getImport, checkImport, type ImportDeps } from '../core/use-cases/import-models.ts';
import { importOfficialUnits } from '../core/use-cases/official-units.ts';
import { officialUnits } from '../core/official-units.ts';
import { AREA_NAMES, decisionDate, modelRow, sheetFromTemplate, type SheetCells } from '../test/fixtures/import-sheet.ts';

/** What the import of an office's spreadsheet takes: the check (read, every row checked, kept) and the import itself. */
export type ImportResult = { rows: number; fileBytes: number; checkMs: number; importMs: number; rowsPerSecond: number; imported: number };

const admin = { kind: 'user', username: 'quantri', role: 'admin' } as const;

/** A province's history: a third recognized, the rest implementing, over four years and the four areas. */
function historyRows(rows: number, communes: string[], first = 0): SheetCells[] {
  return Array.from({ length: rows }, (_, n) => {
    const i = first + n;
    const year = 2022 + (i % 4);
    const unit = communes[i % communes.length]!;
    const base = { year, area: AREA_NAMES[i % 4], name: `Mô hình nhập số ${i}` };
    return i % 3 === 0
      ? modelRow(i, unit, {
          ...base,
          status: 'Được công nhận',
          level: 'Cấp xã',
          statusYear: year,
          decisionNumber: `${i}/QĐ`,
          decisionDate: decisionDate(year),
        })
      : modelRow(i, unit, base);
  });
}

/** Imports `rows` models from an xlsx built through the template, as an administrator, and times it. */
export async function measureImport(deps: ImportDeps, rows: number): Promise<ImportResult> {
  await importOfficialUnits(deps, admin, { provinceCode: '22' });
  return importSheet(deps, await sheetFromTemplate(historyRows(rows, ['06913', '06895', '06652', '06658'])), rows);
}

/** The communes and wards of Quảng Ninh (province 22) after the 2025 reorganisation. */
const provinceCommunes = () => officialUnits().flatMap((u) => (u.provinceCode === '22' && !u.province ? [u.code] : []));

/** Spreadsheets hold at most 10,000 rows (the import's limit), so a province comes in several. */
const FILE_ROWS = 10_000;

/**
 * A province's models as its offices bring them: its spreadsheets of implementing and recognized
 * models over every commune, imported one file after another; the times and rows added up.
 */
export async function importProvince(deps: ImportDeps, rows: number): Promise<ImportResult> {
  await importOfficialUnits(deps, admin, { provinceCode: '22' });
  const communes = provinceCommunes();
  const total: ImportResult = { rows, fileBytes: 0, checkMs: 0, importMs: 0, rowsPerSecond: 0, imported: 0 };
  for (let first = 0; first < rows; first += FILE_ROWS) {
    const count = Math.min(FILE_ROWS, rows - first);
    // Rows from a million up, so their names never meet measureImport's.
    const file = await importSheet(deps, await sheetFromTemplate(historyRows(count, communes, 1_000_000 + first)), count);
    total.fileBytes += file.fileBytes;
    total.checkMs += file.checkMs;
    total.importMs += file.importMs;
    total.imported += file.imported;
  }
  total.rowsPerSecond = total.imported / ((total.checkMs + total.importMs) / 1000);
  return total;
}

/** Checks and imports one xlsx as an administrator, and times it. */
async function importSheet(deps: ImportDeps, bytes: Uint8Array, rows: number): Promise<ImportResult> {
  const began = performance.now();
  const { job } = await checkImport(deps, admin, { name: 'bench.xlsx', bytes }, { start: true });
  const checked = performance.now();
  for (;;) {
    const now = await getImport(deps, admin, job.jobId);
    if (now.status === 'COMPLETED' || now.status === 'FAILED') {
      const importMs = performance.now() - checked;
      if (now.status === 'FAILED') throw new Error(`bench: the import failed: ${now.error}`);
      return {
        rows,
        fileBytes: bytes.length,
        checkMs: Math.round(checked - began),
        importMs: Math.round(importMs),
        rowsPerSecond: now.imported / ((performance.now() - began) / 1000),
        imported: now.imported,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
