import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildDecisionDocx } from './decision-docx.ts';
import { documentDateParts, placeAndDate } from './heading-lines.ts';
import { sampleDecision } from './sample-decision.ts';

async function xmlOf(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const document = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  return { document, styles, text: document.replace(/<[^>]+>/g, '') };
}

describe('the decision as a .docx', () => {
  it('is A4 with the margins both rules allow, Times New Roman 14 pt, in Vietnamese', async () => {
    const { document, styles } = await xmlOf(await buildDecisionDocx(sampleDecision('PARTY', 3)));
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = (side: string) => Number(new RegExp(`<w:pgMar [^>]*w:${side}="(\\d+)"`).exec(document)![1]) / 56.7;
    expect([margin('top'), margin('bottom'), margin('left'), margin('right')].map(Math.round)).toEqual([20, 20, 30, 15]);
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    expect(styles).toContain('w:val="vi-VN"');
  });

  it('heads a Party body’s decision by 36-HD/VPTW and a state body’s by ND 30/2020', async () => {
    const party = (await xmlOf(await buildDecisionDocx(sampleDecision('PARTY', 2)))).text;
    expect(party).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(party).toContain('TỈNH ỦY QUẢNG NINH');
    expect(party).toContain('Số 01-QĐ/BTGDVTU');
    expect(party).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(party).toContain('Quảng Ninh, ngày 15 tháng 12 năm 2026');
    const state = (await xmlOf(await buildDecisionDocx(sampleDecision('STATE', 2)))).text;
    expect(state).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(state).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(state).toContain('Số: 01/QĐ-UBND');
    expect(state).toContain('Quảng Trị, ngày 05 tháng 02 năm 2026');
    expect(state).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  });

  it('has the title, grounds, articles, recipients, signer and the attached list with every model', async () => {
    const doc = sampleDecision('PARTY', 40);
    const { document, text } = await xmlOf(await buildDecisionDocx(doc));
    for (const part of [
      'QUYẾT ĐỊNH:',
      doc.subject,
      ...doc.grounds,
      'Điều 1. Công nhận 40 mô hình',
      'Nơi nhận:',
      '- Lưu Văn phòng Ban.',
      'K/T TRƯỞNG BAN',
      'Nguyễn Thị Minh',
    ])
      expect(text).toContain(part);
    for (const header of ['TT', 'Tên mô hình, điển hình', 'Đơn vị', 'Lĩnh vực', 'Loại', 'Cấp công nhận']) expect(text).toContain(header);
    for (const entry of doc.entries) expect(text).toContain(entry.name);
    // The list's header row repeats on every page, and the list starts on a page of its own.
    expect(document).toContain('<w:tblHeader/>');
    expect(document).toContain('w:type="page"');
  });

  it('writes dates as ND 30/2020 does: a leading zero for days below 10 and for January and February', () => {
    expect(documentDateParts('2026-02-05')).toEqual({ day: '05', month: '02', year: '2026' });
    expect(documentDateParts('2026-03-09')).toEqual({ day: '09', month: '3', year: '2026' });
    expect(placeAndDate({ place: 'Quảng Ninh', date: '2026-12-15' })).toBe('Quảng Ninh, ngày 15 tháng 12 năm 2026');
    // A date-time is the day in Vietnam: 20:00 UTC on the 14th is the 15th there.
    expect(documentDateParts('2026-12-14T20:00:00Z').day).toBe('15');
  });
});
