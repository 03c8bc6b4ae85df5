import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { deadlineItem, deadlineKey, type ExecutionRecord, type SfnStore } from './sfn-store.ts';

/**
 * Each execution's maximum duration (Step Functions service quotas: "Maximum execution time 1 year")
 * is a timer item written with the execution (SfnStore.createExecution) and fired by the service's
 * timer loop, so it holds for an execution parked on a callback with nothing in memory, and across
 * restarts. Executions stored by earlier versions have none: they get one from their startDate.
 */
const BACKFILL_MARKER = { pk: 'ENGINE', sk: 'DEADLINES_BACKFILLED' };

export const deadlineOf = (startDate: string, maxSeconds: number) => new Date(Date.parse(startDate) + maxSeconds * 1000).toISOString();

/** Gives an execution of an earlier version its deadline (no-op if it has one or no longer runs). */
export async function ensureDeadline(
  store: SfnStore,
  exec: Pick<ExecutionRecord, 'executionArn' | 'startDate'>,
  maxSeconds: number,
): Promise<void> {
  const deadline = deadlineOf(exec.startDate, maxSeconds);
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: { pk: `EXEC#${exec.executionArn}`, sk: 'META' },
              UpdateExpression: 'SET deadline = :deadline',
              ConditionExpression: '#status = :running AND attribute_not_exists(deadline)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':deadline': deadline, ':running': 'RUNNING' },
            },
          },
          { Put: { TableName: store.tableName, Item: deadlineItem(exec.executionArn, deadline) } },
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
  }
}

/** Drops a deadline whose execution ended without it (it finished by an earlier version, or a race). */
export async function clearDeadline(store: SfnStore, arn: string): Promise<void> {
  await store.db.send(new DeleteCommand({ TableName: store.tableName, Key: deadlineKey(arn) }));
}

/** Once per table: every running execution of these machines without a deadline gets one. */
export async function backfillDeadlines(store: SfnStore, machineArns: Iterable<string>, maxSeconds: number): Promise<void> {
  const { Item } = await store.db.send(new GetCommand({ TableName: store.tableName, Key: BACKFILL_MARKER, ConsistentRead: true }));
  if (Item) return;
  for (const machineArn of machineArns) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await store.db.send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :sm',
          FilterExpression: '#status = :running AND attribute_not_exists(deadline)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sm': `SM#${machineArn}`, ':running': 'RUNNING' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const exec of (page.Items ?? []) as ExecutionRecord[]) await ensureDeadline(store, exec, maxSeconds);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  await store.db.send(new PutCommand({ TableName: store.tableName, Item: { ...BACKFILL_MARKER, at: new Date().toISOString() } }));
}
