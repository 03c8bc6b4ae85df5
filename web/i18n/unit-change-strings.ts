import type { MessageKey } from '../../core/messages.ts';

/** Merged, split and renamed units (core/use-cases/unit-changes.ts): the messages of its errors, merged into message-strings.ts. */
type UnitChangeMessageKey = Extract<
  MessageKey,
  | 'error.unitAlreadyEnded'
  | 'error.unitChangeNotFound'
  | 'reason.unitIntoItself'
  | 'reason.unitTwice'
  | 'reason.successorEnded'
  | 'reason.modelsToNotSuccessor'
  | 'reason.dateFormat'
>;

export const unitChangeMessagesVi: Record<UnitChangeMessageKey, string> = {
  'error.unitAlreadyEnded': 'Đơn vị {unitId} đã được sáp nhập hoặc chia tách vào {successorId} từ ngày {endedAt}',
  'error.unitChangeNotFound': 'Không có thay đổi đơn vị {changeId}',
  'reason.unitIntoItself': 'không thể sáp nhập, chia tách một đơn vị vào chính nó',
  'reason.unitTwice': 'đơn vị {unitId} được chọn hai lần',
  'reason.successorEnded': 'đơn vị {unitId} đã không còn (đã sáp nhập hoặc chia tách)',
  'reason.modelsToNotSuccessor': 'đơn vị nhận mô hình phải là một trong các đơn vị mới',
  'reason.dateFormat': 'ngày theo dạng yyyy-mm-dd',
};

export const unitChangeMessagesEn: Record<UnitChangeMessageKey, string> = {
  'error.unitAlreadyEnded': 'unit {unitId} was already merged or split into {successorId} on {endedAt}',
  'error.unitChangeNotFound': 'no unit change {changeId}',
  'reason.unitIntoItself': 'a unit cannot be merged or split into itself',
  'reason.unitTwice': 'unit {unitId} is chosen twice',
  'reason.successorEnded': 'unit {unitId} no longer exists (it was merged or split)',
  'reason.modelsToNotSuccessor': 'the unit that takes the models must be one of the new units',
  'reason.dateFormat': 'a date as yyyy-mm-dd',
};

/** The unit page (official code, merge history, the form that records a merge), the model page's line and the statistics' structure. */
export const unitChangeVi = {
  'unitChange.pageTitle': 'Đơn vị: {name}',
  'unitChange.details': 'Thông tin đơn vị',
  'unitChange.id': 'Mã đơn vị',
  'unitChange.code': 'Mã đơn vị hành chính',
  'unitChange.parent': 'Đơn vị cấp trên',
  'unitChange.board': 'Ban thẩm định phụ trách',
  'unitChange.historical': 'Không còn',
  'unitChange.successor': 'Nay thuộc',
  'unitChange.endedAt': 'Ngày kết thúc',
  'unitChange.formerNames': 'Tên cũ',
  'unitChange.formerName': '{name} (đến ngày {until})',
  'unitChange.history': 'Lịch sử sáp nhập, chia tách, đổi tên',
  'unitChange.noHistory': 'Chưa có thay đổi nào.',
  'unitChange.date': 'Ngày',
  'unitChange.type': 'Loại',
  'unitChange.from': 'Từ đơn vị',
  'unitChange.to': 'Vào đơn vị',
  'unitChange.note': 'Ghi chú',
  'unitChange.modelsMoved': 'Mô hình chuyển',
  'unitChange.by': 'Người ghi nhận',
  'unitChange.status': 'Trạng thái',
  'unitChange.type.MERGE': 'Sáp nhập',
  'unitChange.type.SPLIT': 'Chia tách',
  'unitChange.type.RENAME': 'Đổi tên',
  'unitChange.status.MOVING': 'Đang chuyển',
  'unitChange.status.DONE': 'Hoàn tất',
  'unitChange.resume': 'Chuyển tiếp phần còn lại',
  'unitChange.renamedTo': 'đổi tên thành {name}',
  'unitChange.mergeForm': 'Ghi nhận sáp nhập vào đơn vị này',
  'unitChange.mergeIntro':
    'Các đơn vị được chọn sáp nhập vào đơn vị này từ ngày đã nhập: mô hình (kể cả quy trình đang chạy, bước đang chờ, mục công khai), tài khoản đơn vị chuyển sang đơn vị này; đơn vị cũ được giữ trong lịch sử. Thống kê các năm trước không đổi.',
  'unitChange.predecessors': 'Đơn vị sáp nhập vào (chọn một hoặc nhiều)',
  'unitChange.submitMerge': 'Ghi nhận sáp nhập',
  'unitChange.confirmMerge':
    'Chuyển toàn bộ mô hình và tài khoản của các đơn vị đã chọn sang đơn vị này? Phiên đăng nhập của các tài khoản đó sẽ kết thúc.',
  'unitChange.recorded': 'Đã ghi nhận: {models} mô hình, {accounts} tài khoản được chuyển.',
  'unitChange.open': 'Xem đơn vị',
  'unitChange.registeredBy': 'Đăng ký bởi {registeredBy}, nay thuộc {unit}',
  'unitChange.moved': 'Chuyển đơn vị',
  'unitChange.movedDetail': '{from} → {to}',
  'stats.structure': 'Cơ cấu đơn vị',
  'stats.structure.recorded': 'Như khi ghi nhận (theo từng năm)',
  'stats.structure.today': 'Theo cơ cấu hiện nay (gộp các ban đã sáp nhập)',
} as const;

export const unitChangeEn: Record<keyof typeof unitChangeVi, string> = {
  'unitChange.pageTitle': 'Unit: {name}',
  'unitChange.details': 'The unit',
  'unitChange.id': 'Id',
  'unitChange.code': 'Administrative code',
  'unitChange.parent': 'Parent unit',
  'unitChange.board': 'Responsible board',
  'unitChange.historical': 'No longer exists',
  'unitChange.successor': 'Now under',
  'unitChange.endedAt': 'Ended on',
  'unitChange.formerNames': 'Former names',
  'unitChange.formerName': '{name} (until {until})',
  'unitChange.history': 'Mergers, splits and renames',
  'unitChange.noHistory': 'No change recorded.',
  'unitChange.date': 'Date',
  'unitChange.type': 'Change',
  'unitChange.from': 'From',
  'unitChange.to': 'Into',
  'unitChange.note': 'Note',
  'unitChange.modelsMoved': 'Models moved',
  'unitChange.by': 'Recorded by',
  'unitChange.status': 'Status',
  'unitChange.type.MERGE': 'Merger',
  'unitChange.type.SPLIT': 'Split',
  'unitChange.type.RENAME': 'Rename',
  'unitChange.status.MOVING': 'Moving',
  'unitChange.status.DONE': 'Done',
  'unitChange.resume': 'Finish moving the rest',
  'unitChange.renamedTo': 'renamed {name}',
  'unitChange.mergeForm': 'Record a merger into this unit',
  'unitChange.mergeIntro':
    'The chosen units are merged into this one from the date given: their models (running cycles, waiting steps and catalogue entries included) and unit accounts move here; the old units stay in the history. Statistics of earlier years do not change.',
  'unitChange.predecessors': 'Units merged into it (one or more)',
  'unitChange.submitMerge': 'Record the merger',
  'unitChange.confirmMerge': 'Move every model and account of the chosen units to this unit? Those accounts’ sessions will end.',
  'unitChange.recorded': 'Recorded: {models} model(s) and {accounts} account(s) moved.',
  'unitChange.open': 'Open the unit',
  'unitChange.registeredBy': 'Registered by {registeredBy}, now under {unit}',
  'unitChange.moved': 'Moved to another unit',
  'unitChange.movedDetail': '{from} → {to}',
  'stats.structure': 'Unit structure',
  'stats.structure.recorded': 'As recorded (each year as it was)',
  'stats.structure.today': 'Today’s structure (merged boards added in)',
};
