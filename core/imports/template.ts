import ExcelJS from 'exceljs';
import { CLOSED_VALUES, IMPORT_COLUMNS, MAX_IMPORT_ROWS, type ImportColumn } from './import-columns.ts';

/** The data sheet of the template and of the report: first in the workbook, so the reader finds it. */
export const MODELS_SHEET = 'Mô hình';
const GUIDE_SHEET = 'Hướng dẫn';
/** Where drop-down lists too long (or with a comma) for an inline list live. */
const LISTS_SHEET = 'Danh sách';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F4' } };
/** Required columns: a warmer fill, and " *" after the header (the reader ignores a trailing "*"). */
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

/** The shown header of a column: its `header`, with " *" when the column is required. */
export const headerText = (column: (typeof IMPORT_COLUMNS)[number]): string => (column.required ? `${column.header} *` : column.header);

const WIDTHS: Partial<Record<ImportColumn, number>> = {
  situation: 45,
  objectives: 45,
  content: 45,
  indicators: 45,
  kind: 14,
  area: 26,
  unit: 18,
  year: 12,
  status: 20,
  level: 16,
  statusYear: 16,
  decisionNumber: 18,
  decisionDate: 16,
  stopReason: 20,
};

/**
 * The sheet "Mô hình" with its header row (bold, frozen, required columns marked), widths, formats
 * and drop-down lists on the closed columns for every row a file may hold. The report adds its
 * own columns after IMPORT_COLUMNS, so a fixed report re-imports like the template.
 */
export function addModelsSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(MODELS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.getRow(1);
  header.values = IMPORT_COLUMNS.map(headerText);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 45;
  IMPORT_COLUMNS.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = WIDTHS[column.key] ?? 32;
    header.getCell(i + 1).fill = column.required ? REQUIRED_FILL : HEADER_FILL;
    // Text, so "01" stays a province code and "125/QĐ-UBND" is not read as anything else.
    if (column.key === 'unit' || column.key === 'decisionNumber') sheetColumn.numFmt = '@';
    if (column.key === 'decisionDate') sheetColumn.numFmt = 'dd/mm/yyyy';
    const values = CLOSED_VALUES[column.key];
    if (values) addListValidation(sheet, `${sheetColumn.letter}2:${sheetColumn.letter}${MAX_IMPORT_ROWS + 1}`, values);
  });
  return sheet;
}

/** exceljs keeps range validations in `worksheet.dataValidations`, which its typings leave out. */
type WithValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function addListValidation(sheet: ExcelJS.Worksheet, range: string, values: readonly string[]): void {
  // One range entry, not 10,000 cell entries (which would also create 10,000 empty rows).
  (sheet as unknown as WithValidations).dataValidations.add(range, {
    type: 'list',
    allowBlank: true,
    formulae: [listFormula(sheet.workbook, values)],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Giá trị không có trong danh sách',
    error: `Chọn một trong: ${values.join('; ')}`,
  });
}

/**
 * The list formula of a drop-down: inline ("a,b,c") while Excel allows it (at most 255 characters,
 * no comma or quote in a value), else a range of a hidden sheet holding the values.
 */
export function listFormula(workbook: ExcelJS.Workbook, values: readonly string[]): string {
  const inline = values.join(',');
  if (inline.length <= 255 && !values.some((v) => /[,"]/.test(v))) return `"${inline}"`;
  const lists = workbook.getWorksheet(LISTS_SHEET) ?? workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const column = lists.getColumn(lists.columnCount + 1);
  column.values = [...values]; // a contiguous array fills from row 1
  return `'${LISTS_SHEET}'!$${column.letter}$1:$${column.letter}$${values.length}`;
}

const listed = (key: ImportColumn) => `Một trong: ${CLOSED_VALUES[key]?.join(', ')} (chọn trong danh sách).`;

/** Per column: allowed values or format, and an example. */
const GUIDE: Record<ImportColumn, { format: string; example: string }> = {
  name: { format: 'Văn bản, tối đa 200 ký tự.', example: 'Dân vận khéo trong xây dựng nông thôn mới' },
  situation: { format: 'Văn bản, tối đa 4.000 ký tự.', example: 'Đường nội đồng xuống cấp, người dân đi lại khó khăn.' },
  objectives: { format: 'Văn bản, tối đa 4.000 ký tự.', example: 'Vận động nhân dân hiến đất, góp công làm 5 km đường.' },
  content: { format: 'Văn bản, tối đa 4.000 ký tự.', example: 'Họp dân bàn bạc công khai; cán bộ, đảng viên gương mẫu đi đầu.' },
  targetGroup: { format: 'Văn bản, tối đa 2.000 ký tự.', example: 'Các hộ dân thôn Đông' },
  forces: { format: 'Văn bản, tối đa 2.000 ký tự.', example: 'Chi bộ, Ban công tác Mặt trận thôn, các đoàn thể' },
  resources: { format: 'Văn bản, tối đa 2.000 ký tự.', example: 'Nhân dân góp 2.000 ngày công; xã hỗ trợ xi măng' },
  outputs: { format: 'Văn bản, tối đa 2.000 ký tự.', example: 'Hoàn thành 5 km đường bê tông' },
  sustainability: { format: 'Văn bản, tối đa 2.000 ký tự.', example: 'Nhân rộng ra 3 thôn khác trong xã' },
  kind: { format: listed('kind'), example: 'Mô hình' },
  area: { format: listed('area'), example: 'Kinh tế' },
  unit: {
    format:
      'Mã đơn vị hành chính chính thức theo Quyết định 19/2025/QĐ-TTg (2 chữ số cho tỉnh, thành phố; 5 chữ số cho xã, phường, đặc khu), ' +
      'hoặc mã định danh của đơn vị trong ứng dụng. Nhập dạng văn bản để giữ số 0 ở đầu.',
    example: '00376',
  },
  year: { format: 'Năm đăng ký mô hình, 4 chữ số.', example: '2024' },
  status: {
    format:
      `${listed('status')} Được công nhận cần thêm: Cấp công nhận, Năm công nhận hoặc dừng, Số quyết định, Ngày quyết định. ` +
      'Đã dừng cần thêm: Năm công nhận hoặc dừng, Lý do dừng.',
    example: 'Được công nhận',
  },
  level: { format: `Khi Được công nhận. ${listed('level')} Cấp huyện chỉ cho quyết định trước 01/07/2025.`, example: 'Cấp xã' },
  statusYear: { format: 'Khi Được công nhận hoặc Đã dừng: năm công nhận hoặc năm dừng, 4 chữ số.', example: '2025' },
  decisionNumber: { format: 'Khi Được công nhận: số quyết định công nhận.', example: '125/QĐ-UBND' },
  decisionDate: { format: 'Khi Được công nhận: ô kiểu ngày, hoặc văn bản dd/mm/yyyy.', example: '15/03/2025' },
  stopReason: { format: `Khi Đã dừng. ${listed('stopReason')}`, example: 'Kém hiệu quả' },
  indicators: {
    format:
      'Mỗi chỉ tiêu một dòng trong ô (Alt+Enter) hoặc cách nhau bởi dấu ";", mỗi chỉ tiêu viết "Tên chỉ tiêu (đơn vị): mục tiêu". ' +
      'Số viết kiểu Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân. Có thể bỏ mục tiêu. Tối đa 20 chỉ tiêu.',
    example: 'Số hộ tham gia (hộ): 1.250\nĐường bê tông (km): 5,5\nSố buổi họp dân (buổi)',
  },
};

const NOTES = [
  'Dòng 1 là tiêu đề: giữ nguyên tên cột. Cột có dấu * là bắt buộc.',
  'Mỗi tệp tối đa 10.000 dòng dữ liệu; nhiều hơn thì chia thành nhiều tệp.',
  'Gửi lại cùng một dòng lần nữa không nhập trùng: dòng đã nhập sẽ được bỏ qua.',
  'Có thể lưu tệp dạng CSV (UTF-8), phân cách bằng dấu phẩy hoặc dấu chấm phẩy, với cùng tiêu đề.',
  'Các dòng bị từ chối được trả lại trong tệp báo cáo, kèm cột "Lý do": sửa các dòng đó rồi gửi lại chính tệp báo cáo.',
];

function addGuideSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(GUIDE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Cột', width: 32 },
    { header: 'Tên tiếng Anh (English)', width: 30 },
    { header: 'Bắt buộc', width: 10 },
    { header: 'Giá trị cho phép / định dạng', width: 70 },
    { header: 'Ví dụ', width: 36 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const column of IMPORT_COLUMNS) {
    const { format, example } = GUIDE[column.key];
    sheet.addRow([column.header, column.en, column.required ? 'Có' : 'Không', format, example]);
  }
  sheet.addRow([]);
  sheet.addRow(['Lưu ý']).font = { bold: true };
  for (const note of NOTES) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, 5);
  }
  sheet.eachRow((row) => (row.alignment = { vertical: 'top', wrapText: true }));
}

/** The import template: the empty sheet "Mô hình" and the instructions "Hướng dẫn". */
export async function buildTemplate(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Dân vận khéo';
  addModelsSheet(workbook);
  addGuideSheet(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
