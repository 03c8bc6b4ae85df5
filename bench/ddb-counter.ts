import { wrapSdkSend } from './sdk-send.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Counts every DynamoDB call made in this process (the web app, the in-process handlers and
 * the local Step Functions engine all share it), by table: requests, items written and read,
 * and the capacity units DynamoDB Local reports (ReturnConsumedCapacity is added to each call).
 */
export type TableCounts = {
  requests: Record<string, number>;
  itemsWritten: number;
  transactItemsWritten: number;
  itemsRead: number;
  wcu: number;
  rcu: number;
  /** Step Functions history events of type *StateEntered (the engine table only). */
  statesEntered: number;
  /** The same, by state machine (read off the execution ARN in the event's key). */
  statesEnteredByMachine: Record<string, number>;
};
export type Counts = Record<string, TableCounts>;

const empty = (): TableCounts => ({
  requests: {},
  itemsWritten: 0,
  transactItemsWritten: 0,
  itemsRead: 0,
  wcu: 0,
  rcu: 0,
  statesEntered: 0,
  statesEnteredByMachine: {},
});

/** *StateEntered events in a history item: a packed item's list (local/sfn/sfn-store.ts), or the one event an item of an earlier version is. */
export function statesEnteredIn(item: Record<string, unknown> | undefined): number {
  const events = Array.isArray(item?.events) ? (item.events as { type?: unknown }[]) : item ? [item] : [];
  return events.filter((e) => typeof e.type === 'string' && e.type.endsWith('StateEntered')).length;
}

/** `EXEC#arn:aws:states:…:execution:<machine>:<name>` → `<machine>`. */
export function machineOfEventKey(pk: unknown): string {
  return (typeof pk === 'string' && /:execution:([^:]+):/.exec(pk)?.[1]) || '?';
}

const WITH_CAPACITY = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'GetItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'TransactGetItems',
]);

/** `PutCommand` / `PutItemCommand` → `PutItem`, as DynamoDB names its operations. */
function operation(commandName: string): string | undefined {
  const base = commandName.replace(/Command$/, '');
  const map: Record<string, string> = {
    Put: 'PutItem',
    Update: 'UpdateItem',
    Delete: 'DeleteItem',
    Get: 'GetItem',
    BatchGet: 'BatchGetItem',
    BatchWrite: 'BatchWriteItem',
    TransactWrite: 'TransactWriteItems',
    TransactGet: 'TransactGetItems',
  };
  return map[base] ?? base;
}

type Capacity = { TableName?: string; CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
type Input = Record<string, unknown> & {
  TableName?: string;
  TransactItems?: Record<string, { TableName?: string; Item?: Record<string, unknown> }>[];
  RequestItems?: Record<string, unknown[]>;
};

export class DynamoCounter {
  private counts: Counts = {};
  private installed = false;

  /** Patches the SDK's shared client `send` once; every DynamoDB client in the process goes through it. */
  install(): void {
    if (this.installed) return;
    if (Object.getPrototypeOf(DynamoDBClient.prototype) !== Object.getPrototypeOf(DynamoDBDocumentClient.prototype))
      throw new Error('bench: DynamoDBClient and DynamoDBDocumentClient do not share a base client; cannot count calls');
    wrapSdkSend(DynamoDBClient, async (client, args, send) => {
      const command = args[0] as { constructor: { name: string }; input?: Input };
      const isDynamo = client instanceof DynamoDBClient || client instanceof DynamoDBDocumentClient;
      const op = isDynamo ? operation(command.constructor.name) : undefined;
      if (!op || !command.input) return send(...args);
      if (WITH_CAPACITY.has(op) && command.input.ReturnConsumedCapacity === undefined) command.input.ReturnConsumedCapacity = 'TOTAL';
      this.before(op, command.input);
      const output = (await send(...args)) as Record<string, unknown>;
      this.after(op, command.input, output);
      return output;
    });
    this.installed = true;
  }

  private table(name: string | undefined): TableCounts {
    const key = name ?? '?';
    return (this.counts[key] ??= empty());
  }

  private before(op: string, input: Input): void {
    if (op === 'TransactWriteItems') {
      for (const item of input.TransactItems ?? []) {
        const inner = Object.values(item)[0];
        const t = this.table(inner?.TableName);
        if (!('ConditionCheck' in item)) {
          t.itemsWritten++;
          t.transactItemsWritten++;
        }
      }
      this.bump(this.firstTable(input), op);
    } else if (op === 'BatchWriteItem') {
      for (const [table, requests] of Object.entries(input.RequestItems ?? {})) {
        const t = this.table(table);
        t.itemsWritten += requests.length;
        for (const r of requests as { PutRequest?: { Item?: Record<string, unknown> } }[]) {
          const entered = statesEnteredIn(r.PutRequest?.Item);
          if (entered) {
            t.statesEntered += entered;
            const machine = machineOfEventKey(r.PutRequest?.Item?.pk);
            t.statesEnteredByMachine[machine] = (t.statesEnteredByMachine[machine] ?? 0) + entered;
          }
        }
        this.bump(table, op);
      }
    } else if (op === 'BatchGetItem') {
      for (const table of Object.keys(input.RequestItems ?? {})) this.bump(table, op);
    } else {
      const t = this.table(input.TableName);
      if (op === 'PutItem' || op === 'UpdateItem' || op === 'DeleteItem') t.itemsWritten++;
      this.bump(input.TableName, op);
    }
  }

  private after(op: string, input: Input, output: Record<string, unknown>): void {
    const consumed = output.ConsumedCapacity as Capacity | Capacity[] | undefined;
    for (const c of consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed]) {
      const t = this.table(c.TableName ?? input.TableName);
      const write =
        op === 'PutItem' || op === 'UpdateItem' || op === 'DeleteItem' || op === 'BatchWriteItem' || op === 'TransactWriteItems';
      if (c.WriteCapacityUnits !== undefined || c.ReadCapacityUnits !== undefined) {
        t.wcu += c.WriteCapacityUnits ?? 0;
        t.rcu += c.ReadCapacityUnits ?? 0;
      } else if (write) t.wcu += c.CapacityUnits ?? 0;
      else t.rcu += c.CapacityUnits ?? 0;
    }
    const items = output.Items as unknown[] | undefined;
    if (items) this.table(input.TableName).itemsRead += items.length;
    else if (output.Item) this.table(input.TableName).itemsRead++;
    const responses = output.Responses as Record<string, unknown[]> | undefined;
    if (responses && !Array.isArray(responses))
      for (const [table, list] of Object.entries(responses)) this.table(table).itemsRead += list.length;
  }

  private firstTable(input: Input): string | undefined {
    const first = input.TransactItems?.[0];
    return first ? Object.values(first)[0]?.TableName : undefined;
  }

  private bump(table: string | undefined, op: string): void {
    const t = this.table(table);
    t.requests[op] = (t.requests[op] ?? 0) + 1;
  }

  snapshot(): Counts {
    return structuredClone(this.counts);
  }
}

export function diff(after: Counts, before: Counts): Counts {
  const out: Counts = {};
  for (const [table, a] of Object.entries(after)) {
    const b = before[table] ?? empty();
    const requests: Record<string, number> = {};
    for (const [op, n] of Object.entries(a.requests)) if (n - (b.requests[op] ?? 0)) requests[op] = n - (b.requests[op] ?? 0);
    const statesEnteredByMachine: Record<string, number> = {};
    for (const [machine, n] of Object.entries(a.statesEnteredByMachine))
      if (n - (b.statesEnteredByMachine[machine] ?? 0)) statesEnteredByMachine[machine] = n - (b.statesEnteredByMachine[machine] ?? 0);
    out[table] = {
      requests,
      itemsWritten: a.itemsWritten - b.itemsWritten,
      transactItemsWritten: a.transactItemsWritten - b.transactItemsWritten,
      itemsRead: a.itemsRead - b.itemsRead,
      wcu: a.wcu - b.wcu,
      rcu: a.rcu - b.rcu,
      statesEntered: a.statesEntered - b.statesEntered,
      statesEnteredByMachine,
    };
  }
  return out;
}

export const totalRequests = (t: TableCounts | undefined, ops?: string[]) =>
  Object.entries(t?.requests ?? {})
    .filter(([op]) => !ops || ops.includes(op))
    .reduce((sum, [, n]) => sum + n, 0);
export const WRITE_OPS = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems'];
export const READ_OPS = ['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems'];
