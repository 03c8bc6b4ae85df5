import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ReviewProgressRecord, type ReviewProgress } from '../records.ts';
import { parseItem } from './items.ts';
import { taskKey } from './keys.ts';
import { awaitReviewPartition, type PendingTask } from './task-store.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

export type { ReviewProgress };

const key = (scope: string, year: number) => ({ pk: `REVIEW#${scope}#${year}`, sk: 'META' });

export async function getReviewProgress({ db, tableName }: Db, scope: string, year: number): Promise<ReviewProgress | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(scope, year), ConsistentRead: true }));
  return Item ? parseItem(ReviewProgressRecord, Item) : undefined;
}

/** Creates the progress record once; a retried start keeps what was already counted. */
export async function createReviewProgress({ db, tableName }: Db, progress: ReviewProgress): Promise<void> {
  await db
    .send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key(progress.scope, progress.year), ...progress },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    });
}

/** Adds one page's results once (pages are numbered, so a retried step does not count twice). */
export async function recordReviewPage(
  { db, tableName }: Db,
  scope: string,
  year: number,
  pageNo: number,
  done: number,
  failed: number,
): Promise<void> {
  await db
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(scope, year),
        UpdateExpression: 'ADD done :done, failed :failed SET lastPage = :page',
        ConditionExpression: 'lastPage < :page',
        ExpressionAttributeValues: { ':done': done, ':failed': failed, ':page': pageNo },
      }),
    )
    .catch((error: unknown) => {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    });
}

export async function finishReview({ db, tableName }: Db, scope: string, year: number, at: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key(scope, year),
      UpdateExpression: 'SET #status = :completed, finishedAt = if_not_exists(finishedAt, :at)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':completed': 'COMPLETED', ':at': at },
    }),
  );
}

/**
 * A model that joins a review already open: counted in its total and done once, in one
 * transaction with the flag on its resting task (a retried join finds the flag and adds nothing).
 */
export async function countJoinedReview({ db, tableName }: Db, task: PendingTask, scope: string): Promise<void> {
  await db
    .send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: taskKey(task.modelId, task.year, task.stage),
              UpdateExpression: 'SET joinedReview = :true',
              ConditionExpression: '#status = :pending AND attribute_not_exists(joinedReview)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':true': true, ':pending': 'PENDING' },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: key(scope, task.year),
              UpdateExpression: 'ADD #total :one, done :one',
              ExpressionAttributeNames: { '#total': 'total' },
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    )
    .catch((error: unknown) => {
      if ((error as Error).name !== 'TransactionCanceledException') throw error; // joined already, or released meanwhile
    });
}

/** How many models of a board rest until a year's review (keys only, paged; tests and the seed wait on it). */
export async function countAwaitingReview({ db, tableName }: Db, year: number, boardId: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': awaitReviewPartition(year, boardId) },
        Select: 'COUNT',
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}
