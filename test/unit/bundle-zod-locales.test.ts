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

describe("zod's modules the Lambda bundles leave out (infra/bundling/zod/)", () => {
  const zodFile = (path: string) => pathToFileURL(repoPath(`node_modules/zod/v4/${path}`)).href;
  it.each([
    ['core/compile.js', '../../infra/bundling/zod/compile.ts'],
    ['classic/from-json-schema.js', '../../infra/bundling/zod/from-json-schema.ts'],
  ])('%s: the stand-in exports what zod exports, and says it was left out', async (original, standIn) => {
    const zod = (await import(zodFile(original))) as Record<string, unknown>;
    const stub = (await import(standIn)) as Record<string, unknown>;
    expect(Object.keys(stub).sort()).toEqual(Object.keys(zod).sort());
    const api = Object.values(stub).find((value) => typeof value === 'function' && !/^class/.test(String(value))) as () => unknown;
    expect(() => api()).toThrow(/is not in the Lambda bundles/);
  });

  it('a bundle with the whole namespace parses as zod does, without z.compile', async () => {
    const out = join(work, 'namespace');
    const entry = join(repoPath('node_modules'), `.dvk-zod-namespace-${process.pid}.ts`);
    writeFileSync(
      entry,
      [
        "import * as z from 'zod';",
        'export const keys = Object.keys(z);',
        "export const parsed = z.object({ name: z.string().min(2) }).safeParse({ name: 'x' });",
        'export const compile = () => z.compile(z.string());',
      ].join('\n'),
    );
    try {
      await bundleFunction(entry, out);
      const bundled = (await import(pathToFileURL(join(out, 'index.mjs')).href)) as {
        keys: string[];
        parsed: { success: boolean };
        compile: () => unknown;
      };
      expect(bundled.keys).toEqual(expect.arrayContaining(['object', 'compile', 'fromJSONSchema', 'toJSONSchema']));
      expect(bundled.parsed.success).toBe(false);
      expect(() => bundled.compile()).toThrow(/z\.compile is not in the Lambda bundles/);
    } finally {
      rmSync(entry, { force: true });
    }
  });
});
