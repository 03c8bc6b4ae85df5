import type { FieldIssue } from '../../core/errors.ts';
import type { MessageKey, MessageParams } from '../../core/messages.ts';
import { messagesEn } from './message-strings-en.ts';
import { fillPlaceholders } from './placeholders.ts';

/**
 * A domain error as one line of English, codes kept raw, its field reasons after the message:
 * for logs and execution history. Only the English messages, so the workflow functions that
 * need it do not bundle the whole dictionary of the pages (about 150 KiB).
 */
export function errorInEnglish(error: { key: MessageKey; params?: MessageParams; issues?: readonly FieldIssue[] }): string {
  const fill = (key: MessageKey, params?: MessageParams) => fillPlaceholders(messagesEn[key], params);
  const text = fill(error.key, error.params);
  if (!error.issues?.length) return text;
  return `${text}: ${error.issues.map((i) => `${i.field}: ${fill(i.key, i.params)}`).join('; ')}`;
}
