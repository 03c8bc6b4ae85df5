import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, TransientError } from '../errors.ts';
import type { MessageKey, MessageParams } from '../messages.ts';

/**
 * One document client per process; the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB locally.
 * Without the SDK's logger middleware: no SDK logger is ever configured, yet that middleware builds
 * a redacted copy of every input and output for the no-op one (schemaLogFilter walks each item).
 */
export function createDocumentClient(client = new DynamoDBClient({ maxAttempts: 6 })): DynamoDBDocumentClient {
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The name @aws-sdk/core gives its logger middleware (loggerMiddlewareOptions). */
export const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
]);

/**
 * Maps DynamoDB failures to domain errors; the only place that knows about
 * ConditionalCheckFailedException. A lost condition means someone else acted first.
 */
export function mapDynamoError(error: unknown, conflictKey: MessageKey, conflictParams?: MessageParams): Error {
  const name = (error as { name?: string }).name ?? '';
  if (name === 'ConditionalCheckFailedException') return new ConflictError(conflictKey, conflictParams, { cause: error });
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    const codes = reasons.map((r) => r.Code);
    // A conflict with another transaction on a shared item (a counter) is not a lost race: retry.
    const conditionFailed = codes.includes('ConditionalCheckFailed');
    if (
      !conditionFailed &&
      codes.some((c) => c === 'ThrottlingError' || c === 'ProvisionedThroughputExceeded' || c === 'TransactionConflict')
    ) {
      return new TransientError('error.storeBusy', undefined, { cause: error });
    }
    return new ConflictError(conflictKey, conflictParams, { cause: error });
  }
  if (name === 'TransactionConflictException') return new TransientError('error.storeBusy', undefined, { cause: error });
  if (TRANSIENT.has(name)) return new TransientError('error.storeBusy', undefined, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** All-or-nothing write; a failed condition surfaces as ConflictError(conflictKey, conflictParams). */
export async function transact(
  db: DynamoDBDocumentClient,
  items: TransactItems,
  conflictKey: MessageKey,
  conflictParams?: MessageParams,
): Promise<void> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    throw mapDynamoError(error, conflictKey, conflictParams);
  }
}
