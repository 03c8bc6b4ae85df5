import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../core/deps.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { readCounters } from '../../core/store/stats-store.ts';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { SfnStore } from '../../local/sfn/sfn-store.ts';
import { readLocalSfnCredentials } from '../../local/sfn/sfn-auth.ts';
import { ApiClient, registration, type BodyOf } from '../support/api-client.ts';
import { freePort } from '../support/free-port.ts';
import { executionArn } from '../support/lifecycle-driver.ts';
import { recountBoard, statusAndEvents } from '../support/recount.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { NEXT_YEAR, THIS_YEAR } from '../support/years.ts';

/**
 * Crash and restart: hundreds of lifecycles driven over HTTP while the whole local runtime
 * (`npm start`'s entry, with its DynamoDB Local grandchild) is killed with SIGKILL at random
 * moments and restarted on the same data folder. The driver is state-driven (it reads each
 * model and does the next step), retries cut requests with their Idempotency-Key and treats
 * 409 as "already done or still held: read again". At the end nothing is lost or doubled.
 */
const MODELS = Number(process.env.CRASH_MODELS ?? 200);
/** At most this many requests at once: two cores run the web app, the engine and DynamoDB Local. */
const CONCURRENCY = 16;
const KILLS = Number(process.env.CRASH_KILLS ?? 4);
const TABLE = 'dan-van-kheo';
const RUN = Date.now().toString(36);

const dataDir = mkdtempSync(join(tmpdir(), 'dvk-crash-'));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid && child.exitCode === null) killGroup(child.pid);
  rmSync(dataDir, { recursive: true, force: true });
});

function killGroup(pid: number) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = (min: number, max: number) => min + Math.random() * (max - min);

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

type Ports = { PORT: string; SFN_PORT: string; DYNAMODB_PORT: string };

/** Starts `local/start.ts` in its own process group (so the java grandchild dies with it). */
async function startRuntime(ports: Ports): Promise<{ child: ChildProcess; output: () => string }> {
  for (const port of Object.values(ports)) {
    const since = Date.now();
    while (!(await portFree(Number(port)))) {
      if (Date.now() - since > 30_000) throw new Error(`port ${port} still busy after the kill`);
      await sleep(200);
    }
  }
  const started = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: { ...process.env, ...ports, DATA_DIR: dataDir, TABLE_NAME: TABLE },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  started.stdout.on('data', keep);
  started.stderr.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 180 s:\n${output}`)), 180_000);
    started.stdout.on('data', () => output.includes('Ctrl-C') && (clearTimeout(timer), resolve()));
    started.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited ${code}:\n${output}`))));
  });
  return { child: started, output: () => output };
}

// --- the HTTP side: every request survives a kill by waiting for the restart and retrying ---

/** Resolved while the runtime is up; replaced by a pending promise just before each kill. */
let up: Promise<void> = Promise.resolve();
const stats = { requests: 0, inFlight: 0, connectionErrors: 0, retriedWithKey: 0, replayed: 0, stuckKeys: 0, serverErrors: 0 };

class HttpError extends Error {}

/** `body` typed as the document's 2xx answer to the request, as ApiClient's (these raw calls are not held against it). */
type Reply<B = unknown> = { status: number; body: B; replayed: boolean };

let slots = CONCURRENCY;
const queue: (() => void)[] = [];
async function call<M extends string, P extends string>(
  client: ApiClient,
  method: M,
  path: P,
  body?: unknown,
  key?: string,
): Promise<Reply<BodyOf<M, P>>> {
  if (slots > 0) slots--;
  else await new Promise<void>((resolve) => queue.push(resolve));
  try {
    return await callOnce(client, method, path, body, key);
  } finally {
    const next = queue.shift();
    if (next) next();
    else slots++;
  }
}

async function callOnce<M extends string, P extends string>(
  client: ApiClient,
  method: M,
  path: P,
  body?: unknown,
  key?: string,
): Promise<Reply<BodyOf<M, P>>> {
  for (let attempt = 0; ; attempt++) {
    await up;
    stats.requests++;
    stats.inFlight++;
    try {
      const response = await fetch(`${client.baseUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          cookie: client.cookie,
          ...(key ? { 'Idempotency-Key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
      });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) client.cookie = setCookie.split(';')[0]!;
      const text = await response.text();
      const replayed = response.headers.get('idempotent-replayed') === 'true';
      if (replayed) stats.replayed++;
      if (response.status < 500) return { status: response.status, body: (text ? JSON.parse(text) : undefined) as BodyOf<M, P>, replayed };
      // A 5xx is not remembered under its key: the retry runs again.
      stats.serverErrors++;
      if (attempt > 20) throw new HttpError(`${method} ${path}: ${response.status} ${text}`);
      await sleep(jitter(300, 1000));
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof HttpError) throw error;
      // The runtime was killed under this request: retry it, with the same key, once it is back.
      stats.connectionErrors++;
      if (key) stats.retriedWithKey++;
      if (attempt > 50) throw error;
      await sleep(200);
    } finally {
      stats.inFlight--;
    }
  }
}

// --- the plan: what each model should go through ---

type Appraisal = 'RECOGNIZE' | 'CONTINUE' | 'STOP';
type Plan = {
  index: number;
  name: string;
  unit: 'halong' | 'quangla';
  returnFirst: boolean;
  reject: boolean;
  appraisal: Appraisal;
  id?: string;
  attempt: number;
  uncertainRegistration: boolean;
  draftSeen: number;
  done: boolean;
  actions: number;
};

function makePlans(): Plan[] {
  const appraisals: Appraisal[] = ['RECOGNIZE', 'CONTINUE', 'STOP'];
  return Array.from({ length: MODELS }, (_, i) => ({
    index: i,
    name: `Mô hình chịu lỗi ${RUN} số ${i}`,
    unit: i % 2 === 0 ? 'halong' : 'quangla',
    reject: i % 10 === 3,
    returnFirst: i % 5 === 1,
    appraisal: appraisals[i % 3]!,
    attempt: 0,
    uncertainRegistration: false,
    draftSeen: 0,
    done: false,
    actions: 0,
  }));
}

const finalStatus = (p: Plan) => (p.reject ? 'REJECTED' : p.appraisal === 'STOP' ? 'STOPPED' : 'IMPLEMENTING');

function expectedDecisions(p: Plan): string[] {
  if (p.reject) return ['REGISTRATION_REVIEW:REJECT'];
  return [
    `APPRAISAL:${p.appraisal}`,
    ...(p.returnFirst ? ['REGISTRATION_REVIEW:RETURN'] : []),
    'REGISTRATION_REVIEW:ACCEPT',
    ...(p.returnFirst ? ['REVISION:REVISE'] : []),
    'YEARLY_REPORT:REPORT',
    'YEARLY_REVIEW:OPEN',
  ].sort();
}

function expectedTransitions(p: Plan): string[] {
  const start = ['>DRAFT', 'DRAFT>SUBMITTED', ...(p.returnFirst ? ['SUBMITTED>RETURNED', 'RETURNED>SUBMITTED'] : [])];
  if (p.reject) return [...start, 'SUBMITTED>REJECTED'];
  const end = {
    RECOGNIZE: ['REPORTED>RECOGNIZED', 'RECOGNIZED>IMPLEMENTING'],
    CONTINUE: ['REPORTED>CONTINUING', 'CONTINUING>IMPLEMENTING'],
    STOP: ['REPORTED>STOPPED'],
  }[p.appraisal];
  return [...start, 'SUBMITTED>IMPLEMENTING', 'IMPLEMENTING>REPORTING', 'REPORTING>REPORTED', ...end];
}

describe('crash and restart: SIGKILL of the whole local runtime while hundreds of lifecycles run', () => {
  it('loses no execution and applies no decision, audit event or counter twice', { timeout: 900_000 }, async () => {
    const started = Date.now();
    const ports: Ports = { PORT: String(await freePort()), SFN_PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()) };
    const base = `http://127.0.0.1:${ports.PORT}`;
    let runtime = await startRuntime(ports);
    child = runtime.child;
    expect(runtime.output()).toContain('Demo data created');

    // Sessions are kept in the table and signed with the secret in DATA_DIR: they survive the kills.
    const [halong, quangla, board, admin] = await Promise.all(
      ['donvi.halong', 'donvi.quangla', 'ban.quangninh', 'quantri'].map((u) => ApiClient.signIn(base, u)),
    );
    const units = { halong: halong!, quangla: quangla! };

    const plans = makePlans();
    const accepted = new Set<number>();
    const plannedAccepted = plans.filter((p) => !p.reject).length;
    let reviewOpened = false;
    let reviewAttempt = 0;
    const problems: string[] = [];

    async function openReview() {
      if (reviewOpened) return;
      const reply = await call(admin!, 'POST', '/api/reviews', { year: THIS_YEAR }, `crash-${RUN}-review-${reviewAttempt}`);
      if (reply.status === 202) reviewOpened = true;
      else if (reply.status === 409) reviewAttempt++;
      else throw new Error(`review: ${reply.status} ${JSON.stringify(reply.body)}`);
    }

    /** One step of the model's lifecycle, chosen from what the model is now. Returns false when waiting. */
    async function act(p: Plan, client: ApiClient, method: string, path: string, body: unknown, step: string): Promise<void> {
      p.actions++;
      const reply = await call(client, method, path, body, `crash-${RUN}-m${p.index}-${step}-${p.attempt}`);
      // 409: someone did it already, the lifecycle moved on, or the key is held by a request the kill cut:
      // read the model again, and use a new key if the step still needs doing.
      if (reply.status === 409) {
        p.attempt++;
        if (/still in progress/.test(JSON.stringify(reply.body))) stats.stuckKeys++;
        return;
      }
      if (reply.status >= 400) throw new Error(`model ${p.index} ${step}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }

    async function register(p: Plan) {
      const unit = units[p.unit];
      if (p.uncertainRegistration) {
        const list = await call(unit, 'GET', '/api/models');
        const found = (list.body.models as { id: string; name: string }[]).find((m) => m.name === p.name);
        if (found) return void (p.id = found.id);
      }
      p.uncertainRegistration = true;
      const reply = await call(
        unit,
        'POST',
        '/api/models',
        registration({ name: p.name }),
        `crash-${RUN}-m${p.index}-register-${p.attempt}`,
      );
      if (reply.status === 202) return void (p.id = reply.body.id);
      if (reply.status === 409) return void p.attempt++;
      throw new Error(`register ${p.index}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }

    async function drive(p: Plan) {
      await sleep(jitter(0, 8000)); // registrations spread over the first seconds
      const unit = units[p.unit];
      const deadline = Date.now() + Number(process.env.CRASH_DEADLINE_MS ?? 600_000);
      while (!p.done) {
        if (Date.now() > deadline) throw new Error(`model ${p.index} (${p.id}) did not finish`);
        if (!p.id) {
          await register(p);
          continue;
        }
        // Read as the owning unit: until its lifecycle submits it the model is a draft, which only the unit sees.
        const detail = await call(unit, 'GET', `/api/models/${p.id}`);
        if (detail.status !== 200) throw new Error(`read ${p.index}: ${detail.status} ${JSON.stringify(detail.body)}`);
        const { model, tasks } = detail.body;
        statusOf.set(p.index, `${model.status}${model.cycleYear}`);
        const pending = (stage: string) => tasks.find((t) => t.stage === stage && t.status === 'PENDING');
        const path = `/api/models/${p.id}` as const;
        let acted = true;
        switch (model.status) {
          case 'DRAFT':
            // Stored but its execution not started (the kill came in between): submit it again.
            if (++p.draftSeen >= 3) await act(p, unit, 'POST', `${path}/submit`, {}, 'submit');
            else acted = false;
            break;
          case 'SUBMITTED': {
            const task = pending('REGISTRATION_REVIEW');
            if (!task) acted = false;
            else if (p.reject)
              await act(
                p,
                board!,
                'POST',
                `${path}/decisions`,
                { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT', reason: 'Trùng lặp' },
                `review${task.round}`,
              );
            else if (p.returnFirst && task.round === 1)
              await act(
                p,
                board!,
                'POST',
                `${path}/decisions`,
                { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: 'Bổ sung chỉ tiêu' },
                `review${task.round}`,
              );
            else
              await act(p, board!, 'POST', `${path}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' }, `review${task.round}`);
            break;
          }
          case 'RETURNED':
            if (!pending('REVISION')) acted = false;
            else {
              const m = model;
              await act(
                p,
                unit,
                'POST',
                `${path}/revision`,
                {
                  name: m.name,
                  situation: m.situation,
                  objectives: `${m.objectives} (bổ sung)`,
                  content: m.content,
                  targetGroup: m.targetGroup,
                  forces: m.forces,
                  resources: m.resources,
                  outputs: m.outputs,
                  sustainability: m.sustainability,
                  kind: m.kind,
                  area: m.area,
                },
                'revision',
              );
            }
            break;
          case 'IMPLEMENTING':
            if (model.cycleYear > THIS_YEAR) {
              p.done = true;
              break;
            }
            accepted.add(p.index);
            // The review opens once half the models are in: the others join it by themselves.
            if (!reviewOpened && accepted.size >= plannedAccepted / 2) await openReview();
            else acted = false;
            break;
          case 'REPORTING':
            if (!pending('YEARLY_REPORT')) acted = false;
            else await act(p, unit, 'POST', `${path}/report`, { report: `Báo cáo năm ${THIS_YEAR} của mô hình ${p.index}` }, 'report');
            break;
          case 'REPORTED': {
            if (!pending('APPRAISAL')) {
              acted = false;
              break;
            }
            const view = await call(board!, 'GET', `${path}/appraisal`);
            const { appraisal, criteriaSet } = view.body;
            if (!appraisal || appraisal.status === 'RETURNED') {
              if (!criteriaSet) throw new Error(`model ${p.index}: its board has no criteria set to score`);
              const { criteria } = criteriaSet;
              const proposal =
                p.appraisal === 'RECOGNIZE'
                  ? { outcome: 'RECOGNIZE', level: 'PROVINCE' }
                  : p.appraisal === 'CONTINUE'
                    ? { outcome: 'CONTINUE' }
                    : { outcome: 'STOP', stopReason: 'INEFFECTIVE', reason: 'Không hiệu quả' };
              await act(
                p,
                board!,
                'POST',
                `${path}/appraisal/scores`,
                { scores: criteria.map((c) => ({ criterionId: c.id, score: c.maxScore })), proposal },
                'scores',
              );
            } else if (appraisal.status === 'IN_APPROVAL') {
              await act(p, board!, 'POST', `${path}/appraisal/approve`, {}, `approve${appraisal.step}`);
            } else acted = false;
            break;
          }
          case 'REJECTED':
          case 'STOPPED':
            p.done = true;
            break;
          default: // RECOGNIZED, CONTINUING: the workflow starts the next cycle
            acted = false;
        }
        if (p.done && model.status !== finalStatus(p)) problems.push(`model ${p.index} ended ${model.status}, planned ${finalStatus(p)}`);
        if (!acted && !p.done) await sleep(jitter(1000, 2500));
      }
    }

    // --- the killer: SIGKILL at random moments while work is in flight, then restart ---
    let kills = 0;
    const killsInFlight: number[] = [];
    const restartSeconds: number[] = [];
    let allDone = false;
    const killer = (async () => {
      try {
        while (kills < KILLS && !allDone) {
          await sleep(jitter(6000, 20_000));
          if (allDone) break;
          let release!: () => void;
          up = new Promise<void>((resolve) => (release = resolve));
          killsInFlight.push(stats.inFlight);
          const exited = new Promise<void>((resolve) =>
            runtime.child.exitCode !== null ? resolve() : runtime.child.once('exit', () => resolve()),
          );
          killGroup(runtime.child.pid!);
          await exited;
          kills++;
          const restartAt = Date.now();
          runtime = await startRuntime(ports);
          restartSeconds.push(Math.round((Date.now() - restartAt) / 100) / 10);
          child = runtime.child;
          if (!runtime.output().includes('Existing data kept')) throw new Error(`restart did not keep the data:\n${runtime.output()}`);
          release();
        }
      } catch (error) {
        allDone = true;
        up = Promise.resolve();
        throw error;
      }
    })();

    const statusOf = new Map<number, string>();
    const progress = setInterval(() => {
      const counts: Record<string, number> = {};
      for (const p of plans) {
        const key = p.done ? 'done' : (statusOf.get(p.index) ?? 'new');
        counts[key] = (counts[key] ?? 0) + 1;
      }
      if (process.env.CRASH_DEBUG)
        console.error(
          `[crash-restart] ${Math.round((Date.now() - started) / 1000)} s, kills ${kills}, review ${reviewOpened}`,
          JSON.stringify(counts),
          JSON.stringify(stats),
        );
    }, 10_000);
    const results = await Promise.allSettled(plans.map((p) => drive(p)));
    allDone = true;
    clearInterval(progress);
    await killer;
    const driveFailures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason));
    const driveSeconds = (Date.now() - started) / 1000;

    // --- every execution, decision and audit event, through the running runtime ---
    // The local Step Functions service only answers requests signed with the key the running copy wrote into DATA_DIR.
    const sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${ports.SFN_PORT}`,
      region: 'ap-southeast-1',
      credentials: readLocalSfnCredentials(dataDir),
    });
    let lost = 0;
    let duplicated = 0;
    const recognitionNumbers: string[] = [];
    for (const p of plans) {
      if (!p.id) {
        lost++;
        problems.push(`model ${p.index} never registered`);
        continue;
      }
      const { body } = await call(board!, 'GET', `/api/models/${p.id}`);
      if (body.model.status !== finalStatus(p) || (finalStatus(p) === 'IMPLEMENTING' && body.model.cycleYear !== NEXT_YEAR)) {
        lost++;
        problems.push(`model ${p.index}: ${body.model.status} ${body.model.cycleYear}, planned ${finalStatus(p)}`);
      }
      // The last decisions may still be on their way (the outbox sweeper runs every 5 s): give them a minute.
      // Its registration, and (unless rejected) its cycle of this year, ended; a model resting for next year holds no execution.
      for (const which of p.reject ? (['r'] as const) : (['r', THIS_YEAR] as const)) {
        const describeIt = () =>
          sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(p.id!, which) })).catch((e: Error) => ({ status: e.name }));
        let execution = await describeIt();
        for (
          const deadline = Date.now() + 60_000;
          execution.status === 'RUNNING' && Date.now() < deadline;
          execution = await describeIt()
        ) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        if (execution.status !== 'SUCCEEDED') {
          lost++;
          problems.push(`execution ${p.id} ${which} is ${execution.status}`);
        }
      }
      const decisions = body.decisions as { stage: string; outcome: string; year: number; round: number }[];
      const keys = decisions.map((d) => `${d.year}:${d.stage}:${d.round}`);
      if (new Set(keys).size !== keys.length) duplicated++;
      const got = decisions.map((d) => `${d.stage}:${d.outcome}`).sort();
      if (JSON.stringify(got) !== JSON.stringify(expectedDecisions(p))) {
        if (got.length > expectedDecisions(p).length) duplicated++;
        else lost++;
        problems.push(`model ${p.index} decisions ${got.join(',')}, expected ${expectedDecisions(p).join(',')}`);
      }
      const steps = (body.events as { type: string; from?: string; to?: string; at: string }[])
        .filter((e) => e.type === 'TRANSITION')
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((e) => `${e.from ?? ''}>${e.to}`);
      if (new Set(steps).size !== steps.length) duplicated++;
      if (JSON.stringify(steps) !== JSON.stringify(expectedTransitions(p))) {
        if (steps.length <= expectedTransitions(p).length) lost++;
        problems.push(`model ${p.index} transitions ${steps.join(',')}, expected ${expectedTransitions(p).join(',')}`);
      }
      // A recognition gets its number when the board's decision of the year is issued (none is, here); those issued are unique.
      const recognitions = (body.model.recognitions ?? []) as { number?: string; year: number }[];
      if (new Set(recognitions.map((r) => r.year)).size !== recognitions.length) {
        duplicated++;
        problems.push(`model ${p.index} recognized twice in a year: ${JSON.stringify(recognitions)}`);
      }
      for (const r of recognitions) if (r.number) recognitionNumbers.push(r.number);
    }
    if (new Set(recognitionNumbers).size !== recognitionNumbers.length) {
      duplicated++;
      problems.push(`recognition numbers repeat: ${recognitionNumbers.sort().join(',')}`);
    }
    const boards = ((await call(admin!, 'GET', '/api/boards')).body.boards as { id: string }[]).map((b) => b.id);
    sfn.destroy();

    // --- the counters against a recount, read from the tables with the runtime stopped ---
    const exited = new Promise<void>((resolve) => runtime.child.once('exit', () => resolve()));
    runtime.child.kill('SIGTERM');
    await exited;
    const dynamoPort = await freePort();
    const dynamo = await startDynamoDbLocal(dynamoPort, join(dataDir, 'dynamodb'));
    let rerunTasks = 0;
    const counterMismatches: string[] = [];
    try {
      const raw = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'ap-southeast-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const deps = { db: createDocumentClient(raw), tableName: TABLE } as unknown as Deps;
      const years = [THIS_YEAR, NEXT_YEAR];
      const total = new Map<number, Record<string, number>>();
      for (const boardId of boards) {
        const recount = await recountBoard(deps, boardId);
        const counters = await readCounters(deps, boardId, years);
        for (const year of years) {
          const have = statusAndEvents(counters.get(year) ?? {});
          const want = recount.get(year) ?? {};
          if (JSON.stringify(Object.entries(have).sort()) !== JSON.stringify(Object.entries(want).sort()))
            counterMismatches.push(`${boardId} ${year}: counters ${JSON.stringify(have)} recount ${JSON.stringify(want)}`);
          const sum = total.get(year) ?? {};
          for (const [k, v] of Object.entries(want)) sum[k] = (sum[k] ?? 0) + v;
          total.set(year, sum);
        }
      }
      const all = await readCounters(deps, 'ALL', years);
      for (const year of years) {
        const have = statusAndEvents(all.get(year) ?? {});
        const want = total.get(year) ?? {};
        if (JSON.stringify(Object.entries(have).sort()) !== JSON.stringify(Object.entries(want).sort()))
          counterMismatches.push(`ALL ${year}: counters ${JSON.stringify(have)} recount ${JSON.stringify(want)}`);
      }
      // Informational: callback tasks whose function ran again because the kill came before they parked
      // (a function task keeps no record before its result, so its re-runs are not counted).
      const store = new SfnStore(deps.db, `${TABLE}-local-sfn`);
      for (const p of plans.filter((q) => q.id))
        for (const which of ['r', THIS_YEAR] as const)
          for (const t of await store.tasks(executionArn(p.id!, which))) if (t.invocations > 1) rerunTasks++;
      raw.destroy();
    } finally {
      await dynamo.stop();
    }
    duplicated += counterMismatches.length;

    const summary = {
      lifecycles: MODELS,
      kills,
      killsInFlight,
      restartSeconds,
      seconds: Math.round((Date.now() - started) / 1000),
      driveSeconds: Math.round(driveSeconds),
      ...stats,
      actions: plans.reduce((n, p) => n + p.actions, 0),
      rerunTasks,
      lost,
      duplicated,
    };
    console.log('[crash-restart]', JSON.stringify(summary));
    recordCounts('crash-restart', {
      lifecyclesRun: plans.filter((p) => p.done).length,
      killsSurvived: kills,
      retriesTried: stats.retriedWithKey,
      lost,
      duplicated,
    });

    expect(driveFailures).toEqual([]);
    expect(problems).toEqual([]);
    expect(counterMismatches).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 3));
    // Some kills land between bursts of requests; they still cut executions mid-run. At least one cut requests.
    expect(killsInFlight.some((n) => n > 0)).toBe(true);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
  });
});
