/** Keeping what was typed: drafts, the error summary, a session that ended while typing, accounts. */
export const vi = {
  'draft.savedNotSubmitted': 'Đã lưu bản nháp, nhưng chưa gửi được: hồ sơ còn thiếu hoặc sai ở các mục dưới đây.',
  'draft.nameNeeded': 'Bản nháp cần ít nhất tên mô hình, điển hình; các mục khác có thể điền sau.',
  'form.summaryTitle': 'Có {count} mục cần sửa',
  'form.keptTyped': 'Nội dung bạn đã nhập vẫn được giữ nguyên bên dưới.',
  'signIn.again': 'Đăng nhập lại',
  'form.restored':
    'Đã khôi phục nội dung bạn nhập trước đó mà chưa gửi được (ví dụ khi phiên đăng nhập kết thúc). Hãy kiểm tra rồi gửi lại.',
  'account.status': 'Trạng thái',
  'account.active': 'Đang hoạt động',
  'account.inactive': 'Ngừng hoạt động từ {date}',
  'account.deactivate': 'Ngừng hoạt động',
  'account.reactivate': 'Kích hoạt lại',
  'account.deactivated': 'Đã ngừng hoạt động tài khoản {username}: tài khoản không đăng nhập được nữa; {count} phiên đã kết thúc.',
  'account.reactivated': 'Đã kích hoạt lại tài khoản {username}: tài khoản đăng nhập được bằng mật khẩu của mình.',
  'account.resetTitle': 'Đặt lại mật khẩu',
  'account.resetHelp':
    'Mật khẩu mới có hiệu lực ngay và mọi phiên đăng nhập của tài khoản kết thúc. Hãy trao mật khẩu mới cho người dùng qua một kênh an toàn.',
  'account.resetAccount': 'Tài khoản',
  'account.resetSubmit': 'Đặt lại mật khẩu',
  'account.passwordReset': 'Đã đặt lại mật khẩu của {username}; {count} phiên đã kết thúc.',
  'account.unitOption': '{name} (mã {code})',
  'field.personGroup': '6. Về cá nhân điển hình',
  'field.personHint':
    'Điển hình là một cá nhân: thay cho lực lượng thực hiện, cho biết chức vụ, vai trò, thành tích và cách người đó vận động nhân dân.',
  'field.position': '6a. Chức vụ, vai trò của cá nhân',
  'field.achievements': '6b. Thành tích nổi bật',
  'field.mobilization': '6c. Cách vận động, thuyết phục nhân dân',
} as const;

export const en: Record<keyof typeof vi, string> = {
  'draft.savedNotSubmitted': 'The draft was saved but not submitted: the fields below are missing or wrong.',
  'draft.nameNeeded': 'A draft needs at least the name; the other fields can be filled in later.',
  'form.summaryTitle': '{count} field(s) need fixing',
  'form.keptTyped': 'What you typed is kept below.',
  'signIn.again': 'Sign in again',
  'form.restored':
    'What you typed earlier and could not send (e.g. when your session ended) has been restored. Check it, then send it again.',
  'account.status': 'Status',
  'account.active': 'Active',
  'account.inactive': 'Deactivated since {date}',
  'account.deactivate': 'Deactivate',
  'account.reactivate': 'Reactivate',
  'account.deactivated': 'Deactivated account {username}: it can no longer sign in; {count} session(s) ended.',
  'account.reactivated': 'Reactivated account {username}: it can sign in with its password.',
  'account.resetTitle': 'Reset a password',
  'account.resetHelp': 'The new password applies at once and every session of the account ends. Hand it to the person over a safe channel.',
  'account.resetAccount': 'Account',
  'account.resetSubmit': 'Reset password',
  'account.passwordReset': 'Reset the password of {username}; {count} session(s) ended.',
  'account.unitOption': '{name} (code {code})',
  'field.personGroup': '6. About the exemplary person',
  'field.personHint':
    'An exemplar is a person: instead of implementing forces, give their position and role, achievements and how they mobilized people.',
  'field.position': '6a. Position and role of the person',
  'field.achievements': '6b. Outstanding achievements',
  'field.mobilization': '6c. How they mobilized and persuaded people',
};
