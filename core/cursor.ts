import { ValidationError } from './errors.ts';

/** A paging cursor is the opaque (base64url) DynamoDB key to resume after. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key inside a cursor, kept only if `accept` recognises it as a key of the list being
 * paged (so a cursor cannot steer a query into another partition); otherwise a 400.
 */
export function decodeCursor(cursor: string, accept: (key: Record<string, unknown>) => boolean): Record<string, string> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (key && typeof key === 'object' && Object.values(key).every((v) => typeof v === 'string') && accept(key))
      return key as Record<string, string>;
  } catch {
    /* reported below */
  }
  throw new ValidationError([{ field: 'cursor', key: 'reason.invalidCursor' }]);
}
