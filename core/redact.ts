import { inspect } from 'node:util';

/** Keys whose values never go to a log: task tokens, passwords and their hashes, cookies, secrets. */
const SECRET_KEY = /token|password|secret|cookie|authorization|session/i;
const REDACTED = '[redacted]';
/**
 * Secrets inside text: task tokens (AWS's are long opaque base64, the local engine's are
 * base64url JSON of 150+ characters), session/CSRF cookies and scrypt hashes. Long runs of
 * base64 characters carry no meaning for a reader, so dropping them loses nothing.
 */
const SECRET_TEXT: [RegExp, string][] = [
  [/\b(dvk_session|dvk_csrf)=[^;\s"']+/g, `$1=${REDACTED}`],
  [/scrypt\$[^\s"',;]+/g, REDACTED],
  [/[A-Za-z0-9+/_=-]{100,}/g, REDACTED],
];

export function redactText(text: string): string {
  return SECRET_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A copy of `value` safe to log: secret keys masked, secret-looking text removed (errors keep name, message, stack, cause). */
export function redacted(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redacted(item, depth + 1));
  const keys = new Set([...(value instanceof Error ? ['name', 'message', 'stack', 'cause'] : []), ...Object.keys(value)]);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = SECRET_KEY.test(key) && item !== null ? REDACTED : redacted(item, depth + 1);
  }
  return out;
}

/** The JSON replacer for the Powertools logger (applied to every key and value it writes). */
export function redactingReplacer(key: string, value: unknown): unknown {
  if (key && SECRET_KEY.test(key) && value !== null && value !== undefined) return REDACTED;
  return typeof value === 'string' ? redactText(value) : value;
}

/** console.error for the local runtime and the web edge, without tokens or passwords. */
export function logError(prefix: string, error: unknown): void {
  console.error(prefix, inspect(redacted(error), { depth: 8, breakLength: 120 }));
}
