import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { DataTable } from '../constructs/data-table.ts';
import { EvidenceBucket } from '../constructs/evidence-bucket.ts';
import { FirstAdmin } from '../constructs/first-admin.ts';

export interface DataStackProps extends StackProps {
  readonly adminUsername: string;
  readonly adminDisplayName: string;
  readonly evidenceBucketName: string;
}

/**
 * What holds state, retained when the stack is deleted: the table, the evidence bucket,
 * and the first administrator (account item and initial password). The app stack can be
 * replaced or destroyed freely.
 */
export class DataStack extends Stack {
  readonly table: ITableV2;
  readonly evidenceBucket: IBucket;
  readonly firstAdmin: FirstAdmin;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.table = new DataTable(this, 'Data').table;
    this.evidenceBucket = new EvidenceBucket(this, 'Evidence', { bucketName: props.evidenceBucketName }).bucket;
    this.firstAdmin = new FirstAdmin(this, 'FirstAdmin', {
      table: this.table,
      username: props.adminUsername,
      displayName: props.adminDisplayName,
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidenceBucket.bucketName });
    new CfnOutput(this, 'AdminUsername', { value: props.adminUsername, description: 'First administrator' });
    new CfnOutput(this, 'AdminPasswordSecretArn', {
      value: this.firstAdmin.passwordSecret.secretArn,
      description:
        'Initial administrator password: aws secretsmanager get-secret-value --secret-id <this ARN> --query SecretString --output text',
    });
  }
}
