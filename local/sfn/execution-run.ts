import { createHash } from 'node:crypto';
import type { StateMachine } from 'aws-local-stepfunctions';
import { PARKED, SfnApiError, namedError } from './sfn-errors.ts';
import { historyEvent, taskEvents } from './history.ts';
import { newToken } from './tokens.ts';
import type { ExecutionRecord, SfnStore, StoredEvent, TaskRecord } from './sfn-store.ts';

/** Stands in for `$$.Task.Token`; replaced by the task's real token before its function runs. */
export const TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';
/** AWS's default wait for a callback when the ASL sets no timeout. */
const DEFAULT_CALLBACK_TIMEOUT_SECONDS = 99_999_999;

export type TaskDefinition = { Resource: string; TimeoutSeconds?: number; TimeoutSecondsPath?: string };
export type LoadedMachine = { arn: string; name: string; stateMachine: StateMachine; tasks: Map<string, TaskDefinition> };
export type RunHost = {
  store: SfnStore;
  now(): Date;
  invokeFunction(functionArnOrName: string, payload: unknown): Promise<unknown>;
  startExecution(input: { stateMachineArn: string; name: string; input: string }): Promise<{ executionArn: string; startDate: string }>;
};

type LibraryEvent = { type: string; timestamp: number; index?: number; input?: unknown; state?: { name: string; type: string; input: unknown; output?: unknown } };
const isFinal = (task: TaskRecord) => task.status === 'SUCCEEDED' || task.status === 'FAILED' || task.status === 'TIMED_OUT';
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
  /** The execution's stored tasks as the pass began; `complete` when none is missing from it. */
  private stored = { tasks: new Map<string, TaskRecord>(), complete: false };

  /** `fresh`: the execution was just created, so nothing of it is stored yet (no reads needed). */
  constructor(private host: RunHost, private exec: ExecutionRecord, private machine: LoadedMachine, private fresh = false) {}

  /** Stops this pass without writing anything (shutdown or StopExecution). */
  close(): void {
    this.closed = true;
    this.abortRun?.();
  }

  async run(): Promise<'parked' | 'finished' | 'closed'> {
    const { store } = this.host;
    if (this.fresh) {
      this.stored.complete = true;
    } else {
      const [count, page] = await Promise.all([store.eventCount(this.exec.executionArn), store.taskPage(this.exec.executionArn)]);
      this.persisted = count;
      this.stored = { tasks: new Map(page.tasks.map((t) => [t.taskKey, t])), complete: !page.nextKey };
    }
    const handlers = Object.fromEntries([...this.machine.tasks.keys()].map((name) => [name, (input: unknown) => this.onTask(name, input)]));
    const execution = this.machine.stateMachine.run(JSON.parse(this.exec.input), {
      overrides: { taskResourceLocalHandlers: handlers as never },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: this.exec.executionArn, Name: this.exec.name, RoleArn: 'arn:aws:iam::000000000000:role/local-step-functions' },
        StateMachine: { Id: this.machine.arn, Name: this.machine.name },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    this.abortRun = execution.abort;
    if (this.closed) execution.abort();
    void (async () => {
      for await (const event of execution.eventLogs) this.onLibraryEvent(event as LibraryEvent);
    })();
    let output: unknown;
    let failure: unknown;
    try {
      output = await execution.result;
    } catch (error) {
      failure = error;
    }
    await nextTick(); // let the event consumer catch up
    if (this.parked) {
      await this.flush();
      return 'parked';
    }
    if (this.closed) return 'closed';
    const at = this.host.now().toISOString();
    if (failure === undefined) {
      const text = JSON.stringify(output ?? null);
      this.emit('ExecutionSucceeded', { output: text }, at);
      await this.flush();
      await store.finishExecution(this.exec.executionArn, { status: 'SUCCEEDED', output: text }, at);
    } else {
      const cause = (failure as { cause?: { name?: string; message?: string } }).cause;
      const error = cause?.name ?? 'States.Runtime';
      const causeText = cause?.message ?? String(failure);
      this.emit('ExecutionFailed', { error, cause: causeText }, at);
      await this.flush();
      await store.finishExecution(this.exec.executionArn, { status: 'FAILED', error, cause: causeText }, at);
    }
    return 'finished';
  }

  private onLibraryEvent(event: LibraryEvent): void {
    // Nested Map/Parallel events interleave by timing, so only top-level states are recorded.
    if (this.parked || this.closed || event.index !== undefined) return;
    const at = new Date(event.timestamp).toISOString();
    if (event.type === 'ExecutionStarted') {
      this.emit('ExecutionStarted', { input: JSON.stringify(event.input ?? null), roleArn: 'arn:aws:iam::000000000000:role/local-step-functions' }, at);
    } else if (event.type === 'StateEntered' && event.state) {
      this.rawInputs.set(event.state.name, event.state.input);
      this.emit(`${event.state.type}StateEntered`, { name: event.state.name, input: JSON.stringify(event.state.input ?? null) }, at);
    } else if (event.type === 'StateExited' && event.state) {
      this.emit(`${event.state.type}StateExited`, { name: event.state.name, output: JSON.stringify(event.state.output ?? null) }, at);
    }
  }

  private emit(type: string, details: Record<string, unknown>, timestamp: string): void {
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

  private async onTask(stateName: string, input: unknown): Promise<unknown> {
    if (this.parked || this.closed) throw namedError(PARKED, 'run parked');
    // Same state and same input: the n-th visit, deterministic on every replay.
    const base = `${stateName}#${createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 12)}`;
    const visit = this.visits.get(base) ?? 0;
    this.visits.set(base, visit + 1);
    await nextTick(); // the StateEntered event is recorded before the task's own events
    if (this.parked || this.closed) throw namedError(PARKED, 'run parked');
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
    let created = false;
    if (!task) {
      const token = callback ? newToken(arn, key) : undefined;
      task = { executionArn: arn, taskKey: key, status: 'SCHEDULED', token: token?.token, nonce: token?.nonce, scheduledAt: now(), invocations: 1 };
      created = await store.putNewTask(task);
      if (!created) task = (await store.getTask(arn, key))!;
    }
    record(task);
    if (isFinal(task)) return settle(task);

    if (!callback || task.status === 'SCHEDULED') {
      if (!created) await store.countInvocation(arn, key); // invoked again after a crash
      try {
        const output = await this.invoke(definition.Resource, input, task.token);
        if (!callback) {
          const done: TaskRecord = { ...task, status: 'SUCCEEDED', output: JSON.stringify(output ?? null), completedAt: now() };
          await store.completeTask(arn, key, done, done.completedAt!, { wake: false });
          record(done);
          return settle(done);
        }
      } catch (error) {
        const failed: TaskRecord = { ...task, status: 'FAILED', error: (error as Error).name || 'Error', cause: (error as Error).message, completedAt: now() };
        if (await store.completeTask(arn, key, failed, failed.completedAt!, { wake: false })) {
          record(failed);
          return settle(failed);
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
      if (isFinal(task)) return settle(task);
      if (task.status === 'SCHEDULED') return this.stopped();
    }

    // Waiting on a person: park unless the answer already arrived.
    if (await store.park(arn, key)) return this.park();
    task = (await store.getTask(arn, key))!;
    record(task);
    if (isFinal(task)) return settle(task);
    return this.stopped();
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
    for (const part of definition.TimeoutSecondsPath.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
      value = (value as Record<string, unknown> | undefined)?.[part];
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw namedError('States.Runtime', `TimeoutSecondsPath ${definition.TimeoutSecondsPath} is not a positive integer`);
    }
    return value;
  }

  /** Calls what a Task's Resource names, shaped as the service integration returns it. */
  private async invoke(resource: string, input: unknown, token?: string): Promise<unknown> {
    const params = (input ?? {}) as Record<string, unknown>;
    if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
      const payload = token ? JSON.parse(JSON.stringify(params.Payload ?? null).replaceAll(TOKEN_PLACEHOLDER, token)) : params.Payload;
      const result = await this.host.invokeFunction(String(params.FunctionName), payload);
      return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
    }
    if (resource === 'arn:aws:states:::states:startExecution') {
      try {
        const started = await this.host.startExecution({
          stateMachineArn: String(params.StateMachineArn),
          name: String(params.Name),
          input: typeof params.Input === 'string' ? params.Input : JSON.stringify(params.Input ?? {}),
        });
        return { ExecutionArn: started.executionArn, StartDate: started.startDate };
      } catch (error) {
        if (error instanceof SfnApiError) throw namedError(`StepFunctions.${error.name}Exception`, error.message);
        throw error;
      }
    }
    if (resource.startsWith('arn:aws:lambda:')) return this.host.invokeFunction(resource, input);
    throw namedError('States.Runtime', `The local service does not emulate ${resource}`);
  }
}

function settle(task: TaskRecord): unknown {
  if (task.status === 'SUCCEEDED') return JSON.parse(task.output ?? 'null');
  if (task.status === 'TIMED_OUT') throw namedError('States.Timeout', 'Task timed out');
  throw namedError(task.error ?? 'States.TaskFailed', task.cause ?? '');
}
