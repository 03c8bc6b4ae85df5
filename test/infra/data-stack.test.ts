import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE_KEYS } from '../../core/table.ts';
import { FirstAdminPropsSchema } from '../../functions/shared/first-admin.ts';
import { synthApp } from './synth-app.ts';
import { stringMatching } from '../support/matchers.ts';

const { dataTemplate: template } = synthApp({ adminUsername: 'admin.tinh', adminDisplayName: 'Quản trị tỉnh' });

describe('data table', () => {
  it('has the TABLE_KEYS keys and indexes, all strings, on demand', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      AttributeDefinitions: Match.arrayWith([{ AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' }]),
    });
  });

  it('is protected: point-in-time recovery, deletion protection, retained, encrypted', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            Region: 'ap-southeast-1',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('expires short-lived items (idempotency keys) by their expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });
});

describe('evidence bucket', () => {
  const buckets = template.findResources('AWS::S3::Bucket');
  const evidenceId = Object.keys(buckets).find((id) => id.startsWith('EvidenceBucket'))!;
  const logsId = Object.keys(buckets).find((id) => id.startsWith('EvidenceAccessLogs'))!;

  it('blocks public access, is encrypted, owner-enforced, versioned and retained (both buckets)', () => {
    for (const id of [evidenceId, logsId]) {
      expect(buckets[id]).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        },
      });
    }
    expect(buckets[evidenceId]!.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'evidence/' },
      BucketName: { 'Fn::Join': ['', ['dvk-test-evidence-', { Ref: 'AWS::AccountId' }, '-ap-southeast-1']] },
    });
  });

  it('refuses requests without TLS 1.2 or later (both buckets)', () => {
    for (const id of [evidenceId, logsId]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
            Match.objectLike({
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
            }),
          ]),
        },
      });
    }
  });
});

describe('first administrator', () => {
  it('is a Custom::FirstAdmin with the context parameters and the generated password secret', () => {
    const [resource] = Object.values(template.findResources('Custom::FirstAdmin')) as Array<{ Properties: Record<string, unknown> }>;
    const { ServiceToken, ServiceTimeout, ...props } = resource!.Properties;
    expect(ServiceToken).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^FirstAdminHandlerFunction/), 'Arn'] });
    expect(ServiceTimeout).toBe('300');
    expect(props).toEqual({
      Username: 'admin.tinh',
      DisplayName: 'Quản trị tỉnh',
      PasswordSecretArn: { Ref: stringMatching(/^FirstAdminInitialPassword/) },
    });
    // What the handler will accept (its own zod schema), with a placeholder for the ARN.
    expect(FirstAdminPropsSchema.safeParse({ ...props, PasswordSecretArn: 'arn:aws:secretsmanager:x' }).success).toBe(true);
  });

  it('has its initial password generated by Secrets Manager, retained with the data, and output', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ GenerateSecretString: Match.objectLike({ PasswordLength: 20 }) }),
    });
    template.hasOutput('AdminPasswordSecretArn', { Value: { Ref: Match.stringLikeRegexp('^FirstAdminInitialPassword') } });
    template.hasOutput('AdminUsername', { Value: 'admin.tinh' });
    template.hasOutput('EvidenceBucketName', {});
    template.hasOutput('TableName', {});
  });
});
