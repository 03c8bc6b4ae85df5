import * as z from 'zod/mini';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppraisalRecord, type Appraisal } from '../records.ts';
import { mapDynamoError, type TransactItems } from './dynamo.ts';
import { itemParser, parseItem } from './items.ts';
import { batchGetAll } from './batch-get.ts';
import type { Conflict } from './writes.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/** One appraisal per model, cycle year and round of the APPRAISAL step. */
const appraisalKey = (modelId: string, year: number, round: number) => ({
  pk: `MODEL#${modelId}`,
  sk: `APPRAISAL#${year}#${String(round).padStart(3, '0')}`,
});

export async function getAppraisalRecord(
  { db, tableName }: Db,
  modelId: string,
  year: number,
  round: number,
  options: { consistent?: boolean } = {},
): Promise<Appraisal | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: appraisalKey(modelId, year, round),
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return Item ? parseItem(AppraisalRecord, Item) : undefined;
}

/**
 * Writes the appraisal if nobody changed it since `previousVersion` was read (undefined: it
 * must not exist yet); ConflictError(conflictMessage) otherwise.
 */
export async function saveAppraisal(
  { db, tableName }: Db,
  appraisal: Appraisal,
  previousVersion: number | undefined,
  ...conflict: Conflict
): Promise<void> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...appraisalKey(appraisal.modelId, appraisal.year, appraisal.round), ...appraisal },
        ConditionExpression: previousVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :v',
        ExpressionAttributeValues: previousVersion === undefined ? undefined : { ':v': previousVersion },
      }),
    );
  } catch (error) {
    throw mapDynamoError(error, ...conflict);
  }
}

/** The published step, written in the decision's own transaction: both happen or neither. */
export function publishedAppraisalItems(tableName: string, appraisal: Appraisal): TransactItems {
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...appraisalKey(appraisal.modelId, appraisal.year, appraisal.round),
          ...appraisal,
          status: 'PUBLISHED',
          version: appraisal.version + 1,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR version = :v',
        ExpressionAttributeValues: { ':v': appraisal.version },
      },
    },
  ];
}

/** Where an appraisal stands in its chain: enough to say whose role it waits on. */
export type AppraisalStep = Pick<Appraisal, 'modelId' | 'year' | 'round' | 'approvalChain' | 'step' | 'status'>;
const toStep = itemParser(
  z.pick(AppraisalRecord, { modelId: true, year: true, round: true, approvalChain: true, step: true, status: true }),
);

/** The chain positions of several appraisals at once (BatchGetItem, only those attributes); missing ones are left out. */
export async function getAppraisalSteps(deps: Db, keys: { modelId: string; year: number; round: number }[]): Promise<AppraisalStep[]> {
  const projection = {
    expression: 'modelId, #year, #round, approvalChain, #step, #status',
    names: { '#year': 'year', '#round': 'round', '#step': 'step', '#status': 'status' },
  };
  const items = await batchGetAll(
    deps,
    keys.map((k) => appraisalKey(k.modelId, k.year, k.round)),
    projection,
  );
  return items.map(toStep);
}
