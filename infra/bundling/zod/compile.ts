/**
 * zod's `z.compile` (core/compile.js, 32 KiB) in the Lambda bundles: nothing here compiles a
 * schema, but @hono/zod-openapi keeps zod's whole namespace (see zodTrimmed in ../bundle.ts).
 * Same exports as zod's module (a unit test compares them); each API says it was left out.
 */
const leftOut = (api: string) => (): never => {
  throw new Error(`${api} is not in the Lambda bundles (infra/bundling/zod/compile.ts)`);
};

export const INVALID = Symbol.for('zod.compile.invalid');
export class ZodCompileAsyncError extends Error {}
export class ZodCompileUnsupportedError extends Error {}
export const compile = leftOut('z.compile');
export const withParser = leftOut('z.withParser');
export const compileFn = leftOut('z.compileFn');
