import { createHash } from 'node:crypto';
import type { StateMachine } from 'aws-local-stepfunctions';
import { PARKED, namedError } from './sfn-errors.ts';
import { historyEvent, taskEvents } from './history.ts';
import { dataLimitCause, historyLimitCause, overPayloadLimit, statesTimeoutError, terminalError, type EngineLimits } from './limits.ts';
import { TOKEN_PLACEHOLDER, invokeResource } from './task-resources.ts';
import { newToken } from './tokens.ts';
import type { ExecutionRecord, SfnStore, StoredEvent, TaskRecord } from './sfn-store.ts';

export { TOKEN_PLACEHOLDER };
/** AWS's default wait for a callback when the ASL sets no timeout. */
const DEFAULT_CALLBACK_TIMEOUT_SECONDS = 99_999_999;

export type TaskDefinition = { Resource: string; TimeoutSeconds?: number; TimeoutSecondsPath?: string };
/** `definition`: its text after substitutions; `hash`: the sha256 of that text (executions are pinned to it). */
export type LoadedMachine = {
  arn: string;
  name: string;
  stateMachine: StateMachine;
  tasks: Map<string, TaskDefinition>;
  definition: string;
  hash: string;
  /** Functions an EventBridge rule invokes with the machine's "Execution Status Change" events on AWS; the service invokes them the same way. */
  statusChangeTargets?: readonly string[];
};
export type RunHost = {
  store: SfnStore;
  limits: Pick<EngineLimits, 'maxHistoryEvents'>;
  now(): Date;
  invokeFunction(functionArnOrName: string, payload: unknown): Promise<unknown>;
  startExecution(input: { stateMachineArn: string; name: string; input: string }): Promise<{ executionArn: string; startDate: string }>;
  /** The execution just ended (its final status is stored). */
  executionEnded?(arn: string): void;
};

type LibraryEvent = {
  type: string;
  timestamp: number;
  index?: number;
  input?: unknown;
  state?: { name: string; type: string; input: unknown; output?: unknown };
};
const isFinal = (task: TaskRecord) => task.status === 'SUCCEEDED' || task.status === 'FAILED' || task.status === 'TIMED_OUT';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const nextTick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * One pass of an execution through the interpreter. Runs replay from the start: a task
 * whose result is stored returns it without running again, and history events already
 * stored are not written twice (the sequence is deterministic). A callback task parks
 * the run: the interpreter lets go, and the service re-drives it when the token is
 * answered or times out. Nothing but DynamoDB holds a waiting execution.
 */
export class ExecutionRun {
  private parked = false;
  private closed = false;
  private seq = 0;
  private persisted = 0;
  private pending: StoredEvent[] = [];
  private visits = new Map<string, number>();
  private rawInputs = new Map<string, unknown>();
  private abortRun?: () => void;
  /** A terminal failure (a limit reached): the execution fails with it whatever its Catch says. */
  private terminal?: { error: string; cause: string };
  /** The execution's stored tasks as the pass began; `complete` when none is missing from it. */
  private stored = { tasks: new Map<string, TaskRecord>(), complete: false };

  /** `fresh`: the execution was just created, so nothing of it is stored yet (no reads needed). */
  private host: RunHost;
  private exec: ExecutionRecord;
  private machine: LoadedMachine;
  private fresh: boolean;
  constructor(host: RunHost, exec: ExecutionRecord, machine: LoadedMachine, fresh = false) {
    this.host = host;
    this.exec = exec;
    this.machine = machine;
    this.fresh = fresh;
  }

  /** Stops this pass without writing anything (shutdown or StopExecution). */
  close(): void {
    this.closed = true;
    this.abortRun?.();
  }

  async run(): Promise<'parked' | 'finished' | 'closed' | 'past-deadline'> {
    const { store } = this.host;
    if (this.fresh) {
      this.stored.complete = true;
    } else {
      const [count, page] = await Promise.all([store.eventCount(this.exec.executionArn), store.taskPage(this.exec.executionArn)]);
      this.persisted = count;
      this.stored = { tasks: new Map(page.tasks.map((t) => [t.taskKey, t])), complete: !page.nextKey };
    }
    const handlers = Object.fromEntries([...this.machine.tasks.keys()].map((name) => [name, (input: unknown) => this.onTask(name, input)]));
    const passStart = Date.now();
    // Stored by startExecution only once it parsed as JSON.
    const input = JSON.parse(this.exec.input) as Parameters<StateMachine['run']>[0];
    const execution = this.machine.stateMachine.run(input, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: this.exec.executionArn,
          Name: this.exec.name,
          StartTime: this.exec.startDate,
          Input: input,
          RoleArn: 'arn:aws:iam::000000000000:role/local-step-functions',
        },
        StateMachine: { Id: this.machine.arn, Name: this.machine.name },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    // The interpreter sets $$.Execution.StartTime to the time this pass began (whatever the
    // context says); on AWS it is the execution's start. Task inputs get the real one back.
    this.libraryStartWindow = [passStart, Date.now()];
    this.abortRun = execution.abort;
    if (this.closed) execution.abort();
    void (async () => {
      for await (const event of execution.eventLogs) this.onLibraryEvent(event);
    })();
    let output: unknown;
    let failure: unknown;
    try {
      output = await execution.result;
    } catch (error) {
      failure = error;
    }
    await nextTick(); // let the event consumer catch up
    const text = failure === undefined && !this.terminal ? JSON.stringify(output ?? null) : '';
    if (overPayloadLimit(text)) this.terminate('States.DataLimitExceeded', dataLimitCause('The execution output'));
    if (this.parked && !this.terminal) {
      await this.flush();
      return 'parked';
    }
    if (this.closed) return 'closed';
    const at = this.host.now().toISOString();
    // The cap passed while this pass ran (the timer loop may lag behind): on AWS it would not end otherwise.
    if (this.exec.deadline && at > this.exec.deadline) {
      await this.flush();
      return 'past-deadline';
    }
    if (failure === undefined && !this.terminal) {
      this.emit('ExecutionSucceeded', { output: text }, at, true);
      await this.flush();
      if (await store.finishExecution(this.exec.executionArn, { status: 'SUCCEEDED', output: text }, at))
        this.host.executionEnded?.(this.exec.executionArn);
    } else {
      const cause = (failure as { cause?: { name?: string; message?: string } } | undefined)?.cause;
      const error = this.terminal?.error ?? cause?.name ?? 'States.Runtime';
      const causeText = this.terminal?.cause ?? cause?.message ?? String(failure);
      this.emit('ExecutionFailed', { error, cause: causeText }, at, true);
      await this.flush();
      if (await store.finishExecution(this.exec.executionArn, { status: 'FAILED', error, cause: causeText }, at))
        this.host.executionEnded?.(this.exec.executionArn);
    }
    return 'finished';
  }

  /** Fails the execution with a terminal error: the run stops at once and no Catch or Retry applies. */
  private terminate(error: string, cause: string): void {
    this.terminal ??= { error, cause };
    this.abortRun?.();
  }

  /** terminate(), thrown into the interpreter from a task handler. */
  private fail(error: string, cause: string): never {
    this.terminate(error, cause);
    throw terminalError(error, cause);
  }

  private onLibraryEvent(event: LibraryEvent): void {
    if (this.parked || this.closed || this.terminal) return;
    const entered = event.type === 'StateEntered';
    let text = '';
    if (event.state && (entered || event.type === 'StateExited')) {
      // Service quotas: 256 KiB for any state's input or output, nested ones included.
      text = JSON.stringify((entered ? event.state.input : event.state.output) ?? null);
      if (overPayloadLimit(text))
        return this.terminate(
          'States.DataLimitExceeded',
          dataLimitCause(`The ${entered ? 'input to' : 'output of'} state '${event.state.name}'`),
        );
    }
    // Nested Map/Parallel events interleave by timing, so only top-level states are recorded.
    if (event.index !== undefined) return;
    const at = new Date(event.timestamp).toISOString();
    if (event.type === 'ExecutionStarted') {
      this.emit(
        'ExecutionStarted',
        { input: JSON.stringify(event.input ?? null), roleArn: 'arn:aws:iam::000000000000:role/local-step-functions' },
        at,
      );
    } else if (entered && event.state) {
      this.rawInputs.set(event.state.name, event.state.input);
      this.emit(`${event.state.type}StateEntered`, { name: event.state.name, input: text }, at);
    } else if (event.type === 'StateExited' && event.state) {
      this.emit(`${event.state.type}StateExited`, { name: event.state.name, output: text }, at);
    }
  }

  /** `final`: the event that closes the execution; the others stop one short of the history limit to leave it room. */
  private emit(type: string, details: Record<string, unknown>, timestamp: string, final = false): void {
    if (this.terminal && !final) return;
    if (final) this.seq = Math.max(this.seq, this.persisted);
    // Service quotas: "Maximum execution history size 25,000 events"; reaching it fails the execution.
    if (!final && this.seq + 1 >= this.host.limits.maxHistoryEvents)
      return this.terminate('States.Runtime', historyLimitCause(this.host.limits.maxHistoryEvents));
    const id = ++this.seq;
    if (id <= this.persisted) return;
    this.pending.push({ id, previousEventId: id - 1, type, timestamp, ...historyEvent(type, details).details });
  }

  private async flush(): Promise<void> {
    const events = this.pending;
    this.pending = [];
    if (events.length) await this.host.store.appendEvents(this.exec.executionArn, events);
    this.persisted = this.seq;
  }

  private libraryStartWindow: [number, number] = [0, 0];

  /** Puts the execution's real start time where the interpreter wrote the pass's ($$.Execution.StartTime). */
  private withRealStartTime(value: unknown): unknown {
    const [from, to] = this.libraryStartWindow;
    if (typeof value === 'string') {
      if (!ISO_INSTANT.test(value)) return value;
      const at = Date.parse(value);
      return at >= from && at <= to ? this.exec.startDate : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.withRealStartTime(v));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.withRealStartTime(v)]));
    return value;
  }

  private async onTask(stateName: string, rawInput: unknown): Promise<unknown> {
    if (this.parked || this.closed || this.terminal) throw namedError(PARKED, 'run parked');
    const input = this.withRealStartTime(rawInput);
    const text = JSON.stringify(input);
    // Same state and same input: the n-th visit, deterministic on every replay.
    const base = `${stateName}#${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
    const visit = this.visits.get(base) ?? 0;
    this.visits.set(base, visit + 1);
    await nextTick(); // the StateEntered event is recorded before the task's own events
    if (this.parked || this.closed || this.terminal) throw namedError(PARKED, 'run parked');
    if (overPayloadLimit(text ?? '')) this.fail('States.DataLimitExceeded', dataLimitCause(`The input to task '${stateName}'`));
    return this.runTask(stateName, `${base}#${visit}`, input);
  }

  private async runTask(stateName: string, key: string, input: unknown): Promise<unknown> {
    const { store } = this.host;
    const arn = this.exec.executionArn;
    const definition = this.machine.tasks.get(stateName)!;
    const callback = definition.Resource.endsWith('.waitForTaskToken');
    const now = () => this.host.now().toISOString();
    let sent = 0;
    const record = (task: TaskRecord) => {
      const events = taskEvents(definition.Resource, task, callback, JSON.stringify(input));
      for (const e of events.slice(sent)) this.emit(e.type, e.details, e.timestamp);
      sent = events.length;
    };

    let task = this.stored.tasks.get(key) ?? (this.stored.complete ? undefined : await store.getTask(arn, key));
    if (!callback) return this.runFunctionTask(stateName, key, input, task, record);
    // A callback: its token is stored before the call, since the answer may come before the run parks.
    let created = false;
    if (!task) {
      const token = newToken(arn, key);
      task = {
        executionArn: arn,
        taskKey: key,
        status: 'SCHEDULED',
        token: token.token,
        nonce: token.nonce,
        scheduledAt: now(),
        invocations: 1,
      };
      created = await store.putNewTask(task);
      if (!created) task = (await store.getTask(arn, key))!;
    }
    record(task);
    if (isFinal(task)) return this.settle(stateName, task);

    if (task.status === 'SCHEDULED') {
      if (!created) await store.countInvocation(arn, key); // invoked again after a crash
      try {
        await invokeResource(this.host, definition.Resource, input, task.token);
      } catch (error) {
        const failed: TaskRecord = {
          ...task,
          status: 'FAILED',
          error: (error as Error).name || 'Error',
          cause: (error as Error).message,
          completedAt: now(),
        };
        if (await store.completeTask(arn, key, failed, failed.completedAt!, { wake: false })) {
          record(failed);
          return this.settle(stateName, failed);
        }
      }
      const submittedAt = now();
      const timeoutAt = new Date(Date.parse(submittedAt) + this.callbackTimeoutSeconds(stateName, definition) * 1000).toISOString();
      if (await store.submitAndPark(arn, key, submittedAt, timeoutAt)) {
        record({ ...task, status: 'STARTED', submittedAt, timeoutAt });
        return this.park();
      }
      task = (await store.getTask(arn, key))!; // answered already, or the execution stopped
      record(task);
      if (isFinal(task)) return this.settle(stateName, task);
      if (task.status === 'SCHEDULED') return this.stopped();
    }

    // Waiting on a person: park unless the answer already arrived.
    if (await store.park(arn, key)) return this.park();
    task = (await store.getTask(arn, key))!;
    record(task);
    if (isFinal(task)) return this.settle(stateName, task);
    return this.stopped();
  }

  /**
   * A task that ends when its function returns: invoked, then its result stored in one write
   * (nothing before the call: a crash in between runs it again on the replay, as Lambda's own
   * retries may, so the handlers are idempotent). A stored result is returned without a call.
   */
  private async runFunctionTask(
    stateName: string,
    key: string,
    input: unknown,
    stored: TaskRecord | undefined,
    record: (task: TaskRecord) => void,
  ): Promise<unknown> {
    const { store } = this.host;
    const arn = this.exec.executionArn;
    const now = () => this.host.now().toISOString();
    const task: TaskRecord = stored ?? { executionArn: arn, taskKey: key, status: 'SCHEDULED', scheduledAt: now(), invocations: 1 };
    record(task);
    if (isFinal(task)) return this.settle(stateName, task);
    let result: TaskRecord;
    try {
      const output = await invokeResource(this.host, this.machine.tasks.get(stateName)!.Resource, input);
      const text = JSON.stringify(output ?? null);
      // Service quotas: 256 KiB for a task's result; stored as a failure the replay settles the same way.
      result = overPayloadLimit(text)
        ? { ...task, status: 'FAILED', error: 'States.DataLimitExceeded', cause: dataLimitCause(`The result of task '${stateName}'`) }
        : { ...task, status: 'SUCCEEDED', output: text };
    } catch (error) {
      result = { ...task, status: 'FAILED', error: (error as Error).name || 'Error', cause: (error as Error).message };
    }
    result = { ...result, completedAt: now(), invocations: stored ? stored.invocations + 1 : 1 };
    await store.putTaskResult(result); // kept even if the pass closed meanwhile: the replay will not call again
    record(result);
    return this.settle(stateName, result);
  }

  private async settle(stateName: string, task: TaskRecord): Promise<unknown> {
    if (task.status === 'SUCCEEDED') return JSON.parse(task.output ?? 'null');
    if (task.status === 'TIMED_OUT') throw await statesTimeoutError('Task timed out');
    if (task.error === 'States.DataLimitExceeded') this.fail(task.error, task.cause ?? dataLimitCause(`The result of task '${stateName}'`));
    throw namedError(task.error ?? 'States.TaskFailed', task.cause ?? '');
  }

  private park(): never {
    this.parked = true;
    this.abortRun?.();
    throw namedError(PARKED, 'run parked');
  }

  /** The execution stopped meanwhile: let go without writing. */
  private stopped(): never {
    this.close();
    throw namedError(PARKED, 'execution no longer running');
  }

  private callbackTimeoutSeconds(stateName: string, definition: TaskDefinition): number {
    if (definition.TimeoutSeconds) return definition.TimeoutSeconds;
    if (!definition.TimeoutSecondsPath) return DEFAULT_CALLBACK_TIMEOUT_SECONDS;
    let value: unknown = this.rawInputs.get(stateName);
    for (const part of definition.TimeoutSecondsPath.replace(/^\$\.?/, '')
      .split('.')
      .filter(Boolean)) {
      value = (value as Record<string, unknown> | undefined)?.[part];
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw namedError('States.Runtime', `TimeoutSecondsPath ${definition.TimeoutSecondsPath} is not a positive integer`);
    }
    return value;
  }
}
