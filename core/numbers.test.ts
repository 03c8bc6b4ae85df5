import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVietnameseNumber, readVietnameseNumber } from './numbers.ts';

const read = (text: string) => readVietnameseNumber(text);

describe('numbers written the Vietnamese way', () => {
  it('read a dot as the thousands separator and a comma as the decimal mark', () => {
    expect(read('1.250')).toEqual({ ok: true, value: 1250 });
    expect(read('1.200.000')).toEqual({ ok: true, value: 1_200_000 });
    expect(read('12,5')).toEqual({ ok: true, value: 12.5 });
    expect(read('1.250,75')).toEqual({ ok: true, value: 1250.75 });
    expect(read('-1.200')).toEqual({ ok: true, value: -1200 });
    expect(read('1250')).toEqual({ ok: true, value: 1250 });
    expect(read(' 12 500 ')).toEqual({ ok: true, value: 12500 });
    expect(read('1\u00a0250')).toEqual({ ok: true, value: 1250 });
    expect(read('12,50')).toEqual({ ok: true, value: 12.5 });
  });

  it('refuse what reads two ways, or is no Vietnamese number, with the reason', () => {
    expect(read('1,250')).toEqual({ ok: false, reason: 'reason.numberAmbiguous' });
    expect(read('-12,500')).toEqual({ ok: false, reason: 'reason.numberAmbiguous' });
    expect(read('1.25')).toEqual({ ok: false, reason: 'reason.numberDecimalComma' });
    expect(read('1250.5')).toEqual({ ok: false, reason: 'reason.numberDecimalComma' });
    for (const bad of ['', 'abc', '1.2.3', '12.50.0', '1,2,3', '1.250.5', '١٢', '1e5', '0x10', '--1']) {
      expect(read(bad), bad).toMatchObject({ ok: false });
    }
  });

  it('are shown in the same form, and what is shown reads back (unless it is a three-decimal number below 1.000)', () => {
    expect(formatVietnameseNumber(1250)).toBe('1.250');
    expect(formatVietnameseNumber(12.5)).toBe('12,5');
    expect(formatVietnameseNumber(1234567.891)).toBe('1.234.567,891');
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 6 }), (whole, decimals) => {
        const value = whole / 10 ** decimals;
        const shown = formatVietnameseNumber(value);
        const back = read(shown);
        if (/^-?\d{1,3},\d{3}$/.test(shown)) expect(back).toEqual({ ok: false, reason: 'reason.numberAmbiguous' });
        else expect(back).toEqual({ ok: true, value: Number(value.toFixed(6)) });
      }),
    );
  });
});
