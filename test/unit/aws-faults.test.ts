import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.ts';
import { DEFAULT_TIMEOUTS, type Deps } from '../../core/deps.ts';
import { ConflictError, TransientError } from '../../core/errors.ts';
import { createDocumentClient, mapDynamoError } from '../../core/store/dynamo.ts';
import type { PendingTask } from '../../core/store/task-store.ts';
import { completeTask } from '../../core/use-cases/complete-task.ts';
import { deliverResult } from '../../core/use-cases/deliver-result.ts';
import { httpStatus } from '../../web/platform/http-errors.ts';
import { recordCounts } from '../support/reliability-counts.ts';

/** Throttling and transient faults of DynamoDB and Step Functions, injected with aws-sdk-client-mock. */
const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const deps: Deps = {
  db: createDocumentClient(new DynamoDBClient({ region: 'local', credentials })),
  tableName: 'faults',
  sfn: new SFNClient({ region: 'local', credentials }),
  stateMachineArn: 'arn:aws:states:local:0:stateMachine:m',
  timeouts: DEFAULT_TIMEOUTS,
  now: () => new Date('2026-03-01T00:00:00Z'),
};
const board: Actor = { kind: 'user', username: 'ban', role: 'board', boardId: 'b1' };
const model = {
  id: 'm1',
  unitId: 'u1',
  boardId: 'b1',
  status: 'SUBMITTED',
  cycleYear: 2026,
  version: 3,
  kind: 'MODEL',
  area: 'ECONOMY',
  targetLevel: 'COMMUNE',
  name: 'Mô hình',
  createdAt: '2026-01-01T00:00:00Z',
  // A whole model item: the store parses what it reads.
  ...{ situation: 's', objectives: 'o', content: 'c', targetGroup: 't', forces: 'f', resources: 'r', outputs: 'o', sustainability: 's' },
  year: 2026,
  updatedAt: '2026-01-01T00:00:00Z',
  recognitions: [],
};
const task: PendingTask = {
  modelId: 'm1',
  year: 2026,
  stage: 'REGISTRATION_REVIEW',
  round: 1,
  status: 'PENDING',
  token: 'token-1',
  assignee: 'BOARD#b1',
  openedAt: '2026-01-02T00:00:00Z',
  dueAt: '2026-02-01T00:00:00Z',
  overdue: false,
  version: 1,
};
const decided: PendingTask = { ...task, status: 'DECIDED', result: { outcome: 'ACCEPT', decisionId: 'm1:2026:REGISTRATION_REVIEW:1' } };
const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });
const throttledTransaction = () =>
  named('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }] });
let faults = 0;

beforeEach(() => {
  ddb.reset();
  sfn.reset();
  ddb
    .on(GetCommand)
    .callsFake((input: { Key: { pk: string; sk: string } }) => ({ Item: { ...input.Key, ...(input.Key.sk === 'META' ? model : task) } }));
  ddb.on(UpdateCommand).resolves({});
});
afterAll(() => recordCounts('aws-faults', { faultsInjected: faults }));

describe('DynamoDB faults in a decision', () => {
  it('a throttled transaction is retried with backoff and then succeeds, once', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(throttledTransaction())
      .rejectsOnce(named('ProvisionedThroughputExceededException'))
      .resolves({});
    sfn.on(SendTaskSuccessCommand).resolves({});
    faults += 2;
    const result = await completeTask(deps, board, { modelId: 'm1', stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    expect(result).toMatchObject({ outcome: 'ACCEPT', status: 'IMPLEMENTING', delivery: 'delivered' });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(3);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });

  it('always throttled: a clear TransientError (503) after bounded retries, nothing else written, nothing sent', async () => {
    ddb.on(TransactWriteCommand).rejects(throttledTransaction());
    const error = await completeTask(deps, board, { modelId: 'm1', stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' }).catch(
      (e: unknown) => e,
    );
    faults += 6;
    expect(error).toBeInstanceOf(TransientError);
    expect(httpStatus(error as TransientError)).toBe(503);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(6);
    // The transaction is the only write: a failed one leaves no half of the decision behind.
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it('a lost condition is a conflict, not retried', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(named('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }));
    faults++;
    await expect(completeTask(deps, board, { modelId: 'm1', stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('maps every throttling name to TransientError', () => {
    for (const name of [
      'ThrottlingException',
      'ProvisionedThroughputExceededException',
      'RequestLimitExceeded',
      'InternalServerError',
      'TransactionConflictException',
    ]) {
      expect(mapDynamoError(named(name), 'error.changedMeanwhile'), name).toBeInstanceOf(TransientError);
    }
  });
});

describe('Step Functions faults when handing over a decision', () => {
  it('SendTaskSuccess throttled: retried with backoff, then delivered and marked once', async () => {
    sfn.on(SendTaskSuccessCommand).rejectsOnce(named('ThrottlingException')).rejectsOnce(named('ServiceUnavailable')).resolves({});
    faults += 2;
    const started = Date.now();
    expect(await deliverResult(deps, decided)).toBe('delivered');
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(3);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: 'token-1',
      output: JSON.stringify(decided.result),
    });
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1); // markDelivered
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('always throttled: stays in the outbox (pending), never marked delivered', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(named('ThrottlingException'));
    faults += 4;
    expect(await deliverResult(deps, decided)).toBe('pending');
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(4);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('TaskTimedOut: stays in the outbox for the re-opened step, not retried, not marked', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(named('TaskTimedOut'));
    faults++;
    expect(await deliverResult(deps, decided)).toBe('pending');
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('a decision recorded while Step Functions fails is kept: the answer says pending, the outbox has it', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    sfn.on(SendTaskSuccessCommand).rejects(named('ServiceUnavailable'));
    faults += 4;
    const result = await completeTask(deps, board, { modelId: 'm1', stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    expect(result.delivery).toBe('pending');
    const written = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Update!;
    expect(written.ExpressionAttributeValues).toMatchObject({ ':outbox': 'OUTBOX', ':decided': 'DECIDED' });
  });
});
