import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { STAGE_RULES } from '../lifecycle.ts';
import type { Model } from '../model.ts';
import type { PendingTask } from '../records.ts';
import { statusCounter } from '../stats.ts';
import { UnitChangeRecord, type UnitChange } from '../unit-change.ts';
import { batchGetAll } from './batch-get.ts';
import { catalogueKey } from './catalogue-store.ts';
import { itemParser } from './items.ts';
import { modelKey, taskKey } from './keys.ts';
import { auditEventItem } from './model-store.ts';
import { counterMoveItems } from './stats-store.ts';
import { taskIndexKeys } from './task-store.ts';
import { commitWrites, type Conflict, type StoreWrite } from './writes.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

export type { UnitChange };
const toChange = itemParser(UnitChangeRecord);

/** The change record, and its listing in the partition of each unit involved (beside the unit's META item). */
export const unitChangeKey = (id: string) => ({ pk: `UNITCHANGE#${id}`, sk: 'META' });
const linkKey = (unitId: string, change: Pick<UnitChange, 'date' | 'id'>) => ({
  pk: `UNIT#${unitId}`,
  sk: `CHANGE#${change.date}#${change.id}`,
});

export async function getUnitChange({ db, tableName }: Db, id: string): Promise<UnitChange | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: unitChangeKey(id), ConsistentRead: true }));
  return Item ? toChange(Item) : undefined;
}

/** The change, once (ConflictError(conflict) if its id exists), listed from every unit it names, in one transaction. */
export async function createUnitChange(deps: Db, change: UnitChange, ...conflict: Conflict): Promise<void> {
  const units = [...new Set([...change.from, ...change.to])];
  await commitWrites(
    deps,
    [
      {
        Put: {
          TableName: deps.tableName,
          Item: { ...unitChangeKey(change.id), ...change },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...units.map((unitId) => ({
        Put: { TableName: deps.tableName, Item: { ...linkKey(unitId, change), changeId: change.id } },
      })),
    ],
    ...conflict,
  );
}

/** The changes a unit took part in (either side), oldest first: one Query of its partition, one BatchGet. */
export async function listUnitChanges(deps: Db, unitId: string): Promise<UnitChange[]> {
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :change)',
        ExpressionAttributeValues: { ':pk': `UNIT#${unitId}`, ':change': 'CHANGE#' },
        ExclusiveStartKey,
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => String(item.changeId)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const changes = (await batchGetAll(deps, ids.map(unitChangeKey))).map(toChange);
  return changes.sort((a, b) => `${a.date}${a.at}`.localeCompare(`${b.date}${b.at}`));
}

/** Counts one more account moved by the change. */
export async function countAccountMoved({ db, tableName }: Db, id: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: unitChangeKey(id),
      UpdateExpression: 'ADD accountsMoved :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

/** Everything moved: the change is DONE. */
export async function finishUnitChange({ db, tableName }: Db, id: string, at: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: unitChangeKey(id),
      UpdateExpression: 'SET #status = :done, doneAt = :at',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'DONE', ':at': at },
    }),
  );
}

/** Where a pending task's assignee goes when its model moves: a unit's step to the new unit, a board's to the new board. */
function movedTask(task: PendingTask, to: { unitId: string; boardId: string }): PendingTask {
  const kind = STAGE_RULES[task.stage].assignee;
  const assignee = kind === 'UNIT' ? `UNIT#${to.unitId}` : kind === 'BOARD' ? `BOARD#${to.boardId}` : task.assignee;
  return { ...task, assignee, boardId: to.boardId, version: task.version + 1 };
}

/**
 * One model's move to another unit (and board), one transaction: the model (guarded by its
 * version and its unit, so a model changed or moved meanwhile is refused, to be read again) with
 * its index keys and, set once, the unit that registered it; the MOVED audit event; each pending
 * task's assignee and index keys (a resting YEARLY_REVIEW task's AWAIT_REVIEW partition follows
 * the board; token, round and due dates stay); the catalogue entry's unit and board; the model's
 * status counter of its cycle year, from the old board to the new (ALL unchanged: earlier years
 * and the events already counted stay where they were written); and the change's count.
 */
export async function moveModel(
  deps: Db,
  input: {
    model: Model;
    tasks: PendingTask[];
    listed: boolean;
    to: { unitId: string; boardId: string };
    change: { id: string; at: string; actor: string };
  },
  ...conflict: Conflict
): Promise<void> {
  const { model, to, change } = input;
  const { tableName } = deps;
  const writes: StoreWrite[] = [
    {
      Update: {
        TableName: tableName,
        Key: modelKey(model.id),
        UpdateExpression:
          'SET unitId = :unit, boardId = :board, gsi1pk = :g1, gsi2pk = :g2, registeredByUnitId = if_not_exists(registeredByUnitId, :from), updatedAt = :at, version = version + :one',
        ConditionExpression: 'version = :version AND unitId = :from',
        ExpressionAttributeValues: {
          ':unit': to.unitId,
          ':board': to.boardId,
          ':g1': `UNIT#${to.unitId}`,
          ':g2': `BOARD#${to.boardId}`,
          ':from': model.unitId,
          ':at': change.at,
          ':one': 1,
          ':version': model.version,
        },
      },
    },
    auditEventItem(tableName, {
      modelId: model.id,
      at: change.at,
      type: 'MOVED',
      actor: change.actor,
      year: model.cycleYear,
      fromUnitId: model.unitId,
      toUnitId: to.unitId,
      changeId: change.id,
    }),
    ...input.tasks
      .filter((task) => task.status === 'PENDING')
      .map((task): StoreWrite => {
        const moved = movedTask(task, to);
        const keys = taskIndexKeys(moved);
        return {
          Update: {
            TableName: tableName,
            Key: taskKey(task.modelId, task.year, task.stage),
            UpdateExpression: 'SET assignee = :assignee, boardId = :board, version = :next, gsi1pk = :g1, gsi1sk = :s1',
            ConditionExpression: 'version = :version AND #status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':assignee': moved.assignee,
              ':board': to.boardId,
              ':next': moved.version,
              ':g1': keys.gsi1pk,
              ':s1': keys.gsi1sk,
              ':version': task.version,
              ':pending': 'PENDING',
            },
          },
        };
      }),
    ...(input.listed
      ? [
          {
            Update: {
              TableName: tableName,
              Key: catalogueKey(model.id),
              UpdateExpression: 'SET unitId = :unit, boardId = :board',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':unit': to.unitId, ':board': to.boardId },
            },
          },
        ]
      : []),
    ...(model.status === 'DRAFT'
      ? []
      : counterMoveItems(
          tableName,
          model.id,
          { fromBoardId: model.boardId, toBoardId: to.boardId, year: model.cycleYear },
          { [statusCounter(model, model.status)]: 1 },
        )),
    {
      Update: {
        TableName: tableName,
        Key: unitChangeKey(change.id),
        UpdateExpression: 'ADD modelsMoved :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ];
  await commitWrites(deps, writes, ...conflict);
}
