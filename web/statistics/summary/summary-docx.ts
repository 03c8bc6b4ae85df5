import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { PeriodSummary } from '../../../core/use-cases/period-summary.ts';
import { label } from '../../i18n/dictionary.ts';
import type { ExportTable } from '../exports/export-table.ts';
import type { Cell } from '../exports/safe-text.ts';

const FONT = 'Times New Roman';
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

const p = (text: string, options: { bold?: boolean; italics?: boolean; center?: boolean; size?: number; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { after: 120 },
    ...(options.indent ? { indent: { firstLine: convertMillimetersToTwip(10) } } : {}),
    children: [new TextRun({ text, bold: options.bold, italics: options.italics, size: options.size ?? 28, font: FONT })],
  });

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 24, font: FONT })] })] });

/** An export table as a bordered Word table (numbers as Vietnamese write them: 1.234). */
function wordTable(table: ExportTable): Table {
  const show = (v: Cell) =>
    typeof v === 'number' ? v.toLocaleString('vi-VN') : v instanceof Date ? v.toLocaleDateString('vi-VN') : (v ?? '');
  const rows = [table.headers, ...table.rows, ...(table.totals ? [table.totals] : [])];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row, i) =>
        new TableRow({
          tableHeader: i === 0,
          children: row.map((v) => cell(show(v), i === 0 || (table.totals !== undefined && i === rows.length - 1))),
        }),
    ),
  });
}

/** The heading: the body on the left, the national line on the right (the drafts' place and date left to the office). */
function heading(scopeName: string, today: Date): Table {
  const year = today.getUTCFullYear();
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            borders: noBorders,
            width: { size: 45, type: WidthType.PERCENTAGE },
            children: [
              p(scopeName.toLocaleUpperCase('vi'), { bold: true, center: true, size: 26 }),
              p('Số       -BC/', { center: true, size: 26 }),
            ],
          }),
          new TableCell({
            borders: noBorders,
            width: { size: 55, type: WidthType.PERCENTAGE },
            children: [
              p('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, center: true, size: 30 }),
              p(`…………, ngày …… tháng …… năm ${year}`, { italics: true, center: true }),
            ],
          }),
        ],
      }),
    ],
  });
}

/**
 * A draft of the five-year summary report (báo cáo tổng kết giai đoạn) with its figures written
 * out and its tables; what the office judges (strengths, limits, lessons, the next period) is
 * left as bracketed prompts to finish by hand. A4, Times New Roman 14 pt, margins as for decisions.
 */
export async function buildSummaryDocx(
  summary: PeriodSummary,
  options: { scopeName: string; tables: ExportTable[]; today: Date },
): Promise<Buffer> {
  const { events } = summary.total;
  const n = (value: number) => value.toLocaleString('vi-VN');
  const byKind = (e: keyof typeof events) =>
    `${n(events[e].byKind.MODEL ?? 0)} ${label('vi', 'kind', 'MODEL').toLowerCase()}, ${n(events[e].byKind.EXEMPLAR ?? 0)} ${label('vi', 'kind', 'EXEMPLAR').toLowerCase()}`;
  const [first, last] = summary.period.split('-');
  const next = `${Number(last) + 1}-${Number(last) + 5}`;
  const reasons = Object.entries(summary.total.stopReasons)
    .filter(([, v]) => v > 0)
    .map(([r, v]) => `${r === 'UNRECORDED' ? 'chưa ghi lý do' : label('vi', 'stopReason', r).toLowerCase()}: ${n(v)}`)
    .join('; ');
  const body = [
    heading(options.scopeName, options.today),
    p('DỰ THẢO', { bold: true, center: true }),
    p('BÁO CÁO', { bold: true, center: true, size: 30 }),
    p(`Tổng kết phong trào thi đua “Dân vận khéo” giai đoạn ${first}–${last}`, { bold: true, center: true }),
    p('I. KẾT QUẢ THỰC HIỆN', { bold: true }),
    p(
      `Giai đoạn ${first}–${last}, ${options.scopeName} có ${n(events.REGISTERED.total)} mô hình, điển hình đăng ký (${byKind('REGISTERED')}); ${n(events.RECOGNIZED.total)} được công nhận (${byKind('RECOGNIZED')}); ${n(events.REPLICATED.total)} được đăng ký nhân rộng từ mô hình đã có; ${n(events.STOPPED.total)} dừng${reasons ? ` (${reasons})` : ''}.`,
      { indent: true },
    ),
    ...options.tables.flatMap((table, i) => [
      p(`Bảng ${i + 1}. ${table.sheet}`, { bold: true, size: 26 }),
      wordTable(table),
      ...(table.note ? [p(table.note, { italics: true, size: 24 })] : [p('')]),
    ]),
    p('II. ĐÁNH GIÁ CHUNG', { bold: true }),
    p('1. Ưu điểm: [Văn phòng bổ sung]', { indent: true }),
    p('2. Hạn chế, nguyên nhân: [Văn phòng bổ sung]', { indent: true }),
    p('3. Bài học kinh nghiệm: [Văn phòng bổ sung]', { indent: true }),
    p(`III. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN ${next}`, { bold: true }),
    p('[Văn phòng bổ sung]', { indent: true }),
  ];
  const document = new Document({
    creator: options.scopeName,
    title: `Báo cáo tổng kết giai đoạn ${summary.period}`,
    styles: { default: { document: { run: { font: FONT, size: 28, language: { value: 'vi-VN' } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: convertMillimetersToTwip(20),
              bottom: convertMillimetersToTwip(20),
              left: convertMillimetersToTwip(30),
              right: convertMillimetersToTwip(15),
            },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
