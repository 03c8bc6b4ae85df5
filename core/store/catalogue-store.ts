import type { Model, Recognition } from '../model.ts';
import type { TransactItems } from './dynamo.ts';

/**
 * Items written in the same transaction as a recognition, so the public catalogue lists the
 * model as soon as it is recognized. (Being implemented: replication and catalogue.)
 */
export function catalogueEntryItems(_tableName: string, _model: Model, _recognition: Recognition): TransactItems {
  return [];
}
