import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapDynamoError, type TransactItems } from './dynamo.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

/** What a lost condition reports: mapDynamoError's arguments after the error (the message, and its parameters if any). */
export type Conflict = Parameters<typeof mapDynamoError> extends [unknown, ...infer Rest] ? Rest : never;

/** One write of a transaction, built by a store function (`...Item`, `...Items`). */
export type StoreWrite = TransactItems[number];

/**
 * Writes items built by the store's own functions in one transaction, all or nothing: use cases
 * compose a step's writes from them without knowing how they are expressed. A failed condition
 * surfaces as ConflictError(conflict), contention as TransientError (see mapDynamoError).
 */
export async function commitWrites({ db }: Db, writes: StoreWrite[], ...conflict: Conflict): Promise<void> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: writes }));
  } catch (error) {
    throw mapDynamoError(error, ...conflict);
  }
}
