import type { DecisionDocument, DecisionListEntry, DocumentFormat, DocumentHeading } from '../../../core/documents/document-types.ts';
import { label } from '../../i18n/dictionary.ts';

/**
 * The layout rules both documents follow, as data: the .docx decision, the certificates PDF and
 * the certificate page read them from here.
 *
 * - PARTY: Hướng dẫn 36-HD/VPTW (03/4/2018) of Văn phòng Trung ương Đảng, "thể thức và kỹ thuật
 *   trình bày văn bản của Đảng", Phụ lục 1 (the positions) and the table of type (sizes below).
 * - STATE: Nghị định 30/2020/NĐ-CP on công tác văn thư, Phụ lục I (thể thức, kỹ thuật trình bày).
 *
 * Both: A4, Times New Roman (TCVN 6909:2001 Unicode), body 13–14 pt (36-HD: 14–15), margins
 * top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
 */

/** One line of a heading: its text, how it is set and its size in points. */
export type HeadingLine = {
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /**
   * A short solid rule centred under this line: ND 30/2020 puts one under the issuing body's
   * name, "độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ" (as `rule` of the line's length).
   */
  rule?: number;
};

/**
 * A heading as two columns and two rows: the bodies beside the national line(s) on top, the
 * number beside the place and date below, so the two share a line as both rules draw them.
 */
export type HeadingBlock = { left: HeadingLine[]; right: HeadingLine[]; number: HeadingLine; date: HeadingLine };

const upper = (text: string) => text.toLocaleUpperCase('vi');

/** Calendar day in Vietnam (Asia/Ho_Chi_Minh) of a date or date-time, as YYYY-MM-DD. */
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
export function vietnamDay(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const at = new Date(date);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a date: ${date}`);
  return VIETNAM_DAY.format(at);
}

/**
 * The date's parts as documents write them. Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.b
 * (địa danh và thời gian ban hành văn bản): "Đối với những số thể hiện ngày nhỏ hơn 10 và tháng
 * 1, 2 phải ghi thêm số 0 phía trước" — so "ngày 05 tháng 02 năm 2026" but "ngày 15 tháng 3 năm
 * 2026". Hướng dẫn 36-HD/VPTW writes the same ("Hạ Long, ngày 20 tháng 02 năm 2018").
 */
export function documentDateParts(date: string): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = vietnamDay(date).split('-');
  const m = Number(month);
  return { day: day.padStart(2, '0'), month: m <= 2 ? String(m).padStart(2, '0') : String(m), year };
}

/** "ngày 15 tháng 12 năm 2026". */
export function longDate(date: string): string {
  const { day, month, year } = documentDateParts(date);
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** "15/12/2026" (the day in Vietnam), as a certificate cites its decision. */
export function shortDate(date: string): string {
  return vietnamDay(date).split('-').reverse().join('/');
}

/** "Quảng Ninh, ngày 15 tháng 12 năm 2026" (without a place: "ngày 15 tháng 12 năm 2026"). */
export function placeAndDate(heading: Pick<DocumentHeading, 'place' | 'date'>): string {
  return `${heading.place ? `${heading.place}, ` : ''}${longDate(heading.date)}`;
}

/** "Số 01-QĐ/BTGDVTU" (36-HD: no colon) or "Số: 01/QĐ-UBND" (ND 30). */
export function formatDocumentNumber(heading: Pick<DocumentHeading, 'format' | 'number'>): string {
  return heading.format === 'PARTY' ? `Số ${heading.number}` : `Số: ${heading.number}`;
}

/** "Quyết định số 01-QĐ/BTGDVTU ngày 15/12/2026", as a certificate cites it. */
export function decisionReference(heading: Pick<DocumentHeading, 'number' | 'date'>): string {
  return `Quyết định số ${heading.number} ngày ${shortDate(heading.date)}`;
}

/** The Party committee a body belongs to, without its place: "TỈNH ỦY QUẢNG NINH" → "TỈNH ỦY". */
const COMMITTEE = /^(TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|QUẬN ỦY|THỊ ỦY|ĐẢNG ỦY|TỈNH UỶ|THÀNH UỶ|HUYỆN UỶ|QUẬN UỶ|THỊ UỶ|ĐẢNG UỶ)\b/u;

/**
 * The issuer as the decision names itself above its grounds: `heading.issuerLine` if set, else
 * for a Party body its name and its committee ("BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY"), for a state
 * body its name with "UBND" spelt out ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH").
 */
export function issuerLine(heading: DocumentHeading): string {
  if (heading.issuerLine) return upper(heading.issuerLine);
  const issuer = upper(heading.issuingBody);
  if (heading.format === 'PARTY') {
    const committee = COMMITTEE.exec(upper(heading.parentBody ?? ''))?.[1];
    return committee && !issuer.includes(committee) ? `${issuer} ${committee}` : issuer;
  }
  return issuer.replace(/^UBND\b/u, 'ỦY BAN NHÂN DÂN');
}

/**
 * The heading. PARTY (36-HD/VPTW): top left the Party committee above (in capitals, 14 pt) and
 * the issuing body (capitals, bold, 14 pt), a "*" below, then "Số 01-QĐ/BTGDVTU" (14 pt); top right
 * "ĐẢNG CỘNG SẢN VIỆT NAM" (capitals, bold, 15 pt, a rule as long as it under it), then the place
 * and date in italics (14 pt). STATE (ND 30/2020): top left the body above (capitals, 12–13 pt) and
 * the issuing body (capitals, bold) with a short rule under it, then "Số: 01/QĐ-UBND" (13 pt); top
 * right the national name (capitals, bold, 12–13 pt) and the motto (bold, 13–14 pt, a rule as long
 * as it under it), then the place and date in italics (13–14 pt). The state heading takes 12 pt
 * for the names, the lower bound, so the national name stays on one line beside a long body name.
 */
export function headingBlock(heading: DocumentHeading): HeadingBlock {
  const date: HeadingLine = { text: placeAndDate(heading), size: 14, italic: true };
  if (heading.format === 'PARTY')
    return {
      left: [
        ...(heading.parentBody ? [{ text: upper(heading.parentBody), size: 14 }] : []),
        { text: upper(heading.issuingBody), size: 14, bold: true },
        { text: '*', size: 14 },
      ],
      right: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', size: 15, bold: true, underline: true }],
      number: { text: formatDocumentNumber(heading), size: 14 },
      date,
    };
  return {
    left: [
      ...(heading.parentBody ? [{ text: upper(heading.parentBody), size: 12 }] : []),
      { text: upper(heading.issuingBody), size: 12, bold: true, rule: 0.4 },
    ],
    right: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 12, bold: true },
      { text: 'Độc lập - Tự do - Hạnh phúc', size: 13, bold: true, underline: true },
    ],
    number: { text: formatDocumentNumber(heading), size: 13 },
    date,
  };
}

/** The heading's lines as two columns (number last on the left, place and date last on the right). */
export function headingColumns(heading: DocumentHeading): { left: HeadingLine[]; right: HeadingLine[] } {
  const block = headingBlock(heading);
  return { left: [...block.left, block.number], right: [...block.right, block.date] };
}

/**
 * What follows a title's subject: 36-HD puts five hyphens under the trích yếu ("-----"), ND 30 a
 * short solid rule (1/3 to 1/2 of the line).
 */
export const subjectRule = (format: DocumentFormat): { hyphens: string } | { rule: number } =>
  format === 'PARTY' ? { hyphens: '-----' } : { rule: 0.3 };

/** The type sizes of the title, the subject and the body (pt): 36-HD 15–16 / 14–15 / 14–15, ND 30 13–14 / 13–14 / 13–14. */
export const TITLE_SIZES: Record<DocumentFormat, { title: number; subject: number; body: number }> = {
  PARTY: { title: 16, subject: 14, body: 14 },
  STATE: { title: 14, subject: 14, body: 14 },
};

/** An entry's labels in Vietnamese (documents are always Vietnamese). */
export function entryLabels(entry: Pick<DecisionListEntry, 'area' | 'kind' | 'level'>) {
  return { area: label('vi', 'area', entry.area), kind: label('vi', 'kind', entry.kind), level: label('vi', 'level', entry.level) };
}

/** "Công nhận 30 mô hình, điển hình “Dân vận khéo” năm 2026 (có danh sách kèm theo)." — Điều 1. */
export const articleOne = (doc: Pick<DecisionDocument, 'entries' | 'year'>) =>
  `Công nhận ${doc.entries.length} mô hình, điển hình “Dân vận khéo” năm ${doc.year} (có danh sách kèm theo).`;
