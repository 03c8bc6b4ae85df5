/**
 * One size of the benchmark, in its own process (the handler modules read their table at
 * import, so each size gets a fresh process, DynamoDB Local and tables):
 *   node --import tsx bench/size-run.ts <models> <sample> <out.json> [quick]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { loadLifecycleHandlers } from '../local/local-lifecycle.ts';
import { startRuntime } from '../local/runtime.ts';
import { cycleYearAt } from '../core/rules.ts';
import { ApiClient } from '../test/support/api-client.ts';
import { freePort } from '../test/support/free-port.ts';
import { DynamoCounter, diff, type Counts } from './ddb-counter.ts';
import { measureLatencies, type Latencies } from './latency.ts';
import { measurePages, type PagesResult } from './pages.ts';
import { measureRawDynamo, type RawDynamo } from './raw-dynamo.ts';
import { decideMany, finishYear, registerMany, type PhaseTiming } from './registrations.ts';
import { runReview, type ReviewResult } from './review.ts';
import { importProvince, measureImport, type ImportResult } from './imports.ts';
import { measureDecision, type DecisionResult } from './decisions.ts';
import { SfnCounter, diffCalls, type SfnCalls } from './sfn-counter.ts';

export const BOARD = 'ban-tinh-qn';
export const CONCURRENCY = 16;
/** Sizes above this run DynamoDB Local on a database file (bounded memory) instead of in memory. */
const ON_DISK_FROM = 20_000;
/**
 * Models registered one by one through the API (rates, queue, decisions); a size above this brings
 * the rest from the province's spreadsheets first, as a province's offices would (10,000 rows a
 * file), so the requests and the review are measured at full size within the hour.
 */
const REGISTERED_AT_MOST = Number(process.env.BENCH_REGISTERED_AT_MOST ?? 10_000);
const TABLE = 'bench';
export const ENGINE_TABLE = `${TABLE}-local-sfn`;
export const APP_TABLE = TABLE;

export type Invocations = Record<string, { count: number; totalMs: number }>;
/** `sfnCalls`: Step Functions API calls by operation (a logical call; the SDK's retries inside it are not counted). */
export type Phase = { per: number; counts: Counts; invocations: Invocations; webCalls: number; webMsPerCall: number; sfnCalls?: SfnCalls };
export type SizeResult = {
  models: number;
  sample: number;
  raw: RawDynamo;
  registrations: PhaseTiming;
  /** The models imported before the registrations (`models` − registered), when there were any. */
  provinceLoad?: ImportResult;
  decisions: PhaseTiming;
  review: ReviewResult;
  finishYear: { ms: number; httpCalls: number; errors: number; chainLength: number };
  latency: Latencies;
  /** The wait for the mail the registrations caused (sent by the runtime's rounds) before the latencies were taken; `sent` by the last round. */
  mail: { sent: number; ms: number };
  /** Five pages in Chromium on a throttled slow 4G connection, with this size's models in the board's queue. */
  pages: PagesResult;
  /** The import of a spreadsheet of as many rows as models (at most 10,000, a file's limit). */
  imports: ImportResult;
  /** Seed 003's province's decision of the year (at most 1,400 models): issued, its .docx and certificates PDF. */
  batchDecision: DecisionResult;
  /** Counted per phase; `per` is the number of models the phase covered. */
  phases: { register: Phase; decide: Phase; review: Phase; finishYear: Phase };
  memory: { runtimePeakRssMb: number; dynamoDbLocalPeakRssMb?: number; dynamoDbLocal: 'in memory' | 'on disk' };
  totalMs: number;
};

const vmHwmMb = (pid: number | undefined) => {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
};

async function main() {
  const [models, sample, out] = [
    Number(process.argv[2] ?? 1000),
    Number(process.argv[3] ?? 200),
    process.argv[4] ?? 'test-artifacts/bench-size.json',
  ];
  const quick = process.argv[5] === 'quick';
  const begun = performance.now();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const log = (text: string) => console.error(`[bench ${models}] ${text} (${Math.round((performance.now() - begun) / 1000)} s)`);

  // In memory, DynamoDB Local keeps its SQLite database outside the Java heap (-Xmx does not bound
  // it: 1.5 GB RSS at 10,000 models). A province of 100,000 gets a database file instead, so its
  // memory stays bounded by the heap and SQLite's page cache.
  const onDisk = models > ON_DISK_FROM ? mkdtempSync(join(tmpdir(), 'dvk-bench-db-')) : undefined;
  const dynamo = await startDynamoDbLocal(await freePort(), onDisk);
  let stopRuntime: (() => Promise<void>) | undefined;
  try {
    log('raw DynamoDB Local rates');
    // 4,000 puts from 1,000 models up; fewer for a smoke run of a few dozen.
    const puts = Math.min(4000, Math.max(400, models * 4));
    const raw = await measureRawDynamo(dynamo.endpoint, { puts, transacts: puts / 4, queries: 300, concurrency: CONCURRENCY });

    const counter = new DynamoCounter();
    counter.install();
    const sfnCounter = new SfnCounter();
    sfnCounter.install();
    const runtime = await startRuntime({
      webPort: 0,
      sfnPort: 0,
      dynamoPort: 0,
      dynamoEndpoint: dynamo.endpoint,
      tableName: TABLE,
      seed: true,
    });
    stopRuntime = () => runtime.stop();
    // Count each Lambda invocation and its time: the same handler modules, wrapped.
    const invocations: Invocations = {};
    for (const [name, handler] of await loadLifecycleHandlers()) {
      runtime.sfn.registerFunction(name, async (event, context) => {
        const started = performance.now();
        try {
          return await handler(event, context);
        } finally {
          const entry = (invocations[name] ??= { count: 0, totalMs: 0 });
          entry.count++;
          entry.totalMs += performance.now() - started;
        }
      });
    }
    const idle = () => runtime.sfn.idle();
    await idle(); // the demo seed's own workflows
    // Signed in again before each phase: a session ends after 30 idle minutes, and a province's
    // import and registrations take longer than that before the board's first request.
    const signIn = () =>
      Promise.all([
        ApiClient.signIn(runtime.webUrl, 'donvi.halong'),
        ApiClient.signIn(runtime.webUrl, 'ban.quangninh'),
        ApiClient.signIn(runtime.webUrl, 'quantri'),
      ]);
    let [unit, board, admin] = await signIn();
    // The cycle year (Vietnam time): registrations are for this year or the next.
    const year = cycleYearAt(runtime.webDeps.now());

    const measure = async <T>(per: number, webCalls: number, run: () => Promise<T>, webMs?: (result: T) => number) => {
      const counts = counter.snapshot();
      const sfnBefore = sfnCounter.snapshot();
      const calls = structuredClone(invocations);
      const result = await run();
      const used: Invocations = {};
      for (const [name, entry] of Object.entries(invocations)) {
        const before = calls[name] ?? { count: 0, totalMs: 0 };
        if (entry.count > before.count)
          used[name] = { count: entry.count - before.count, totalMs: Math.round(entry.totalMs - before.totalMs) };
      }
      const phase: Phase = {
        per,
        counts: diff(counter.snapshot(), counts),
        invocations: used,
        webCalls,
        webMsPerCall: webMs ? Math.round(webMs(result) * 10) / 10 : 0,
        sfnCalls: diffCalls(sfnCounter.snapshot(), sfnBefore),
      };
      return { result, phase };
    };

    const registering = Math.min(models, REGISTERED_AT_MOST);
    let provinceLoad: ImportResult | undefined;
    if (registering < models) {
      log(`importing ${models - registering} implementing and recognized models from the province's spreadsheets`);
      provinceLoad = await importProvince(runtime.webDeps, models - registering);
      await idle();
    }
    log(`registering ${registering} models through the HTTP API`);
    const registered = await measure(
      registering,
      registering,
      () => registerMany(unit, registering, year, CONCURRENCY, idle),
      (r) => (r.timing.apiMs * CONCURRENCY) / registering,
    );
    const ids = registered.result.ids;
    // The same process sends the mail the registrations caused (one per board member and model on
    // IMMEDIATE): measured apart, and sent before the latencies so they are taken on a quiet stack.
    log('sending the notifications of the registrations');
    const mailStarted = performance.now();
    const mailSent = await runtime.mail.dispatch();
    const mail = { sent: mailSent, ms: Math.round(performance.now() - mailStarted) };
    [unit, board, admin] = await signIn();
    log(`${ids.length} registered; measuring latencies with ${ids.length} models in the board's queue`);
    const latency = await measureLatencies(board, runtime.webDeps.db, TABLE, ids, quick ? 40 : 200);
    log('pages on a slow 4G connection');
    const pages = await measurePages(runtime.webUrl, { unit, board }, ids[0]!);
    if (pages.error) log(`pages not measured: ${pages.error}`);
    [unit, board, admin] = await signIn();
    log('the board accepts every registration');
    const decided = await measure(
      ids.length,
      ids.length,
      () => decideMany(board, ids, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' }, CONCURRENCY, idle),
      (r) => (r.apiMs * CONCURRENCY) / ids.length,
    );
    [unit, board, admin] = await signIn();
    log('the yearly review');
    const reviewed = await measure(ids.length, 1, () => runReview(admin, BOARD, year, idle));
    reviewed.phase.per = reviewed.result.models;
    const sampleIds = ids.slice(0, Math.min(sample, ids.length));
    [unit, board, admin] = await signIn();
    log(`reports and appraisals for a sample of ${sampleIds.length}`);
    const finished = await measure(sampleIds.length, 0, () => finishYear(unit, board, sampleIds, year, CONCURRENCY, idle));
    finished.phase.webCalls = finished.result.httpCalls;
    finished.phase.webMsPerCall = Math.round(((finished.result.ms * CONCURRENCY) / Math.max(1, finished.result.httpCalls)) * 10) / 10;

    const importRows = Math.min(models, 10_000);
    log(`importing ${importRows} rows from an xlsx`);
    const imports = await measureImport(runtime.webDeps, importRows);
    const decisionModels = Math.min(models, 1400);
    log(`issuing a decision of ${decisionModels} models, its document and certificates`);
    const batchDecision = await measureDecision(runtime.webDeps, BOARD, decisionModels, year + 1);

    clearInterval(sampler);
    const result: SizeResult = {
      models,
      sample: sampleIds.length,
      raw,
      registrations: registered.result.timing,
      ...(provinceLoad ? { provinceLoad } : {}),
      decisions: decided.result,
      review: reviewed.result,
      finishYear: finished.result,
      latency,
      mail,
      pages,
      imports,
      batchDecision,
      phases: { register: registered.phase, decide: decided.phase, review: reviewed.phase, finishYear: finished.phase },
      memory: {
        runtimePeakRssMb: Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
        dynamoDbLocalPeakRssMb: vmHwmMb(dynamo.process.pid),
        dynamoDbLocal: onDisk ? 'on disk' : 'in memory',
      },
      totalMs: Math.round(performance.now() - begun),
    };
    writeFileSync(out, JSON.stringify(result, null, 2));
    log('done');
  } finally {
    clearInterval(sampler);
    await stopRuntime?.().catch(() => undefined);
    await dynamo.stop();
    if (onDisk) rmSync(onDisk, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
