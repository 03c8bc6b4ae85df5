import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { DataTable } from '../constructs/data-table.ts';

/** Stateful resources only, so the app stack can be replaced or destroyed freely. */
export class DataStack extends Stack {
  readonly table: ITableV2;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new DataTable(this, 'Data').table;
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }
}
