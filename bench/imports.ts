import { getImport, checkImport, type ImportDeps } from '../core/use-cases/import-models.ts';
import { importOfficialUnits } from '../core/use-cases/official-units.ts';
import { AREA_NAMES, decisionDate, modelRow, sheetFromTemplate, type SheetCells } from '../test/fixtures/import-sheet.ts';

/** What the import of an office's spreadsheet takes: the check (read, every row checked, kept) and the import itself. */
export type ImportResult = { rows: number; fileBytes: number; checkMs: number; importMs: number; rowsPerSecond: number; imported: number };

const admin = { kind: 'user', username: 'quantri', role: 'admin' } as const;

/** A province's history: a third recognized, the rest implementing, over four years and the four areas. */
function historyRows(rows: number, communes: string[]): SheetCells[] {
  return Array.from({ length: rows }, (_, i) => {
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
  const bytes = await sheetFromTemplate(historyRows(rows, ['06913', '06895', '06652', '06658']));
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
