import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { MODEL_STATUSES, type ModelStatus } from '../model.ts';
import { batchGetAll } from './batch-get.ts';
import { catalogueKey } from './catalogue-store.ts';
import type { TransactItems } from './dynamo.ts';
import { CopyLinkRecord, type CopyLink } from '../records.ts';
import { itemParser, parseItem } from './items.ts';
import { modelKey, unitKey } from './keys.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/**
 * A replication link, in the SOURCE model's partition: pk `MODEL#source`, sk
 * `COPY#<copying unitId>`. Keyed by the unit (not the copy's id) so that "a unit replicates
 * a source at most once" is the item's own existence condition, race-free. The copy points
 * back with its `sourceModelId` attribute. (`COPY#` sorts before `DECISION#`, outside the
 * range the model timeline reads.)
 */
export const copyLinkKey = (sourceModelId: string, unitId: string) => ({ pk: `MODEL#${sourceModelId}`, sk: `COPY#${unitId}` });

export type { CopyLink };
const toLink = itemParser(CopyLinkRecord);

/**
 * The source's side of a replication, written with the new draft: the link (fails if this
 * unit already replicated the source) and +1 on the source model's and its catalogue
 * entry's `replicationCount` (ADD: atomic). The entry must exist and be listed, so a model
 * that is not recognized, or was stopped, cannot be replicated even in a race.
 */
export function replicationItems(tableName: string, link: CopyLink): TransactItems {
  const one = { ':one': 1 };
  return [
    {
      Put: {
        TableName: tableName,
        Item: { ...copyLinkKey(link.sourceModelId, link.unitId), ...link },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: modelKey(link.sourceModelId),
        UpdateExpression: 'ADD replicationCount :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: one,
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: catalogueKey(link.sourceModelId),
        UpdateExpression: 'ADD replicationCount :one',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(delisted)',
        ExpressionAttributeValues: one,
      },
    },
  ];
}

export async function getCopyLink({ db, tableName }: Db, sourceModelId: string, unitId: string): Promise<CopyLink | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: copyLinkKey(sourceModelId, unitId), ConsistentRead: true }));
  return Item ? toLink(Item) : undefined;
}

/** Every copy of a source (one Query on its partition, paged through). */
export async function listCopyLinks({ db, tableName }: Db, sourceModelId: string): Promise<CopyLink[]> {
  const links: CopyLink[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :copy)',
        ExpressionAttributeValues: { ':pk': `MODEL#${sourceModelId}`, ':copy': 'COPY#' },
        ExclusiveStartKey,
      }),
    );
    links.push(...(page.Items ?? []).map(toLink));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return links.sort((a, b) => a.at.localeCompare(b.at));
}

export type ModelSummary = { id: string; name: string; unitId: string; status: ModelStatus; recognized: boolean };
const SummaryItem = z.object({
  id: z.string(),
  name: z.string(),
  unitId: z.string(),
  status: z.enum(MODEL_STATUSES),
  recognitions: z.array(z.unknown()).default([]),
});

/** Name, unit and status of several models, for lineage lists (only the attributes needed). */
export async function modelSummaries(deps: Db, ids: string[]): Promise<Map<string, ModelSummary>> {
  const items = await batchGetAll(deps, ids.map(modelKey), {
    expression: '#id, #name, unitId, #status, recognitions',
    names: { '#id': 'id', '#name': 'name', '#status': 'status' },
  });
  return new Map(
    items.map((i) => {
      const { recognitions, ...summary } = parseItem(SummaryItem, i);
      return [summary.id, { ...summary, recognized: recognitions.length > 0 }];
    }),
  );
}

/** Unit names for display, any number of them (org-store's unitNames stops at 100). */
export async function unitNameMap(deps: Db, ids: string[]): Promise<Map<string, string>> {
  const items = await batchGetAll(deps, ids.map(unitKey), { expression: '#id, #name', names: { '#id': 'id', '#name': 'name' } });
  return new Map(items.map((u) => [u.id as string, u.name as string]));
}
