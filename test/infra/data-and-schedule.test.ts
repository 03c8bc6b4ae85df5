import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { TABLE_KEYS } from '../../core/table.ts';
import { YEARLY_REVIEW_SCHEDULE, toEventBridgeCron } from '../../workflows/yearly-review-schedule.ts';
import { synthApp } from './synth-app.ts';

const { dataTemplate, appTemplate } = synthApp();

describe('data table', () => {
  it('has the TABLE_KEYS keys and indexes, all strings, on demand', () => {
    dataTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
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

  it('is protected: PITR, deletion protection, retained, AWS-managed encryption', () => {
    dataTemplate.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });
});

describe('yearly review schedule', () => {
  it('fires on the shared schedule, in Asia/Ho_Chi_Minh', () => {
    appTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 15 12 ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({ Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }) }),
    });
  });

  it('toEventBridgeCron renders any valid schedule and rejects out-of-range fields', () => {
    expect(toEventBridgeCron(YEARLY_REVIEW_SCHEDULE)).toBe('cron(0 7 15 12 ? *)');
    expect(toEventBridgeCron({ ...YEARLY_REVIEW_SCHEDULE, minute: 30, hour: 23, dayOfMonth: 1, month: 1 })).toBe(
      'cron(30 23 1 1 ? *)',
    );
    expect(() => toEventBridgeCron({ ...YEARLY_REVIEW_SCHEDULE, month: 13 })).toThrow(RangeError);
    expect(() => toEventBridgeCron({ ...YEARLY_REVIEW_SCHEDULE, hour: 7.5 })).toThrow(RangeError);
  });
});
