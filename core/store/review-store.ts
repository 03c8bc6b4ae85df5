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
import { batchGetAll } from './batch-get.ts';
import { taskKey } from './keys.ts';
import { awaitReviewPartition, type PendingTask } from './task-store.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

export type { ReviewProgress };

const key = (scope: string, year: number) => ({ pk: `REVIEW#${scope}#${year}`, sk: 'META' });
/** Every review in one index partition, newest year first (gsi1 `REVIEWS` / `year#scope`). */
const REVIEWS_INDEX = 'REVIEWS';
const indexKeys = (scope: string, year: number) => ({ gsi1pk: REVIEWS_INDEX, gsi1sk: `${year}#${scope}` });

export async function getReviewProgress({ db, tableName }: Db, scope: string, year: number): Promise<ReviewProgress | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(scope, year), ConsistentRead: true }));
  return Item ? parseItem(ReviewProgressRecord, Item) : undefined;
}

const indexValues = (scope: string, year: number) => {
  const keys = indexKeys(scope, year);
  return { ':index': keys.gsi1pk, ':indexKey': keys.gsi1sk };
};

/**
 * The reviews held, newest year first (at most `limit`): one Query of the `REVIEWS` index
 * partition, plus one BatchGet of the all-boards reviews of `earlierYears` that a version
 * before the index wrote without its keys (they join the index when their review moves on).
 */
export async function listReviewProgress(deps: Db, options: { limit: number; earlierYears: number[] }): Promise<ReviewProgress[]> {
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': REVIEWS_INDEX },
      ScanIndexForward: false,
      Limit: options.limit,
    }),
  );
  const indexed = Items.map((item) => parseItem(ReviewProgressRecord, item));
  const seen = new Set(indexed.map((r) => `${r.scope}#${r.year}`));
  const older = (
    await batchGetAll(
      deps,
      options.earlierYears.filter((y) => !seen.has(`ALL#${y}`)).map((y) => key('ALL', y)),
    )
  ).map((item) => parseItem(ReviewProgressRecord, item));
  return [...indexed, ...older]
    .sort((a, b) => b.year - a.year || (a.scope === 'ALL' ? -1 : b.scope === 'ALL' ? 1 : a.scope.localeCompare(b.scope)))
    .slice(0, options.limit);
}

/** Creates the progress record once; a retried start keeps what was already counted. */
export async function createReviewProgress({ db, tableName }: Db, progress: ReviewProgress): Promise<void> {
  await db
    .send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key(progress.scope, progress.year), ...indexKeys(progress.scope, progress.year), ...progress },
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
        UpdateExpression: 'ADD done :done, failed :failed SET lastPage = :page, gsi1pk = :index, gsi1sk = :indexKey',
        ConditionExpression: 'lastPage < :page',
        ExpressionAttributeValues: { ':done': done, ':failed': failed, ':page': pageNo, ...indexValues(scope, year) },
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
      UpdateExpression: 'SET #status = :completed, finishedAt = if_not_exists(finishedAt, :at), gsi1pk = :index, gsi1sk = :indexKey',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':completed': 'COMPLETED', ':at': at, ...indexValues(scope, year) },
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
