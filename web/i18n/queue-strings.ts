/** The board queue's batch work and chain roles (merged into vi.ts / en.ts by spreading). */
export const queueVi = {
  'queue.waitsOn': 'Chờ vai trò',
  'queue.anyMember': 'Thành viên ban',
  'queue.forRoles': 'Đang hiện việc chờ vai trò của bạn ({roles}); {hidden} việc khác đang chờ vai trò khác trong quy trình.',
  'queue.select': 'Chọn',
  'queue.selectLabel': 'Chọn đăng ký: {name}',
  'queue.acceptSelected': 'Tiếp nhận các đăng ký đã chọn',
  'queue.acceptHint':
    'Đánh dấu các đăng ký đủ điều kiện ở cột "Chọn" rồi tiếp nhận tất cả một lần. Trả lại hoặc từ chối thì làm từng hồ sơ.',
  'queue.acceptComment': 'Ý kiến chung (không bắt buộc)',
  'queue.accepted': 'Đã tiếp nhận {count} đăng ký.',
  'queue.refused': 'Không tiếp nhận được {count} đăng ký:',
  'queue.noneSelected': 'Chưa chọn đăng ký nào: đánh dấu ở cột "Chọn".',
} as const;

export const queueEn: Record<keyof typeof queueVi, string> = {
  'queue.waitsOn': 'Waits on',
  'queue.anyMember': 'Board member',
  'queue.forRoles': 'Showing what waits on your roles ({roles}); {hidden} more wait on other roles of the chain.',
  'queue.select': 'Select',
  'queue.selectLabel': 'Select registration: {name}',
  'queue.acceptSelected': 'Accept the selected registrations',
  'queue.acceptHint':
    'Tick the registrations that qualify in the "Select" column, then accept them all at once. Returns and rejections are made one by one.',
  'queue.acceptComment': 'One comment for all (optional)',
  'queue.accepted': '{count} registration(s) accepted.',
  'queue.refused': '{count} registration(s) could not be accepted:',
  'queue.noneSelected': 'No registration selected: tick them in the "Select" column.',
} as const;
