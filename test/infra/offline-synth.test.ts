import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';
import { repoPath } from '../../infra/paths.ts';
import { CHART_JS_FILE, CHART_JS_SOURCE } from '../../web/statistics/chart-file.ts';
import { OFFICIAL_UNIT_FILE, OFFICIAL_UNIT_SOURCE } from '../../core/official-units.ts';
import { CERTIFICATE_FONTS, TINOS_FILES, tinosSource } from '../../web/decisions/documents/fonts.ts';
import { CDK_JSON_CONTEXT } from './synth-app.ts';

/**
 * The app stack synthesized with real bundling (esbuild, as `npm run synth` does) and no
 * way to install a package: npm offline with an empty cache, and `npm` on PATH a stub that
 * records its call and fails. (`npx --no-install esbuild` does not go through it.)
 */
const work = mkdtempSync(join(tmpdir(), 'dvk-offline-synth-'));
const npmCalls = join(work, 'npm-calls.log');
const saved = {
  PATH: process.env.PATH,
  npm_config_offline: process.env.npm_config_offline,
  npm_config_cache: process.env.npm_config_cache,
};
const outdir = join(work, 'cdk.out');
let template: Template;

beforeAll(() => {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "npm $*" >> '${npmCalls}'\nexit 1\n`);
  chmodSync(join(bin, 'npm'), 0o755);
  process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
  process.env.npm_config_offline = 'true';
  process.env.npm_config_cache = mkdtempSync(join(work, 'npm-cache-'));

  const { main } = buildApp({
    outdir,
    context: { ...CDK_JSON_CONTEXT, stage: 'test', 'aws:cdk:bundling-stacks': ['DanVanKheo-test-App'] },
  });
  template = Template.fromStack(main);
}, 180_000);

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(work, { recursive: true, force: true });
});

/** The asset directory of the web function's code. */
function webAssetDir(): string {
  const fns = Object.values(template.findResources('AWS::Lambda::Function')) as Array<{
    Properties: { Code: { S3Key: string }; Environment: { Variables: Record<string, unknown> } };
  }>;
  const web = fns.find((fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'web');
  if (!web) throw new Error('no web function');
  return join(outdir, `asset.${web.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
}

describe('synth without npm install (offline, empty npm cache)', () => {
  it('bundles the web function with Chart.js copied from node_modules and the official unit list, and calls no npm', () => {
    const dir = webAssetDir();
    // Only the bundle, the script and the list: no package.json, lock file or node_modules (no install step).
    const fonts = CERTIFICATE_FONTS.map((style) => TINOS_FILES[style]);
    // Besides index.mjs, its chunks (the code only some requests import, loaded on first use) and their maps.
    const files = readdirSync(dir).filter((file) => file === 'index.mjs' || !/\.mjs(\.map)?$/.test(file));
    expect(files.sort()).toEqual([CHART_JS_FILE, OFFICIAL_UNIT_FILE, ...fonts, 'index.mjs'].sort());
    expect(readdirSync(dir).filter((file) => file.endsWith('.mjs')).length).toBeGreaterThan(1);
    for (const style of CERTIFICATE_FONTS)
      expect(readFileSync(join(dir, TINOS_FILES[style])).equals(readFileSync(repoPath(tinosSource(style))))).toBe(true);
    expect(readFileSync(join(dir, CHART_JS_FILE)).equals(readFileSync(repoPath(CHART_JS_SOURCE)))).toBe(true);
    expect(readFileSync(join(dir, OFFICIAL_UNIT_FILE)).equals(readFileSync(repoPath(OFFICIAL_UNIT_SOURCE)))).toBe(true);
    expect(existsSync(npmCalls) ? readFileSync(npmCalls, 'utf8') : '').toBe('');
  });

  it('every function asset is a bundle of its own handler, without node_modules', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')) as Array<{ Properties: { Code: { S3Key: string } } }>;
    expect(fns.length).toBeGreaterThan(1);
    // One asset per function: a bundling result reused for another handler would share its key.
    expect(new Set(fns.map((fn) => fn.Properties.Code.S3Key)).size).toBe(fns.length);
    for (const fn of fns) {
      const dir = join(outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      expect(readdirSync(dir)).toContain('index.mjs');
      expect(readdirSync(dir)).not.toContain('node_modules');
    }
  });

  it('every bundle got the aliases of infra/bundling/bundle-options.ts (built-ins through require, env-only credentials)', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')) as Array<{ Properties: { Code: { S3Key: string } } }>;
    for (const fn of fns) {
      const dir = join(outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      const code = readdirSync(dir)
        .filter((file) => file.endsWith('.mjs'))
        .map((file) => readFileSync(join(dir, file), 'utf8'))
        .join('\n');
      expect(code).not.toMatch(/(from\s*|import\s*\(\s*)"node:[a-z_/]+"/);
      expect(code).not.toContain('sso_start_url'); // the profile and SSO providers of the full chain
      expect(code).toContain('Unable to find environment variable credentials');
    }
  });

  it('the web bundle finds the files copied beside index.mjs from every chunk that names one', () => {
    // Modules find their copies through import.meta.url: a chunk in a folder of its own would look there.
    const dir = webAssetDir();
    const copied = [CHART_JS_FILE, OFFICIAL_UNIT_FILE, ...CERTIFICATE_FONTS.map((style) => TINOS_FILES[style])];
    const naming = new Map(copied.map((file) => [file, [] as string[]]));
    const scan = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) scan(path);
        else if (entry.name.endsWith('.mjs'))
          for (const file of copied) if (readFileSync(path, 'utf8').includes(file)) naming.get(file)!.push(path);
      }
    };
    scan(dir);
    for (const [file, modules] of naming) {
      expect(modules.length, file).toBeGreaterThan(0);
      for (const module of modules) expect(join(module, '..'), `${module} names ${file}`).toBe(dir);
    }
  });

  it('the synthesized web function answers Function URL requests from its asset alone', () => {
    // A GET of the sign-in page and of Chart.js (the copy beside index.mjs: the asset is outside
    // the repository, so no node_modules to fall back on), as Lambda would invoke the handler.
    const probe = `
      const { handler } = await import(${JSON.stringify(pathToFileURL(join(webAssetDir(), 'index.mjs')).href)});
      for (const path of ['/sign-in', '/static/chart.js']) {
        const event = { version: '2.0', rawPath: path, rawQueryString: '', cookies: [], isBase64Encoded: false,
          headers: { host: 'web.lambda-url.ap-southeast-1.on.aws' },
          requestContext: { domainName: 'web.lambda-url.ap-southeast-1.on.aws', requestId: 'probe', timeEpoch: 0,
            http: { method: 'GET', path, sourceIp: '203.0.113.9', protocol: 'HTTP/1.1', userAgent: 'probe' } } };
        const response = await handler(event, { functionName: 'web', awsRequestId: 'probe', getRemainingTimeInMillis: () => 30000 });
        console.log(JSON.stringify([path, response.statusCode, response.headers['content-type'], response.body.length]));
      }`;
    const arn = (name: string) => `arn:aws:states:ap-southeast-1:000000000000:stateMachine:${name}`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: tmpdir(),
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'ap-southeast-1',
        AWS_ACCESS_KEY_ID: 'probe',
        AWS_SECRET_ACCESS_KEY: 'probe',
        TABLE_NAME: 'probe',
        STATE_MACHINE_ARN: arn('lifecycle'),
        REVIEW_STATE_MACHINE_ARN: arn('review'),
        IMPORT_STATE_MACHINE_ARN: arn('import'),
        EVIDENCE_BUCKET: 'probe-evidence',
        SESSION_SECRET: 'p'.repeat(64),
      },
    });
    const answers = run.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as [string, number, string, number]);
    expect(
      answers.map(([path, status]) => [path, status]),
      run.stderr,
    ).toEqual([
      ['/sign-in', 200],
      ['/static/chart.js', 200],
    ]);
    expect(answers[0]![2]).toMatch(/^text\/html/);
    expect(answers[1]![2]).toMatch(/^text\/javascript/);
    expect(answers[1]![3]).toBeGreaterThan(100_000);
  });

  it('a bundle of the stats assets reads the copy next to it (and has no script without it)', async () => {
    const dir = join(work, 'stats-bundle');
    const load = async (name: string) => {
      await build({
        entryPoints: [repoPath('web/statistics/stats-assets.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile: join(dir, name),
        logLevel: 'silent',
      });
      return ((await import(pathToFileURL(join(dir, name)).href)) as { CHART_JS?: string }).CHART_JS;
    };
    // Outside the repository, the chart.js package cannot be resolved: without the copy, no script.
    expect(await load('without.mjs')).toBeUndefined();
    copyFileSync(repoPath(CHART_JS_SOURCE), join(dir, CHART_JS_FILE));
    const script = await load('with.mjs');
    expect(script).toContain('Chart');
    expect(script).not.toMatch(/sourceMappingURL/);
  });
});
