import * as z from 'zod/mini';
import type { MessageKey } from './messages.ts';

/**
 * Every issue zod raises gets a message key (core/messages.ts), never text; the params (the
 * limit, the allowed values...) are read from the issue itself (core/validation.ts) and the
 * edge renders both in the reader's language. Schemas that set their own key keep it. The
 * configuration is zod's core one: classic schemas (the web's) and mini ones (the stores') share it.
 */
z.config({
  customError: (issue): MessageKey => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? 'reason.required' : 'reason.wrongType';
      case 'too_small':
        return issue.origin === 'string' ? 'reason.tooShort' : 'reason.tooSmall';
      case 'too_big':
        return issue.origin === 'string' ? 'reason.tooLong' : 'reason.tooBig';
      case 'invalid_value':
        return 'reason.notInList';
      case 'unrecognized_keys':
        return 'reason.unknownFields';
      case 'invalid_format':
        return 'reason.wrongFormat';
      case 'invalid_union':
        return 'reason.notAValidChoice';
      default:
        return 'reason.invalid';
    }
  },
});
