/** Reminders of overdue steps on the unit's home. */
export const vi = {
  'reminders.title': 'Nhắc việc quá hạn',
  'reminders.due': 'hạn',
  'reminders.sent': 'nhắc ngày',
} as const;

export const en: Record<keyof typeof vi, string> = {
  'reminders.title': 'Overdue reminders',
  'reminders.due': 'due',
  'reminders.sent': 'reminded on',
};
