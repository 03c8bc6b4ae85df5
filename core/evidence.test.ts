import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES, checkEvidenceFile } from './evidence.ts';
import { ValidationError } from './errors.ts';

const pdf = new TextEncoder().encode('%PDF-1.7 test');
const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    const issue = (error as ValidationError).issues[0]!;
    return { key: issue.key, ...issue.params };
  }
  return undefined;
};

describe('evidence files', () => {
  it('accepts a real PDF and serves it with its own content type', () => {
    expect(checkEvidenceFile('bien-ban.pdf', pdf)).toEqual({ contentType: 'application/pdf', name: 'bien-ban.pdf' });
  });
  it('refuses forbidden types, disguised content, empty and oversized files', () => {
    expect(reasonOf(() => checkEvidenceFile('virus.exe', pdf))).toMatchObject({ key: 'reason.fileTypeNotAllowed' });
    expect(reasonOf(() => checkEvidenceFile('anh.png', pdf))).toEqual({ key: 'reason.contentMismatch', extension: 'png' });
    expect(reasonOf(() => checkEvidenceFile('a.pdf', new Uint8Array()))).toEqual({ key: 'reason.fileEmpty' });
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(pdf);
    expect(reasonOf(() => checkEvidenceFile('a.pdf', big))).toEqual({ key: 'reason.fileTooLarge', megabytes: 10 });
  });
  it('strips path separators from names', () => {
    expect(checkEvidenceFile('../../etc/x.pdf', pdf).name).toBe('.._.._etc_x.pdf');
  });
  it('checks and stores the name without bidi or control characters (what is shown is what is checked)', () => {
    // "hoadon\u202Efdp.exe" is shown as "hoadonexe.pdf": without the override it is an .exe.
    expect(reasonOf(() => checkEvidenceFile('hoadon\u202Efdp.exe', pdf))).toMatchObject({ key: 'reason.fileTypeNotAllowed' });
    expect(checkEvidenceFile('bie\u0302\u0301n ba\u0309n\u2066\u0007\u0085.pdf', pdf).name).toBe('biến bản .pdf');
    expect(checkEvidenceFile('anh\u202Egnp.pdf', pdf).name).toBe('anhgnp.pdf');
  });
});
