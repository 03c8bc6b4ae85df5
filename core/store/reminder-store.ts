import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransactItems } from './dynamo.ts';
import { ReminderRecord, type Reminder } from '../records.ts';
import { itemParser } from './items.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };
export type { Reminder };

/** A reminder to a unit whose revision or report is overdue, newest first in its partition. */
export function reminderItem(tableName: string, reminder: Reminder): TransactItems[number] {
  return {
    Put: {
      TableName: tableName,
      Item: { pk: `REMINDER#UNIT#${reminder.unitId}`, sk: `${reminder.at}#${reminder.modelId}#${reminder.stage}`, ...reminder },
    },
  };
}

export async function unitReminders({ db, tableName }: Db, unitId: string, limit = 50): Promise<Reminder[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `REMINDER#UNIT#${unitId}` },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map(itemParser(ReminderRecord));
}
