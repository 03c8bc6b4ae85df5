import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_ARN } from '../../local/local-lifecycle.ts';
import type { SfnClient } from '../../core/deps.ts';
import type { Runtime } from '../../local/runtime.ts';
import { demoUsers, executionArn, register, waitForStep } from '../support/lifecycle-driver.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

let runtime: Runtime;
let sfn: SfnClient;
beforeAll(async () => {
  runtime = await startTestRuntime();
  sfn = runtime.webDeps.sfn;
});
afterAll(async () => runtime?.stop());

/** The task token the workflow gave the model's pending step, read from the app's table. */
async function pendingToken(modelId: string): Promise<string> {
  const { getTask } = await import('../../core/store/task-store.ts');
  return eventually(async () => (await getTask(runtime.webDeps, modelId, THIS_YEAR, 'REGISTRATION_REVIEW'))?.token, 'token');
}

describe('the local Step Functions service through @aws-sdk/client-sfn', () => {
  it('starts by name idempotently, and refuses the same name with other input', async () => {
    const input = JSON.stringify({ modelId: 'nope', year: THIS_YEAR, timeouts: runtime.webDeps.timeouts });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: LIFECYCLE_ARN, name: 'idem-1', input }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: LIFECYCLE_ARN, name: 'idem-1', input }));
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: LIFECYCLE_ARN, name: 'idem-1', input: '{"other":1}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: LIFECYCLE_ARN, name: 'bad name!' }))).rejects.toMatchObject({
      name: 'InvalidName',
    });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${LIFECYCLE_ARN}x`, name: 'x' }))).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: `${first.executionArn}-missing` }))).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    // Its model does not exist: the Submit task fails with the handler's named error, which is
    // not transient, so the model is listed for the administrator and the execution fails.
    const failed = await eventually(async () => {
      const out = await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));
      return out.status === 'FAILED' ? out : undefined;
    }, 'failed execution');
    expect(failed.error).toBe('ModelNeedsAttention');
    const { listAttention } = await import('../../core/store/attention-store.ts');
    expect(await listAttention(runtime.webDeps)).toContainEqual(
      expect.objectContaining({ modelId: 'nope', executionName: 'idem-1', error: 'NotFoundError' }),
    );
  });

  it('answers task tokens with the real error names', async () => {
    const users = await demoUsers(runtime);
    const id = await register(users.unit);
    await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
    const token = await pendingToken(id);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }))).rejects.toMatchObject({
      name: 'InvalidToken',
    });
    const forged = Buffer.from(JSON.stringify([executionArn(id, 'r'), 'NoSuchTask#0#0', 'nonce'])).toString('base64url');
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: forged, output: '{}' }))).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'not json' }))).rejects.toMatchObject({
      name: 'InvalidOutput',
    });
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));

    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Board.Unavailable', cause: 'test' }));
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    const out = await eventually(async () => {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(id, 'r') }));
      return d.status === 'FAILED' ? d : undefined;
    }, 'failed by SendTaskFailure');
    expect(out).toMatchObject({ error: 'ModelNeedsAttention' });
    const { listAttention } = await import('../../core/store/attention-store.ts');
    expect(await listAttention(runtime.webDeps)).toContainEqual(
      expect.objectContaining({ modelId: id, error: 'Board.Unavailable', cause: 'test' }),
    );
    const { events = [] } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: executionArn(id, 'r'), reverseOrder: true, maxResults: 3 }),
    );
    expect(events[0]).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'ModelNeedsAttention' } });
  });

  it('stops an execution, lists executions by status, and refuses its tokens afterwards', async () => {
    const users = await demoUsers(runtime);
    const id = await register(users.unit);
    await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
    const token = await pendingToken(id);
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn: executionArn(id, 'r'), error: 'Admin', cause: 'withdrawn' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn: LIFECYCLE_ARN, statusFilter: 'ABORTED' }));
    expect(aborted.executions?.map((e) => e.name)).toContain(`${id}-r`);
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: LIFECYCLE_ARN, statusFilter: 'RUNNING' }));
    expect(running.executions?.map((e) => e.name)).not.toContain(`${id}-r`);
  });

  it('keeps a pass’s history in one item, pages it both ways, and reads the one-event items of earlier versions', async () => {
    const users = await demoUsers(runtime);
    const id = await register(users.unit);
    await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
    const arn = executionArn(id, 'r');
    const { store } = runtime.sfn;
    const historyItems = async () =>
      (
        await store.db.send(
          new QueryCommand({
            TableName: store.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ev)',
            ExpressionAttributeValues: { ':pk': `EXEC#${arn}`, ':ev': 'EV#' },
            ConsistentRead: true,
          }),
        )
      ).Items ?? [];
    const page = async (reverseOrder: boolean, maxResults: number) => {
      const ids: number[] = [];
      let nextToken: string | undefined;
      do {
        const out = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, reverseOrder, maxResults, nextToken }));
        expect(out.events!.length).toBeLessThanOrEqual(maxResults);
        ids.push(...out.events!.map((e) => e.id!));
        nextToken = out.nextToken;
      } while (nextToken);
      return ids;
    };
    // Registration ran in one pass up to the board's step: its whole history is one item.
    const items = await historyItems();
    expect(items).toHaveLength(1);
    const count = await store.eventCount(arn);
    expect(count).toBeGreaterThan(5);
    const all = Array.from({ length: count }, (_, i) => i + 1);
    expect(await page(false, 1000)).toEqual(all);
    expect(await page(false, 3)).toEqual(all);
    expect(await page(true, 4)).toEqual([...all].reverse());

    // As an earlier version stored it: its first events one item each, the rest packed.
    const events = items[0]!.events as { id: number }[];
    const split = 4;
    await store.db.send(
      new BatchWriteCommand({
        RequestItems: {
          [store.tableName]: [
            ...events
              .slice(0, split)
              .map((e) => ({ PutRequest: { Item: { pk: `EXEC#${arn}`, sk: `EV#${String(e.id).padStart(8, '0')}`, ...e } } })),
            {
              PutRequest: {
                Item: { pk: `EXEC#${arn}`, sk: `EV#${String(split + 1).padStart(8, '0')}`, lastId: count, events: events.slice(split) },
              },
            },
          ],
        },
      }),
    );
    expect(await historyItems()).toHaveLength(split + 1);
    expect(await store.eventCount(arn)).toBe(count);
    for (const size of [1, 2, 3, 5, 1000]) {
      expect(await page(false, size)).toEqual(all);
      expect(await page(true, size)).toEqual([...all].reverse());
    }
    const first = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 2 }));
    expect(first.events![0]).toMatchObject({ id: 1, type: 'ExecutionStarted' });
    expect(first.events![0]).not.toHaveProperty('pk');
  });
});
