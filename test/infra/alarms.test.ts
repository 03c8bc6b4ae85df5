import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HANDLER_ENV } from '../../functions/shared/env.ts';
import { synthApp } from './synth-app.ts';

const { appTemplate: template } = synthApp({ alarmEmail: 'canhbao@example.vn' });
type Alarm = {
  Properties: Record<string, unknown> & {
    AlarmActions: unknown[];
    Metrics?: Array<Record<string, unknown>>;
    MetricName?: string;
    Namespace?: string;
    Dimensions?: unknown[];
  };
};
const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Alarm[];
const topicId = Object.keys(template.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('AlarmsTopic'))!;
/** Metric names of an alarm, single metric or math expression. */
const metricsOf = (alarm: Alarm): string[] =>
  alarm.Properties.MetricName
    ? [`${alarm.Properties.Namespace}/${alarm.Properties.MetricName}`]
    : (alarm.Properties.Metrics ?? []).flatMap((m) => {
        const stat = m.MetricStat as { Metric: { Namespace: string; MetricName: string } } | undefined;
        return stat ? [`${stat.Metric.Namespace}/${stat.Metric.MetricName}`] : [];
      });
const all = alarms.flatMap(metricsOf);

describe('alarms', () => {
  it('watch failed and timed-out executions and execution throttling of the state machine', () => {
    expect(alarms.some((a) => metricsOf(a).sort().join() === 'AWS/States/ExecutionsFailed,AWS/States/ExecutionsTimedOut')).toBe(true);
    expect(all).toContain('AWS/States/ExecutionThrottled');
  });

  it('watch errors (task errors) and throttles of every function of the app stack', () => {
    const appHandlers = Object.keys(HANDLER_ENV).filter((name) => name !== 'bootstrap-admin');
    expect(all.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(appHandlers.length);
    expect(all.filter((m) => m === 'AWS/Lambda/Throttles')).toHaveLength(appHandlers.length);
  });

  it('watch 5xx answers of the web app and throttled table requests', () => {
    expect(all).toContain('AWS/Lambda/Url5xxCount');
    expect(alarms.some((a) => metricsOf(a).sort().join() === 'AWS/DynamoDB/ReadThrottleEvents,AWS/DynamoDB/WriteThrottleEvents')).toBe(
      true,
    );
  });

  it('fire on the first occurrence and notify the alarm topic', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(18);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    }
  });
});

describe('alarm topic', () => {
  it('is encrypted with a rotating key that CloudWatch may use, requires TLS, and mails the context address', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmsTopicKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'canhbao@example.vn',
      TopicArn: { Ref: topicId },
    });
    template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
  });

  it('lets CloudWatch alarms of this account (only) publish, and use the key', () => {
    const alarmArns = { 'Fn::Join': ['', ['arn:aws:cloudwatch:ap-southeast-1:', { Ref: 'AWS::AccountId' }, ':alarm:*']] };
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowCloudWatchAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: topicId },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': alarmArns } },
          },
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
          },
        ]),
      },
    });
  });

  it('has no subscription without alarmEmail', () => {
    // Only the SES bounce topic's subscription (its Lambda) is left.
    const subscriptions = Object.values(synthApp().appTemplate.findResources('AWS::SNS::Subscription')) as {
      Properties: { Protocol: string };
    }[];
    expect(subscriptions.map((s) => s.Properties.Protocol)).toEqual(['lambda']);
  });
});
