import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The bucket's fixed name, unique per stage, account and region. The app stack builds the
 * web function's grant from the name instead of a cross-stack reference, so the grant and
 * its cdk-nag acknowledgment read the same before and after synthesis.
 */
export function evidenceBucketName(stage: string, region: string): string {
  return `dvk-${stage}-evidence-${Aws.ACCOUNT_ID}-${region}`;
}

export interface EvidenceBucketProps {
  readonly bucketName: string;
}

/**
 * Evidence files attached to models (reports, photos, documents): private, encrypted,
 * reachable over TLS 1.2+ only, versioned so an overwrite or delete can be undone, and
 * retained with the data. Access is logged to a second bucket.
 */
export class EvidenceBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    const secure = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;

    // The log target itself is not logged (cdk-nag S1 accepts a server-access-log bucket).
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...secure,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });

    this.bucket = new Bucket(this, 'Bucket', {
      ...secure,
      bucketName: props.bucketName,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }, { abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    });
  }
}
