import { z } from 'zod';

/**
 * Validation messages in both languages, "vi / en", for every issue zod raises; the web
 * layer shows the half in the user's language. Schemas that set their own message keep it.
 */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? 'bắt buộc / required' : `sai kiểu dữ liệu, cần ${issue.expected} / expected ${issue.expected}`;
      case 'too_small':
        return issue.origin === 'string'
          ? `tối thiểu ${issue.minimum} ký tự / at least ${issue.minimum} characters`
          : `tối thiểu ${issue.minimum} / at least ${issue.minimum}`;
      case 'too_big':
        return issue.origin === 'string'
          ? `tối đa ${issue.maximum} ký tự / at most ${issue.maximum} characters`
          : `tối đa ${issue.maximum} / at most ${issue.maximum}`;
      case 'invalid_value':
        return `giá trị không có trong danh sách (${issue.values.join(', ')}) / not one of ${issue.values.join(', ')}`;
      case 'unrecognized_keys':
        return `trường không được phép: ${issue.keys.join(', ')} / unknown fields: ${issue.keys.join(', ')}`;
      case 'invalid_format':
        return 'sai định dạng / wrong format';
      case 'invalid_union':
        return 'giá trị không hợp lệ / not a valid choice';
      default:
        return 'không hợp lệ / invalid';
    }
  },
});
