import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapDynamoError, type TransactItems } from './dynamo.ts';
import { commitWrites, type Conflict } from './writes.ts';
import { PendingTaskRecord, type PendingTask } from '../records.ts';
import { itemParser } from './items.ts';
import { taskKey } from './keys.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

export type { PendingTask };
const toTask = itemParser(PendingTaskRecord);

export async function getTask({ db, tableName }: Db, modelId: string, year: number, stage: string): Promise<PendingTask | undefined> {
  try {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: taskKey(modelId, year, stage), ConsistentRead: true }));
    return Item ? toTask(Item) : undefined;
  } catch (error) {
    throw mapDynamoError(error, 'error.changedMeanwhile');
  }
}

/** Index keys: assignees see their queue by due date; the yearly review pages its year. */
export function taskIndexKeys(task: PendingTask): Record<string, string> {
  if (task.status !== 'PENDING') return task.delivered === false ? { gsi1pk: 'OUTBOX', gsi1sk: `${task.decidedAt}#${task.modelId}` } : {};
  if (task.stage === 'YEARLY_REVIEW') return { gsi1pk: awaitReviewPartition(task.year, task.boardId ?? ''), gsi1sk: task.modelId };
  return { gsi1pk: `ASSIGNEE#${task.assignee}`, gsi1sk: `${task.dueAt}#${task.modelId}` };
}

/** Models waiting for the yearly review, one partition per board and year. */
export const awaitReviewPartition = (year: number, boardId: string) => `AWAIT_REVIEW#${year}#${boardId}`;

/**
 * The pending YEARLY_REVIEW task of a model that rests until its year's review: no execution
 * waits for it (no token); it sits in the AWAIT_REVIEW index the review pages through.
 * Written in the same transaction that moves the model to IMPLEMENTING.
 */
export function restingTaskItem(tableName: string, model: { id: string; boardId: string }, year: number, at: string) {
  const task: PendingTask = {
    modelId: model.id,
    year,
    stage: 'YEARLY_REVIEW',
    round: 1,
    status: 'PENDING',
    token: '',
    assignee: `REVIEW#${year}`,
    boardId: model.boardId,
    openedAt: at,
    dueAt: at,
    overdue: false,
    version: 1,
  };
  return { Put: { TableName: tableName, Item: { ...taskKey(model.id, year, 'YEARLY_REVIEW'), ...task, ...taskIndexKeys(task) } } };
}

/** A resting task written on its own (the v1 upgrade gives a model that had none its place in the review). */
export async function createRestingTask(
  deps: Db,
  model: { id: string; boardId: string },
  year: number,
  at: string,
  ...conflict: Conflict
): Promise<void> {
  await commitWrites(deps, [restingTaskItem(deps.tableName, model, year, at)], ...conflict);
}

/**
 * Marks a pending task decided (`decided`: the task as it is now), only if it is still PENDING
 * with the token and version it was read with: the first of concurrent decisions wins. A
 * decision an execution waits for goes to the outbox until it is delivered.
 */
export function decideTaskItem(tableName: string, task: PendingTask, decided: PendingTask): TransactItems[number] {
  const awaited = decided.delivered === false;
  const requestKey = decided.decidedByRequest;
  return {
    Update: {
      TableName: tableName,
      Key: taskKey(task.modelId, task.year, task.stage),
      UpdateExpression: awaited
        ? `SET #status = :decided, decidedAt = :at, #result = :result, delivered = :delivered, version = :next, gsi1pk = :outbox, gsi1sk = :outboxSk${requestKey ? ', decidedByRequest = :rk' : ''}`
        : `SET #status = :decided, decidedAt = :at, #result = :result, delivered = :delivered, version = :next${requestKey ? ', decidedByRequest = :rk' : ''} REMOVE gsi1pk, gsi1sk`,
      ConditionExpression: '#status = :pending AND #token = :token AND version = :version',
      ExpressionAttributeNames: { '#status': 'status', '#result': 'result', '#token': 'token' },
      ExpressionAttributeValues: {
        ':decided': 'DECIDED',
        ':pending': 'PENDING',
        ':at': decided.decidedAt,
        ':result': decided.result,
        ':delivered': decided.delivered,
        ':next': decided.version,
        ':version': task.version,
        ':token': task.token,
        ...(awaited ? { ':outbox': 'OUTBOX', ':outboxSk': `${decided.decidedAt}#${task.modelId}` } : {}),
        ...(requestKey ? { ':rk': requestKey } : {}),
      },
    },
  };
}

/** Flags a pending task overdue for its current token, only if it still waits with that token. */
export function overdueTaskItem(tableName: string, task: PendingTask): TransactItems[number] {
  return {
    Update: {
      TableName: tableName,
      Key: taskKey(task.modelId, task.year, task.stage),
      UpdateExpression: 'SET overdue = :true, overdueToken = :token',
      ConditionExpression: '#token = :token AND #status = :pending',
      ExpressionAttributeNames: { '#token': 'token', '#status': 'status' },
      ExpressionAttributeValues: { ':true': true, ':token': task.token, ':pending': 'PENDING' },
    },
  };
}

/** Writes the task if nobody changed it since it was read (version), or creates it. */
export async function putTask({ db, tableName }: Db, task: PendingTask, expectedVersion: number | undefined): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...taskKey(task.modelId, task.year, task.stage), ...task, ...taskIndexKeys(task) },
        ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :v',
        ExpressionAttributeValues: expectedVersion === undefined ? undefined : { ':v': expectedVersion },
      }),
    );
  } catch (error) {
    throw mapDynamoError(error, 'error.changedMeanwhile');
  }
}

/** After Step Functions accepted the result: leave the outbox. */
export async function markDelivered({ db, tableName }: Db, task: PendingTask, deliveryError?: string): Promise<void> {
  await db
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: taskKey(task.modelId, task.year, task.stage),
        UpdateExpression: `SET delivered = :t${deliveryError ? ', deliveryError = :e' : ''} REMOVE gsi1pk, gsi1sk`,
        ConditionExpression: '#round = :round AND #status = :decided',
        ExpressionAttributeNames: { '#round': 'round', '#status': 'status' },
        ExpressionAttributeValues: {
          ':t': true,
          ':round': task.round,
          ':decided': 'DECIDED',
          ...(deliveryError ? { ':e': deliveryError } : {}),
        },
      }),
    )
    .catch((error: unknown) => {
      // A newer round already replaced it: nothing left to mark.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    });
}

/** One page of an index partition (a queue, the review list, the outbox). */
export async function queryTasks(
  { db, tableName }: Db,
  gsi1pk: string,
  options: { limit?: number; startKey?: Record<string, unknown> } = {},
): Promise<{ tasks: PendingTask[]; nextKey?: Record<string, unknown> }> {
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      Limit: options.limit ?? 100,
      ExclusiveStartKey: options.startKey,
    }),
  );
  return { tasks: (page.Items ?? []).map(toTask), nextKey: page.LastEvaluatedKey };
}

/** A v1 wait for the yearly review kept the token of an execution that is gone: the resting task drops it. */
export async function clearRestingToken({ db, tableName }: Db, task: PendingTask): Promise<void> {
  await db
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: taskKey(task.modelId, task.year, task.stage),
        UpdateExpression: 'SET #token = :none, version = version + :one',
        ConditionExpression: 'version = :v',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ':none': '', ':one': 1, ':v': task.version },
      }),
    )
    .catch((error: unknown) => {
      throw mapDynamoError(error, 'error.changedMeanwhile');
    });
}
