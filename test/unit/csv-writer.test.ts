import { describe, expect, it } from 'vitest';
import { BOM, csvField, toCsv } from '../../web/statistics/exports/csv.ts';
import { contentDisposition } from '../../web/statistics/exports/download.ts';
import { neutralizeFormula, vietnamDay } from '../../web/statistics/exports/safe-text.ts';

describe('the CSV writer', () => {
  it('starts with a BOM and ends every record with CRLF', () => {
    const csv = toCsv([
      ['Năm', 'Số lượng'],
      [2026, 3],
    ]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('Năm,Số lượng\r\n2026,3\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes fields with separators (comma, semicolon, tab), quotes and line breaks, and only those', () => {
    expect(csvField('Văn hóa - xã hội')).toBe('Văn hóa - xã hội');
    expect(csvField('Hà Nội; Quảng Ninh')).toBe('"Hà Nội; Quảng Ninh"');
    expect(csvField('cột 1\tcột 2')).toBe('"cột 1\tcột 2"');
    expect(csvField('Tên mô hình, điển hình')).toBe('"Tên mô hình, điển hình"');
    expect(csvField('Mô hình "Dân vận khéo"')).toBe('"Mô hình ""Dân vận khéo"""');
    expect(csvField('dòng 1\r\ndòng 2')).toBe('"dòng 1\r\ndòng 2"');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('writes numbers as numbers, dates as dd/mm/yyyy, empties as nothing', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(new Date(Date.UTC(2026, 0, 9)))).toBe('09/01/2026');
  });

  it('neutralizes formulas in text: =, +, -, @, tab and CR get an apostrophe', () => {
    for (const text of ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutralizeFormula(text), JSON.stringify(text)).toBe(`'${text}`);
    }
    expect(neutralizeFormula('Dân vận = khéo')).toBe('Dân vận = khéo');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
  });

  it('neutralizes a formula start after a separator inside a field too (a `;` or tab reader splits there)', () => {
    expect(csvField('x;=1+1')).toBe(`"x;'=1+1"`);
    expect(csvField('a,+1')).toBe(`"a,'+1"`);
    expect(csvField('dòng 1\n-2')).toBe(`"dòng 1\n'-2"`);
    expect(csvField('a; -1')).toBe('"a; -1"');
    expect(neutralizeFormula('x;=1+1')).toBe('x;=1+1'); // the xlsx cell is one string: nothing splits it
  });

  it('pads records to the same number of fields', () => {
    expect(toCsv([['a'], ['b', 'c', 'd'], []]).slice(1)).toBe('a,,\r\nb,c,d\r\n,,\r\n');
  });

  it('takes the calendar day in Vietnam (UTC+7)', () => {
    expect(vietnamDay('2026-03-01T18:30:00.000Z')?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(vietnamDay('not a date')).toBeUndefined();
  });
});

describe('the download name', () => {
  it('keeps the Vietnamese name in filename* and an ASCII fallback', () => {
    const header = contentDisposition('Thống kê Dân vận khéo (Quảng Ninh) 2026-2030.xlsx');
    expect(header).toBe(
      'attachment; filename="Thong-ke-Dan-van-kheo-Quang-Ninh-2026-2030.xlsx"; filename*=UTF-8\'\'Th%E1%BB%91ng%20k%C3%AA%20D%C3%A2n%20v%E1%BA%ADn%20kh%C3%A9o%20%28Qu%E1%BA%A3ng%20Ninh%29%202026-2030.xlsx',
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('Thống kê Dân vận khéo (Quảng Ninh) 2026-2030.xlsx');
  });

  it('drops quotes, slashes and control characters', () => {
    expect(contentDisposition('a"/\\\r\nb.csv')).toBe('attachment; filename="a-b.csv"; filename*=UTF-8\'\'a%20b.csv');
  });
});
