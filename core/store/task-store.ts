import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Stage } from '../lifecycle.ts';
import { mapDynamoError } from './dynamo.ts';
import { taskKey, withoutKeys } from './keys.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/** The one pending-task item of a waiting step; a newer token overwrites the older one. */
export type PendingTask = {
  modelId: string;
  year: number;
  stage: Stage;
  round: number;
  status: 'PENDING' | 'DECIDED';
  token: string;
  assignee: string;
  /** The model's board: the yearly review is opened per board (or for all boards). */
  boardId?: string;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  overdueToken?: string;
  version: number;
  decidedAt?: string;
  /** The callback output, kept until Step Functions has it. */
  result?: { outcome: string; decisionId: string };
  /** The Idempotency-Key (user#key) of the request that decided it, to answer its retry. */
  decidedByRequest?: string;
  delivered?: boolean;
  deliveryError?: string;
  /** A resting model that joined a review already open (counted in its progress once). */
  joinedReview?: boolean;
};

export async function getTask({ db, tableName }: Db, modelId: string, year: number, stage: string): Promise<PendingTask | undefined> {
  try {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: taskKey(modelId, year, stage), ConsistentRead: true }));
    return Item ? (withoutKeys(Item) as unknown as PendingTask) : undefined;
  } catch (error) {
    throw mapDynamoError(error, 'read conflict');
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
    throw mapDynamoError(error, 'task changed concurrently');
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
  return { tasks: (page.Items ?? []).map((i) => withoutKeys(i) as unknown as PendingTask), nextKey: page.LastEvaluatedKey };
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
      throw mapDynamoError(error, 'task changed while upgrading it');
    });
}
