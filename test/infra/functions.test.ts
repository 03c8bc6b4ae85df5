import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_FUNCTIONS } from '../../workflows/lifecycle-functions.ts';
import { asArray, joinToText, statementsOfRole, synthApp } from './synth-app.ts';

const { appTemplate: template, main } = synthApp();
type Fn = {
  Properties: {
    Role: { 'Fn::GetAtt': [string, string] };
    Environment: { Variables: Record<string, unknown> };
    LoggingConfig: { LogGroup: { Ref: string } };
  };
};
const functions = Object.entries(template.findResources('AWS::Lambda::Function')) as Array<[string, Fn]>;
const byService = (name: string) => {
  const found = functions.find(([, f]) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === name);
  if (!found) throw new Error(`no function for ${name}`);
  return found;
};
const envOf = (name: string) => byService(name)[1].Properties.Environment.Variables as Record<string, unknown>;
const grantsOf = (name: string) => statementsOfRole(template, byService(name)[1].Properties.Role['Fn::GetAtt'][0]);
const machineArn = `arn:{AWS::Partition}:states:{AWS::Region}:{AWS::AccountId}:stateMachine:model-lifecycle-test`;

describe('every function', () => {
  it('is one of the app handlers: lifecycle tasks, web, yearly review', () => {
    const names = functions.map(([, f]) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).sort();
    expect(names).toEqual([...Object.values(LIFECYCLE_FUNCTIONS), 'web', 'yearly-review'].sort());
  });

  it('runs Node.js 24 on arm64 with source maps and TABLE_NAME', () => {
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.Properties.Environment.Variables).toMatchObject({ NODE_OPTIONS: '--enable-source-maps' });
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
    }
  });

  it('logs to its own log group with a retention period', () => {
    const groups = template.findResources('AWS::Logs::LogGroup');
    for (const [, fn] of functions) {
      const groupId = fn.Properties.LoggingConfig.LogGroup.Ref;
      expect(groups[groupId]?.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });
});

describe('web function', () => {
  it('gets TABLE_NAME, STATE_MACHINE_ARN and SESSION_SECRET_ARN of the generated secret', () => {
    const env = envOf('web');
    const secretId = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0];
    expect(env.SESSION_SECRET_ARN).toEqual({ Ref: secretId });
    expect(joinToText(env.STATE_MACHINE_ARN)).toBe(machineArn);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  });

  it('may read the secret and drive lifecycle executions', () => {
    const grants = grantsOf('web');
    const actions = grants.flatMap((s) => asArray(s.Action as string | string[]));
    expect(actions).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'dynamodb:PutItem', 'dynamodb:Query']));
    const states = grants.filter((s) => asArray(s.Action as string).some((a) => a.startsWith('states:')));
    expect(states).toHaveLength(1);
    expect(asArray(states[0]!.Action).sort()).toEqual(
      [
        'states:DescribeExecution',
        'states:GetExecutionHistory',
        'states:ListExecutions',
        'states:SendTaskFailure',
        'states:SendTaskSuccess',
        'states:StartExecution',
      ].sort(),
    );
    expect(asArray(states[0]!.Resource).map(joinToText)).toContain(machineArn);
  });

  it('is served over a public HTTPS Function URL', () => {
    const [webId] = byService('web');
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [webId, 'Arn'] },
    });
    expect(main.web.url.url).toBeDefined();
  });
});

describe('yearly-review function', () => {
  it('may read/write the table and release tokens (SendTaskSuccess only)', () => {
    const grants = grantsOf('yearly-review');
    const actions = grants.flatMap((s) => asArray(s.Action as string | string[]));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:Query', 'states:SendTaskSuccess']));
    expect(actions.filter((a) => a.startsWith('states:'))).toEqual(['states:SendTaskSuccess']);
  });
});
