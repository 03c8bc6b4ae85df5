import type { DocumentHeading } from '../../../core/documents/document-types.ts';

/** One line of a heading: its text and how it is set. */
export type HeadingLine = { text: string; bold?: boolean; italic?: boolean; underline?: boolean };

/**
 * The date in Vietnam (Asia/Ho_Chi_Minh) as documents write it. Nghị định 30/2020/NĐ-CP
 * (Phụ lục I, the place and date): days below 10 and the months 1 and 2 take a leading zero
 * ("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 12 năm 2026"); Party documents write it the same way.
 */
export function documentDateParts(date: string): { day: string; month: string; year: string } {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : new Date(new Date(date).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const [y = '', m = '', d = ''] = day.split('-');
  return { day: d, month: Number(m) <= 2 ? m : String(Number(m)), year: y };
}

/** "Quảng Ninh, ngày 15 tháng 12 năm 2026". */
export function placeAndDate(heading: Pick<DocumentHeading, 'place' | 'date'>): string {
  const { day, month, year } = documentDateParts(heading.date);
  return `${heading.place ? `${heading.place}, ` : ''}ngày ${day} tháng ${month} năm ${year}`;
}

/** "Số 01-QĐ/BTGDVTU" (Party: no colon) or "Số: 01/QĐ-UBND" (state). */
export const numberLine = (heading: Pick<DocumentHeading, 'format' | 'number'>) =>
  heading.format === 'PARTY' ? `Số ${heading.number}` : `Số: ${heading.number}`;

/**
 * The heading's two columns. PARTY (Hướng dẫn 36-HD/VPTW, 2018): on the left the Party committee
 * above, the issuing body in bold, a "*" and the number; on the right "ĐẢNG CỘNG SẢN VIỆT NAM"
 * bold and underlined, then the place and date in italics. STATE (Nghị định 30/2020/NĐ-CP): on the
 * left the body above and the issuing body in bold, then the number; on the right the national
 * name in bold capitals and the motto bold and underlined, then the place and date in italics.
 */
export function headingColumns(heading: DocumentHeading): { left: HeadingLine[]; right: HeadingLine[] } {
  const upper = (text: string) => text.toLocaleUpperCase('vi');
  const bodies: HeadingLine[] = [
    ...(heading.parentBody ? [{ text: upper(heading.parentBody) }] : []),
    { text: upper(heading.issuingBody), bold: true },
  ];
  const date: HeadingLine = { text: placeAndDate(heading), italic: true };
  if (heading.format === 'PARTY')
    return {
      left: [...bodies, { text: '*' }, { text: numberLine(heading) }],
      right: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, underline: true }, { text: '' }, date],
    };
  return {
    left: [...bodies, { text: numberLine(heading) }],
    right: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
      { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, underline: true },
      date,
    ],
  };
}
