import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

/**
 * Durable state of the local Step Functions service, in its own DynamoDB table:
 *   pk=EXEC#arn sk=META       the execution (gsi1pk=RUNNABLE while it has work to do; gsi2 lists a machine's executions)
 *   pk=EXEC#arn sk=EV#n       its history events from id n on, in order: one item per pass that
 *                             wrote some (`events`, up to `lastId`), so a step costs one write for its
 *                             history; an item of an earlier version holds one event (its own fields)
 *   pk=EXEC#arn sk=TASK#key   each task's result, so a replay never runs a finished task again
 *                             (gsi1pk=TIMER while a callback waits, sorted by its timeout)
 *   pk=EXEC#arn sk=DEADLINE   its maximum duration (gsi1pk=TIMER, sorted by the deadline) while it runs
 *   pk=DEF#sha256 sk=DEFINITION  a definition executions started with (local/sfn/definitions.ts)
 */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
export type ExecutionRecord = {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  output?: string;
  error?: string;
  cause?: string;
  /** When the execution times out (AWS: 1 year after its start); absent on records of earlier versions. */
  deadline?: string;
  /** sha256 of the definition it started with; absent on records of earlier versions. */
  definitionHash?: string;
};
export type TaskStatus = 'SCHEDULED' | 'STARTED' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
export type TaskRecord = {
  executionArn: string;
  taskKey: string;
  status: TaskStatus;
  token?: string;
  nonce?: string;
  scheduledAt: string;
  submittedAt?: string;
  completedAt?: string;
  timeoutAt?: string;
  output?: string;
  error?: string;
  cause?: string;
  invocations: number;
};
export type StoredEvent = Record<string, unknown> & { id: number; type: string; timestamp: string };

const execKey = (arn: string) => ({ pk: `EXEC#${arn}`, sk: 'META' });
const taskKey = (arn: string, key: string) => ({ pk: `EXEC#${arn}`, sk: `TASK#${key}` });
/** The item the timer loop fires when an execution reaches its maximum duration. */
export const deadlineKey = (arn: string) => ({ pk: `EXEC#${arn}`, sk: 'DEADLINE' });
export const deadlineItem = (arn: string, deadline: string) => ({
  ...deadlineKey(arn),
  executionArn: arn,
  deadline,
  gsi1pk: 'TIMER',
  gsi1sk: `${deadline}#${arn}#DEADLINE`,
});
const eventSk = (id: number) => `EV#${String(id).padStart(8, '0')}`;
/** Below DynamoDB's 400 KB item limit, with room for the key and attribute names. */
const MAX_EVENT_ITEM_BYTES = 350_000;
/** Events in items of at most MAX_EVENT_ITEM_BYTES (one event up to 256 KiB of payload always fits alone). */
export function packEvents(events: StoredEvent[]): StoredEvent[][] {
  const chunks: StoredEvent[][] = [];
  let size = 0;
  for (const event of events) {
    const bytes = Buffer.byteLength(JSON.stringify(event));
    if (!chunks.length || size + bytes > MAX_EVENT_ITEM_BYTES) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(event);
    size += bytes;
  }
  return chunks;
}
/** The events an item holds: a packed item's list, or the one event an item of an earlier version is. */
function eventsOf(item: Record<string, unknown>): StoredEvent[] {
  if (Array.isArray(item.events)) return item.events as StoredEvent[];
  const { pk: _pk, sk: _sk, ...event } = item;
  return [event as StoredEvent];
}
const lastEventId = (item: Record<string, unknown>) => (typeof item.lastId === 'number' ? item.lastId : (item.id as number));
/** `SET #a = :a, ...` for the fields that have a value (DynamoDB rejects undefined values). */
function setDefined(fields: Record<string, unknown>) {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  return {
    expression: entries.map(([name]) => `#${name} = :${name}`).join(', '),
    names: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
    values: Object.fromEntries(entries.map(([name, value]) => [`:${name}`, value])),
  };
}

const isConditionFailure = (e: unknown) => ['ConditionalCheckFailedException', 'TransactionCanceledException'].includes((e as Error).name);

export class SfnStore {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.db = db;
    this.tableName = tableName;
  }

  /** The execution and, in the same write, its deadline timer; false if the name is taken. */
  async createExecution(exec: ExecutionRecord & { deadline: string }): Promise<boolean> {
    return this.transactOrFalse([
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...execKey(exec.executionArn),
            ...exec,
            gsi1pk: 'RUNNABLE',
            gsi1sk: exec.executionArn,
            gsi2pk: `SM#${exec.stateMachineArn}`,
            gsi2sk: `${exec.startDate}#${exec.name}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.tableName, Item: deadlineItem(exec.executionArn, exec.deadline) } },
    ]);
  }

  async getExecution(arn: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: execKey(arn), ConsistentRead: true }));
    return Item as ExecutionRecord | undefined;
  }

  /** RUNNING -> a final status, dropping its deadline timer; false if it was no longer running (stopped meanwhile). */
  async finishExecution(
    arn: string,
    fields: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>,
    stopDate: string,
  ): Promise<boolean> {
    const set = setDefined({ ...fields, stopDate });
    return this.transactOrFalse([
      {
        Update: {
          TableName: this.tableName,
          Key: execKey(arn),
          UpdateExpression: `SET ${set.expression} REMOVE gsi1pk, gsi1sk`,
          ConditionExpression: '#status = :running',
          ExpressionAttributeNames: set.names,
          ExpressionAttributeValues: { ...set.values, ':running': 'RUNNING' },
        },
      },
      { Delete: { TableName: this.tableName, Key: deadlineKey(arn) } },
    ]);
  }

  /** Parks a run that waits on a callback, unless that callback already has its result. */
  async park(arn: string, key: string): Promise<boolean> {
    return this.transactOrFalse([
      {
        ConditionCheck: {
          TableName: this.tableName,
          Key: taskKey(arn, key),
          ConditionExpression: '#status = :started',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':started': 'STARTED' },
        },
      },
      this.parkExecution(arn),
    ]);
  }

  /**
   * SCHEDULED -> STARTED once the callback's function ran (its timer starts now) and the run
   * parks, in one write; false if the task was answered meanwhile or the execution stopped.
   */
  async submitAndPark(arn: string, key: string, at: string, timeoutAt: string): Promise<boolean> {
    return this.transactOrFalse([
      {
        Update: {
          TableName: this.tableName,
          Key: taskKey(arn, key),
          UpdateExpression: 'SET #status = :started, submittedAt = :at, timeoutAt = :timeout, gsi1pk = :timer, gsi1sk = :timerSk',
          ConditionExpression: '#status = :scheduled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':started': 'STARTED',
            ':scheduled': 'SCHEDULED',
            ':at': at,
            ':timeout': timeoutAt,
            ':timer': 'TIMER',
            ':timerSk': `${timeoutAt}#${arn}#${key}`,
          },
        },
      },
      this.parkExecution(arn),
    ]);
  }

  private parkExecution(arn: string) {
    return {
      Update: {
        TableName: this.tableName,
        Key: execKey(arn),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'RUNNING' },
      },
    };
  }

  private async transactOrFalse(
    items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>,
  ): Promise<boolean> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async getTask(arn: string, key: string): Promise<TaskRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: taskKey(arn, key), ConsistentRead: true }));
    return Item as TaskRecord | undefined;
  }

  async putNewTask(task: TaskRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...taskKey(task.executionArn, task.taskKey), ...task },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** A function task's result, in one write (a record of an earlier version left SCHEDULED is overwritten). */
  async putTaskResult(task: TaskRecord): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...taskKey(task.executionArn, task.taskKey), ...task } }));
  }

  /** A task scheduled earlier (its run crashed or stopped) is invoked again. */
  async countInvocation(arn: string, key: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: taskKey(arn, key),
        UpdateExpression: 'ADD invocations :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  /**
   * Records a task's final result. For callbacks (`wake`), the execution becomes runnable
   * in the same transaction, so a crash right after cannot strand a parked execution.
   */
  async completeTask(
    arn: string,
    key: string,
    fields: Pick<TaskRecord, 'status' | 'output' | 'error' | 'cause'>,
    at: string,
    guard: { nonce?: string; wake: boolean },
  ): Promise<boolean> {
    const set = setDefined({ status: fields.status, output: fields.output, error: fields.error, cause: fields.cause, completedAt: at });
    const update = {
      TableName: this.tableName,
      Key: taskKey(arn, key),
      UpdateExpression: `SET ${set.expression} REMOVE gsi1pk, gsi1sk`,
      ConditionExpression: guard.nonce ? '#status IN (:scheduled, :started) AND #nonce = :nonceValue' : '#status IN (:scheduled, :started)',
      ExpressionAttributeNames: { ...set.names, '#status': 'status', ...(guard.nonce ? { '#nonce': 'nonce' } : {}) },
      ExpressionAttributeValues: {
        ...set.values,
        ':scheduled': 'SCHEDULED',
        ':started': 'STARTED',
        ...(guard.nonce ? { ':nonceValue': guard.nonce } : {}),
      },
    };
    try {
      if (!guard.wake) {
        await this.db.send(new UpdateCommand(update));
      } else {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: update },
              {
                Update: {
                  TableName: this.tableName,
                  Key: execKey(arn),
                  UpdateExpression: 'SET gsi1pk = :runnable, gsi1sk = :arn',
                  ConditionExpression: '#status = :running',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':runnable': 'RUNNABLE', ':arn': arn, ':running': 'RUNNING' },
                },
              },
            ],
          }),
        );
      }
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Drops a timer whose execution is no longer running. */
  async clearTimer(arn: string, key: string): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.tableName, Key: taskKey(arn, key), UpdateExpression: 'REMOVE gsi1pk, gsi1sk' }));
  }

  /** Callback timeouts (`taskKey`) and execution deadlines (`deadline`) that are due. */
  async dueTimers(
    now: string,
    limit = 100,
  ): Promise<({ executionArn: string; taskKey: string; deadline?: false } | { executionArn: string; deadline: true })[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :timer AND gsi1sk < :now',
        ExpressionAttributeValues: { ':timer': 'TIMER', ':now': now },
        Limit: limit,
      }),
    );
    return Items.map((i) =>
      i.sk === 'DEADLINE'
        ? { executionArn: i.executionArn as string, deadline: true as const }
        : { executionArn: i.executionArn as string, taskKey: i.taskKey as string },
    );
  }

  async runnableExecutions(startKey?: Record<string, unknown>) {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :r',
        ExpressionAttributeValues: { ':r': 'RUNNABLE' },
        ExclusiveStartKey: startKey,
      }),
    );
    return { arns: (page.Items ?? []).map((i) => i.executionArn as string), nextKey: page.LastEvaluatedKey };
  }

  async listExecutions(stateMachineArn: string, limit: number, startKey?: Record<string, unknown>, status?: string) {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :sm',
        ScanIndexForward: false,
        ExpressionAttributeValues: { ':sm': `SM#${stateMachineArn}`, ...(status ? { ':status': status } : {}) },
        ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { executions: (page.Items ?? []) as ExecutionRecord[], nextKey: page.LastEvaluatedKey };
  }

  /** Number of history events already stored (ids run 1..n). */
  async eventCount(arn: string): Promise<number> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ev)',
        ExpressionAttributeValues: { ':pk': `EXEC#${arn}`, ':ev': 'EV#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Items.length ? lastEventId(Items[0]!) : 0;
  }

  /** Appends events (consecutive ids) in as few items as DynamoDB's 400 KB item limit allows: usually one. */
  async appendEvents(arn: string, events: StoredEvent[]): Promise<void> {
    const items = packEvents(events).map((chunk) => ({
      PutRequest: { Item: { pk: `EXEC#${arn}`, sk: eventSk(chunk[0]!.id), lastId: chunk.at(-1)!.id, events: chunk } },
    }));
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25);
      while (requests.length) {
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  /**
   * A page of the history, `limit` events at most, from the start (or the end when `reverse`);
   * `startKey` is the `nextKey` of the page before: the id of its last event.
   */
  async events(
    arn: string,
    options: { limit: number; reverse: boolean; startKey?: Record<string, unknown> },
  ): Promise<{ events: StoredEvent[]; nextKey?: Record<string, unknown> }> {
    const after = typeof options.startKey?.eventId === 'number' ? options.startKey.eventId : undefined;
    // Forward from event n: start at the item holding n + 1 (the last item whose first id is at most n + 1).
    let from: string | undefined;
    if (after !== undefined && !options.reverse) {
      const { Items = [] } = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :ev AND :to',
          ExpressionAttributeValues: { ':pk': `EXEC#${arn}`, ':ev': 'EV#', ':to': eventSk(after + 1) },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      from = Items[0]?.sk as string | undefined;
    }
    const condition = options.reverse
      ? after !== undefined
        ? { expr: 'sk BETWEEN :ev AND :to', values: { ':ev': 'EV#', ':to': eventSk(after - 1) } }
        : { expr: 'begins_with(sk, :ev)', values: { ':ev': 'EV#' } }
      : from
        ? { expr: 'sk BETWEEN :from AND :end', values: { ':from': from, ':end': 'EV#~' } }
        : { expr: 'begins_with(sk, :ev)', values: { ':ev': 'EV#' } };
    const out: StoredEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    let more = false;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: `pk = :pk AND ${condition.expr}`,
          ExpressionAttributeValues: { ':pk': `EXEC#${arn}`, ...condition.values },
          ScanIndexForward: !options.reverse,
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) {
        const held = eventsOf(item);
        for (const e of options.reverse ? held.reverse() : held) {
          if (after !== undefined && (options.reverse ? e.id >= after : e.id <= after)) continue;
          if (out.length === options.limit) more = true;
          else out.push(e);
        }
        if (more) break;
      }
      startKey = page.LastEvaluatedKey;
      if (!more && !startKey) break;
    } while (!more);
    const last = out.at(-1);
    const nextKey = more && last ? { eventId: last.id } : undefined;
    return { events: out, nextKey };
  }

  /** The tasks recorded for an execution (tests count invocations with it). */
  async tasks(arn: string): Promise<TaskRecord[]> {
    const out: TaskRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.taskPage(arn, startKey);
      out.push(...page.tasks);
      startKey = page.nextKey;
    } while (startKey);
    return out;
  }

  /** One page (up to 1 MB) of an execution's tasks: a replay reads them at once instead of one by one. */
  async taskPage(arn: string, startKey?: Record<string, unknown>): Promise<{ tasks: TaskRecord[]; nextKey?: Record<string, unknown> }> {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
        ExpressionAttributeValues: { ':pk': `EXEC#${arn}`, ':t': 'TASK#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    return { tasks: (page.Items ?? []) as TaskRecord[], nextKey: page.LastEvaluatedKey };
  }
}
