import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTableInput } from '../../core/table.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { ensureTable } from '../../local/dynamodb-local.ts';
import type { LoadedMachine } from '../../local/sfn/execution-run.ts';
import { loadMachine } from '../../local/sfn/load-machine.ts';
import { LocalStepFunctions, type LocalStepFunctionsOptions } from '../../local/sfn/local-step-functions.ts';
import { SfnStore } from '../../local/sfn/sfn-store.ts';
import { eventually } from '../support/test-runtime.ts';
import { stringContaining } from '../support/matchers.ts';

/**
 * The local engine enforces the hard limits of Step Functions and Lambda (see
 * /work/shared/aws-limits.md and local/sfn/limits.ts), with small purpose-built machines and
 * in-process handlers; each limit is shrunk through the engine's options where AWS's is a year.
 */
const REGION_ACCOUNT = 'ap-southeast-1:000000000000';
const machineArn = (name: string) => `arn:aws:states:${REGION_ACCOUNT}:stateMachine:${name}`;
const fn = (name: string) => `arn:aws:lambda:${REGION_ACCOUNT}:function:${name}`;
const LIMIT = 262_144;

type State = Record<string, unknown>;
const machine = (name: string, startAt: string, states: Record<string, State>, arn = machineArn(name)): LoadedMachine =>
  loadMachine(arn, name, JSON.stringify({ StartAt: startAt, States: states }), {});
const invoke = (functionName: string, payload: unknown, rest: State): State => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: fn(functionName), Payload: payload },
  ...rest,
});
/** A callback task: `park` keeps its token by execution name. */
const awaitToken = (rest: State): State => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: fn('park'), Payload: { 'token.$': '$$.Task.Token', 'execution.$': '$$.Execution.Name' } },
  ...rest,
});
const pass = (result: unknown): State => ({ Type: 'Pass', Result: result, End: true });
const catchAll = (next: string) => [{ ErrorEquals: ['States.ALL'], Next: next, ResultPath: '$.error' }];

let raw: DynamoDBClient;
const engines: LocalStepFunctions[] = [];
const tokens = new Map<string, string>();
const calls = new Map<string, number>();
const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let remainingAtStart = -1;

beforeAll(() => {
  raw = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});
afterAll(() => raw.destroy());

async function freshTable(): Promise<string> {
  const table = `limits-${randomUUID().slice(0, 8)}`;
  await ensureTable(raw, createTableInput(table));
  return table;
}

/** An engine on `table` with the test handlers, started. */
async function engine(table: string, machines: LoadedMachine[], options: LocalStepFunctionsOptions = {}): Promise<LocalStepFunctions> {
  const sfn = new LocalStepFunctions(new SfnStore(createDocumentClient(raw), table), new Map(machines.map((m) => [m.arn, m])), new Map(), {
    timerIntervalMs: 50,
    ...options,
  });
  sfn.registerFunction('park', (event) => {
    const { token, execution } = event as { token: string; execution: string };
    count(`park:${execution}`);
    tokens.set(execution, token);
    return Promise.resolve({});
  });
  sfn.registerFunction('echo', (event) => Promise.resolve(event));
  sfn.registerFunction('record', (event) => {
    count(`record:${(event as { execution: string }).execution}`);
    return Promise.resolve({});
  });
  sfn.registerFunction('big', (event) => {
    const { size, execution } = event as { size: number; execution: string };
    count(`big:${execution}`);
    return Promise.resolve('x'.repeat(size));
  });
  sfn.registerFunction('count', (event) => Promise.resolve({ n: (event as { n: number }).n + 1 }));
  sfn.registerFunction(
    'slow',
    async (event, context) => {
      remainingAtStart = (context as { getRemainingTimeInMillis(): number }).getRemainingTimeInMillis();
      await sleep((event as { ms: number }).ms);
      return { slept: true };
    },
    { timeoutSeconds: 1 },
  );
  await sfn.start();
  engines.push(sfn);
  return sfn;
}

async function start(sfn: LocalStepFunctions, m: LoadedMachine, input: unknown = {}, name = `e-${randomUUID().slice(0, 8)}`) {
  const { executionArn } = await sfn.startExecution({ stateMachineArn: m.arn, name, input: JSON.stringify(input) });
  return { executionArn, name };
}

async function ended(sfn: LocalStepFunctions, executionArn: string, timeoutMs = 15_000) {
  return eventually(
    async () => {
      const out = await sfn.describeExecution(executionArn);
      return out.status !== 'RUNNING' ? out : undefined;
    },
    `end of ${executionArn}`,
    timeoutMs,
  );
}

const history = async (sfn: LocalStepFunctions, executionArn: string) =>
  (await sfn.getExecutionHistory({ executionArn, maxResults: 1000 })).events;
const enteredStates = async (sfn: LocalStepFunctions, executionArn: string) =>
  (await history(sfn, executionArn))
    .filter((e) => e.type.endsWith('StateEntered'))
    .map((e) => (e as { stateEnteredEventDetails?: { name: string } }).stateEnteredEventDetails!.name);

describe('maximum execution duration (AWS: 1 year; States.Timeout, no Catch, TIMED_OUT)', () => {
  it('defaults to the AWS limits', () => {
    const sfn = new LocalStepFunctions(new SfnStore(createDocumentClient(raw), 'unused'), new Map(), new Map());
    expect(sfn.limits).toEqual({ maxExecutionSeconds: 365 * 24 * 3600, maxHistoryEvents: 25_000 });
  });

  const waiting = machine('Waiting', 'Await', {
    Await: awaitToken({ Catch: catchAll('Caught'), Next: 'Done' }),
    Caught: pass('caught'),
    Done: pass('done'),
  });

  it('times out an execution parked on a callback, with nothing in memory, across a restart', async () => {
    const table = await freshTable();
    const first = await engine(table, [waiting], { maxExecutionSeconds: 2 });
    const { executionArn, name } = await start(first, waiting);
    const token = await eventually(() => tokens.get(name), 'the callback token');
    const stored = await first.store.getExecution(executionArn);
    expect(Date.parse(stored!.deadline!) - Date.parse(stored!.startDate)).toBe(2000);
    await first.idle();
    await first.close();
    await sleep(2200); // past the deadline while no engine runs

    const second = await engine(table, [waiting]); // the deadline was stored: this engine's 1-year default does not apply to it
    const out = await ended(second, executionArn);
    expect(out).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(out.cause).toMatch(/maximum execution time 1 year/);
    // The status fences out any new pass first; the closing event follows once the running pass let go.
    const events = await eventually(async () => {
      const all = await history(second, executionArn);
      return all.at(-1)?.type === 'ExecutionTimedOut' ? all : undefined;
    }, 'the ExecutionTimedOut event');
    expect(events.at(-1)).toMatchObject({ executionTimedOutEventDetails: { error: 'States.Timeout', cause: out.cause } });
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(await enteredStates(second, executionArn)).toEqual(['Await']); // no Catch ran
    await expect(second.sendTaskSuccess({ taskToken: token, output: '{}' })).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    const due = await second.store.dueTimers('9999-12-31T00:00:00.000Z');
    expect(due.filter((d) => d.executionArn === executionArn && d.deadline)).toEqual([]); // its deadline timer is gone
  });

  it('never lets an execution succeed past its deadline, even when its timer has not fired yet', async () => {
    const table = await freshTable();
    // Timers effectively never fire here: only the answer to the callback drives the execution on.
    const sfn = await engine(table, [waiting], { maxExecutionSeconds: 1, timerIntervalMs: 3_600_000 });
    const { executionArn, name } = await start(sfn, waiting);
    const token = await eventually(() => tokens.get(name), 'the callback token');
    await sleep(1200);
    await sfn.sendTaskSuccess({ taskToken: token, output: '{}' });
    expect(await ended(sfn, executionArn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(await enteredStates(sfn, executionArn)).toEqual(['Await']);
  });

  it('closes a pass that is running when the deadline comes: no later state runs', async () => {
    const m = machine('Running', 'Slow', {
      Slow: invoke('slow', { ms: 600 }, { Catch: catchAll('Caught'), Next: 'Slower' }),
      Slower: invoke('slow', { ms: 800 }, { Catch: catchAll('Caught'), Next: 'After' }),
      After: invoke('record', { 'execution.$': '$$.Execution.Name' }, { End: true }),
      Caught: pass('caught'),
    });
    const sfn = await engine(await freshTable(), [m], { maxExecutionSeconds: 1 });
    const { executionArn, name } = await start(sfn, m);
    const out = await ended(sfn, executionArn);
    expect(out).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    await sleep(1500); // the handler that was running returns into the closed pass
    await sfn.idle();
    expect(calls.get(`record:${name}`)).toBeUndefined();
    expect((await sfn.describeExecution(executionArn)).status).toBe('TIMED_OUT');
    const events = await history(sfn, executionArn);
    expect(events.at(-1)!.type).toBe('ExecutionTimedOut');
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(await enteredStates(sfn, executionArn)).not.toContain('Caught');
  });

  it('gives executions stored without a deadline (earlier versions) one from their startDate, and runs them on the current definition', async () => {
    const table = await freshTable();
    const simple = machine('Simple', 'Done', { Done: pass('current definition') });
    const db = createDocumentClient(raw);
    const old = (name: string, startDate: string, runnable: boolean, m: LoadedMachine) => {
      const executionArn = `${m.arn.replace(':stateMachine:', ':execution:')}:${name}`;
      const item = {
        pk: `EXEC#${executionArn}`,
        sk: 'META',
        executionArn,
        stateMachineArn: m.arn,
        name,
        input: '{}',
        status: 'RUNNING',
        startDate,
        gsi2pk: `SM#${m.arn}`,
        gsi2sk: `${startDate}#${name}`,
        ...(runnable ? { gsi1pk: 'RUNNABLE', gsi1sk: executionArn } : {}),
      };
      return db.send(new PutCommand({ TableName: table, Item: item })).then(() => executionArn);
    };
    const ancient = await old('parked-two-years', new Date(Date.now() - 2 * 365 * 24 * 3600 * 1000).toISOString(), false, waiting);
    const recent = await old('runnable-now', new Date().toISOString(), true, simple);

    const sfn = await engine(table, [waiting, simple]);
    expect(await ended(sfn, ancient)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(await ended(sfn, recent)).toMatchObject({ status: 'SUCCEEDED', output: '"current definition"' });
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: { pk: `EXEC#${recent}`, sk: 'META' } }));
    expect(Item?.deadline).toBeDefined();
    await sfn.close();
    await engine(table, [waiting, simple]); // a second start finds the backfill done and does not trip on them
  });
});

describe('256 KiB payloads (262,144 bytes as UTF-8)', () => {
  const echo = machine('Echo', 'Done', { Done: pass({ ok: true }) });
  const waiting = machine('WaitingOutput', 'Await', { Await: awaitToken({ End: true }) });

  it('refuses a StartExecution input over 262,144 UTF-8 bytes with InvalidExecutionInput, and takes one of exactly that size', async () => {
    const sfn = await engine(await freshTable(), [echo]);
    const exact = JSON.stringify({ s: 'đ'.repeat((LIMIT - 8) / 2) }); // 'đ' is 2 bytes
    expect(Buffer.byteLength(exact)).toBe(LIMIT);
    const { executionArn } = await sfn.startExecution({ stateMachineArn: echo.arn, name: 'exact', input: exact });
    expect(await ended(sfn, executionArn)).toMatchObject({ status: 'SUCCEEDED' });
    const over = JSON.stringify({ s: 'đ'.repeat((LIMIT - 8) / 2 + 1) });
    expect(over.length).toBeLessThan(LIMIT); // counted in bytes, not characters
    await expect(sfn.startExecution({ stateMachineArn: echo.arn, name: 'over', input: over })).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
    await expect(sfn.describeExecution(executionArn.replace(/exact$/, 'over'))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('refuses a SendTaskSuccess output over 256 KiB with InvalidOutput; the task still waits', async () => {
    const sfn = await engine(await freshTable(), [waiting]);
    const { executionArn, name } = await start(sfn, waiting);
    const token = await eventually(() => tokens.get(name), 'token');
    await expect(sfn.sendTaskSuccess({ taskToken: token, output: JSON.stringify('x'.repeat(LIMIT)) })).rejects.toMatchObject({
      name: 'InvalidOutput',
    });
    await sfn.sendTaskSuccess({ taskToken: token, output: '{"fine":true}' });
    expect(await ended(sfn, executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"fine":true}' });
  });

  it('fails the execution with States.DataLimitExceeded for a task result over the limit: no Retry, no Catch', async () => {
    const m = machine('BigResult', 'Big', {
      Big: invoke(
        'big',
        { size: LIMIT, 'execution.$': '$$.Execution.Name' },
        {
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1 }],
          Catch: catchAll('Caught'),
          Next: 'Done',
        },
      ),
      Caught: pass('caught'),
      Done: pass('done'),
    });
    const sfn = await engine(await freshTable(), [m]);
    const { executionArn, name } = await start(sfn, m);
    const out = await ended(sfn, executionArn);
    expect(out).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(out.cause).toMatch(/result of task 'Big'/);
    expect(calls.get(`big:${name}`)).toBe(1);
    expect(await enteredStates(sfn, executionArn)).toEqual(['Big']);
    expect((await history(sfn, executionArn)).at(-1)).toMatchObject({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'States.DataLimitExceeded' },
    });
  });

  it("fails the execution with States.DataLimitExceeded for a state's output over the limit, though its task's result is under it", async () => {
    const m = machine('BigOutput', 'Grow', {
      Grow: invoke(
        'big',
        { size: 150_000, 'execution.$': '$$.Execution.Name' },
        { ResultPath: '$.result', Catch: catchAll('Caught'), Next: 'After' },
      ),
      After: invoke('record', { 'execution.$': '$$.Execution.Name' }, { End: true }),
      Caught: pass('caught'),
    });
    const sfn = await engine(await freshTable(), [m]);
    const { executionArn, name } = await start(sfn, m, { pad: 'y'.repeat(150_000) });
    const out = await ended(sfn, executionArn);
    expect(out).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(out.cause).toMatch(/output of state 'Grow'/);
    expect(calls.get(`record:${name}`)).toBeUndefined();
    expect(await enteredStates(sfn, executionArn)).toEqual(['Grow']);
  });
});

describe('execution history size (AWS: 25,000 events)', () => {
  it('fails an execution whose history would pass the limit with States.Runtime, whatever its Catch', async () => {
    const m = machine('Looping', 'Count', {
      Count: invoke('count', { 'n.$': '$.n' }, { ResultSelector: { 'n.$': '$.Payload.n' }, Catch: catchAll('Caught'), Next: 'Loop' }),
      Loop: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 1_000_000, Next: 'Count' }], Default: 'Caught' },
      Caught: pass('caught'),
    });
    const sfn = await engine(await freshTable(), [m], { maxHistoryEvents: 200 });
    const { executionArn } = await start(sfn, m, { n: 0 });
    const out = await ended(sfn, executionArn);
    expect(out).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(out.cause).toMatch(/limit of 200 events/);
    expect(out.cause).toMatch(/25,000 events/);
    const events = await history(sfn, executionArn);
    expect(events).toHaveLength(200);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'States.Runtime' } });
    expect(await enteredStates(sfn, executionArn)).not.toContain('Caught');
  });
});

describe('Lambda timeouts (Sandbox.Timedout, reported as Lambda.Unknown)', () => {
  it('fails an invocation that runs past its function timeout, with the cause AWS gives', async () => {
    const m = machine('SlowFunction', 'Slow', {
      Slow: invoke(
        'slow',
        { ms: 2500 },
        { Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught', ResultPath: '$.error' }], End: true },
      ),
      Caught: { Type: 'Pass', End: true },
    });
    const sfn = await engine(await freshTable(), [m]);
    const began = Date.now();
    const { executionArn } = await start(sfn, m);
    const out = await ended(sfn, executionArn);
    expect(Date.now() - began).toBeLessThan(2400);
    expect(remainingAtStart).toBeGreaterThan(800);
    expect(remainingAtStart).toBeLessThanOrEqual(1000);
    const { error } = JSON.parse(out.output!) as { error: { Error: string; Cause: string } };
    expect(error.Error).toBe('Lambda.Unknown'); // a task failure: States.TaskFailed catches it
    const cause = JSON.parse(error.Cause) as { errorType: string; errorMessage: string };
    expect(cause.errorType).toBe('Sandbox.Timedout');
    expect(cause.errorMessage).toMatch(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
    expect((await history(sfn, executionArn)).find((e) => e.type === 'TaskFailed')).toMatchObject({
      taskFailedEventDetails: { error: 'Lambda.Unknown' },
    });
  });

  it('keeps a timeout when a wrapper re-registers the function, and refuses one Lambda cannot have', async () => {
    const sfn = await engine(await freshTable(), []);
    sfn.registerFunction('slow', () => sleep(1500)); // no options: keeps its 1 s
    await expect(sfn.invokeFunction(fn('slow'), {})).rejects.toMatchObject({
      name: 'Lambda.Unknown',
      message: stringContaining('Sandbox.Timedout'),
    });
    sfn.registerFunction('slow', () => Promise.resolve('quick'), { timeoutSeconds: 2 });
    await expect(sfn.invokeFunction('slow', {})).resolves.toBe('quick');
    expect(() => sfn.registerFunction('x', () => Promise.resolve(null), { timeoutSeconds: 901 })).toThrow(RangeError);
  });
});

describe('States.TaskFailed does not match States.Timeout; States.ALL does', () => {
  const callback = (name: string, extra: State, targets: string[]) =>
    machine(name, 'Await', {
      Await: awaitToken({ TimeoutSeconds: 1, Next: 'Done', ...extra }),
      Done: pass('done'),
      ...Object.fromEntries(targets.map((t) => [t, t === 'Caught' ? { Type: 'Pass', End: true } : pass(t)])),
    });
  const taskFailedOnly = callback(
    'TaskFailedOnly',
    {
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 1 }],
      Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' }],
    },
    ['Wrong'],
  );
  const all = callback('CatchAll', { Catch: catchAll('Caught') }, ['Caught']);
  const ordered = callback(
    'Ordered',
    {
      Catch: [
        { ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' },
        { ErrorEquals: ['States.Timeout'], Next: 'Caught', ResultPath: '$.error' },
      ],
    },
    ['Wrong', 'Caught'],
  );

  it('fails the execution when only States.TaskFailed would catch a callback timeout (and does not retry it)', async () => {
    const sfn = await engine(await freshTable(), [taskFailedOnly]);
    const { executionArn, name } = await start(sfn, taskFailedOnly);
    const out = await ended(sfn, executionArn);
    expect(out).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(calls.get(`park:${name}`)).toBe(1);
    expect(await enteredStates(sfn, executionArn)).toEqual(['Await']);
  });

  it('lets States.ALL catch it, and a later States.Timeout catcher win over an earlier States.TaskFailed one', async () => {
    const sfn = await engine(await freshTable(), [all, ordered]);
    for (const m of [all, ordered]) {
      const { executionArn } = await start(sfn, m);
      const out = await ended(sfn, executionArn);
      expect(out.status).toBe('SUCCEEDED');
      expect(JSON.parse(out.output!)).toMatchObject({ error: { Error: 'States.Timeout' } });
      expect(await enteredStates(sfn, executionArn)).toEqual(['Await', 'Caught']);
    }
  });
});

describe('executions keep the definition they started with', () => {
  it('follows definition A after a restart onto definition B; new executions follow B', async () => {
    const arn = machineArn('Pinned');
    const a = machine('Pinned', 'Await', { Await: awaitToken({ Next: 'PathA' }), PathA: pass('A') }, arn);
    const b = machine('Pinned', 'Await', { Await: awaitToken({ Next: 'PathB' }), PathB: pass('B') }, arn);
    expect(a.hash).not.toBe(b.hash);
    const table = await freshTable();
    const first = await engine(table, [a]);
    const old = await start(first, a);
    const oldToken = await eventually(() => tokens.get(old.name), 'token of the old execution');
    await first.idle();
    await first.close();

    const second = await engine(table, [b]);
    expect((await second.store.getExecution(old.executionArn))?.definitionHash).toBe(a.hash);
    await second.sendTaskSuccess({ taskToken: oldToken, output: '{}' });
    expect(await ended(second, old.executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '"A"' });
    expect(await enteredStates(second, old.executionArn)).toEqual(['Await', 'PathA']);

    const fresh = await start(second, b);
    const freshToken = await eventually(() => tokens.get(fresh.name), 'token of the new execution');
    await second.sendTaskSuccess({ taskToken: freshToken, output: '{}' });
    expect(await ended(second, fresh.executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '"B"' });
    expect((await second.store.getExecution(fresh.executionArn))?.definitionHash).toBe(b.hash);
  });
});
