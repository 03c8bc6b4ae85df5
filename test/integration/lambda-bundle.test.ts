import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { build } from 'esbuild';
import { bundleFunction, bundleOptions, handlerEntry } from '../../infra/bundling/bundle.ts';
import { WORKFLOW_FUNCTIONS } from '../../bench/bundles.ts';
import { repoPath } from '../../infra/paths.ts';

/**
 * A module bundled as the Lambda functions are (infra/bundling/bundle.ts),
 * run in a bare Node process outside the repository: the aliased built-ins and the
 * environment-only credential provider must carry a real SDK call to DynamoDB Local.
 */
const work = mkdtempSync(join(tmpdir(), 'dvk-lambda-bundle-'));
const bundle = join(work, 'index.mjs');
const ENTRY = `
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { readFileSync } from 'node:fs';
import { env } from 'node:process';
import { format } from 'node:util';
if (env.PROBE_WORKBOOK) {
  const { buildWorkbook } = await import('../web/statistics/exports/workbook.ts');
  const bytes = await buildWorkbook([], { title: 'probe', created: new Date(0) });
  console.log('xlsx', bytes.subarray(0, 2).toString());
  process.exit(0);
}
const client = new DynamoDBClient({ endpoint: env.PROBE_ENDPOINT, maxAttempts: 1 });
try {
  const out = await client.send(new ListTablesCommand({ Limit: 1 }));
  console.log(format('ok %s %s', Array.isArray(out.TableNames), readFileSync(new URL(import.meta.url)).length > 0));
} catch (error) {
  console.log('error', error.name, error.message);
}
`;

beforeAll(async () => {
  const entry = join(repoPath('node_modules'), `.dvk-lambda-bundle-${process.pid}.ts`);
  writeFileSync(entry, ENTRY);
  try {
    await bundleFunction(entry, work);
  } finally {
    rmSync(entry, { force: true });
  }
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the bundle with only these variables (no HOME, no profile files, no metadata service to find). */
function run(env: Record<string, string>): string {
  const probe = spawnSync(process.execPath, [bundle], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', PROBE_ENDPOINT: inject('dynamoEndpoint'), AWS_REGION: 'ap-southeast-1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return `${probe.stdout}${probe.stderr}`.trim();
}

describe('the Lambda bundle options', () => {
  it('bundle no ESM import of a built-in and none of the profile, SSO or metadata credential providers', () => {
    const code = readdirSync(work)
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(work, file), 'utf8'))
      .join('\n');
    expect(code).toContain('getBuiltinModule("node:crypto")');
    expect(code).not.toMatch(
      /(from\s*|import\s*\(\s*)"(node:)?(crypto|https?|fs|os|path|process|stream|util|zlib|module|url|async_hooks)"/,
    );
    expect(code).not.toContain('sso_start_url'); // read by the profile and SSO providers of the full chain
  });

  it('sign a real call with the keys Lambda puts in the environment', () => {
    expect(run({ AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_SESSION_TOKEN: 'token' })).toBe('ok true true');
  });

  it('load what a handler imports on demand from a chunk of its own, on first use', () => {
    // exceljs writes its parts under xl/: not in index.mjs, but in one of the chunks.
    expect(readFileSync(bundle, 'utf8')).not.toContain('xl/workbook.xml');
    const chunks = readdirSync(work).filter((file) => file.endsWith('.mjs') && file !== 'index.mjs');
    expect(chunks.some((file) => readFileSync(join(work, file), 'utf8').includes('xl/workbook.xml'))).toBe(true);
    expect(run({ PROBE_WORKBOOK: '1' })).toBe('xlsx PK');
  });

  it('refuse clearly without those keys, instead of looking elsewhere', () => {
    expect(run({})).toMatch(/^error CredentialsProviderError .*environment variable credentials/);
  });

  it("leave Step Functions' SDK out of a workflow function's cold start, for its first call", async () => {
    const dir = join(work, 'submit-model');
    await bundleFunction(handlerEntry('submit-model'), dir);
    // index.mjs and the chunks it imports statically: what a cold start reads.
    const atInit = new Set<string>();
    const visit = (file: string) => {
      if (atInit.has(file)) return;
      atInit.add(file);
      for (const [, chunk] of readFileSync(join(dir, file), 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.mjs)"/g)) visit(chunk!);
    };
    visit('index.mjs');
    const holdsSfn = (file: string) => readFileSync(join(dir, file), 'utf8').includes('com.amazonaws.sfn');
    expect([...atInit].filter(holdsSfn)).toEqual([]);
    expect(readdirSync(dir).filter((file) => file.endsWith('.mjs') && holdsSfn(file))).toHaveLength(1);
    expect([...atInit].some((file) => readFileSync(join(dir, file), 'utf8').includes('com.amazonaws.dynamodb'))).toBe(true);
  });

  it('keep classic zod out of every workflow function: their schemas are zod/mini, the API’s input schemas only in the web function', async () => {
    /** Our modules that import classic zod, and whether zod/mini is in, in one bundle of these entries (their lazy chunks included). */
    const zodIn = async (entries: string[]) => {
      const contents = entries.map((entry) => `import ${JSON.stringify(entry)};`).join('\n');
      const { metafile } = await build({
        ...bundleOptions('', join(work, 'zod-probe')),
        entryPoints: undefined,
        stdin: { contents, resolveDir: repoPath('.'), loader: 'ts' },
        metafile: true,
        write: false,
      });
      const inputs = Object.entries(metafile.inputs);
      return {
        classicFrom: inputs
          .filter(
            ([file, input]) =>
              !file.includes('node_modules') && input.imports.some((i) => /node_modules\/zod\/(index\.js|v4\/classic\/)/.test(i.path)),
          )
          .map(([file]) => file),
        mini: inputs.some(([file]) => /node_modules\/zod\/v4\/mini\//.test(file)),
      };
    };
    const workflow = [...WORKFLOW_FUNCTIONS].map(handlerEntry);
    expect(workflow.length).toBeGreaterThan(10);
    expect(await zodIn(workflow)).toEqual({ classicFrom: [], mini: true });
    // The probe sees classic zod where it is: the registration form's schemas (the web function's).
    expect((await zodIn([repoPath('core/registration.ts')])).classicFrom).toContain('core/registration.ts');
  });
});
