import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction, handlerEntry, handlerNames, type BundleSize } from '../infra/bundling/bundle.ts';
import { EXECUTION_ENDED_FUNCTION, LIFECYCLE_FUNCTIONS } from '../workflows/lifecycle-functions.ts';
import { IMPORT_FUNCTIONS } from '../workflows/import-functions.ts';
import { REVIEW_FUNCTIONS } from '../workflows/review-functions.ts';
import type { Target } from './national-review.ts';
import { fmt } from './stats.ts';

/** `bytes`: what a cold start reads (index.mjs and its static chunks); `lazyBytes`: chunks loaded on first use. */
export type BundleResult = { handler: string; bytes: number; lazyBytes: number; initMs: number | null; error?: string };

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
  NODE_OPTIONS: '', // as deployed: infra/constructs/app-function.ts sets none
};

/** Time to import the bundle (module initialisation, as a cold start runs it), in a fresh Node process. */
const INIT_PROBE = `
const started = performance.now();
await import(process.argv[1]);
process.stdout.write(JSON.stringify({ initMs: performance.now() - started }));
process.exit(0);
`;

export type Built = { bytes: number; lazyBytes: number; initMs: number | null; error?: string };

/** The bundle's size and its module initialisation (median of `runs`, each in a fresh Node process). */
function timeInit(outfile: string, size: BundleSize, runs: number): Built {
  const bytes = size.initBytes;
  const times: number[] = [];
  let error: string | undefined;
  for (let i = 0; i < runs && !error; i++) {
    const probe = spawnSync(process.execPath, ['--input-type=module', '-e', INIT_PROBE, outfile], {
      env: { ...process.env, ...ENV },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (probe.status !== 0) error = (probe.stderr || `exit ${probe.status}`).split('\n').find((l) => l.trim()) ?? 'failed';
    else times.push((JSON.parse(probe.stdout) as { initMs: number }).initMs);
  }
  times.sort((a, b) => a - b);
  return {
    bytes,
    lazyBytes: size.lazyBytes,
    initMs: times.length ? Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 : null,
    error,
  };
}

/**
 * Bundles every functions/*-handler.ts as the synth does (infra/bundling/bundle.ts), then times
 * each module's initialisation; `only`: those handlers alone (the smoke test's quick run).
 */
export async function measureBundles(runs = 3, only?: readonly string[]): Promise<BundleResult[]> {
  const out = mkdtempSync(join(tmpdir(), 'dvk-bench-bundles-'));
  try {
    const results: BundleResult[] = [];
    for (const handler of handlerNames().filter((name) => !only || only.includes(name))) {
      const dir = join(out, handler);
      const size = await bundleFunction(handlerEntry(handler), dir);
      results.push({ handler, ...timeInit(join(dir, 'index.mjs'), size, runs) });
    }
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * The limit measured beside them: a module that only makes the SDK client every function
 * holds at init (DynamoDB's document client), bundled the same way. Step Functions' client
 * loads on first use (functions/shared/lazy-sfn-client.ts).
 */
export async function measureSdkFloor(root: string, runs = 3): Promise<Built> {
  const out = mkdtempSync(join(root, 'node_modules', '.dvk-bench-sdk-'));
  try {
    const entry = join(out, 'sdk-only.ts');
    writeFileSync(
      entry,
      [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
        'export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
      ].join('\n'),
    );
    const size = await bundleFunction(entry, join(out, 'bundle'));
    return timeInit(join(out, 'bundle', 'index.mjs'), size, runs);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The functions the state machines invoke (and the one their status changes invoke). */
export const WORKFLOW_FUNCTIONS: ReadonlySet<string> = new Set([
  ...Object.values(LIFECYCLE_FUNCTIONS),
  ...Object.values(REVIEW_FUNCTIONS),
  ...Object.values(IMPORT_FUNCTIONS),
  EXECUTION_ENDED_FUNCTION,
]);
const KIB = 1024;

/** Issue 18's cold-start targets: workflow functions ≤ 300 KiB and ≤ 50 ms of init, the web function ≤ 1 MiB and ≤ 150 ms. */
export function bundleTargets(bundles: BundleResult[], floor: Built): Target[] {
  const worst = (list: BundleResult[]) => ({
    bytes: Math.max(...list.map((b) => b.bytes)),
    initMs: Math.max(...list.map((b) => b.initMs ?? Infinity)),
  });
  const workflow = bundles.filter((b) => WORKFLOW_FUNCTIONS.has(b.handler));
  const web = bundles.filter((b) => b.handler === 'web');
  const limit = `the SDK's DynamoDB client alone: ${fmt(floor.bytes / KIB, 0)} KiB, ${fmt(floor.initMs)} ms`;
  const w = worst(workflow);
  const v = worst(web);
  return [
    {
      name: `Workflow functions ≤ 300 KiB and ≤ 50 ms of module init (${workflow.length} functions)`,
      met: w.bytes <= 300 * KIB && w.initMs <= 50,
      detail: `largest ${fmt(w.bytes / KIB, 0)} KiB, slowest ${fmt(w.initMs)} ms (${limit})`,
    },
    {
      name: 'Web function ≤ 1 MiB and ≤ 150 ms of module init',
      met: v.bytes <= 1024 * KIB && v.initMs <= 150,
      detail: `${fmt(v.bytes / KIB, 0)} KiB, ${fmt(v.initMs)} ms (${limit})`,
    },
  ];
}

/** The bundles' table of the bench's markdown. */
export function bundleTable(bundles: BundleResult[], floor: Built, runs: number): string[] {
  const init = (b: Built) => (b.initMs === null ? `failed: ${b.error}` : `${fmt(b.initMs)} ms`);
  return [
    `**7. Lambda bundles** (infra/bundling/bundle.ts, as the synth runs it: ESM, node24, minified; bundle = index.mjs and the chunks it imports at load, on demand = chunks a request loads on first use; init = importing the bundle in a fresh Node process, median of ${runs})`,
    '',
    '| function | bundle | on demand | module init |',
    '|---|---|---|---|',
    ...bundles.map((b) => `| ${b.handler} | ${fmt(b.bytes / KIB, 0)} KiB | ${fmt(b.lazyBytes / KIB, 0)} KiB | ${init(b)} |`),
    `| (the limit: the AWS SDK's DynamoDB document client alone, bundled the same way) | ${fmt(floor.bytes / KIB, 0)} KiB | ${fmt(floor.lazyBytes / KIB, 0)} KiB | ${init(floor)} |`,
  ];
}
