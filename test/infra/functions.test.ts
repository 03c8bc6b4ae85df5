import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HANDLER_ENV, METRICS_NAMESPACE, type HandlerName } from '../../functions/shared/env.ts';
import { timeoutSecondsOf } from '../../functions/shared/timeouts.ts';
import { LIFECYCLE_FUNCTIONS } from '../../workflows/lifecycle-functions.ts';
import { REVIEW_FUNCTIONS } from '../../workflows/review-functions.ts';
import { joinToText, synthApp } from './synth-app.ts';

const { appTemplate, dataTemplate, main } = synthApp();
type Fn = {
  DependsOn?: string[];
  Properties: {
    Role: { 'Fn::GetAtt': [string, string] };
    Environment: { Variables: Record<string, unknown> };
    LoggingConfig: { LogGroup: { Ref: string } };
  } & Record<string, unknown>;
};
const functions = [appTemplate, dataTemplate].flatMap((template) =>
  (Object.entries(template.findResources('AWS::Lambda::Function')) as Array<[string, Fn]>).map(([id, fn]) => ({ id, fn, template })),
);
const byHandler = (name: HandlerName) => {
  const found = functions.find((f) => f.fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === name);
  if (!found) throw new Error(`no function for ${name}`);
  return found;
};
const machineArn = 'arn:aws:states:ap-southeast-1:{AWS::AccountId}:stateMachine:model-lifecycle-test';

describe('every function (one AppFunction construct)', () => {
  it('is one of the app handlers, each once', () => {
    const names = functions.map((f) => f.fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).sort();
    expect(names).toEqual(Object.keys(HANDLER_ENV).sort());
  });

  it('runs Node.js 24 on arm64 with the Powertools service and namespace, source maps not loaded at start', () => {
    for (const { fn } of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.Properties.Environment.Variables).toMatchObject({ POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE });
      expect(fn.Properties.Environment.Variables).not.toHaveProperty('NODE_OPTIONS');
    }
  });

  it("gets an environment its handler's zod schema accepts (references stand in as ARNs and names)", () => {
    for (const { fn } of functions) {
      const name = fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as HandlerName;
      const env = Object.fromEntries(
        Object.entries(fn.Properties.Environment.Variables).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : `arn:aws:resolved:${key}`,
        ]),
      );
      const parsed = HANDLER_ENV[name].safeParse(env);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
      expect(env.SESSION_SECRET, 'the raw session key is for local runs only').toBeUndefined();
    }
  });

  it('logs to its own log group with a retention period, removed with the stack', () => {
    for (const { fn, template } of functions) {
      const group = template.findResources('AWS::Logs::LogGroup')[fn.Properties.LoggingConfig.LogGroup.Ref] as {
        DeletionPolicy: string;
        Properties: { RetentionInDays: number };
      };
      expect(group.Properties.RetentionInDays).toBe(90);
      expect(group.DeletionPolicy).toBe('Delete');
    }
  });

  it('has its own role, without AWS-managed policies, assumable by Lambda of this account only', () => {
    const roleIds = functions.map(({ fn }) => fn.Properties.Role['Fn::GetAtt'][0]);
    expect(new Set(roleIds).size).toBe(functions.length);
    for (const { fn, template } of functions) {
      const role = template.findResources('AWS::IAM::Role')[fn.Properties.Role['Fn::GetAtt'][0]] as { Properties: Record<string, unknown> };
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'lambda.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      });
    }
  });
});

describe('function timeouts (one table: functions/shared/timeouts.ts)', () => {
  it('every lifecycle and review task function times out after its entry in the table', () => {
    const names = [...Object.values(LIFECYCLE_FUNCTIONS), ...Object.values(REVIEW_FUNCTIONS)];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(byHandler(name).fn.Properties.Timeout, name).toBe(timeoutSecondsOf(name));
    }
  });

  it('every other function too (no construct sets its own), the web function after 30 s', () => {
    for (const { fn } of functions) {
      const name = fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as HandlerName;
      expect(fn.Properties.Timeout, name).toBe(timeoutSecondsOf(name));
    }
    expect(byHandler('web').fn.Properties.Timeout).toBe(30);
  });
});

describe('web function', () => {
  const { id: webId, fn: web } = byHandler('web');

  it('gets the table, the lifecycle machine, the session secret and the evidence bucket', () => {
    const env = web.Properties.Environment.Variables;
    expect(env.SESSION_SECRET_ARN).toEqual({ Ref: Object.keys(appTemplate.findResources('AWS::SecretsManager::Secret'))[0] });
    expect(joinToText(env.STATE_MACHINE_ARN)).toBe(machineArn);
    expect(joinToText(env.EVIDENCE_BUCKET)).toBe('dvk-test-evidence-{AWS::AccountId}-ap-southeast-1');
    appTemplate.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
  });

  it('is served over a public HTTPS Function URL, output as WebUrl', () => {
    appTemplate.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      InvokeMode: 'BUFFERED',
      TargetFunctionArn: { 'Fn::GetAtt': [webId, 'Arn'] },
    });
    appTemplate.hasOutput('WebUrl', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('FunctionUrl'), 'FunctionUrl'] } });
    expect(main.web.url.url).toBeDefined();
  });
});

describe('lifecycle task functions', () => {
  it('get only TABLE_NAME besides the runtime settings', () => {
    for (const name of ['submit-model', 'open-task', 'mark-overdue', 'begin-next-cycle'] as const) {
      expect(Object.keys(byHandler(name).fn.Properties.Environment.Variables).sort()).toEqual(
        ['POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'].sort(),
      );
    }
  });
});
