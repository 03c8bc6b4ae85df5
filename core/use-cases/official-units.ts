import * as z from 'zod';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { officialProvinces, officialUnits, type OfficialUnit } from '../official-units.ts';
import { getBoard, listBoards, listUnits, putUnits, type Unit } from '../store/org-store.ts';
import { parseOrThrow } from '../validation.ts';
import { assertAdmin } from './organisation.ts';

/** The central board the demo and a fresh install name: provinces attach to it when the central unit has none. */
export const CENTRAL_BOARD_ID = 'ban-dan-van-tw';

export const ImportOfficialSchema = z.strictObject({
  provinceCode: z
    .string()
    .trim()
    .regex(/^\d{2}$/)
    .optional()
    .describe('Only this province (2 digits, e.g. 22 Quảng Ninh) and its communes; absent: all 34 provinces and their communes'),
});
export type ImportOfficialResult = { created: number; updated: number; unchanged: number };

/** The id an imported unit gets (a unit that already has the code keeps its own). */
export const officialUnitId = (code: string) => `dvhc-${code}`;

/** The 34 provinces of the official list, for the import form's choice. */
export const provincesOfOfficialList = (): { code: string; name: string }[] =>
  officialProvinces().map(({ code, name }) => ({ code, name }));

/**
 * Imports the official list (QĐ 19/2025/QĐ-TTg), or one province and its communes, in one step.
 * A unit that has the code already (or the id `dvhc-<code>`) is updated in place: it gets the
 * code, and the official name only if its own is empty; nothing else of it changes. A new
 * province hangs under the central unit, a new commune under its province, each in the board of
 * the unit above (a board set up for that unit first). Idempotent: a second run writes nothing.
 */
export async function importOfficialUnits(deps: Deps, actor: Actor, body: unknown): Promise<ImportOfficialResult> {
  assertAdmin(actor);
  const { provinceCode } = parseOrThrow(ImportOfficialSchema, body ?? {});
  const rows = officialUnits().filter((u) => provinceCode === undefined || u.provinceCode === provinceCode);
  if (provinceCode !== undefined && !rows.some((u) => u.province))
    throw new ValidationError([{ field: 'provinceCode', key: 'reason.noSuchProvinceCode', params: { provinceCode } }]);

  const [units, boards] = await Promise.all([listUnits(deps), listBoards(deps)]);
  const byCode = new Map(units.flatMap((u) => (u.code ? [[u.code, u] as const] : [])));
  const byId = new Map(units.map((u) => [u.id, u]));
  const boardOf = (unit: Unit) => boards.find((b) => b.unitId === unit.id)?.id ?? unit.boardId;
  const centrals = units.filter((u) => u.type === 'CENTRAL' && !u.historical).sort((a, b) => a.id.localeCompare(b.id));
  const central = centrals.find((u) => u.id === 'trung-uong') ?? centrals[0];
  const centralBoard = central ? boardOf(central) : (await getBoard(deps, CENTRAL_BOARD_ID))?.id;

  const writes: Unit[] = [];
  const counts: ImportOfficialResult = { created: 0, updated: 0, unchanged: 0 };
  /** The unit of an official row after the import: the one that has its code, else a new one. */
  const place = (row: OfficialUnit, fresh: () => Omit<Unit, 'id' | 'name' | 'code'>): Unit => {
    const id = officialUnitId(row.code);
    const existing = byCode.get(row.code) ?? byId.get(id);
    if (existing?.code && existing.code !== row.code) throw new ConflictError('error.officialIdTaken', { unitId: id, code: row.code });
    if (existing && existing.code === row.code && existing.name.trim() !== '') {
      counts.unchanged++;
      return existing;
    }
    const unit: Unit = existing
      ? { ...existing, code: row.code, name: existing.name.trim() || row.name }
      : { id, name: row.name, code: row.code, ...fresh() };
    counts[existing ? 'updated' : 'created']++;
    writes.push(unit);
    byCode.set(row.code, unit);
    return unit;
  };

  const provinces = new Map<string, Unit>();
  for (const row of rows.filter((u) => u.province)) {
    provinces.set(
      row.code,
      place(row, () => {
        if (!centralBoard) throw new ConflictError('error.provinceBoardNeeded', { provinceCode: row.code });
        return { type: 'PROVINCE', level: 'PROVINCE', ...(central ? { parentId: central.id } : {}), boardId: centralBoard };
      }),
    );
  }
  for (const row of rows.filter((u) => !u.province)) {
    const province = provinces.get(row.provinceCode)!;
    place(row, () => ({ type: 'COMMUNE', level: 'COMMUNE', parentId: province.id, boardId: boardOf(province) }));
  }
  await putUnits(deps, writes);
  return counts;
}
