import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENDED_STATUSES } from '../../infra/constructs/execution-watch.ts';
import { asArray, joinToText, statementsOfRole, synthApp } from './synth-app.ts';

const { appTemplate: template } = synthApp();
type Fn = { Properties: { Role: { 'Fn::GetAtt': [string, string] }; Environment: { Variables: Record<string, unknown> } } };
const [watchId, watch] = Object.entries(template.findResources('AWS::Lambda::Function')).find(
  ([, fn]) => (fn as Fn).Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'execution-ended',
) as [string, Fn];

describe('execution watch (orphaned models)', () => {
  it('hands every lifecycle execution that ends, and only those, to the execution-ended function', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')) as {
      Properties: {
        EventPattern: { source: string[]; 'detail-type': string[]; detail: { stateMachineArn: unknown[]; status: string[] } };
        Targets: { Arn: unknown; RetryPolicy: unknown }[];
      };
    }[];
    expect(rules).toHaveLength(1);
    const { EventPattern: pattern, Targets: targets } = rules[0]!.Properties;
    expect(pattern.source).toEqual(['aws.states']);
    expect(pattern['detail-type']).toEqual(['Step Functions Execution Status Change']);
    expect(pattern.detail.stateMachineArn.map(joinToText)).toEqual([
      'arn:aws:states:ap-southeast-1:{AWS::AccountId}:stateMachine:model-lifecycle-test',
    ]);
    expect(pattern.detail.status.sort()).toEqual([...ENDED_STATUSES].sort());
    expect(targets).toEqual([
      {
        Arn: { 'Fn::GetAtt': [watchId, 'Arn'] },
        Id: 'Target0',
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86400 },
      },
    ]);
  });

  it('may be invoked by that rule only', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [watchId, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExecutionWatchRule'), 'Arn'] },
    });
  });

  it('reads the model and its task, writes its attention item and asks whether a token is awaited, nothing more', () => {
    const actions = (statementsOfRole(template, watch.Properties.Role['Fn::GetAtt'][0]) as { Action: string | string[] }[])
      .flatMap((s) => asArray(s.Action))
      .filter((a) => !a.startsWith('logs:'))
      .sort();
    expect(actions).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem', 'states:SendTaskHeartbeat']);
  });
});
