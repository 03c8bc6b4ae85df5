/**
 * The columns of the model import sheet (GET /api/imports/models/template.xlsx), in the
 * template's order: the nine fields of the registration form, then kind, area, unit, year, the
 * status reached and its details, and the indicators. Headers are Vietnamese (the template's
 * first row); a sheet may also head a column with its key (`name`, `kind`, ...), and columns
 * the import does not know (such as the report's reason column) are ignored.
 */
export const IMPORT_COLUMNS = [
  { key: 'name', header: 'Tên mô hình, điển hình', en: 'Name of the model or exemplar', required: true },
  { key: 'situation', header: 'Thực trạng, sự cần thiết', en: 'Situation and why it is needed', required: true },
  { key: 'objectives', header: 'Mục tiêu', en: 'Objectives', required: true },
  { key: 'content', header: 'Nội dung, cách làm', en: 'Content and how it is done', required: true },
  { key: 'targetGroup', header: 'Đối tượng tác động', en: 'Target group', required: true },
  { key: 'forces', header: 'Lực lượng thực hiện', en: 'Implementing forces', required: true },
  { key: 'resources', header: 'Nguồn lực', en: 'Resources', required: true },
  { key: 'outputs', header: 'Sản phẩm, kết quả', en: 'Outputs and results', required: true },
  { key: 'sustainability', header: 'Tính bền vững, khả năng nhân rộng', en: 'Sustainability and replicability', required: true },
  { key: 'kind', header: 'Loại', en: 'Kind', required: true },
  { key: 'area', header: 'Lĩnh vực', en: 'Area', required: true },
  { key: 'unit', header: 'Đơn vị (mã hoặc định danh)', en: 'Unit (official code or id)', required: true },
  { key: 'year', header: 'Năm đăng ký', en: 'Year registered', required: true },
  { key: 'status', header: 'Trạng thái đạt được', en: 'Status reached', required: true },
  { key: 'level', header: 'Cấp công nhận', en: 'Level recognized at', required: false },
  { key: 'statusYear', header: 'Năm công nhận hoặc dừng', en: 'Year recognized or stopped', required: false },
  { key: 'decisionNumber', header: 'Số quyết định', en: 'Decision number', required: false },
  { key: 'decisionDate', header: 'Ngày quyết định', en: 'Decision date', required: false },
  { key: 'stopReason', header: 'Lý do dừng', en: 'Reason stopped', required: false },
  { key: 'indicators', header: 'Chỉ tiêu đo lường', en: 'Indicators', required: false },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['key'];

/** The closed values, as the template's drop-down lists offer them (Vietnamese label -> stored value). */
export const KIND_LABELS = { 'Mô hình': 'MODEL', 'Điển hình': 'EXEMPLAR' } as const;
export const AREA_LABELS = {
  'Kinh tế': 'ECONOMY',
  'Văn hóa - xã hội': 'CULTURE_SOCIETY',
  'Quốc phòng - an ninh': 'DEFENSE_SECURITY',
  'Xây dựng hệ thống chính trị': 'POLITICAL_SYSTEM',
} as const;
export const STATUS_LABELS = {
  'Đã đăng ký': 'REGISTERED',
  'Đang triển khai': 'IMPLEMENTING',
  'Được công nhận': 'RECOGNIZED',
  'Đã dừng': 'STOPPED',
} as const;
export const LEVEL_LABELS = { 'Cấp xã': 'COMMUNE', 'Cấp huyện': 'DISTRICT', 'Cấp tỉnh': 'PROVINCE', 'Trung ương': 'CENTRAL' } as const;
export const STOP_REASON_LABELS = {
  'Hình thức': 'FORMALISTIC',
  'Kém hiệu quả': 'INEFFECTIVE',
  'Không còn phù hợp': 'NOT_SUITABLE',
} as const;

/** The drop-down list of each closed column. */
export const CLOSED_VALUES: Partial<Record<ImportColumn, readonly string[]>> = {
  kind: Object.keys(KIND_LABELS),
  area: Object.keys(AREA_LABELS),
  status: Object.keys(STATUS_LABELS),
  level: Object.keys(LEVEL_LABELS),
  stopReason: Object.keys(STOP_REASON_LABELS),
};

/** Most data rows one file may hold (a province's whole history fits; more: split the file). */
export const MAX_IMPORT_ROWS = 10_000;

/**
 * One data row as read from the sheet: its row number in the sheet (the header is row 1, so the
 * first data row is 2; a CSV's line number likewise) and each known column's text, trimmed
 * ('' when empty). Dates read as yyyy-mm-dd, numbers as the Vietnamese text of the number.
 */
export type SheetRow = { row: number; cells: Record<ImportColumn, string> };
