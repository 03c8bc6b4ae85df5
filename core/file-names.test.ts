import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_CHARS, cleanFileName } from './file-names.ts';

const UNSAFE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u001F\u007F-\u009F\u2028\u2029\\/]/;
const VIETNAMESE = 'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯÀÁẢÃẠỆỸ';
const name = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...Array.from(VIETNAMESE), ' ', '.', '-', '_', '(', ')', '1'),
    fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'),
    fc.constantFrom('\u0000', '\u0007', '\t', '\n', '\r', '\u001B', '\u007F', '\u0080', '\u0085', '\u009B', '\u009F', '\u2028', '/', '\\'),
  ),
  maxLength: 60,
});

describe('cleanFileName', () => {
  it('strips bidi controls, so the extension checked is the one shown', () => {
    expect(cleanFileName('anh\u202Egnp.pdf')).toBe('anhgnp.pdf'); // was shown as "anhfdp.png"
    expect(cleanFileName('hoadon\u202Efdp.exe')).toBe('hoadonfdp.exe');
    expect(cleanFileName('\u2067báo cáo\u2069\u200F.pdf\u061C')).toBe('báo cáo.pdf');
  });

  it('strips C0, DEL and C1 controls; line breaks and tabs become one space', () => {
    expect(cleanFileName('a\u0000b\u0007c\u001B[31m\u007F\u0080\u009B.pdf')).toBe('abc[31m.pdf');
    expect(cleanFileName('dòng 1\r\ndòng 2\t\u0085\u2028.pdf')).toBe('dòng 1 dòng 2 .pdf');
    expect(cleanFileName('../../etc/x.pdf')).toBe('.._.._etc_x.pdf');
  });

  it('keeps Vietnamese letters, composed (NFC) also when the name arrives decomposed (macOS)', () => {
    expect(cleanFileName('Biên bản họp Đảng ủy.docx')).toBe('Biên bản họp Đảng ủy.docx');
    const decomposed = 'Biên bản họp Đảng ủy.docx'.normalize('NFD');
    expect(decomposed).not.toBe('Biên bản họp Đảng ủy.docx');
    expect(cleanFileName(decomposed)).toBe('Biên bản họp Đảng ủy.docx');
  });

  it('keeps the end of a long name (its extension), never cutting a letter or a surrogate pair', () => {
    const long = `${'Ệ'.normalize('NFD').repeat(150)}😀${'ả'.repeat(100)}.pdf`;
    const clean = cleanFileName(long);
    expect(Array.from(clean)).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(clean.endsWith('.pdf')).toBe(true);
    expect(clean.isWellFormed()).toBe(true);
    expect(cleanFileName('a\uD800b.pdf')).toBe('a\uFFFDb.pdf');
  });

  it('property: nothing unsafe is left, Vietnamese text is untouched, and cleaning twice changes nothing', () => {
    fc.assert(
      fc.property(name, (raw) => {
        const clean = cleanFileName(raw);
        if (UNSAFE.test(clean) || cleanFileName(clean) !== clean) return false;
        // What was already safe stays, letter for letter (spaces collapsed, ends trimmed).
        if (!UNSAFE.test(raw)) return clean === raw.normalize('NFC').replace(/ {2,}/g, ' ').trim();
        // Every letter of the name is still there, in order.
        const letters = (s: string) =>
          Array.from(s.normalize('NFC'))
            .filter((c) => VIETNAMESE.includes(c))
            .join('');
        return letters(clean) === letters(raw);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: any string (unpaired surrogates too) comes out well-formed and free of controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (raw) => {
        const clean = cleanFileName(raw);
        return clean.isWellFormed() && !UNSAFE.test(clean) && Array.from(clean).length <= MAX_FILE_NAME_CHARS;
      }),
      { numRuns: 3000 },
    );
  });
});
