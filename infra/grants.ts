import { Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Least-privilege grants written for what each handler calls (test/infra/least-privilege
 * checks them against the handler bundles). The CDK's grantReadWriteData/grantRead would
 * add Scan, BatchWriteItem, DeleteItem, DescribeTable, DescribeSecret and index wildcards.
 */

/** DynamoDB item actions. TransactWriteItems is no IAM action: each item of a transaction needs its own (Put, Update, ConditionCheck...). */
export type TableAction =
  'GetItem' | 'BatchGetItem' | 'BatchWriteItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';

export interface TableAccess {
  /** Actions on the table itself (Query here means querying the table's own keys). */
  readonly actions: readonly TableAction[];
  /** Indexes the handler queries: named one by one, never `index/*`. */
  readonly queryIndexes?: readonly string[];
}

export function grantTable(grantee: IGrantable, table: ITableV2, access: TableAccess): void {
  if (access.actions.length > 0) {
    Grant.addToPrincipal({ grantee, actions: access.actions.map((a) => `dynamodb:${a}`), resourceArns: [table.tableArn] });
  }
  const indexes = access.queryIndexes ?? [];
  if (indexes.length > 0) {
    Grant.addToPrincipal({ grantee, actions: ['dynamodb:Query'], resourceArns: indexes.map((name) => `${table.tableArn}/index/${name}`) });
  }
}

/** Reading one secret's value, the only call Powertools' getSecret makes. */
export function grantSecretValue(grantee: IGrantable, secret: ISecret): void {
  Grant.addToPrincipal({ grantee, actions: ['secretsmanager:GetSecretValue'], resourceArns: [secret.secretArn] });
}

/**
 * Acknowledges one cdk-nag finding on a construct and its children, with its reason
 * (cdk-nag 3 reads CDK's Validations acknowledgments). A rule that reports several
 * findings, like IAM5, is acknowledged one finding at a time: `AwsSolutions-IAM5[Resource::*]`.
 */
export function acknowledgeNag(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** A value as cdk-nag writes it in a finding, e.g. `<AWS::AccountId>` for a reference. */
export function nagText(scope: IConstruct, value: string): string {
  return flattenCfnReference(Stack.of(scope).resolve(value));
}
