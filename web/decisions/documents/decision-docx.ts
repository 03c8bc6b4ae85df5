import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { DecisionDocument } from '../../../core/documents/document-types.ts';
import { label } from '../../i18n/dictionary.ts';
import { headingColumns, placeAndDate, type HeadingLine } from './heading-lines.ts';

/** Both rules: Times New Roman 13–14 pt (14 here, 28 half-points), A4, margins top/bottom 20–25, left 30–35, right 15–20 mm. */
const FONT = 'Times New Roman';
const BODY = 28;
const MARGINS = { top: 20, bottom: 20, left: 30, right: 15 };
/** The text width: A4's 210 mm less the left and right margins, in twips. */
const TEXT_WIDTH = convertMillimetersToTwip(210 - MARGINS.left - MARGINS.right);

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const LINES = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

type RunStyle = { bold?: boolean; italics?: boolean; underline?: boolean; size?: number };
const run = (text: string, s: RunStyle = {}) =>
  new TextRun({
    text,
    font: FONT,
    bold: s.bold,
    italics: s.italics,
    size: s.size,
    underline: s.underline ? { type: UnderlineType.SINGLE } : undefined,
  });

function para(
  text: string,
  s: RunStyle & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number } = {},
) {
  return new Paragraph({
    alignment: s.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: s.after ?? 120, line: 288 },
    ...(s.indent ? { indent: { firstLine: convertMillimetersToTwip(12.7) } } : {}),
    children: [run(text, s)],
  });
}
const centered = (text: string, s: RunStyle = {}) => para(text, { ...s, align: AlignmentType.CENTER, after: 0 });
const headingLine = (l: HeadingLine, size: number) => centered(l.text, { bold: l.bold, italics: l.italic, underline: l.underline, size });

/** Two borderless columns of given widths (twips), each a list of paragraphs. */
function columns(widths: [number, number], cells: [Paragraph[], Paragraph[]]) {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: cells.map(
          (children, i) => new TableCell({ borders: NO_BORDERS, width: { size: widths[i]!, type: WidthType.DXA }, children }),
        ),
      }),
    ],
  });
}

/** The attached list: no., name, unit, area, kind, level, its header row repeated on every page. */
function listTable(doc: DecisionDocument) {
  const widths = [7, 33, 20, 15, 13, 12].map((p) => Math.round((TEXT_WIDTH * p) / 100));
  const cell = (text: string, i: number, header = false) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          alignment: i === 0 || header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { bold: header, size: 24 })],
        }),
      ],
    });
  const header = ['TT', 'Tên mô hình, điển hình', 'Đơn vị', 'Lĩnh vực', 'Loại', 'Cấp công nhận'];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: LINES,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...doc.entries.map(
        (e) =>
          new TableRow({
            cantSplit: true,
            children: [
              String(e.no),
              e.name,
              e.unitName,
              label('vi', 'area', e.area),
              e.kind === 'MODEL' ? 'Mô hình' : 'Điển hình',
              label('vi', 'level', e.level),
            ].map((text, i) => cell(text, i)),
          }),
      ),
    ],
  });
}

/**
 * A recognition decision as Word opens it (and LibreOffice): the heading by the board's format,
 * the title and subject, the grounds, three articles, recipients and signature, then on a new
 * page the attached list. Built with `docx`'s standard parts only; every run in Times New Roman.
 */
export async function buildDecisionDocx(doc: DecisionDocument): Promise<Buffer> {
  const { left, right } = headingColumns(doc.heading);
  const models = doc.entries.filter((e) => e.kind === 'MODEL').length;
  const exemplars = doc.entries.length - models;
  const authority = doc.signer.authority ?? doc.signer.title;
  const issuer = doc.heading.issuingBody.toLocaleUpperCase('vi');
  const signature = [
    centered(authority.toLocaleUpperCase('vi'), { bold: true }),
    ...(doc.signer.authority ? [centered(doc.signer.title.toLocaleUpperCase('vi'), { bold: true })] : []),
    ...Array.from({ length: 4 }, () => centered('')),
    centered(doc.signer.name, { bold: true }),
  ];
  const recipients = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
    ...doc.recipients.map(
      (r, i) => new Paragraph({ children: [run(`- ${r}${i === doc.recipients.length - 1 ? '.' : ','}`, { size: 22 })] }),
    ),
  ];
  const half = Math.round(TEXT_WIDTH / 2);
  // The national name of a state document needs the wider right column to stay on one line.
  const leftWidth = Math.round(TEXT_WIDTH * (doc.heading.format === 'PARTY' ? 0.46 : 0.38));
  const body = [
    columns(
      [leftWidth, TEXT_WIDTH - leftWidth],
      [left.map((l) => headingLine(l, 26)), right.map((l) => headingLine(l, l.italic ? 28 : 24))],
    ),
    para('', { after: 240 }),
    centered('QUYẾT ĐỊNH', { bold: true }),
    centered(doc.subject, { bold: true }),
    para('-----', { align: AlignmentType.CENTER, after: 240 }),
    centered(issuer, { bold: true }),
    para('', { after: 60 }),
    ...doc.grounds.map((g) => para(g, { italics: true, indent: true })),
    centered('QUYẾT ĐỊNH:', { bold: true }),
    para('', { after: 60 }),
    para(
      `Điều 1. Công nhận ${doc.entries.length} mô hình, điển hình “Dân vận khéo” năm ${doc.year} (${models} mô hình, ${exemplars} điển hình), có danh sách kèm theo.`,
      { indent: true },
    ),
    para(
      'Điều 2. Các tập thể, cá nhân có tên tại Điều 1 được cấp Giấy chứng nhận; tiếp tục duy trì, phát huy hiệu quả và nhân rộng mô hình, điển hình.',
      { indent: true },
    ),
    para(
      'Điều 3. Quyết định có hiệu lực kể từ ngày ký. Các cơ quan, đơn vị và tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
      {
        indent: true,
      },
    ),
    para('', { after: 120 }),
    columns([half, TEXT_WIDTH - half], [recipients, signature]),
    new Paragraph({ children: [new PageBreak()] }),
    centered('DANH SÁCH', { bold: true }),
    centered(`MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM ${doc.year}`, { bold: true }),
    centered(
      `(Kèm theo Quyết định số ${doc.heading.number} ${placeAndDate({ place: '', date: doc.heading.date })} của ${doc.heading.issuingBody})`,
      {
        italics: true,
      },
    ),
    para('', { after: 120 }),
    listTable(doc),
  ];
  const document = new Document({
    creator: doc.heading.issuingBody,
    title: `Quyết định ${doc.heading.number}`,
    description: doc.subject,
    styles: { default: { document: { run: { font: FONT, size: BODY, language: { value: 'vi-VN' } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: convertMillimetersToTwip(MARGINS.top),
              bottom: convertMillimetersToTwip(MARGINS.bottom),
              left: convertMillimetersToTwip(MARGINS.left),
              right: convertMillimetersToTwip(MARGINS.right),
            },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
