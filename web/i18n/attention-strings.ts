import type { OrphanEnding } from '../../core/store/attention-store.ts';

/** Strings of the administrator's list of models needing attention: orphaned models and their recovery. */
export const attentionVi = {
  'attention.orphaned.ABORTED': 'Quy trình bị dừng ngoài ứng dụng',
  'attention.orphaned.SUCCEEDED': 'Quy trình kết thúc ngoài ứng dụng (có kết quả gửi vào từ ngoài ứng dụng) trong khi mô hình vẫn chờ',
  'attention.orphaned.FAILED': 'Quy trình bị lỗi và dừng trong khi mô hình vẫn chờ',
  'attention.orphaned.TIMED_OUT': 'Quy trình hết thời hạn tối đa trong khi mô hình vẫn chờ',
  'attention.orphaned.TOKEN_GONE': 'Quyết định không đến được quy trình: quy trình đã bị dừng ngoài ứng dụng',
  'attention.waitsIn': 'Mô hình đang ở trạng thái: {status}',
  'attention.execution': 'Quy trình: {name}',
  'attention.action': 'Xử lý',
  'attention.recover': 'Khôi phục quy trình',
  'attention.recoverHint': 'Bắt đầu một quy trình mới, tiếp tục đúng bước mô hình đang chờ; dữ liệu và bước đang chờ giữ nguyên.',
  'attention.recovered': 'Đã khôi phục mô hình {id}: quy trình mới {execution} tiếp tục từ bước mô hình đang chờ.',
  'attention.recoveredNextCycle': 'Đã khôi phục mô hình {id}: mô hình đã chuyển sang chu kỳ năm tiếp theo.',
  'attention.notNeeded': 'Mô hình {id} đã có quy trình tiếp tục, không cần khôi phục.',
  'timeline.recovered': 'Quản trị viên khôi phục quy trình',
} as const;

export const attentionEn: Record<keyof typeof attentionVi, string> = {
  'attention.orphaned.ABORTED': 'Execution stopped outside the app',
  'attention.orphaned.SUCCEEDED': 'Execution ended outside the app (a result was sent from outside the app) while the model still waits',
  'attention.orphaned.FAILED': 'Execution failed and ended while the model still waits',
  'attention.orphaned.TIMED_OUT': 'Execution reached its maximum duration while the model still waits',
  'attention.orphaned.TOKEN_GONE': 'A decision could not reach the workflow: its execution was stopped outside the app',
  'attention.waitsIn': 'The model is: {status}',
  'attention.execution': 'Execution: {name}',
  'attention.action': 'Action',
  'attention.recover': 'Recover the workflow',
  'attention.recoverHint': 'Starts a new execution that resumes at the step the model waits in; its data and waiting step are kept.',
  'attention.recovered': 'Model {id} recovered: the new execution {execution} resumes at the step it waits in.',
  'attention.recoveredNextCycle': 'Model {id} recovered: it has moved on to its next cycle year.',
  'attention.notNeeded': 'Model {id} is carried by an execution again: nothing to recover.',
  'timeline.recovered': 'Workflow recovered by an administrator',
};

/** The key of the reason an orphaned model is listed. */
export const orphanReasonKey = (endedAs: OrphanEnding) => `attention.orphaned.${endedAs}` as const;
