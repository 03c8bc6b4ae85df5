import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { statementsOfRole, synthApp } from './synth-app.ts';

/** Amazon SES for the notifications (issue 17): identity, configuration set, bounces, the sender's schedule and rights. */
const { appTemplate: template } = synthApp();
const idOf = (type: string, prefix: string) => Object.keys(template.findResources(type)).find((id) => id.startsWith(prefix))!;

describe('notifications through SES', () => {
  it('sends from a domain identity with DKIM, through a configuration set', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'dan-van-kheo.example.org',
      DkimAttributes: Match.absent(),
    });
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
  });

  it('publishes bounces and complaints to a TLS-only topic whose Lambda records them', () => {
    const topic = idOf('AWS::SNS::Topic', 'NotificationsBounces');
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: idOf('AWS::SES::ConfigurationSet', 'NotificationsConfigurationSet') },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint']),
        SnsDestination: { TopicARN: { Ref: topic } },
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topic },
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NotificationsBounce'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('runs the sender every minute and the digests daily at 07:00 in Vietnam (00:00 UTC)', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: Match.objectLike({ Input: '{}' }),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 0 * * ? *)',
      Target: Match.objectLike({ Input: '{"digest":true}' }),
    });
  });

  it('lets the sender send only as this identity and configuration set', () => {
    const fns = template.findResources('AWS::Lambda::Function') as Record<
      string,
      { Properties: { Role: { 'Fn::GetAtt': [string, string] }; Environment: { Variables: Record<string, unknown> } } }
    >;
    const sender = Object.values(fns).find((f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'notify-dispatch')!;
    const ses = (statementsOfRole(template, sender.Properties.Role['Fn::GetAtt'][0]) as { Action: string; Resource: unknown[] }[]).filter(
      (s) => s.Action === 'ses:SendEmail',
    );
    expect(ses).toHaveLength(1);
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain(':identity/');
    expect(resources).toContain(':configuration-set/');
    expect(resources).not.toContain('*');
    expect(sender.Properties.Environment.Variables.MAIL_FROM).toBe('Dân vận khéo <no-reply@dan-van-kheo.example.org>');
  });
});
