import PDFDocument from 'pdfkit';
import type { CertificateField, CertificateLayout, DecisionDocument, DecisionListEntry } from '../../../core/documents/document-types.ts';
import { label } from '../../i18n/dictionary.ts';
import { tinosPath, type FontStyle } from './fonts.ts';
import { headingColumns, placeAndDate, shortDate } from './heading-lines.ts';

/** A4 landscape in points (1 mm = 72 / 25.4 pt). */
const WIDTH = 841.89;
const HEIGHT = 595.28;
const MM = 72 / 25.4;
const RED = '#a3161a';
const BLUE = '#0b3d91';

/** What a blank certificate receives at each position. */
function fieldValues(doc: DecisionDocument, e: DecisionListEntry): Record<CertificateField, string> {
  return {
    name: e.name,
    unitName: e.unitName,
    level: label('vi', 'level', e.level),
    area: label('vi', 'area', e.area),
    decision: `Quyết định số ${doc.heading.number} ngày ${shortDate(doc.heading.date)}`,
    placeDate: placeAndDate(doc.heading),
    signerName: doc.signer.name,
  };
}

type Pdf = InstanceType<typeof PDFDocument>;

/** The full certificate: the heading by the board's format, the title, the model, the decision, the signature. */
function fullPage(pdf: Pdf, doc: DecisionDocument, e: DecisionListEntry) {
  const margin = 15 * MM;
  const inner = WIDTH - 2 * margin;
  pdf
    .lineWidth(3)
    .strokeColor(RED)
    .rect(margin - 18, margin - 18, inner + 36, HEIGHT - 2 * margin + 36)
    .stroke();
  pdf
    .lineWidth(0.8)
    .rect(margin - 12, margin - 12, inner + 24, HEIGHT - 2 * margin + 24)
    .stroke();
  const { left, right } = headingColumns(doc.heading);
  const column = (lines: typeof left, x: number, width: number) => {
    let y = margin;
    for (const l of lines) {
      pdf
        .font(l.bold ? 'bold' : l.italic ? 'italic' : 'regular')
        .fontSize(12)
        .fillColor('#111');
      pdf.text(l.text || ' ', x, y, { width, align: 'center', underline: l.underline });
      y = pdf.y + 1;
    }
  };
  column(left, margin, inner * 0.42);
  // The place and date go above the signature on a certificate, not in its heading.
  column(
    right.filter((l) => !l.italic),
    margin + inner * 0.45,
    inner * 0.55,
  );
  let y = 150;
  const center = (text: string, font: FontStyle, size: number, color = '#111', gap = 6) => {
    pdf.font(font).fontSize(size).fillColor(color).text(text, margin, y, { width: inner, align: 'center' });
    y = pdf.y + gap;
  };
  center('GIẤY CHỨNG NHẬN', 'bold', 34, RED, 4);
  center(`Mô hình, điển hình “Dân vận khéo” năm ${doc.year}`, 'italic', 15, '#111', 12);
  center('Công nhận', 'regular', 14, '#111', 4);
  center(e.name, 'bold', 22, BLUE, 10);
  const facts: [string, string][] = [
    ['Loại', e.kind === 'MODEL' ? 'Mô hình (tập thể)' : 'Điển hình (cá nhân)'],
    ['Đơn vị thực hiện', e.unitName],
    ['Lĩnh vực', label('vi', 'area', e.area)],
    ['Cấp công nhận', label('vi', 'level', e.level)],
  ];
  for (const [name, value] of facts) {
    pdf
      .font('bold')
      .fontSize(13)
      .fillColor('#111')
      .text(`${name}: `, margin + inner * 0.25, y, { continued: true });
    pdf.font('regular').text(value, { width: inner * 0.55 });
    y = pdf.y + 2;
  }
  y += 6;
  center(
    `Theo Quyết định số ${doc.heading.number} ngày ${shortDate(doc.heading.date)} của ${doc.heading.issuingBody}`,
    'italic',
    12,
    '#111',
    10,
  );
  const signX = margin + inner * 0.55;
  const signWidth = inner * 0.45;
  const sign = (text: string, font: FontStyle, size: number, gap = 2) => {
    pdf.font(font).fontSize(size).fillColor('#111').text(text, signX, y, { width: signWidth, align: 'center' });
    y = pdf.y + gap;
  };
  sign(placeAndDate(doc.heading), 'italic', 12);
  sign((doc.signer.authority ?? doc.signer.title).toLocaleUpperCase('vi'), 'bold', 12);
  if (doc.signer.authority) sign(doc.signer.title.toLocaleUpperCase('vi'), 'bold', 12);
  y += 40; // room for the signature and the seal
  sign(doc.signer.name, 'bold', 13);
}

/** A blank certificate (phôi): only the values, where the board's layout puts them. */
function blankPage(pdf: Pdf, doc: DecisionDocument, e: DecisionListEntry, layout: CertificateLayout) {
  const values = fieldValues(doc, e);
  for (const [field, at] of Object.entries(layout) as [CertificateField, NonNullable<CertificateLayout[CertificateField]>][]) {
    const font: FontStyle = field === 'name' || field === 'signerName' ? 'bold' : field === 'placeDate' ? 'italic' : 'regular';
    pdf
      .font(font)
      .fontSize(at.size ?? 16)
      .fillColor('#111')
      .text(values[field], at.x * MM, at.y * MM, { width: (at.width ?? 297 - at.x - 10) * MM, lineBreak: true });
  }
}

/**
 * Every certificate of a decision in one PDF: one A4 landscape page per recognized model or
 * exemplar, in Tinos embedded (pdfkit subsets it), with the decision's number and date; with a
 * layout, only the values at its positions, to print onto pre-printed blanks.
 */
export async function buildCertificatesPdf(doc: DecisionDocument, options: { layout?: CertificateLayout } = {}): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: false,
    font: tinosPath('regular'),
    lang: 'vi-VN',
    info: { Title: `Giấy chứng nhận theo Quyết định số ${doc.heading.number}`, Author: doc.heading.issuingBody, Subject: doc.subject },
  });
  pdf.registerFont('regular', tinosPath('regular'));
  pdf.registerFont('bold', tinosPath('bold'));
  pdf.registerFont('italic', tinosPath('italic'));
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  for (const entry of doc.entries) {
    pdf.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    if (options.layout) blankPage(pdf, doc, entry, options.layout);
    else fullPage(pdf, doc, entry);
  }
  pdf.end();
  return done;
}
