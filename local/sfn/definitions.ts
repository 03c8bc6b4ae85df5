import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { logError } from '../../core/redact.ts';
import type { LoadedMachine } from './execution-run.ts';
import { loadDefinition } from './load-machine.ts';
import type { ExecutionRecord, SfnStore } from './sfn-store.ts';

const definitionKey = (hash: string) => ({ pk: `DEF#${hash}`, sk: 'DEFINITION' });

/**
 * Executions are pinned to the definition they started with, as on AWS: a changed ASL applies to
 * new executions only. Each definition (after substitutions) is stored once, keyed by its sha256,
 * before any execution names it; an execution whose hash differs from the loaded machine's runs
 * (and replays) the stored one. Records without a hash (earlier versions) run the current one.
 */
export class Definitions {
  private stored = new Map<string, Promise<void>>();
  private pinned = new Map<string, LoadedMachine>();

  private store: SfnStore;
  constructor(store: SfnStore) {
    this.store = store;
  }

  /** Stores the machine's definition, once per process and hash. */
  remember(machine: LoadedMachine): Promise<void> {
    let put = this.stored.get(machine.hash);
    if (!put) {
      const item = { ...definitionKey(machine.hash), hash: machine.hash, definition: machine.definition };
      put = this.store.db.send(new PutCommand({ TableName: this.store.tableName, Item: item })).then(() => undefined);
      put.catch(() => this.stored.delete(machine.hash)); // try again next time
      this.stored.set(machine.hash, put);
    }
    return put;
  }

  /** The machine an execution runs: the loaded one, or the definition it started with. */
  async machineFor(exec: ExecutionRecord, current: LoadedMachine): Promise<LoadedMachine> {
    const hash = exec.definitionHash;
    if (!hash || hash === current.hash) return current;
    const cacheKey = `${current.arn}#${hash}`;
    const cached = this.pinned.get(cacheKey);
    if (cached) return cached;
    const { Item } = await this.store.db.send(
      new GetCommand({ TableName: this.store.tableName, Key: definitionKey(hash), ConsistentRead: true }),
    );
    if (typeof Item?.definition !== 'string') {
      logError('[local-sfn]', new Error(`Definition ${hash} of ${exec.executionArn} is not stored: running the current one`));
      return current;
    }
    const machine = loadDefinition(current.arn, current.name, Item.definition);
    this.pinned.set(cacheKey, machine);
    return machine;
  }
}
