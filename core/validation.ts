import './zod-messages.ts';
import type { z } from 'zod';
import { ValidationError } from './errors.ts';

/** Parses with a zod schema; failures become a ValidationError listing each field and reason. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new ValidationError(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', reason: issue.message })));
}
