import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../infra/bundling/bundle.ts';
import { repoPath } from '../../infra/paths.ts';

const work = mkdtempSync(join(tmpdir(), 'dvk-zod-locales-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('zod in a Lambda bundle (infra/bundling/bundle.ts)', () => {
  it('keeps English as its only locale', async () => {
    const entry = join(repoPath('node_modules'), `.dvk-zod-locales-${process.pid}.ts`);
    writeFileSync(
      entry,
      [
        "import * as z from 'zod';",
        'export const locales = Object.keys(z.locales);',
        // The locale itself (a parse would use the app's error map where a test set one: zod's config is global).
        "export const message = z.locales.en().localeError?.({ code: 'invalid_type', expected: 'string', input: 1 } as never);",
      ].join('\n'),
    );
    try {
      const size = await bundleFunction(entry, work);
      const bundled = (await import(pathToFileURL(join(work, 'index.mjs')).href)) as { locales: string[]; message: string };
      expect(bundled.locales).toEqual(['en']);
      expect(bundled.message).toContain('expected string, received number');
      // The whole namespace is kept here (Object.keys), as @hono/zod-openapi keeps it in the web
      // function: about 200 KiB, and 460 with the 62 other languages.
      expect(size.initBytes).toBeLessThan(300 * 1024);
    } finally {
      rmSync(entry, { force: true });
    }
  });
});
