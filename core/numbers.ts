/**
 * Numbers as Vietnamese offices write them: a dot groups thousands, a comma marks the decimals
 * ("1.250" is one thousand two hundred and fifty, "12,5" is twelve and a half, "1.250,75" both).
 * What could mean two numbers is refused, never guessed: "1,250" is 1.25 to a Vietnamese reader
 * and 1250 to a spreadsheet set to English, and "1.25" is no Vietnamese number at all.
 */
export type NumberReading =
  { ok: true; value: number } | { ok: false; reason: 'reason.numberAmbiguous' | 'reason.numberDecimalComma' | 'reason.notANumber' };

const GROUPED = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/;
const PLAIN = /^-?\d+(,\d+)?$/;

export function readVietnameseNumber(typed: string): NumberReading {
  const text = typed.replace(/[\s\u00a0\u202f]/g, '');
  if (GROUPED.test(text) || PLAIN.test(text)) {
    // A lone comma before exactly three digits ("1,250", "-12,500") reads both ways.
    if (/^-?\d{1,3},\d{3}$/.test(text)) return { ok: false, reason: 'reason.numberAmbiguous' };
    const value = Number(text.replace(/\./g, '').replace(',', '.'));
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
      ? { ok: true, value }
      : { ok: false, reason: 'reason.notANumber' };
  }
  // A dot that does not group thousands is an English decimal point: ask for the comma.
  if (/^-?\d+\.\d+$/.test(text)) return { ok: false, reason: 'reason.numberDecimalComma' };
  return { ok: false, reason: 'reason.notANumber' };
}

/** The Vietnamese form of a number: "1.250", "12,5" (up to six decimals, no trailing zeros). */
export function formatVietnameseNumber(value: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6, useGrouping: true }).format(value);
}
