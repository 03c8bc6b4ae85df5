import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { API_TYPES_FILE, buildOpenApiDocument, generateApiTypes } from '../support/gen-api-types.ts';

it('the committed API types are the ones the current /openapi.json gives (else: npm run gen:api-types)', async () => {
  const fresh = await generateApiTypes(await buildOpenApiDocument());
  const committed = readFileSync(API_TYPES_FILE, 'utf8');
  // Not toBe on the whole file: a stale file should fail with a short message, not a 3000-line diff.
  if (committed !== fresh) {
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const line = Array.from({ length: Math.max(a.length, b.length) }, (_, i) => i).find((i) => a[i] !== b[i]) ?? 0;
    expect.fail(
      `test/support/openapi-types.ts is stale (first difference at line ${line + 1}: ${JSON.stringify(a[line])} → ${JSON.stringify(b[line])}): run \`npm run gen:api-types\``,
    );
  }
}, 30_000);
