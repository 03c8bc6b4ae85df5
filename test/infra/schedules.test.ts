import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { OUTBOX_SWEEP_RATE } from '../../infra/constructs/schedules.ts';
import { YEARLY_REVIEW_SCHEDULE, toEventBridgeCron } from '../../workflows/yearly-review-schedule.ts';
import { asArray, statementsOfRole, synthApp } from './synth-app.ts';

const { appTemplate: template } = synthApp();
type Schedule = {
  Properties: {
    ScheduleExpression: string;
    ScheduleExpressionTimezone?: string;
    Target: { Arn: unknown; RoleArn: { 'Fn::GetAtt': [string, string] }; Input: string };
  };
};
const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as Schedule[];

describe('yearly review schedule', () => {
  it('fires on the shared schedule, in Asia/Ho_Chi_Minh, with its scheduled time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 15 12 ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulesYearlyReviewHandlerFunction'), 'Arn'] },
        Input: JSON.stringify({ scheduledTime: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 6 * 3600 },
      }),
    });
  });

  it('toEventBridgeCron renders any valid schedule and rejects out-of-range fields', () => {
    expect(toEventBridgeCron(YEARLY_REVIEW_SCHEDULE)).toBe('cron(0 7 15 12 ? *)');
    expect(toEventBridgeCron({ ...YEARLY_REVIEW_SCHEDULE, minute: 30, hour: 23, dayOfMonth: 1, month: 1 })).toBe('cron(30 23 1 1 ? *)');
    expect(() => toEventBridgeCron({ ...YEARLY_REVIEW_SCHEDULE, month: 13 })).toThrow(RangeError);
    expect(() => toEventBridgeCron({ ...YEARLY_REVIEW_SCHEDULE, hour: 7.5 })).toThrow(RangeError);
  });
});

describe('outbox sweep schedule', () => {
  it(`runs the outbox sweeper every ${OUTBOX_SWEEP_RATE.toMinutes()} minutes`, () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `rate(${OUTBOX_SWEEP_RATE.toMinutes()} minutes)`,
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulesOutboxSweeperHandlerFunction'), 'Arn'] } }),
    });
  });
});

describe('scheduler roles', () => {
  it('each may invoke exactly its own function (no versions or aliases), for this account only', () => {
    expect(schedules).toHaveLength(4); // the yearly review, the outbox sweep, the notification round and digest
    for (const schedule of schedules) {
      const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
      expect(statementsOfRole(template, roleId)).toEqual([
        { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: schedule.Properties.Target.Arn },
      ]);
      const role = template.findResources('AWS::IAM::Role')[roleId] as {
        Properties: { AssumeRolePolicyDocument: { Statement: Array<Record<string, unknown>> } };
      };
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]);
      expect(asArray(schedule.Properties.Target.Arn)).toHaveLength(1);
    }
  });
});
