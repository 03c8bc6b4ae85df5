import { backfillDeadlines, clearDeadline, deadlineOf, ensureDeadline } from './deadlines.ts';
import { Definitions } from './definitions.ts';
import { ExecutionRun, type LoadedMachine, type RunHost } from './execution-run.ts';
import {
  MAX_EXECUTION_SECONDS,
  MAX_HISTORY_EVENTS,
  MAX_LAMBDA_TIMEOUT_SECONDS,
  executionTimeoutCause,
  lambdaTimeoutError,
  overPayloadLimit,
  raceTimeout,
  type EngineLimits,
} from './limits.ts';
import { sfnError } from './sfn-errors.ts';
import type { ExecutionRecord, SfnStore } from './sfn-store.ts';
import { parseToken } from './tokens.ts';
import { logError } from '../../core/redact.ts';

/** A text field of a request: the API takes strings there, and refuses anything else as AWS does. */
function textField(value: unknown, field: string): string {
  if (typeof value !== 'string') throw sfnError.validation(`${field}: a string is expected`);
  return value;
}

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** `ended`: the execution ended while the pass was starting, so it must not run. */
type Slot = { wake: boolean; run?: ExecutionRun; done?: Promise<unknown>; ended?: boolean };
export type LocalStepFunctionsOptions = {
  timerIntervalMs?: number;
  /** An execution's maximum duration (AWS: 1 year, the default); tests shrink it to seconds. */
  maxExecutionSeconds?: number;
  /** The most history events an execution may have (AWS: 25,000, the default). */
  maxHistoryEvents?: number;
};

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
/** Timers fired at once per sweep. */
const TIMER_CONCURRENCY = 16;
const encodeKey = (key?: Record<string, unknown>) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined);
const decodeKey = (token?: unknown) =>
  typeof token === 'string' && token ? (JSON.parse(Buffer.from(token, 'base64url').toString()) as Record<string, unknown>) : undefined;
const epoch = (iso?: string) => (iso ? Date.parse(iso) / 1000 : undefined);

/**
 * The local Step Functions service: the same ASL run by aws-local-stepfunctions, Lambda
 * tasks mapped to the handler modules in-process, and all state in DynamoDB so that a
 * restart resumes every execution where it was.
 */
export class LocalStepFunctions implements RunHost {
  private slots = new Map<string, Slot>();
  private running = new Set<Promise<unknown>>();
  /** Handler calls in progress: a stop waits for them, so nothing writes after close() returns. */
  private invocations = new Set<Promise<unknown>>();
  private timer?: NodeJS.Timeout;
  private closing = false;
  private timeouts = new Map<string, number>();
  private definitions: Definitions;
  readonly limits: EngineLimits;

  readonly store: SfnStore;
  private machines: Map<string, LoadedMachine>;
  private functions: Map<string, LambdaHandler>;
  private options: LocalStepFunctionsOptions;
  constructor(
    store: SfnStore,
    machines: Map<string, LoadedMachine>,
    functions: Map<string, LambdaHandler>,
    options: LocalStepFunctionsOptions = {},
  ) {
    this.store = store;
    this.machines = machines;
    this.functions = functions;
    this.options = options;
    this.limits = {
      maxExecutionSeconds: options.maxExecutionSeconds ?? MAX_EXECUTION_SECONDS,
      maxHistoryEvents: options.maxHistoryEvents ?? MAX_HISTORY_EVENTS,
    };
    this.definitions = new Definitions(store);
  }

  now = () => new Date();

  /**
   * Maps a Lambda function name (the last part of its ARN) to a handler module's export. An
   * invocation running past `timeoutSeconds` fails as on Lambda; without it, the timeout given
   * when the name was registered before stays (a wrapper keeps the function's), else 900 s.
   */
  registerFunction(name: string, handler: LambdaHandler, options: { timeoutSeconds?: number } = {}): void {
    const seconds = options.timeoutSeconds;
    if (seconds !== undefined && !(seconds > 0 && seconds <= MAX_LAMBDA_TIMEOUT_SECONDS))
      throw new RangeError(`Lambda timeout of ${name} must be in (0, 900] seconds: ${seconds}`);
    this.functions.set(name, handler);
    if (seconds !== undefined) this.timeouts.set(name, seconds);
  }

  /** Resumes what was running before a stop, and starts the timeout clock. */
  async start(): Promise<void> {
    await backfillDeadlines(this.store, this.machines.keys(), this.limits.maxExecutionSeconds);
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.store.runnableExecutions(startKey);
      for (const arn of page.arns) this.drive(arn);
      startKey = page.nextKey;
    } while (startKey);
    this.timer = setInterval(() => void this.track(this.fireTimers()), this.options.timerIntervalMs ?? 1000);
  }

  /**
   * Lets go of every run without writing: DynamoDB already holds what a restart needs. Waits for
   * the handlers still running (each bounded by its Lambda timeout), so a backup or a test that
   * reads the table after a stop sees everything they wrote.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    for (const slot of this.slots.values()) slot.run?.close();
    await Promise.allSettled([...this.running]);
    while (this.invocations.size) await Promise.allSettled([...this.invocations]);
  }

  /** Resolves when no execution is being driven (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  async invokeFunction(functionArnOrName: string, payload: unknown): Promise<unknown> {
    const name = functionArnOrName.split(':function:').pop()!.split(':')[0]!;
    const handler = this.functions.get(name);
    if (!handler) throw Object.assign(new Error(`Function not found: ${functionArnOrName}`), { name: 'Lambda.ResourceNotFoundException' });
    const seconds = this.timeouts.get(name) ?? MAX_LAMBDA_TIMEOUT_SECONDS;
    const deadline = Date.now() + seconds * 1000;
    const context = {
      functionName: name,
      awsRequestId: crypto.randomUUID(),
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      callbackWaitsForEmptyEventLoop: false,
    };
    // Serialise both ways, as Lambda does, so no object is shared with the caller.
    const work = (async () => handler(JSON.parse(JSON.stringify(payload ?? null)), context))();
    // Tracked until the handler itself returns (even past its timeout), so close() waits for its writes.
    const invocation = work.catch(() => undefined).finally(() => this.invocations.delete(invocation));
    this.invocations.add(invocation);
    // Past its timeout the invocation fails as Lambda's does; the handler cannot be killed in-process, its late result is dropped.
    const result = await raceTimeout(work, seconds * 1000, () => lambdaTimeoutError(context.awsRequestId, seconds));
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  }

  async startExecution(input: { stateMachineArn?: unknown; name?: unknown; input?: unknown }) {
    const machine = this.machines.get(String(input.stateMachineArn));
    if (!machine) throw sfnError.stateMachineDoesNotExist(String(input.stateMachineArn));
    const name = input.name === undefined ? crypto.randomUUID() : textField(input.name, 'name');
    if (!NAME_PATTERN.test(name)) throw sfnError.invalidName(name);
    const text = input.input === undefined ? '{}' : textField(input.input, 'input');
    // StartExecution `input`: maximum length 262144 (service quotas: 256 KiB as UTF-8).
    if (overPayloadLimit(text)) throw sfnError.invalidInput('input exceeds the maximum size of 262144 bytes (256 KiB as UTF-8)');
    try {
      JSON.parse(text);
    } catch {
      throw sfnError.invalidInput('not JSON');
    }
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const startDate = this.now().toISOString();
    const record = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      input: text,
      status: 'RUNNING' as const,
      startDate,
      deadline: deadlineOf(startDate, this.limits.maxExecutionSeconds),
      definitionHash: machine.hash,
    };
    await this.definitions.remember(machine); // stored before any execution names it
    if (!(await this.store.createExecution(record))) {
      // Same name and input while running is idempotent, as on AWS.
      const existing = (await this.store.getExecution(executionArn))!;
      if (existing.status !== 'RUNNING' || existing.input !== text) throw sfnError.executionAlreadyExists(name);
      return { executionArn, startDate: existing.startDate };
    }
    this.drive(executionArn, record);
    return { executionArn, startDate: record.startDate };
  }

  async describeExecution(arn: unknown) {
    const exec = await this.store.getExecution(String(arn));
    if (!exec) throw sfnError.executionDoesNotExist(String(arn));
    const { executionArn, stateMachineArn, name, status, input, output, error, cause } = exec;
    return {
      executionArn,
      stateMachineArn,
      name,
      status,
      input,
      output,
      error,
      cause,
      startDate: epoch(exec.startDate),
      stopDate: epoch(exec.stopDate),
    };
  }

  async listExecutions(input: { stateMachineArn?: unknown; statusFilter?: unknown; maxResults?: unknown; nextToken?: unknown }) {
    const arn = String(input.stateMachineArn);
    if (!this.machines.has(arn)) throw sfnError.stateMachineDoesNotExist(arn);
    const limit = Math.min(Number(input.maxResults) || 100, 1000);
    const page = await this.store.listExecutions(
      arn,
      limit,
      decodeKey(input.nextToken),
      input.statusFilter ? textField(input.statusFilter, 'statusFilter') : undefined,
    );
    return {
      executions: page.executions.map((e) => ({
        executionArn: e.executionArn,
        stateMachineArn: e.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: epoch(e.startDate),
        stopDate: epoch(e.stopDate),
      })),
      nextToken: encodeKey(page.nextKey),
    };
  }

  async getExecutionHistory(input: { executionArn?: unknown; maxResults?: unknown; reverseOrder?: unknown; nextToken?: unknown }) {
    const arn = String(input.executionArn);
    if (!(await this.store.getExecution(arn))) throw sfnError.executionDoesNotExist(arn);
    const page = await this.store.events(arn, {
      limit: Math.min(Number(input.maxResults) || 1000, 1000),
      reverse: input.reverseOrder === true,
      startKey: decodeKey(input.nextToken),
    });
    const events = page.events.map(({ timestamp, ...event }) => ({ ...event, timestamp: epoch(timestamp) }));
    return { events, nextToken: encodeKey(page.nextKey) };
  }

  async stopExecution(input: { executionArn?: unknown; error?: unknown; cause?: unknown }) {
    const arn = String(input.executionArn);
    const exec = await this.store.getExecution(arn);
    if (!exec) throw sfnError.executionDoesNotExist(arn);
    const stopDate = this.now().toISOString();
    const error = input.error === undefined ? undefined : textField(input.error, 'error');
    const cause = input.cause === undefined ? undefined : textField(input.cause, 'cause');
    if (await this.store.finishExecution(arn, { status: 'ABORTED', error, cause }, stopDate)) {
      void this.closeRun(arn); // the pass lets go in its own time (idle() waits for it)
      const id = (await this.store.eventCount(arn)) + 1;
      await this.store.appendEvents(arn, [
        { id, previousEventId: id - 1, type: 'ExecutionAborted', timestamp: stopDate, executionAbortedEventDetails: { error, cause } },
      ]);
      this.executionEnded(arn);
      return { stopDate: epoch(stopDate) };
    }
    return { stopDate: epoch(exec.stopDate) };
  }

  async sendTaskSuccess(input: { taskToken?: unknown; output?: unknown }) {
    const text = input.output == null ? '' : textField(input.output, 'output');
    // SendTaskSuccess `output`: maximum length 262144 (service quotas: 256 KiB as UTF-8).
    if (overPayloadLimit(text)) throw sfnError.invalidOutput('output exceeds the maximum size of 262144 bytes (256 KiB as UTF-8)');
    try {
      JSON.parse(text);
    } catch {
      throw sfnError.invalidOutput('not JSON');
    }
    await this.answer(input.taskToken, { status: 'SUCCEEDED', output: text });
    return {};
  }

  async sendTaskFailure(input: { taskToken?: unknown; error?: unknown; cause?: unknown }) {
    await this.answer(input.taskToken, {
      status: 'FAILED',
      error: input.error === undefined ? 'States.TaskFailed' : textField(input.error, 'error'),
      cause: input.cause === undefined ? '' : textField(input.cause, 'cause'),
    });
    return {};
  }

  async sendTaskHeartbeat(input: { taskToken?: unknown }) {
    await this.waitingTask(input.taskToken);
    return {};
  }

  private async waitingTask(token: unknown) {
    const parts = parseToken(token);
    if (!parts) throw sfnError.invalidToken();
    const task = await this.store.getTask(parts.executionArn, parts.taskKey);
    if (!task || task.nonce !== parts.nonce) throw sfnError.taskDoesNotExist();
    if (task.status !== 'SCHEDULED' && task.status !== 'STARTED') throw sfnError.taskTimedOut();
    const exec = await this.store.getExecution(parts.executionArn);
    if (exec?.status !== 'RUNNING') throw sfnError.taskDoesNotExist();
    return parts;
  }

  /** Stores a callback's answer and makes its execution runnable, in one write; then re-drives it. */
  private async answer(token: unknown, fields: { status: 'SUCCEEDED' | 'FAILED'; output?: string; error?: string; cause?: string }) {
    const parts = parseToken(token);
    if (!parts) throw sfnError.invalidToken();
    // The write is conditional on the task waiting and the execution running; only a refusal needs the reads that name why.
    const done = await this.store.completeTask(parts.executionArn, parts.taskKey, fields, this.now().toISOString(), {
      nonce: parts.nonce,
      wake: true,
    });
    if (!done) {
      await this.waitingTask(token); // throws the precise error
      throw sfnError.taskTimedOut();
    }
    this.drive(parts.executionArn);
  }

  private timersBusy = false;

  /**
   * Fires what is due, a few at a time, one sweep at a time: a wait times out when its timeout
   * says, as on AWS, even when hundreds fall due together (a lagging timer would let waits, and
   * executions, last longer than their definition allows).
   */
  private async fireTimers(): Promise<void> {
    if (this.timersBusy) return;
    this.timersBusy = true;
    try {
      const due = await this.store.dueTimers(this.now().toISOString());
      for (let i = 0; i < due.length; i += TIMER_CONCURRENCY)
        await Promise.all(due.slice(i, i + TIMER_CONCURRENCY).map((timer) => this.fireTimer(timer)));
    } finally {
      this.timersBusy = false;
    }
  }

  private async fireTimer(due: Awaited<ReturnType<SfnStore['dueTimers']>>[number]): Promise<void> {
    const at = this.now().toISOString();
    if (due.deadline) return this.timeOutExecution(due.executionArn, at);
    if (
      await this.store.completeTask(due.executionArn, due.taskKey, { status: 'TIMED_OUT', error: 'States.Timeout' }, at, { wake: true })
    ) {
      this.drive(due.executionArn);
    } else {
      await this.store.clearTimer(due.executionArn, due.taskKey); // answered or stopped meanwhile
    }
  }

  /**
   * The execution reached its maximum duration: TIMED_OUT with States.Timeout and no Catch, as on
   * AWS (service quotas: "Maximum execution time 1 year"); a pass running it is closed first.
   */
  private async timeOutExecution(arn: string, at: string): Promise<void> {
    if (await this.recordTimeout(arn, at)) await this.closeRun(arn);
  }

  /** TIMED_OUT with its history event; false if the execution had ended already. */
  private async recordTimeout(arn: string, at: string): Promise<boolean> {
    const exec = await this.store.getExecution(arn);
    const cause = executionTimeoutCause(
      exec?.deadline ? (Date.parse(exec.deadline) - Date.parse(exec.startDate)) / 1000 : this.limits.maxExecutionSeconds,
    );
    if (!(await this.store.finishExecution(arn, { status: 'TIMED_OUT', error: 'States.Timeout', cause }, at))) {
      await clearDeadline(this.store, arn);
      return false;
    }
    const id = (await this.store.eventCount(arn)) + 1;
    await this.store.appendEvents(arn, [
      {
        id,
        previousEventId: id - 1,
        type: 'ExecutionTimedOut',
        timestamp: at,
        executionTimedOutEventDetails: { error: 'States.Timeout', cause },
      },
    ]);
    this.executionEnded(arn);
    return true;
  }

  /**
   * What EventBridge does on AWS with an "Execution Status Change" event (Standard workflows
   * send one when an execution ends): the machine's rule targets get it, shaped as on AWS.
   * Delivered in the background, tracked so idle() waits for it; a failed delivery is retried
   * twice, as an asynchronous Lambda invocation is, then logged.
   */
  executionEnded(arn: string): void {
    if (this.closing) return;
    void this.track(
      (async () => {
        const exec = await this.store.getExecution(arn);
        const targets = exec ? (this.machines.get(exec.stateMachineArn)?.statusChangeTargets ?? []) : [];
        if (!exec || targets.length === 0) return;
        const [, , , region, account] = arn.split(':');
        const millis = (iso?: string) => (iso ? Date.parse(iso) : null);
        const event = {
          version: '0',
          id: crypto.randomUUID(),
          'detail-type': 'Step Functions Execution Status Change',
          source: 'aws.states',
          account,
          time: exec.stopDate,
          region,
          resources: [arn],
          detail: {
            executionArn: arn,
            stateMachineArn: exec.stateMachineArn,
            name: exec.name,
            status: exec.status,
            startDate: millis(exec.startDate),
            stopDate: millis(exec.stopDate),
            input: exec.input,
            output: exec.output ?? null,
            inputDetails: { included: true },
            outputDetails: { included: true },
            error: exec.error ?? null,
            cause: exec.cause ?? null,
          },
        };
        for (const target of targets) {
          for (let attempt = 1; ; attempt++) {
            try {
              await this.invokeFunction(target, event);
              break;
            } catch (error) {
              if (attempt >= 3 || this.closing) throw error;
              await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
            }
          }
        }
      })(),
    );
  }

  /** Closes the pass driving an execution that just ended; resolves when it has let go. */
  private closeRun(arn: string): Promise<unknown> | undefined {
    const slot = this.slots.get(arn);
    if (!slot) return undefined;
    slot.ended = true;
    slot.run?.close();
    return slot.done;
  }

  private track(promise: Promise<unknown>): Promise<unknown> {
    const tracked = promise.catch((error: unknown) => logError('[local-sfn]', error)).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return tracked;
  }

  /** Runs an execution until it parks or ends; one pass at a time per execution. `created`: it was just stored. */
  private drive(arn: string, created?: ExecutionRecord): void {
    if (this.closing) return;
    const busy = this.slots.get(arn);
    if (busy) {
      busy.wake = true; // answered while a pass runs: run again after it
      return;
    }
    const slot: Slot = { wake: false };
    this.slots.set(arn, slot);
    slot.done = this.track(
      (async () => {
        try {
          const exec = created ?? (await this.store.getExecution(arn));
          const current = exec && this.machines.get(exec.stateMachineArn);
          if (!exec || exec.status !== 'RUNNING' || !current || this.closing) return;
          if (!exec.deadline) await ensureDeadline(this.store, exec, this.limits.maxExecutionSeconds); // stored by an earlier version
          const machine = await this.definitions.machineFor(exec, current);
          if (this.closing || slot.ended) return;
          // Past its maximum duration (a timer fired late, or the service was down): it ends now.
          if (exec.deadline && this.now().toISOString() > exec.deadline)
            return void (await this.recordTimeout(arn, this.now().toISOString()));
          slot.run = new ExecutionRun(this, exec, machine, created !== undefined);
          if ((await slot.run.run()) === 'past-deadline') await this.recordTimeout(arn, this.now().toISOString());
        } finally {
          this.slots.delete(arn);
          if (slot.wake) this.drive(arn);
        }
      })(),
    );
  }
}
