import { packEvents } from '../../local/sfn/sfn-store.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { taskEvents } from '../../local/sfn/history.ts';
import { loadMachine, substitute } from '../../local/sfn/load-machine.ts';
import type { TaskRecord } from '../../local/sfn/sfn-store.ts';
import { newToken, parseToken } from '../../local/sfn/tokens.ts';
import { LIFECYCLE_ASL_PATH } from '../../workflows/lifecycle-functions.ts';
import { loadLifecycleMachine } from '../../local/local-lifecycle.ts';

describe('task tokens', () => {
  it('round-trip their execution, task and nonce, and reject garbage', () => {
    const { token, nonce } = newToken('arn:aws:states:r:1:execution:m:e', 'Await#abc#0');
    expect(parseToken(token)).toEqual({ executionArn: 'arn:aws:states:r:1:execution:m:e', taskKey: 'Await#abc#0', nonce });
    expect(parseToken('garbage')).toBeUndefined();
    expect(parseToken(42)).toBeUndefined();
    expect(parseToken('x'.repeat(2000))).toBeUndefined();
  });
});

describe('definition substitutions', () => {
  it('replace ${Name} inside strings and fail on a missing one', () => {
    expect(substitute('{"F":"${Fn}"}', { Fn: 'arn:a"b' })).toBe('{"F":"arn:a\\"b"}');
    expect(() => substitute('{"F":"${Missing}"}', {})).toThrow(/Missing/);
  });

  it('load the lifecycle ASL with its real callback timeouts kept aside', () => {
    const machine = loadLifecycleMachine();
    const review = machine.tasks.get('AwaitRegistrationReview');
    expect(review).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      TimeoutSecondsPath: '$.timeouts.registrationReview',
    });
    expect(() => loadMachine('arn', 'm', '{"StartAt":"A","States":{"A":{"Type":"Bogus"}}}', {})).toThrow();
  });

  it('validate each definition until it passes: a valid one is remembered, an invalid one is refused every time', () => {
    const valid = '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":42,"End":true}}}';
    // Its text changed by one path: not the definition that passed, so it is validated (and refused).
    const invalid = valid.replace('"End":true', '"End":true,"ResultPath":"not a path"');
    for (let i = 0; i < 3; i++) {
      expect(() => loadMachine('arn', 'm', valid, {})).not.toThrow();
      expect(() => loadMachine('arn', 'm', invalid, {}), `load ${i + 1}`).toThrow(/invalid/);
    }
  });
});

describe('state output', () => {
  it('"ResultPath": "$" replaces the whole input with the result, as on AWS (and as leaving it out does)', async () => {
    const asl = (resultPath: object) =>
      JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: { done: true }, ...resultPath, End: true } } });
    const run = async (text: string) => (await loadMachine('arn', 'm', text, {}).stateMachine.run({ chunk: 0 }).result) as unknown;
    expect(await run(asl({ ResultPath: '$' }))).toEqual({ done: true });
    expect(await run(asl({}))).toEqual({ done: true });
    expect(await run(asl({ ResultPath: '$.out' }))).toEqual({ chunk: 0, out: { done: true } });
    expect(await run(asl({ ResultPath: null }))).toEqual({ chunk: 0 });
  });
});

describe('the lifecycle ASL', () => {
  const asl = JSON.parse(readFileSync(LIFECYCLE_ASL_PATH, 'utf8')) as { States: Record<string, Record<string, unknown>> };
  const tasks = Object.entries(asl.States).filter(([, s]) => s.Type === 'Task');

  it('bounds every human step with a timeout that marks it overdue and waits again, and hands over before a year', () => {
    const callbacks = tasks.filter(([, s]) => String(s.Resource).endsWith('.waitForTaskToken'));
    expect(callbacks.map(([name]) => name)).toEqual(['AwaitRegistrationReview', 'AwaitRevision', 'AwaitYearlyReport', 'AwaitAppraisal']);
    for (const [name, state] of callbacks) {
      expect(state.TimeoutSecondsPath ?? state.TimeoutSeconds).toBeDefined();
      const catchers = state.Catch as { ErrorEquals: string[]; Next: string }[];
      const timeout = catchers.find((c) => c.ErrorEquals.includes('States.Timeout'))!;
      expect(asl.States[timeout.Next]!.Next).toBe(name);
      const handOver = catchers.find((c) => c.ErrorEquals.includes('HandOverDue'))!;
      expect(asl.States[handOver.Next]!.Type).toBe('Pass');
      // HandOverDue and States.Timeout are caught before States.TaskFailed would take them.
      expect(catchers.at(-1)!.ErrorEquals).toEqual(['States.TaskFailed']);
    }
  });

  it('retries Lambda and throttling errors with backoff; what is not transient needs attention, nothing catches everything', () => {
    for (const [, state] of tasks) {
      const retry = state.Retry as { ErrorEquals: string[]; BackoffRate: number }[];
      expect(retry.length).toBeGreaterThan(0);
      expect(retry[0]!.BackoffRate).toBeGreaterThan(1);
      const catchers = (state.Catch ?? []) as { ErrorEquals: string[]; Next: string }[];
      for (const c of catchers.filter((x) => x.ErrorEquals.includes('States.TaskFailed'))) expect(c.Next).toBe('NeedsAttention');
    }
    expect(JSON.stringify(asl)).not.toMatch(/States\.ALL/);
  });
});

describe('task history events', () => {
  const base: TaskRecord = {
    executionArn: 'a',
    taskKey: 'k',
    status: 'SCHEDULED',
    scheduledAt: '2026-01-01T00:00:00.000Z',
    invocations: 1,
  };
  const types = (task: TaskRecord) => taskEvents('arn:aws:states:::lambda:invoke.waitForTaskToken', task, true, '{}').map((e) => e.type);

  it('grow by appending as a callback task progresses, so a replay emits the same sequence', () => {
    const scheduled = types(base);
    const started = types({ ...base, status: 'STARTED', submittedAt: '2026-01-01T00:00:01.000Z' });
    const done = types({ ...base, status: 'SUCCEEDED', submittedAt: '2026-01-01T00:00:01.000Z', output: '{}' });
    expect(scheduled).toEqual(['TaskScheduled', 'TaskStarted']);
    expect(started).toEqual([...scheduled, 'TaskSubmitted']);
    expect(done).toEqual([...started, 'TaskSucceeded']);
    expect(types({ ...base, status: 'TIMED_OUT', submittedAt: 'x' }).at(-1)).toBe('TaskTimedOut');
  });
});

describe('packEvents', () => {
  it('keeps every event in order, in items under DynamoDB’s 400 KB, one event of 256 KiB alone', () => {
    const big = 'x'.repeat(262_144);
    const events = [1, 2, 3, 4, 5].map((id) => ({
      id,
      type: 'TaskSucceeded',
      timestamp: 't',
      output: id === 3 || id === 4 ? big : 'small',
    }));
    const chunks = packEvents(events);
    expect(chunks.flat().map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(chunks.map((c) => c.map((e) => e.id))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    for (const chunk of chunks) expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThan(400_000);
    expect(packEvents([])).toEqual([]);
  });
});
