import { ExecutionRun, type LoadedMachine, type RunHost } from './execution-run.ts';
import { sfnError } from './sfn-errors.ts';
import type { ExecutionRecord, SfnStore } from './sfn-store.ts';
import { parseToken } from './tokens.ts';
import { logError } from '../../core/redact.ts';

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

type Slot = { wake: boolean; run?: ExecutionRun };

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
const encodeKey = (key?: Record<string, unknown>) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined);
const decodeKey = (token?: unknown) => (typeof token === 'string' && token ? (JSON.parse(Buffer.from(token, 'base64url').toString()) as Record<string, unknown>) : undefined);
const epoch = (iso?: string) => (iso ? Date.parse(iso) / 1000 : undefined);

/**
 * The local Step Functions service: the same ASL run by aws-local-stepfunctions, Lambda
 * tasks mapped to the handler modules in-process, and all state in DynamoDB so that a
 * restart resumes every execution where it was.
 */
export class LocalStepFunctions implements RunHost {
  private slots = new Map<string, Slot>();
  private running = new Set<Promise<unknown>>();
  private timer?: NodeJS.Timeout;
  private closing = false;

  constructor(
    readonly store: SfnStore,
    private machines: Map<string, LoadedMachine>,
    private functions: Map<string, LambdaHandler>,
    private options: { timerIntervalMs?: number } = {},
  ) {}

  now = () => new Date();

  /** Maps a Lambda function name (the last part of its ARN) to a handler module's export. */
  registerFunction(name: string, handler: LambdaHandler): void {
    this.functions.set(name, handler);
  }

  /** Resumes what was running before a stop, and starts the timeout clock. */
  async start(): Promise<void> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.store.runnableExecutions(startKey);
      for (const arn of page.arns) this.drive(arn);
      startKey = page.nextKey;
    } while (startKey);
    this.timer = setInterval(() => this.track(this.fireTimers()), this.options.timerIntervalMs ?? 1000);
  }

  /** Lets go of every run without writing: DynamoDB already holds what a restart needs. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    for (const slot of this.slots.values()) slot.run?.close();
    await Promise.allSettled([...this.running]);
  }

  /** Resolves when no execution is being driven (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  async invokeFunction(functionArnOrName: string, payload: unknown): Promise<unknown> {
    const name = functionArnOrName.split(':function:').pop()!.split(':')[0]!;
    const handler = this.functions.get(name);
    if (!handler) throw Object.assign(new Error(`Function not found: ${functionArnOrName}`), { name: 'Lambda.ResourceNotFoundException' });
    const context = { functionName: name, awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => 300_000, callbackWaitsForEmptyEventLoop: false };
    // Serialise both ways, as Lambda does, so no object is shared with the caller.
    const result = await handler(JSON.parse(JSON.stringify(payload ?? null)), context);
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  }

  async startExecution(input: { stateMachineArn?: unknown; name?: unknown; input?: unknown }) {
    const machine = this.machines.get(String(input.stateMachineArn));
    if (!machine) throw sfnError.stateMachineDoesNotExist(String(input.stateMachineArn));
    const name = input.name === undefined ? crypto.randomUUID() : String(input.name);
    if (!NAME_PATTERN.test(name)) throw sfnError.invalidName(name);
    const text = input.input === undefined ? '{}' : String(input.input);
    try {
      JSON.parse(text);
    } catch {
      throw sfnError.invalidInput('not JSON');
    }
    const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`;
    const record: ExecutionRecord = { executionArn, stateMachineArn: machine.arn, name, input: text, status: 'RUNNING', startDate: this.now().toISOString() };
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
    return { executionArn, stateMachineArn, name, status, input, output, error, cause, startDate: epoch(exec.startDate), stopDate: epoch(exec.stopDate) };
  }

  async listExecutions(input: { stateMachineArn?: unknown; statusFilter?: unknown; maxResults?: unknown; nextToken?: unknown }) {
    const arn = String(input.stateMachineArn);
    if (!this.machines.has(arn)) throw sfnError.stateMachineDoesNotExist(arn);
    const limit = Math.min(Number(input.maxResults) || 100, 1000);
    const page = await this.store.listExecutions(arn, limit, decodeKey(input.nextToken), input.statusFilter ? String(input.statusFilter) : undefined);
    return {
      executions: page.executions.map((e) => ({ executionArn: e.executionArn, stateMachineArn: e.stateMachineArn, name: e.name, status: e.status, startDate: epoch(e.startDate), stopDate: epoch(e.stopDate) })),
      nextToken: encodeKey(page.nextKey),
    };
  }

  async getExecutionHistory(input: { executionArn?: unknown; maxResults?: unknown; reverseOrder?: unknown; nextToken?: unknown }) {
    const arn = String(input.executionArn);
    if (!(await this.store.getExecution(arn))) throw sfnError.executionDoesNotExist(arn);
    const page = await this.store.events(arn, { limit: Math.min(Number(input.maxResults) || 1000, 1000), reverse: input.reverseOrder === true, startKey: decodeKey(input.nextToken) });
    const events = page.events.map(({ pk: _pk, sk: _sk, timestamp, ...event }) => ({ ...event, timestamp: epoch(timestamp) }));
    return { events, nextToken: encodeKey(page.nextKey) };
  }

  async stopExecution(input: { executionArn?: unknown; error?: unknown; cause?: unknown }) {
    const arn = String(input.executionArn);
    const exec = await this.store.getExecution(arn);
    if (!exec) throw sfnError.executionDoesNotExist(arn);
    const stopDate = this.now().toISOString();
    const error = input.error === undefined ? undefined : String(input.error);
    const cause = input.cause === undefined ? undefined : String(input.cause);
    if (await this.store.finishExecution(arn, { status: 'ABORTED', error, cause }, stopDate)) {
      this.slots.get(arn)?.run?.close();
      const id = (await this.store.eventCount(arn)) + 1;
      await this.store.appendEvents(arn, [{ id, previousEventId: id - 1, type: 'ExecutionAborted', timestamp: stopDate, executionAbortedEventDetails: { error, cause } }]);
      return { stopDate: epoch(stopDate) };
    }
    return { stopDate: epoch(exec.stopDate) };
  }

  async sendTaskSuccess(input: { taskToken?: unknown; output?: unknown }) {
    const text = String(input.output ?? '');
    try {
      JSON.parse(text);
    } catch {
      throw sfnError.invalidOutput('not JSON');
    }
    await this.answer(input.taskToken, { status: 'SUCCEEDED', output: text });
    return {};
  }

  async sendTaskFailure(input: { taskToken?: unknown; error?: unknown; cause?: unknown }) {
    await this.answer(input.taskToken, { status: 'FAILED', error: input.error === undefined ? 'States.TaskFailed' : String(input.error), cause: input.cause === undefined ? '' : String(input.cause) });
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
    const done = await this.store.completeTask(parts.executionArn, parts.taskKey, fields, this.now().toISOString(), { nonce: parts.nonce, wake: true });
    if (!done) {
      await this.waitingTask(token); // throws the precise error
      throw sfnError.taskTimedOut();
    }
    this.drive(parts.executionArn);
  }

  private async fireTimers(): Promise<void> {
    for (const due of await this.store.dueTimers(this.now().toISOString())) {
      const at = this.now().toISOString();
      if (await this.store.completeTask(due.executionArn, due.taskKey, { status: 'TIMED_OUT', error: 'States.Timeout' }, at, { wake: true })) {
        this.drive(due.executionArn);
      } else {
        await this.store.clearTimer(due.executionArn, due.taskKey); // answered or stopped meanwhile
      }
    }
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error: unknown) => logError('[local-sfn]', error)).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
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
    this.track(
      (async () => {
        try {
          const exec = created ?? (await this.store.getExecution(arn));
          const machine = exec && this.machines.get(exec.stateMachineArn);
          if (!exec || exec.status !== 'RUNNING' || !machine || this.closing) return;
          slot.run = new ExecutionRun(this, exec, machine, created !== undefined);
          await slot.run.run();
        } finally {
          this.slots.delete(arn);
          if (slot.wake) this.drive(arn);
        }
      })(),
    );
  }
}
