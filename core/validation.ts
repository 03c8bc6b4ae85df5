import './zod-messages.ts';
import * as z from 'zod/mini';
import { ValidationError, type FieldIssue } from './errors.ts';
import { isMessageKey, type MessageParams } from './messages.ts';

type ZodIssue = z.core.$ZodIssue;

const shown = (value: unknown): string | number => (typeof value === 'number' ? value : String(value));

/** The params a key needs, read from the issue: the limit, the allowed values, the unknown keys, ... */
function paramsOf(issue: ZodIssue): MessageParams | undefined {
  switch (issue.code) {
    case 'too_small':
      return { minimum: shown(issue.minimum) };
    case 'too_big':
      return { maximum: shown(issue.maximum) };
    case 'invalid_type':
      return issue.message === 'reason.required' ? undefined : { expected: issue.expected };
    case 'invalid_value':
      return { values: issue.values.map(String).join(', ') };
    case 'unrecognized_keys':
      return { keys: issue.keys.join(', ') };
    case 'invalid_format':
      return { format: issue.format };
    case 'custom': {
      const params = Object.entries(issue.params ?? {}).filter(
        (entry): entry is [string, string | number] => typeof entry[1] === 'string' || typeof entry[1] === 'number',
      );
      return params.length ? Object.fromEntries(params) : undefined;
    }
    default:
      return undefined;
  }
}

/** An unknown field is named as the field, one issue per key, so a form can mark it. */
function eachField(issue: ZodIssue): ZodIssue[] {
  if (issue.code !== 'unrecognized_keys') return [issue];
  return issue.keys.map((key) => ({ ...issue, keys: [key], path: [...issue.path, key] }));
}

/**
 * Zod issues as field issues: the key the error map (core/zod-messages.ts) or the schema set,
 * and the params read from the issue. A message that is not a key (a library's own) becomes
 * `reason.invalid`.
 */
export function fieldIssues(issues: readonly ZodIssue[]): FieldIssue[] {
  return issues.flatMap(eachField).map((issue) => {
    const field = issue.path.map(String).join('.') || '(body)';
    if (!isMessageKey(issue.message)) return { field, key: 'reason.invalid' };
    const params = paramsOf(issue);
    return params ? { field, key: issue.message, params } : { field, key: issue.message };
  });
}

/** Parses with a zod schema (classic or mini); failures become a ValidationError listing each field and reason. */
export function parseOrThrow<S extends z.core.$ZodType>(schema: S, data: unknown): z.output<S> {
  const parsed = z.safeParse(schema, data);
  if (parsed.success) return parsed.data;
  throw new ValidationError(fieldIssues(parsed.error.issues));
}
