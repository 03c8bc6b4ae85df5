/** zod's `z.fromJSONSchema` (classic/from-json-schema.js, 12 KiB) in the Lambda bundles: unused, as z.compile (./compile.ts). */
export function fromJSONSchema(): never {
  throw new Error('z.fromJSONSchema is not in the Lambda bundles (infra/bundling/zod/from-json-schema.ts)');
}
