/**
 * The single table's shape, shared by the CDK stack and the local runtime so both
 * create exactly the same keys and indexes.
 *
 * Access patterns (see README "Design"):
 *  - pk=MODEL#id, sk=META                 the model
 *  - pk=MODEL#id, sk=EVENT#ts#n           its audit timeline (query by pk, sk begins_with EVENT#)
 *  - pk=MODEL#id, sk=DECISION#year#stage#round   immutable decisions
 *  - pk=MODEL#id, sk=TASK#year#stage      the pending task of a waiting step (one per step)
 *  - GSI1 gsi1pk=UNIT#unitId              a unit's models, newest first
 *  - GSI1 gsi1pk=ASSIGNEE#who             pending tasks of a board/unit by due date
 *  - GSI1 gsi1pk=AWAIT_REVIEW#year        models waiting for the yearly review of a year
 *  - GSI1 gsi1pk=OUTBOX                   decisions recorded but not yet delivered
 *  - GSI2 gsi2pk=BOARD#boardId            models in a board's jurisdiction, newest first
 *  - pk=MODEL#id, sk=CATALOGUE            its public catalogue entry (GSI1 gsi1pk=CATALOGUE, newest first)
 *  - pk=MODEL#id, sk=COPY#unitId          a replication of it by a unit (one per unit)
 *  - pk=USER#name / UNIT#id / BOARD#id    accounts and organisation
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

/** CreateTable input for DynamoDB Local (and any test), derived from TABLE_KEYS. */
export function createTableInput(tableName: string) {
  const keyNames = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: keyNames.map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
