/** Strings of the formalism signals (web/models/signals-section.tsx), merged into vi.ts and en.ts. */
export const vi = {
  'signals.title': 'Dấu hiệu hình thức',
  'signals.intro': 'Các dấu hiệu dưới đây chỉ giúp ban thẩm định xem xét; chúng không tự quyết định kết quả.',
  'signals.none': 'Không phát hiện dấu hiệu hình thức nào.',
  'signals.similarityRule':
    'Hai báo cáo được coi là gần giống khi trùng từ {threshold}% các cụm 3 từ liên tiếp trở lên (không phân biệt hoa thường, dấu).',
  'signals.truncated': 'Chỉ so sánh với {compared} báo cáo khác của ban trong năm (giới hạn {limit} báo cáo).',
  'signal.REPORT_OVERDUE': 'Báo cáo năm nộp muộn {days} ngày (hạn {dueAt}, nộp ngày {submittedAt})',
  'signal.REPORT_OVERDUE.missing': 'Báo cáo năm đã quá hạn {days} ngày mà chưa nộp (hạn {dueAt})',
  'signal.INDICATOR_WITHOUT_TARGET': '{count}/{registered} chỉ tiêu không có mục tiêu đo được: {indicators}',
  'signal.INDICATOR_WITHOUT_TARGET.none': 'Không đăng ký chỉ tiêu đo lường nào',
  'signal.OUTCOMES_UNCHANGED': 'Kết quả không thay đổi so với năm {previousYear}: {indicators}',
  'signal.REPORT_SIMILAR_TO_LAST_YEAR': 'Báo cáo gần giống báo cáo năm trước ({similarity}%, năm {previousYear})',
  'signal.REPORT_SIMILAR_TO_PEER': 'Báo cáo gần giống báo cáo của mô hình khác ({similarity}%):',
  'signal.NO_EVIDENCE': 'Chưa đính kèm minh chứng nào',
};

export const en: Record<keyof typeof vi, string> = {
  'signals.title': 'Formalism signals',
  'signals.intro': 'These signals only help the board appraise; they decide nothing on their own.',
  'signals.none': 'No formalism signal found.',
  'signals.similarityRule':
    'Two reports count as nearly identical when at least {threshold}% of their 3-word phrases are shared (ignoring case and diacritics).',
  'signals.truncated': 'Compared with {compared} other reports of the board this year only (limit {limit} reports).',
  'signal.REPORT_OVERDUE': 'Yearly report submitted {days} day(s) late (due {dueAt}, submitted {submittedAt})',
  'signal.REPORT_OVERDUE.missing': 'Yearly report {days} day(s) overdue and not submitted (due {dueAt})',
  'signal.INDICATOR_WITHOUT_TARGET': '{count}/{registered} indicators have no measurable target: {indicators}',
  'signal.INDICATOR_WITHOUT_TARGET.none': 'No measurable indicator was registered',
  'signal.OUTCOMES_UNCHANGED': 'Outcomes unchanged from {previousYear}: {indicators}',
  'signal.REPORT_SIMILAR_TO_LAST_YEAR': 'Report nearly identical to last year’s ({similarity}%, {previousYear})',
  'signal.REPORT_SIMILAR_TO_PEER': 'Report nearly identical to another model’s ({similarity}%):',
  'signal.NO_EVIDENCE': 'No evidence attached',
};
