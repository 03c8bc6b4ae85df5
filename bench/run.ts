/**
 * `npm run bench`: starts its own local stacks (one per size, each with an in-memory DynamoDB
 * Local), drives models through the real workflow over the HTTP API, and prints a markdown
 * table (also written as JSON to test-artifacts/bench-results.json).
 *
 *   npm run bench                      1,000 and 10,000 models
 *   npm run bench -- --large           adds 100,000 (hours on a laptop)
 *   npm run bench -- --sizes 100,1000  any sizes
 *   npm run bench -- --sample 200      models taken through report and appraisal per size
 *   npm run bench -- --quick           fewer repetitions (latency samples, bundle init runs) and two bundles (open-task, web): the smoke test's
 *   npm run bench -- --bundles         only the Lambda bundles (table 7 and their two targets)
 *   npm run bench -- --out some/dir    where the JSON and markdown go (default test-artifacts)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTable, bundleTargets, measureBundles, measureSdkFloor, type BundleResult, type Built } from './bundles.ts';
import { PRICES, costPerModelYear, type Cost, type LambdaUse, type ModelYearUse } from './cost.ts';
import { totalRequests, type TableCounts } from './ddb-counter.ts';
import { NATIONAL, nationalReview, readReviewAsl, type Target } from './national-review.ts';
import { TRANSITIONS_PER_CYCLE_START } from './quota-sim.ts';
import { mapIterationFunctionKeys } from './review-history.ts';
import { APP_TABLE, ENGINE_TABLE, type Phase, type SizeResult } from './size-run.ts';
import { fmt, mark } from './stats.ts';
import { pageRows, pageTargets } from './pages.ts';
import { LIFECYCLE_STATE_MACHINE_NAME } from '../workflows/lifecycle-functions.ts';
import { REVIEW_FUNCTIONS, REVIEW_STATE_MACHINE_NAME } from '../workflows/review-functions.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STEP_MEMORY_MB = 512;
const WEB_MEMORY_MB = 1024;
const REVIEW_ASL = readReviewAsl();
/** The Lambda functions the review's Map iteration invokes (one invocation per batch: a transition the local engine does not record). */
const ITERATION_FUNCTIONS = mapIterationFunctionKeys(REVIEW_ASL).map((key) => (REVIEW_FUNCTIONS as Record<string, string>)[key] ?? key);

function parseArgs(argv: string[]) {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = value('--sizes')
    ?.split(',')
    .map(Number)
    .filter((n) => n > 0) ?? [1000, 10_000, ...(argv.includes('--large') ? [100_000] : [])];
  const quick = argv.includes('--quick');
  const bundlesOnly = argv.includes('--bundles');
  return { sizes, sample: Number(value('--sample') ?? 200), outDir: value('--out') ?? join(ROOT, 'test-artifacts'), quick, bundlesOnly };
}

const iterationsIn = (p: Phase) => ITERATION_FUNCTIONS.reduce((sum, name) => sum + (p.invocations[name]?.count ?? 0), 0);
/** Transitions in a phase: top-level states from the engine's history, plus the Map iterations it does not record (one a batch). */
const transitionsIn = (p: Phase) => (p.counts[ENGINE_TABLE]?.statesEntered ?? 0) + iterationsIn(p);
/** The same for one state machine (undefined when the run did not split them by machine). */
const machineTransitionsIn = (p: Phase, machine: string) => p.counts[ENGINE_TABLE]?.statesEnteredByMachine?.[machine];

/**
 * One model-year: registration, acceptance, the yearly review, report and appraisal. `sfnCalls`:
 * Step Functions API calls (not billed: Step Functions bills transitions, which are measured).
 */
export type ModelYear = {
  transitions: number;
  lambdaInvocations: number;
  webInvocations: number;
  writeUnits: number;
  readUnits: number;
  scans: number;
  sfnCalls: Record<string, number>;
  use: ModelYearUse;
};

function modelYear(result: SizeResult): ModelYear {
  const phases = Object.values(result.phases);
  const app = (p: Phase): TableCounts | undefined => p.counts[APP_TABLE];
  let transitions = 0;
  let writeUnits = 0;
  let readUnits = 0;
  let scans = 0;
  const sfnCalls: Record<string, number> = {};
  const lambdas = new Map<string, { invocations: number; ms: number; memoryMb: number }>();
  const addLambda = (name: string, invocations: number, ms: number, memoryMb: number) => {
    const entry = lambdas.get(name) ?? { invocations: 0, ms: 0, memoryMb };
    entry.invocations += invocations;
    entry.ms += ms;
    lambdas.set(name, entry);
  };
  for (const p of phases) {
    transitions += transitionsIn(p) / p.per;
    writeUnits += (app(p)?.wcu ?? 0) / p.per;
    readUnits += (app(p)?.rcu ?? 0) / p.per;
    scans += Object.values(p.counts).reduce((sum, t) => sum + (t.requests.Scan ?? 0), 0);
    for (const [op, n] of Object.entries(p.sfnCalls ?? {})) sfnCalls[op] = (sfnCalls[op] ?? 0) + n / p.per;
    for (const [name, inv] of Object.entries(p.invocations)) addLambda(name, inv.count / p.per, inv.totalMs / p.per, STEP_MEMORY_MB);
    addLambda('web', p.webCalls / p.per, (p.webCalls * p.webMsPerCall) / p.per, WEB_MEMORY_MB);
  }
  const use: ModelYearUse = {
    transitions,
    writeUnits,
    readUnits,
    lambdas: [...lambdas].map(([name, l]): LambdaUse => ({
      name,
      invocations: l.invocations,
      avgMs: l.invocations ? l.ms / l.invocations : 0,
      memoryMb: l.memoryMb,
    })),
  };
  const webInvocations = lambdas.get('web')?.invocations ?? 0;
  const lambdaInvocations = [...lambdas.values()].reduce((sum, l) => sum + l.invocations, 0);
  return { transitions, lambdaInvocations, webInvocations, writeUnits, readUnits, scans, sfnCalls, use };
}

type Writes = { app: number; engine: number; total: number; requests: number };
/** Items written per model in a phase: the app table, and the local engine's (its executions, tasks and history). */
function writesPerModel(p: Phase): Writes {
  const app = (p.counts[APP_TABLE]?.itemsWritten ?? 0) / p.per;
  const engine = (p.counts[ENGINE_TABLE]?.itemsWritten ?? 0) / p.per;
  const requests = (totalRequests(p.counts[APP_TABLE]) + totalRequests(p.counts[ENGINE_TABLE])) / p.per;
  return { app, engine, total: app + engine, requests };
}
/** The steps whose writes are printed, by phase: registration, acceptance, the yearly review, report and appraisal. */
const STEPS = [
  ['register', 'registration'],
  ['decide', 'acceptance'],
  ['review', 'yearly review'],
  ['finishYear', 'report + appraisal'],
] as const;
const writesPerRegistration = (result: SizeResult) => writesPerModel(result.phases.register);

const usd = (n: number) => `$${n < 0.01 ? n.toPrecision(3) : n.toFixed(2)}`;

function runSize(models: number, sample: number, outDir: string, quick: boolean): SizeResult {
  const out = join(outDir, `bench-size-${models}.json`);
  console.error(`\n== ${models.toLocaleString('en-US')} models ==`);
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench/size-run.ts'), String(models), String(sample), out, ...(quick ? ['quick'] : [])],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`bench: the ${models}-model run failed (exit ${child.status})`);
  return JSON.parse(readFileSync(out, 'utf8')) as SizeResult;
}

/** `--bundles`: table 7 and the bundles' targets alone, to bench-bundles.md. */
function printBundles(bundles: BundleResult[], floor: Built, runs: number, outDir: string, started: Date) {
  const markdown = [
    `## Lambda bundles ${started.toISOString()} (${process.platform}, Node ${process.version})`,
    '',
    ...bundleTable(bundles, floor, runs),
    '',
    ...bundleTargets(bundles, floor).map((t) => `- ${t.name}: ${mark(t.met)} — ${t.detail}`),
  ].join('\n');
  writeFileSync(join(outDir, 'bench-bundles.md'), `${markdown}\n`);
  console.log(markdown);
}

async function main() {
  const { sizes, sample, outDir, quick, bundlesOnly } = parseArgs(process.argv.slice(2));
  mkdirSync(outDir, { recursive: true });
  const started = new Date();
  // The bundles first, on a machine that is quiet: after a size the DynamoDB Local it stopped
  // may still be leaving. Medians of 7: on a shared two-core machine one import can take half
  // as long again as the next.
  console.error('\n== Lambda bundles ==');
  const runs = quick ? 1 : 7;
  // Quick: one workflow function and the web function (the smoke test: every row and target printed).
  const bundles: BundleResult[] = await measureBundles(runs, quick ? ['open-task', 'web'] : undefined);
  const sdkFloor = await measureSdkFloor(ROOT, runs);
  if (bundlesOnly) return printBundles(bundles, sdkFloor, runs, outDir, started);
  const results = sizes.map((n) => runSize(n, sample, outDir, quick));

  const years = results.map(modelYear);
  const costs: Cost[] = years.map((y) => costPerModelYear(y.use));
  const writes = results.map(writesPerRegistration);
  const dbBound = results.map((r, i) => r.raw.putPerSecond / writes[i]!.total);

  // The national review on AWS, with what the largest run measured: the review's own transitions
  // per model, the started cycle executions' first transitions, a batch's time.
  const largest = results.at(-1)!;
  const reviewPhase = largest.phases.review;
  const reviewOwn = machineTransitionsIn(reviewPhase, REVIEW_STATE_MACHINE_NAME);
  const cycleStarts = machineTransitionsIn(reviewPhase, LIFECYCLE_STATE_MACHINE_NAME);
  const batchCalls = ITERATION_FUNCTIONS.map((name) => reviewPhase.invocations[name]).filter((i) => i !== undefined);
  const batchCount = batchCalls.reduce((sum, i) => sum + i.count, 0);
  const national = nationalReview({
    asl: REVIEW_ASL,
    reviewTransitionsPerModel: reviewOwn === undefined ? undefined : (reviewOwn + iterationsIn(reviewPhase)) / reviewPhase.per,
    measuredTransitionsPerCycleStart: cycleStarts === undefined ? undefined : cycleStarts / reviewPhase.per,
    localReleaseMs: batchCount ? batchCalls.reduce((sum, i) => sum + i.totalMs, 0) / batchCount : undefined,
  });
  const reviewCalls = (op: string) => (reviewPhase.sfnCalls?.[op] ?? 0) / reviewPhase.per;

  const targets: Target[] = [];
  results.forEach((r, i) => {
    const e2e = r.registrations.endToEndPerSecond;
    targets.push({
      name: `Registrations ≥ ½ the DB-bound rate (${fmt(r.models, 0)})`,
      met: e2e >= dbBound[i]! / 2,
      detail: `${fmt(e2e)}/s end to end vs DB-bound ${fmt(dbBound[i])}/s (${fmt(r.raw.putPerSecond, 0)} PutItem/s ÷ ${fmt(writes[i]!.total)} writes)`,
    });
  });
  results.forEach((r, i) => {
    const l = r.latency;
    const requests = { 'board queue': l.boardQueue, 'model page': l.modelPage, dashboard: l.dashboard };
    const p50 = Math.max(...Object.values(requests).map((x) => x.p50Ms / l.rawQuery.p50Ms));
    const p95 = Math.max(...Object.values(requests).map((x) => x.p95Ms / l.rawQuery.p95Ms));
    const worstOf = (ratio: (x: (typeof requests)['dashboard']) => number) =>
      Object.entries(requests).sort((a, b) => ratio(b[1]) - ratio(a[1]))[0]![0];
    targets.push({
      name: `Requests ≤ 2× the raw Query at p50 and ≤ 2.5× at p95, no Scan (${fmt(r.models, 0)})`,
      met: p50 <= 2 && p95 <= 2.5 && years[i]!.scans === 0,
      detail: `worst p50 ${fmt(p50, 2)}× (${worstOf((x) => x.p50Ms)}), worst p95 ${fmt(p95, 2)}× (${worstOf((x) => x.p95Ms)}) of the raw Query's ${fmt(l.rawQuery.p50Ms)} / ${fmt(l.rawQuery.p95Ms)} ms; Scans: ${years[i]!.scans}`,
    });
  });
  results.forEach((r) => {
    const worse = STEPS.map(([phase, label]) => ({ label, w: writesPerModel(r.phases[phase]) })).filter(({ w }) => w.engine > w.app);
    targets.push({
      name: `Local engine writes no more items per step than the app (${fmt(r.models, 0)})`,
      met: worse.length === 0,
      detail: STEPS.map(([phase, label]) => {
        const w = writesPerModel(r.phases[phase]);
        return `${label} ${fmt(w.engine)} vs ${fmt(w.app)}`;
      }).join('; '),
    });
  });
  results.forEach((r) => {
    const w = writesPerModel(r.phases.review);
    const bound = r.raw.putPerSecond / w.total;
    targets.push({
      name: `Review ≥ 50% of the DB-bound rate (${fmt(r.models, 0)})`,
      met: r.review.modelsPerSecond >= bound / 2,
      detail: `${fmt(r.review.modelsPerSecond)} models/s vs DB-bound ${fmt(bound)}/s (${fmt(r.raw.putPerSecond, 0)} PutItem/s ÷ ${fmt(w.total)} items a model): ${fmt((100 * r.review.modelsPerSecond) / bound, 0)}%`,
    });
  });
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1]!, results[i]!];
    const sizeRatio = b.review.models / a.review.models;
    const timeRatio = b.review.wallMs / a.review.wallMs;
    const limit = 1.1 * sizeRatio;
    targets.push({
      name: `Review time linear (${fmt(a.models, 0)} → ${fmt(b.models, 0)})`,
      met: timeRatio <= limit,
      detail: `${fmt(sizeRatio, 2)}× the models in ${fmt(timeRatio, 2)}× the time (limit ${fmt(limit, 2)}×)`,
    });
  }
  results
    .filter((r) => r.models >= 100_000)
    .forEach((r) =>
      targets.push({
        name: `A province of ${fmt(r.models, 0)} models within an hour on this machine`,
        met: r.totalMs <= 3_600_000,
        detail: `${fmt(r.totalMs / 60000)} min; DynamoDB Local ${fmt(r.memory.dynamoDbLocalPeakRssMb, 0)} MB RSS (${r.memory.dynamoDbLocal})`,
      }),
    );
  targets.push(...bundleTargets(bundles, sdkFloor));
  results.forEach((r) => targets.push(...pageTargets(r.pages, r.models)));
  const worstCost = Math.max(...costs.map((c) => c.total));
  targets.push({
    name: 'At most $0.002 per model-year on AWS',
    met: worstCost <= 0.002,
    detail: `${usd(worstCost)} per model-year; ${usd(worstCost * NATIONAL)} a year for 300,000 models`,
  });
  targets.push(...national.targets);

  const col = (f: (r: SizeResult, i: number) => string) => results.map(f).join(' | ');
  const rows: [string, string][] = [
    ['**1. Local limit**: raw PutItem / s (16 in flight)', col((r) => fmt(r.raw.putPerSecond, 0))],
    [
      `raw TransactWriteItems / s (${results[0]!.raw.transactItems} items each)`,
      col((r) => `${fmt(r.raw.transactPerSecond, 0)} (${fmt(r.raw.transactItemsPerSecond, 0)} items/s)`),
    ],
    [
      'models: registered through the API + imported from the province’s spreadsheets first (rows / s)',
      col((r) =>
        r.provinceLoad
          ? `${fmt(r.registrations.count, 0)} + ${fmt(r.provinceLoad.imported, 0)} (${fmt(r.provinceLoad.rowsPerSecond)}/s)`
          : `${fmt(r.registrations.count, 0)} + 0`,
      ),
    ],
    [
      '**2. Registrations / s** via HTTP: API (202) / end to end (review task open)',
      col((r) => `${fmt(r.registrations.apiPerSecond)} / ${fmt(r.registrations.endToEndPerSecond)}`),
    ],
    [
      'writes per registration: items app table + engine table = total (requests)',
      col((_r, i) => `${fmt(writes[i]!.app)} + ${fmt(writes[i]!.engine)} = ${fmt(writes[i]!.total)} (${fmt(writes[i]!.requests)} req)`),
    ],
    ['DB-bound registration rate (PutItem rate ÷ writes)', col((_r, i) => fmt(dbBound[i]))],
    ...STEPS.map(([phase, label]): [string, string] => [
      `items written per model, ${label}: app + local engine`,
      col((r) => {
        const w = writesPerModel(r.phases[phase]);
        return `${fmt(w.app)} + ${fmt(w.engine)}`;
      }),
    ]),
    [
      '**3. Decisions / s** (accept): API / end to end',
      col((r) => `${fmt(r.decisions.apiPerSecond)} / ${fmt(r.decisions.endToEndPerSecond)}`),
    ],
    [
      '**4. Yearly review**: models / s, wall time',
      col(
        (r) =>
          `${fmt(r.review.modelsPerSecond)} / s, ${fmt(r.review.wallMs / 1000)} s (${r.review.models} models, ${r.review.failed} failed)`,
      ),
    ],
    [
      '**5. Latency** p50 / p95 ms: raw DynamoDB Local Query',
      col((r) => `${fmt(r.latency.rawQuery.p50Ms)} / ${fmt(r.latency.rawQuery.p95Ms)}`),
    ],
    [
      'wait for the mail the registrations caused to be sent, before the latencies (s)',
      col((r) => (r.mail ? `${fmt(r.mail.ms / 1000)} s` : '–')),
    ],
    ['board queue `GET /api/tasks`', col((r) => `${fmt(r.latency.boardQueue.p50Ms)} / ${fmt(r.latency.boardQueue.p95Ms)}`)],
    ["a model's page `GET /api/models/{id}`", col((r) => `${fmt(r.latency.modelPage.p50Ms)} / ${fmt(r.latency.modelPage.p95Ms)}`)],
    ['dashboard `GET /api/statistics`', col((r) => `${fmt(r.latency.dashboard.p50Ms)} / ${fmt(r.latency.dashboard.p95Ms)}`)],
    ['**6. Per model-year**: state transitions', col((_r, i) => fmt(years[i]!.transitions, 2))],
    ['Lambda invocations (of which web)', col((_r, i) => `${fmt(years[i]!.lambdaInvocations, 2)} (${fmt(years[i]!.webInvocations, 2)})`)],
    [
      'write units / read units (app table, ConsumedCapacity)',
      col((_r, i) => `${fmt(years[i]!.writeUnits)} / ${fmt(years[i]!.readUnits)}`),
    ],
    [
      'Step Functions API calls (not billed): StartExecution / SendTaskSuccess per model-year; of which the review, per model',
      col(
        (_r, i) =>
          `${fmt(years[i]!.sfnCalls.StartExecution ?? 0, 2)} / ${fmt(years[i]!.sfnCalls.SendTaskSuccess ?? 0, 2)}; review ${fmt((results[i]!.phases.review.sfnCalls?.StartExecution ?? 0) / results[i]!.phases.review.per, 2)} / ${fmt((results[i]!.phases.review.sfnCalls?.SendTaskSuccess ?? 0) / results[i]!.phases.review.per, 2)}`,
      ),
    ],
    [
      'AWS $ per model-year: Step Functions + Lambda + DynamoDB',
      col(
        (_r, i) =>
          `${usd(costs[i]!.total)} = ${usd(costs[i]!.stepFunctions)} + ${usd(costs[i]!.lambdaRequests + costs[i]!.lambdaCompute)} + ${usd(costs[i]!.dynamoWrites + costs[i]!.dynamoReads)}`,
      ),
    ],
    ['AWS $ a year for 300,000 models', col((_r, i) => usd(costs[i]!.total * NATIONAL))],
    [
      '**9. Import from Excel**: rows, check (read + check every row) / import, rows imported per s',
      col(
        (r) =>
          `${fmt(r.imports.rows, 0)} rows (${fmt(r.imports.fileBytes / 1024, 0)} KiB): ${fmt(r.imports.checkMs / 1000)} s / ${fmt(r.imports.importMs / 1000)} s, ${fmt(r.imports.rowsPerSecond)}/s`,
      ),
    ],
    [
      '**10. A province’s decision** (seed 003: 1,400 models): issue in one step / .docx / certificates PDF (pages, MiB)',
      col(
        (r) =>
          `${fmt(r.batchDecision.models, 0)} models: ${fmt(r.batchDecision.issueMs, 0)} ms / ${fmt(r.batchDecision.docxMs / 1000)} s (${fmt(r.batchDecision.docxBytes / 1024, 0)} KiB) / ${fmt(r.batchDecision.pdfMs / 1000)} s (${fmt(r.batchDecision.pages, 0)} pages, ${fmt(r.batchDecision.pdfBytes / 1024 / 1024)} MiB)`,
      ),
    ],
    [
      '**8. Peak memory**: runtime RSS / DynamoDB Local RSS (MB; -Xmx1g, its database in memory or on disk)',
      col(
        (r) =>
          `${fmt(r.memory.runtimePeakRssMb, 0)} / ${fmt(r.memory.dynamoDbLocalPeakRssMb, 0)} (${r.memory.dynamoDbLocal ?? 'in memory'})`,
      ),
    ],
    ['bench time for this size', col((r) => `${fmt(r.totalMs / 60000)} min`)],
  ];
  const lines = [
    `## Benchmark ${started.toISOString()} (${process.platform}, Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs)`,
    '',
    `| measure | ${results.map((r) => `${fmt(r.models, 0)} models`).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    ...rows.map(([name, values]) => `| ${name} | ${values} |`),
    '',
    `Reports and appraisals were driven for ${results.map((r) => r.sample).join(' / ')} models per size; per model-year figures add each phase per model it covered. Prices (${PRICES.region}, ${PRICES.date}): Step Functions $0.025 per 1,000 transitions; Lambda $0.20 per million requests + $0.0000133334 per GB-s (arm64; ${STEP_MEMORY_MB} MB steps, ${WEB_MEMORY_MB} MB web, local durations); DynamoDB $0.625 per million write units, $0.125 per million read units.`,
    '',
    ...bundleTable(bundles, sdkFloor, runs),
    '',
    ...results.flatMap((r) => [...pageRows(r.pages).map((line, i) => (i === 0 ? `${line} — ${fmt(r.models, 0)} models` : line)), '']),
    ...national.lines,
    '',
    `Measured in the ${fmt(largest.models, 0)}-model review, per model: StartExecution ${fmt(reviewCalls('StartExecution'), 2)}, SendTaskSuccess ${fmt(reviewCalls('SendTaskSuccess'), 2)}; transitions of the started cycle executions ${cycleStarts === undefined ? '–' : fmt(cycleStarts / reviewPhase.per, 2)} (the simulation takes TRANSITIONS_PER_CYCLE_START = ${TRANSITIONS_PER_CYCLE_START}).`,
    '',
    '**Targets**',
    '',
    ...targets.map((t) => `- ${t.name}: ${mark(t.met)} — ${t.detail}`),
  ];
  const markdown = lines.join('\n');
  console.log(markdown);
  const json = {
    startedAt: started.toISOString(),
    sizes,
    sample,
    prices: PRICES,
    results,
    modelYears: years,
    costs,
    writesPerRegistration: writes,
    dbBoundRegistrationsPerSecond: dbBound,
    bundles,
    nationalReview: { ...national, lines: undefined },
    targets,
  };
  writeFileSync(join(outDir, 'bench-results.json'), JSON.stringify(json, null, 2));
  writeFileSync(join(outDir, 'bench-results.md'), markdown + '\n');
  console.error(`\nWritten: ${join(outDir, 'bench-results.json')}, ${join(outDir, 'bench-results.md')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
