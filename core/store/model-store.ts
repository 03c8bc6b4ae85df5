import * as z from 'zod/mini';
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactGetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, Model, ModelStatus } from '../model.ts';
import type { ModelListItem } from '../model-list.ts';
import {
  AuditEventRecord,
  DecisionRecord,
  EvidenceRecord,
  ModelRecord,
  PendingTaskRecord,
  type Decision,
  type Evidence,
  type PendingTask,
} from '../records.ts';
import { indicatorLabels, transitionDeltas } from '../stats.ts';
import { mapDynamoError, type TransactItems } from './dynamo.ts';
import { commitWrites, type Conflict } from './writes.ts';
import { counterItems } from './stats-store.ts';
import { restingTaskItem } from './task-store.ts';
import { batchGetAll } from './batch-get.ts';
import { itemParser, parseItem } from './items.ts';
import { decisionKey, eventSortKey, modelKey, taskKey } from './keys.ts';

export type { Decision };
const toModel = itemParser(ModelRecord);

type Db = { db: DynamoDBDocumentClient; tableName: string };

export async function getModel({ db, tableName }: Db, id: string): Promise<Model | undefined> {
  try {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: modelKey(id), ConsistentRead: true }));
    return Item ? toModel(Item) : undefined;
  } catch (error) {
    throw mapDynamoError(error, 'error.changedMeanwhile');
  }
}

/**
 * A model and one of its tasks as of one instant. A decision writes both in one transaction,
 * and two GetItems can straddle it (the new model beside the old task); "To ensure an atomic
 * snapshot of the items modified in a transaction, use the TransactGetItems operation to read
 * all the relevant items together" (DynamoDB developer guide, "Transactions: how it works").
 * A read that meets a transaction in progress is refused (TransactionCanceled): TransientError.
 */
export async function getModelWithTask(
  { db, tableName }: Db,
  modelId: string,
  year: number,
  stage: string,
): Promise<{ model?: Model; task?: PendingTask }> {
  try {
    const { Responses = [] } = await db.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: tableName, Key: modelKey(modelId) } },
          { Get: { TableName: tableName, Key: taskKey(modelId, year, stage) } },
        ],
      }),
    );
    const [model, task] = [Responses[0]?.Item, Responses[1]?.Item];
    return { model: model ? toModel(model) : undefined, task: task ? parseItem(PendingTaskRecord, task) : undefined };
  } catch (error) {
    throw mapDynamoError(error, 'error.changedMeanwhile');
  }
}

/** What a list row shows of a model: its id, name, area and kind. */
export type ModelCard = Pick<Model, 'id' | 'name' | 'area' | 'kind'>;
const toCard = itemParser(z.pick(ModelRecord, { id: true, name: true, area: true, kind: true }));

/** The cards of several models (BatchGetItem of only those attributes); missing ones are left out. */
export async function getModelCards(deps: Db, ids: string[]): Promise<ModelCard[]> {
  const projection = { expression: '#id, #name, area, kind', names: { '#id': 'id', '#name': 'name' } };
  return (await batchGetAll(deps, ids.map(modelKey), projection)).map(toCard);
}

/** Several models at once (BatchGetItem); missing ones are left out. */
export async function getModels(deps: Db, ids: string[]): Promise<Model[]> {
  const items = await batchGetAll(deps, ids.map(modelKey));
  return items.map(toModel);
}

/** Put of a brand-new model with its index keys; fails if the id exists. */
export function newModelItem(tableName: string, model: Model): TransactItems[number] {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...modelKey(model.id),
        ...model,
        gsi1pk: `UNIT#${model.unitId}`,
        gsi1sk: `${model.createdAt}#${model.id}`,
        gsi2pk: `BOARD#${model.boardId}`,
        gsi2sk: `${model.createdAt}#${model.id}`,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A brand-new model (a draft) with the audit event that registers it; ConflictError(conflictMessage) if its id exists. */
export async function createModel(deps: Db, model: Model, event: AuditEvent, ...conflict: Conflict): Promise<void> {
  await commitWrites(deps, [newModelItem(deps.tableName, model), auditEventItem(deps.tableName, event)], ...conflict);
}

/**
 * Changes fields of a draft, if it is still the draft of `model.version` (the version goes up
 * by one); ConflictError(conflictMessage) if it changed or left the draft status meanwhile.
 */
export async function saveDraft({ db, tableName }: Db, model: Model, fields: Partial<Model>, ...conflict: Conflict): Promise<void> {
  const names = Object.keys(fields) as (keyof Model)[];
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: modelKey(model.id),
        UpdateExpression: `SET ${names.map((n, i) => `#f${i} = :v${i}`).join(', ')}, version = version + :one`,
        ConditionExpression: 'version = :version AND #status = :draft',
        ExpressionAttributeNames: { ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])), '#status': 'status' },
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
          ':one': 1,
          ':version': model.version,
          ':draft': 'DRAFT',
        },
      }),
    );
  } catch (error) {
    throw mapDynamoError(error, ...conflict);
  }
}

/** A step found overdue: the model names the stage (its version goes up), if nobody changed it since it was read. */
export function overdueModelItem(tableName: string, model: Model, stage: string): TransactItems[number] {
  return {
    Update: {
      TableName: tableName,
      Key: modelKey(model.id),
      UpdateExpression: 'SET overdueStage = :stage, version = version + :one',
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':stage': stage, ':one': 1, ':version': model.version },
    },
  };
}

/**
 * Numbers a board's recognition decisions per year ("12/QĐ-BDV"): the next number of the
 * board's counter for that year (an atomic ADD).
 */
export async function takeDecisionNumber({ db, tableName }: Db, boardId: string, year: number): Promise<number> {
  const out = await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `COUNTER#DECISION#${boardId}#${year}`, sk: 'META' },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return out.Attributes?.n as number;
}

export function auditEventItem(tableName: string, event: AuditEvent): TransactItems[number] {
  return {
    Put: {
      TableName: tableName,
      Item: { pk: `MODEL#${event.modelId}`, sk: eventSortKey(event.at, randomUUID().slice(0, 8)), ...event },
    },
  };
}

/**
 * The model's status change, guarded by its version and current status (optimistic
 * concurrency), plus the audit event: every transition goes through here.
 */
export function transitionItems(
  tableName: string,
  model: Model,
  change: {
    to: ModelStatus;
    at: string;
    actor: string;
    stage?: string;
    outcome?: string;
    reason?: string;
    set?: Record<string, unknown>;
    /** Counters: a new cycle year starts, or a report adds indicator values. */
    nextYear?: number;
    indicators?: { name: string; unit: string; actual: number }[];
  },
): TransactItems {
  const set: Record<string, unknown> = { status: change.to, updatedAt: change.at, ...change.set };
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':version': model.version, ':from': model.status, ':one': 1 };
  const assignments = Object.entries(set).map(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  return [
    {
      Update: {
        TableName: tableName,
        Key: modelKey(model.id),
        UpdateExpression: `SET ${assignments.join(', ')}, version = version + :one`,
        ConditionExpression: 'version = :version AND #status = :from',
        ExpressionAttributeNames: { ...names, '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    },
    auditEventItem(tableName, {
      modelId: model.id,
      at: change.at,
      type: 'TRANSITION',
      from: model.status,
      to: change.to,
      stage: change.stage,
      outcome: change.outcome,
      actor: change.actor,
      reason: change.reason,
      year: model.cycleYear,
    }),
    ...counterItems(
      tableName,
      model.id,
      model.boardId,
      transitionDeltas(model, model.status, change.to, {
        nextYear: change.nextYear,
        indicators: change.indicators,
        stopReason: typeof change.set?.stopReason === 'string' ? change.set.stopReason : undefined,
      }),
      indicatorLabels(change.indicators),
    ),
    // Implementing: the model rests until its year's review, listed where the review finds it.
    ...(change.to === 'IMPLEMENTING' ? [restingTaskItem(tableName, model, change.nextYear ?? model.cycleYear, change.at)] : []),
  ];
}

/** Decisions are immutable: written once per step and round. */
export function decisionItem(tableName: string, decision: Decision): TransactItems[number] {
  return {
    Put: {
      TableName: tableName,
      Item: { ...decisionKey(decision.modelId, decision.year, decision.stage, decision.round), ...decision },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

async function queryAll({ db, tableName }: Db, input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export async function modelTimeline(deps: Db, id: string): Promise<{ events: AuditEvent[]; decisions: Decision[] }> {
  const items = await queryAll(deps, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': `MODEL#${id}`, ':from': 'DECISION#', ':to': 'EVENT#~' },
    ConsistentRead: true,
  });
  return {
    decisions: items.filter((i) => String(i.sk).startsWith('DECISION#')).map(itemParser(DecisionRecord)),
    events: items.filter((i) => String(i.sk).startsWith('EVENT#')).map(itemParser(AuditEventRecord)),
  };
}

/**
 * What a model's page shows, in one Query of its partition: from DECISION# to TASK#~ lie its
 * decisions, events, evidence, META, proposals, reports and tasks (sorted by sk). The COPY#
 * links of its replications sort before and stay out: they grow with every copying unit.
 */
export async function readModelPage({ db, tableName }: Db, id: string) {
  const page = {
    model: undefined as Model | undefined,
    tasks: [] as PendingTask[],
    decisions: [] as Decision[],
    events: [] as AuditEvent[],
    evidence: [] as Evidence[],
  };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `MODEL#${id}`, ':from': 'DECISION#', ':to': 'TASK#~' },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of out.Items ?? []) {
      const sk = String(item.sk);
      if (sk === 'META') page.model = toModel(item);
      else if (sk.startsWith('TASK#')) page.tasks.push(parseItem(PendingTaskRecord, item));
      else if (sk.startsWith('DECISION#')) page.decisions.push(parseItem(DecisionRecord, item));
      else if (sk.startsWith('EVENT#')) page.events.push(parseItem(AuditEventRecord, item));
      else if (sk.startsWith('EVIDENCE#')) page.evidence.push(parseItem(EvidenceRecord, item));
    }
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return page;
}

/** A unit's (gsi1) or a board's (gsi2) models, newest first, up to `limit` (paged through). */
export async function listModels(deps: Db, scope: { unitId: string } | { boardId: string }, limit = 100): Promise<Model[]> {
  const [index, pk] = 'unitId' in scope ? ['gsi1', `UNIT#${scope.unitId}`] : ['gsi2', `BOARD#${scope.boardId}`];
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: Math.min(1000, limit - items.length),
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && items.length < limit);
  return items.map(toModel);
}

/**
 * One page of a unit's (gsi1) or a board's (gsi2) models, newest first: `nextKey` (the index
 * key of the page's last model) resumes after it.
 */
export async function readModelsPage(
  deps: Db,
  scope: { unitId: string } | { boardId: string },
  options: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ models: Model[]; nextKey?: Record<string, unknown> }> {
  const [index, pk] = 'unitId' in scope ? ['gsi1', `UNIT#${scope.unitId}`] : ['gsi2', `BOARD#${scope.boardId}`];
  const page = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk`,
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: options.startKey,
    }),
  );
  return { models: (page.Items ?? []).map(toModel), nextKey: page.LastEvaluatedKey };
}

const LIST_ATTRIBUTES = ['id', 'name', 'kind', 'area', 'status', 'cycleYear', 'unitId', 'boardId', 'createdAt', 'recognitions'] as const;
const toListItem = itemParser(
  z.pick(ModelRecord, {
    id: true,
    name: true,
    kind: true,
    area: true,
    status: true,
    cycleYear: true,
    unitId: true,
    boardId: true,
    createdAt: true,
    recognitions: true,
  }),
);

/**
 * Every model of a unit (gsi1) or a board (gsi2), newest first, with only the list's attributes
 * (ProjectionExpression): all pages of the index Query. The answer is small; the read capacity
 * is still that of the whole items (DynamoDB counts what it reads, before the projection).
 */
export async function listModelItems(deps: Db, scope: { unitId: string } | { boardId: string }): Promise<ModelListItem[]> {
  const [index, pk] = 'unitId' in scope ? ['gsi1', `UNIT#${scope.unitId}`] : ['gsi2', `BOARD#${scope.boardId}`];
  const items = await queryAll(deps, {
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk`,
    ExpressionAttributeValues: { ':pk': pk },
    ProjectionExpression: LIST_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(LIST_ATTRIBUTES.map((a, i) => [`#a${i}`, a])),
    ScanIndexForward: false,
  });
  return items.map(toListItem);
}

/** The pending-task items of one model (what it waits for, and on whom). */
