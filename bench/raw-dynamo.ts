import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { percentile, pool, round, timed } from './stats.ts';

export type RawDynamo = {
  /** PutItem calls per second (one item each), `concurrency` in flight. */
  putPerSecond: number;
  /** TransactWriteItems calls per second, each writing `transactItems` items. */
  transactPerSecond: number;
  transactItems: number;
  /** Items per second written through transactions. */
  transactItemsPerSecond: number;
  /** One Query of a small partition, one at a time (ms). */
  queryP50Ms: number;
  queryP95Ms: number;
};

/** The local limit: DynamoDB Local's own rates on a scratch table, with the same client settings as the app. */
export async function measureRawDynamo(
  endpoint: string,
  opts: { puts: number; transacts: number; queries: number; concurrency: number; transactItems?: number },
): Promise<RawDynamo> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const TableName = `bench-raw-${Date.now()}`;
  const transactItems = opts.transactItems ?? 4;
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  try {
    // A model-sized item (about 1 KB), as the app writes.
    const body = 'x'.repeat(900);
    const item = (pk: string, sk: string) => ({ pk: { S: pk }, sk: { S: sk }, body: { S: body }, n: { N: '1' } });
    await pool(
      200,
      opts.concurrency,
      async (i) => void (await client.send(new PutItemCommand({ TableName, Item: item(`WARM#${i}`, 'META') }))),
    ); // warm-up
    const putMs = await pool(
      opts.puts,
      opts.concurrency,
      async (i) => void (await client.send(new PutItemCommand({ TableName, Item: item(`P#${i}`, 'META') }))),
    );
    const txMs = await pool(opts.transacts, opts.concurrency, async (i) => {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: Array.from({ length: transactItems }, (_, k) => ({
            Put: { TableName, Item: item(`T#${i}`, `S#${k}`), ConditionExpression: 'attribute_not_exists(pk)' },
          })),
        }),
      );
    });
    const queryTimes = await timed(opts.queries, async (i) => {
      await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `T#${i % opts.transacts}` } },
        }),
      );
    });
    return {
      putPerSecond: round((opts.puts / putMs) * 1000, 0),
      transactPerSecond: round((opts.transacts / txMs) * 1000, 0),
      transactItems,
      transactItemsPerSecond: round(((opts.transacts * transactItems) / txMs) * 1000, 0),
      queryP50Ms: round(percentile(queryTimes, 50)),
      queryP95Ms: round(percentile(queryTimes, 95)),
    };
  } finally {
    await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
    client.destroy();
  }
}
