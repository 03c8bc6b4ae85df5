import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { StoredItemInvalidError } from '../../core/store/items.ts';
import { getModel, listModels } from '../../core/store/model-store.ts';
import { getTask } from '../../core/store/task-store.ts';

/** Items are parsed where they leave the store: a malformed one is an error naming its key and field, never a wrong page. */
const ddb = mockClient(DynamoDBDocumentClient);
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const deps = { db: createDocumentClient(new DynamoDBClient({ region: 'local', credentials })), tableName: 't' };
const id = '5f94966a-6c8a-4b07-9c05-2cee54252202';

/** A model META item as v1 wrote it (test/fixtures/v1-data), keys and index keys included. */
const v1Model = {
  pk: `MODEL#${id}`,
  sk: 'META',
  gsi1pk: 'UNIT#phuong-dong-ha',
  gsi1sk: `2026-12-02T03:52:23.539Z#${id}`,
  gsi2pk: 'BOARD#ban-tinh-qt',
  gsi2sk: `2026-12-02T03:52:23.539Z#${id}`,
  id,
  name: 'Hiến đất làm đường',
  situation: 's',
  objectives: 'o',
  content: 'c',
  targetGroup: 't',
  forces: 'f',
  resources: 'r',
  outputs: 'o',
  sustainability: 's',
  kind: 'MODEL',
  area: 'ECONOMY',
  year: 2026,
  period: '2026-2030',
  unitId: 'phuong-dong-ha',
  boardId: 'ban-tinh-qt',
  status: 'SUBMITTED',
  cycleYear: 2026,
  version: 2,
  createdAt: '2026-12-02T03:52:23.539Z',
  updatedAt: '2026-12-02T03:52:23.554Z',
  overdueStage: null,
};

beforeEach(() => ddb.reset());

describe('stored items are parsed', () => {
  it('reads an older model without the fields added later, with their defaults and without its storage keys', async () => {
    ddb.on(GetCommand).resolves({ Item: v1Model });
    const model = await getModel(deps, id);
    expect(model).toMatchObject({ id, status: 'SUBMITTED', tags: [], indicators: [], recognitions: [], targetLevel: 'COMMUNE' });
    expect(model).not.toHaveProperty('pk');
    expect(model).not.toHaveProperty('gsi1pk');
  });

  it('a model item missing its status raises StoredItemInvalidError naming the key and the field', async () => {
    const { status: _status, ...broken } = v1Model;
    ddb.on(GetCommand).resolves({ Item: broken });
    const error = await getModel(deps, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredItemInvalidError);
    const invalid = error as StoredItemInvalidError;
    expect(invalid.key).toEqual({ pk: `MODEL#${id}`, sk: 'META' });
    expect(invalid.issues.map((i) => i.field)).toEqual(['status']);
    expect(invalid.message).toContain(`MODEL#${id} META`);
    expect(invalid.message).toContain('status');
  });

  it('a value of the wrong kind in a list is named with its path', async () => {
    ddb.on(QueryCommand).resolves({ Items: [v1Model, { ...v1Model, id: 'other', sk: 'META', pk: 'MODEL#other', status: 'LOST' }] });
    const error = await listModels(deps, { unitId: 'phuong-dong-ha' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredItemInvalidError);
    expect((error as StoredItemInvalidError).key).toEqual({ pk: 'MODEL#other', sk: 'META' });
    expect((error as StoredItemInvalidError).issues[0]!.field).toBe('status');
  });

  it('a task item with a field of the wrong type names it', async () => {
    ddb.on(GetCommand).resolves({
      Item: {
        pk: `MODEL#${id}`,
        sk: 'TASK#2026#REGISTRATION_REVIEW',
        modelId: id,
        year: 2026,
        stage: 'REGISTRATION_REVIEW',
        round: '1',
        status: 'PENDING',
        token: 't',
        assignee: 'BOARD#b',
        openedAt: '2026-12-02T03:52:23.554Z',
        dueAt: '2027-01-01T00:00:00.000Z',
        overdue: false,
        version: 1,
      },
    });
    const error = await getTask(deps, id, 2026, 'REGISTRATION_REVIEW').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoredItemInvalidError);
    expect((error as StoredItemInvalidError).issues.map((i) => i.field)).toEqual(['round']);
  });
});
