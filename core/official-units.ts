import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

/**
 * Vietnam's official administrative units since 1 July 2025 (Quyết định 19/2025/QĐ-TTg): 34
 * provinces (2-digit codes) and 3,321 communes, wards and special zones (5-digit codes), from
 * data/admin-units-2025.csv (its source and licence: data/README.md).
 */
export const OFFICIAL_UNIT_FILE = 'admin-units-2025.csv';
export const OFFICIAL_UNIT_SOURCE = `data/${OFFICIAL_UNIT_FILE}`;

/** The file's types: a province (tỉnh or centrally-run city), or a commune (xã, phường, đặc khu). */
export const OFFICIAL_UNIT_TYPES = ['tinh', 'thanh_pho_truc_thuoc_trung_uong', 'xa', 'phuong', 'dac_khu'] as const;
export const PROVINCE_TYPES: readonly (typeof OFFICIAL_UNIT_TYPES)[number][] = ['tinh', 'thanh_pho_truc_thuoc_trung_uong'];

/** A unit's official code: 2 digits for a province, 5 for a commune. */
export const OFFICIAL_CODE = /^(\d{2}|\d{5})$/;

const Row = z.object({
  code: z.string().regex(OFFICIAL_CODE),
  name: z.string().min(1),
  type: z.enum(OFFICIAL_UNIT_TYPES),
  provinceCode: z.string().regex(/^\d{2}$/),
  provinceName: z.string().min(1),
});
export type OfficialUnit = z.output<typeof Row> & { province: boolean };

/** Parses the file (UTF-8, a header row `code,name,type,province_code,province_name`, no quoted fields). */
export function parseOfficialUnits(csv: string): OfficialUnit[] {
  const [header, ...lines] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (header?.trim() !== 'code,name,type,province_code,province_name')
    throw new Error(`${OFFICIAL_UNIT_FILE}: unexpected header ${header}`);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const [code, name, type, provinceCode, provinceName, ...rest] = line.split(',');
      const row = Row.safeParse({ code, name, type, provinceCode, provinceName });
      if (!row.success || rest.length > 0) throw new Error(`${OFFICIAL_UNIT_FILE} line ${i + 2}: ${line}`);
      return { ...row.data, province: PROVINCE_TYPES.includes(row.data.type) };
    });
}

/** The deployed bundle's copy (next to index.mjs), else the repository's file. */
function officialUnitsPath(): string {
  const bundled = fileURLToPath(new URL(`./${OFFICIAL_UNIT_FILE}`, import.meta.url));
  return existsSync(bundled) ? bundled : fileURLToPath(new URL(`../${OFFICIAL_UNIT_SOURCE}`, import.meta.url));
}

let cached: OfficialUnit[] | undefined;
/** Every official unit, provinces first, read once. */
export function officialUnits(): OfficialUnit[] {
  cached ??= parseOfficialUnits(readFileSync(officialUnitsPath(), 'utf8'));
  return cached;
}

/** The 34 provinces, by code. */
export const officialProvinces = (): OfficialUnit[] => officialUnits().filter((u) => u.province);

/** The code of a unit named exactly so (a commune within the province named), if the list has it. */
export function officialCodeOf(name: string, provinceName?: string): string | undefined {
  return officialUnits().find((u) => u.name === name && (provinceName === undefined || u.provinceName === provinceName))?.code;
}
