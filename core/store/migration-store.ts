import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Db = { db: DynamoDBDocumentClient; tableName: string };
const key = (name: string) => ({ pk: `MIGRATION#${name}`, sk: 'META' });

/** Whether a one-off migration finished once already (then starts skip it). */
export async function migrationDone({ db, tableName }: Db, name: string): Promise<boolean> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key(name), ConsistentRead: true }));
  return Item !== undefined;
}

/** Records a finished migration with what it did. */
export async function recordMigration({ db, tableName }: Db, name: string, at: string, report: Record<string, unknown>): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: { ...key(name), at, report } }));
}
