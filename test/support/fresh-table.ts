import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { createTableInput } from '../../core/table.ts';
import { ensureTable } from '../../local/dynamodb-local.ts';

/** A fresh application table on the run's shared DynamoDB Local, for tests that need storage but no runtime. */
export async function freshTable(prefix = 't'): Promise<{ db: ReturnType<typeof createDocumentClient>; tableName: string }> {
  const raw = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(raw, createTableInput(tableName));
  return { db: createDocumentClient(raw), tableName };
}
