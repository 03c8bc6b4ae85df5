import * as z from 'zod/mini';

/**
 * A stored item that does not have the shape its kind of record must have (a field missing or
 * of the wrong type): a fault of the data, not of the request. Names the item's key and each
 * offending field, so the item can be found and repaired; never shown as a page of wrong data.
 */
export class StoredItemInvalidError extends Error {
  override readonly name = 'StoredItemInvalidError';
  readonly key: { pk: string; sk: string };
  readonly issues: { field: string; reason: string }[];
  constructor(key: { pk: string; sk: string }, issues: { field: string; reason: string }[]) {
    super(`stored item ${key.pk} ${key.sk} is invalid: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    this.key = key;
    this.issues = issues;
  }
}

/**
 * Parses one item read from the table with its record schema (core/records.ts): the storage
 * keys and any attribute the record does not know are left out.
 */
export function parseItem<S extends z.core.$ZodType>(schema: S, item: Record<string, unknown>): z.output<S> {
  const parsed = z.safeParse(schema, item);
  if (parsed.success) return parsed.data;
  throw new StoredItemInvalidError(
    { pk: typeof item.pk === 'string' ? item.pk : '?', sk: typeof item.sk === 'string' ? item.sk : '?' },
    parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(item)', reason: issue.message })),
  );
}

/** A parser for one kind of record, for `.map` over a page of items. */
export const itemParser =
  <S extends z.core.$ZodType>(schema: S) =>
  (item: Record<string, unknown>): z.output<S> =>
    parseItem(schema, item);
