import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export type BundleResult = { handler: string; bytes: number; initMs: number | null; error?: string };

// The same options as infra/constructs/app-function.ts gives NodejsFunction's esbuild.
const REQUIRE_BANNER =
  "import { createRequire as __appCreateRequire } from 'node:module'; const require = __appCreateRequire(import.meta.url);";
/** Packages the web function ships next to its bundle instead of inside it (see infra/constructs/web-app.ts). */
const NODE_MODULES: Record<string, string[]> = { web: ['chart.js'] };

/** The environment each function gets on AWS, with local stand-ins. */
const ENV = {
  TABLE_NAME: 'bench',
  STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:model-lifecycle',
  REVIEW_STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:yearly-review',
  IMPORT_STATE_MACHINE_ARN: 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:model-import',
  EVIDENCE_BUCKET: 'bench-evidence',
  MAIL_FROM: 'Dân vận khéo <no-reply@dan-van-kheo.example.org>',
  SES_CONFIGURATION_SET: 'bench',
  WEB_URL: 'https://bench.example.org/',
  SESSION_SECRET: 'x'.repeat(64),
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'DanVanKheo',
  NODE_OPTIONS: '',
};

/** Time to import the bundle (module initialisation, as a cold start runs it), in a fresh Node process. */
const INIT_PROBE = `
const started = performance.now();
await import(process.argv[1]);
process.stdout.write(JSON.stringify({ initMs: performance.now() - started }));
process.exit(0);
`;

/** Bundles every functions/*-handler.ts as CDK does (ESM, node24, minified), then times each module's initialisation. */
export async function measureBundles(root: string, runs = 3): Promise<BundleResult[]> {
  const out = mkdtempSync(join(tmpdir(), 'dvk-bench-bundles-'));
  const results: BundleResult[] = [];
  try {
    const handlers = readdirSync(join(root, 'functions'))
      .filter((f) => f.endsWith('-handler.ts'))
      .sort();
    for (const file of handlers) {
      const handler = file.replace(/-handler\.ts$/, '');
      const outfile = join(out, handler, 'index.mjs');
      await build({
        entryPoints: [join(root, 'functions', file)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node24',
        mainFields: ['module', 'main'],
        minify: true,
        keepNames: true,
        sourcemap: true,
        sourcesContent: false,
        tsconfig: join(root, 'tsconfig.json'),
        banner: { js: REQUIRE_BANNER },
        external: NODE_MODULES[handler] ?? [],
        logLevel: 'silent',
      });
      if (NODE_MODULES[handler]) {
        // Resolve the shipped packages from the project, as the deployed folder would hold them.
        writeFileSync(join(out, handler, 'package.json'), '{"type":"module"}');
      }
      const bytes = statSync(outfile).size;
      const times: number[] = [];
      let error: string | undefined;
      for (let i = 0; i < runs && !error; i++) {
        const probe = spawnSync(process.execPath, ['--input-type=module', '-e', INIT_PROBE, outfile], {
          env: { ...process.env, ...ENV, NODE_PATH: join(root, 'node_modules') },
          encoding: 'utf8',
          timeout: 60_000,
        });
        if (probe.status !== 0) error = (probe.stderr || `exit ${probe.status}`).split('\n').find((l) => l.trim()) ?? 'failed';
        else times.push((JSON.parse(probe.stdout) as { initMs: number }).initMs);
      }
      times.sort((a, b) => a - b);
      results.push({ handler, bytes, initMs: times.length ? Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 : null, error });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return results;
}
