import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { SDK_LOGGER_MIDDLEWARE, createDocumentClient } from '../../core/store/dynamo.ts';

const named = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().filter((entry) => entry.startsWith(`${SDK_LOGGER_MIDDLEWARE} `));

describe('the document client', () => {
  it('runs without the SDK’s logger middleware, which copies every item for a logger nobody set', () => {
    const raw = new DynamoDBClient({ region: 'ap-southeast-1' });
    expect(named(raw)).toHaveLength(1); // the SDK's name for it, still the one removed
    const db = createDocumentClient(raw);
    expect(named(raw)).toEqual([]);
    expect(named(db)).toEqual([]);
  });
});
