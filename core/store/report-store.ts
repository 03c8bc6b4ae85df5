import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TransactItems } from './dynamo.ts';
import { StoredReportRecord, type StoredReport } from '../records.ts';
import { itemParser } from './items.ts';

type Db = { db: DynamoDBDocumentClient; tableName: string };

export type { StoredReport };
const toReport = itemParser(StoredReportRecord);

const reportKey = (modelId: string, year: number) => ({ pk: `MODEL#${modelId}`, sk: `REPORT#${year}` });

/**
 * Written with the REPORT decision. Also indexed by board and year (gsi2 `REPORTS#board#year`)
 * so a board's reports of one year can be compared with each other in one query.
 */
export function yearlyReportItem(tableName: string, report: StoredReport): TransactItems[number] {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...reportKey(report.modelId, report.year),
        ...report,
        gsi2pk: `REPORTS#${report.boardId}#${report.year}`,
        gsi2sk: report.modelId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function getReport({ db, tableName }: Db, modelId: string, year: number): Promise<StoredReport | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: reportKey(modelId, year) }));
  return Item ? toReport(Item) : undefined;
}

/** The reports a board received for a year (paged through), by model id; `limit` stops early. */
export async function boardReports(
  { db, tableName }: Db,
  boardId: string,
  year: number,
  options: { limit?: number } = {},
): Promise<StoredReport[]> {
  const reports: StoredReport[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const remaining = options.limit === undefined ? undefined : options.limit - reports.length;
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `REPORTS#${boardId}#${year}` },
        ExclusiveStartKey,
        Limit: remaining,
      }),
    );
    reports.push(...(page.Items ?? []).map(toReport));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && (options.limit === undefined || reports.length < options.limit));
  return reports;
}
