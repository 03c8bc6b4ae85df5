// Dates are stored as ISO (UTC) and shown in Vietnam time (UTC+7, no daylight saving).
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

function vietnamTime(iso: string): Date | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms + VIETNAM_OFFSET_MS);
}

/** dd/mm/yyyy */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = vietnamTime(iso);
  return d ? `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}` : iso;
}

/** dd/mm/yyyy hh:mm */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = vietnamTime(iso);
  return d ? `${formatDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : iso;
}

/** The current year in Vietnam. */
export function vietnamYear(now: Date): number {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** A count as the reader writes it: "2.500" in Vietnamese, "2,500" in English. */
export function formatCount(lang: 'vi' | 'en', value: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 }).format(value);
}
