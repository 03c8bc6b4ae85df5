/** The administrator's list of yearly reviews held (merged into vi.ts / en.ts by spreading). */
export const reviewAdminVi = {
  'admin.reviews.title': 'Các kỳ sơ kết đã mở',
  'admin.reviews.help': 'Mỗi kỳ: thời điểm mở, số mô hình, tiến độ; tiến độ tự cập nhật khi kỳ sơ kết đang chạy.',
  'admin.reviews.none': 'Chưa mở kỳ sơ kết nào.',
  'admin.reviews.year': 'Năm',
  'admin.reviews.scope': 'Phạm vi',
  'admin.reviews.opened': 'Mở lúc',
  'admin.reviews.models': 'Số mô hình',
  'admin.reviews.progress': 'Tiến độ',
  'admin.reviews.state': 'Trạng thái',
  'admin.reviews.progressCell': '{done}/{total} đã chuyển sang báo cáo năm, {failed} lỗi',
  'admin.reviews.running': 'Đang chạy',
  'admin.reviews.completed': 'Đã hoàn tất',
} as const;

export const reviewAdminEn: Record<keyof typeof reviewAdminVi, string> = {
  'admin.reviews.title': 'Reviews held',
  'admin.reviews.help': 'Each review: when it opened, how many models, its progress; the progress updates itself while a review runs.',
  'admin.reviews.none': 'No review opened yet.',
  'admin.reviews.year': 'Year',
  'admin.reviews.scope': 'Scope',
  'admin.reviews.opened': 'Opened',
  'admin.reviews.models': 'Models',
  'admin.reviews.progress': 'Progress',
  'admin.reviews.state': 'State',
  'admin.reviews.progressCell': '{done}/{total} moved to their report, {failed} failed',
  'admin.reviews.running': 'Running',
  'admin.reviews.completed': 'Completed',
};
