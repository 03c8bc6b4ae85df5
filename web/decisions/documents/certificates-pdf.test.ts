import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildCertificatesPdf } from './certificates-pdf.ts';
import { sampleDecision } from './sample-decision.ts';

async function pages(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const out: { width: number; height: number; text: string }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const [, , width, height] = page.view as [number, number, number, number];
    const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    out.push({ width, height, text: text.replace(/\s+/g, ' ') });
  }
  return out;
}

describe('the certificates as one PDF', () => {
  it('has one A4 landscape page per model, its text with the Vietnamese marks, the decision number and date', async () => {
    const doc = sampleDecision('PARTY', 6);
    const bytes = await buildCertificatesPdf(doc);
    // The font travels with the file (a TrueType font file embedded, subset), never a standard one.
    expect(bytes.includes('/FontFile2')).toBe(true);
    expect(bytes.includes('/Helvetica')).toBe(false);
    const read = await pages(bytes);
    expect(read).toHaveLength(6);
    for (const [i, page] of read.entries()) {
      expect(Math.round(page.width)).toBe(842);
      expect(Math.round(page.height)).toBe(595);
      expect(page.text).toContain(doc.entries[i]!.name);
      expect(page.text).toContain('GIẤY CHỨNG NHẬN');
      expect(page.text).toContain('Theo Quyết định số 01-QĐ/BTGDVTU ngày 15/12/2026');
      expect(page.text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(page.text).toContain('Quảng Ninh, ngày 15 tháng 12 năm 2026');
      expect(page.text).toContain('Nguyễn Thị Minh');
    }
    expect((await pages(await buildCertificatesPdf(sampleDecision('STATE', 1))))[0]!.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('prints only the values at the board’s positions onto pre-printed blanks', async () => {
    const doc = sampleDecision('PARTY', 2);
    const bytes = await buildCertificatesPdf(doc, { layout: { name: { x: 40, y: 90, size: 22 }, decision: { x: 60, y: 150, size: 12 } } });
    const read = await pages(bytes);
    expect(read).toHaveLength(2);
    expect(read[1]!.text).toContain(doc.entries[1]!.name);
    expect(read[1]!.text).toContain('Quyết định số 01-QĐ/BTGDVTU ngày 15/12/2026');
    expect(read[1]!.text).not.toContain('GIẤY CHỨNG NHẬN');
    expect(read[1]!.text).not.toContain('Phường Hạ Long');
  });
});
