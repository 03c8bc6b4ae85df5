import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES, checkEvidenceFile } from './evidence.ts';
import { ValidationError } from './errors.ts';

const pdf = new TextEncoder().encode('%PDF-1.7 test');
const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as ValidationError).issues[0]!.reason;
  }
  return undefined;
};

describe('evidence files', () => {
  it('accepts a real PDF and serves it with its own content type', () => {
    expect(checkEvidenceFile('bien-ban.pdf', pdf)).toEqual({ contentType: 'application/pdf', name: 'bien-ban.pdf' });
  });
  it('refuses forbidden types, disguised content, empty and oversized files', () => {
    expect(reasonOf(() => checkEvidenceFile('virus.exe', pdf))).toMatch(/không được phép/);
    expect(reasonOf(() => checkEvidenceFile('anh.png', pdf))).toMatch(/không phải .png/);
    expect(reasonOf(() => checkEvidenceFile('a.pdf', new Uint8Array()))).toMatch(/rỗng/);
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(pdf);
    expect(reasonOf(() => checkEvidenceFile('a.pdf', big))).toMatch(/10 MB/);
  });
  it('strips path separators from names', () => {
    expect(checkEvidenceFile('../../etc/x.pdf', pdf).name).toBe('.._.._etc_x.pdf');
  });
  it('checks and stores the name without bidi or control characters (what is shown is what is checked)', () => {
    // "hoadon\u202Efdp.exe" is shown as "hoadonexe.pdf": without the override it is an .exe.
    expect(reasonOf(() => checkEvidenceFile('hoadon\u202Efdp.exe', pdf))).toMatch(/không được phép/);
    expect(checkEvidenceFile('bie\u0302\u0301n ba\u0309n\u2066\u0007\u0085.pdf', pdf).name).toBe('biến bản .pdf');
    expect(checkEvidenceFile('anh\u202Egnp.pdf', pdf).name).toBe('anhgnp.pdf');
  });
});
