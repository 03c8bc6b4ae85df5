import { App, Aws, Stack } from 'aws-cdk-lib';
import { Table, AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { StepEnvSchema, WebEnvSchema } from '../../functions/shared/env.ts';
import { appConfig } from '../../infra/app-config.ts';
import { aslPlaceholders, aslTasks, substitute } from '../../infra/asl.ts';
import { AppFunction, checkEnvironment } from '../../infra/constructs/app-function.ts';
import { buildTestApp } from './synth-app.ts';

describe('deployment parameters (CDK context)', () => {
  it('default to stage dev, ap-southeast-1 and the administrator quantri', () => {
    expect(appConfig(new App())).toEqual({
      stage: 'dev',
      region: 'ap-southeast-1',
      adminUsername: 'quantri',
      adminDisplayName: 'Quản trị viên',
      mailDomain: 'dan-van-kheo.example.org',
    });
  });

  it('are taken from context, and put both stacks in the region', () => {
    const { config, data, main } = buildTestApp({
      stage: 'prod',
      region: 'ap-southeast-2',
      adminUsername: 'admin',
      alarmEmail: 'ops@example.vn',
    });
    expect(config).toMatchObject({ stage: 'prod', region: 'ap-southeast-2', adminUsername: 'admin', alarmEmail: 'ops@example.vn' });
    expect([data.stackName, main.stackName]).toEqual(['DanVanKheo-prod-Data', 'DanVanKheo-prod-App']);
    expect([data.region, main.region]).toEqual(['ap-southeast-2', 'ap-southeast-2']);
  });

  it('are rejected, all problems at once, when invalid', () => {
    const app = new App({ context: { stage: 'Prod!', adminUsername: 'x', alarmEmail: 'not-an-email', region: 'mars' } });
    expect(() => appConfig(app)).toThrow(/-c stage: .*-c region: .*-c adminUsername: .*-c alarmEmail/);
  });
});

describe('ASL reading', () => {
  const task = (resource: string, parameters: Record<string, unknown>) => ({
    Type: 'Task',
    Resource: resource,
    Parameters: parameters,
    End: true,
  });

  it('finds placeholders once each, and only ${Name} forms', () => {
    expect(aslPlaceholders('{"a":"${A}","b":"${B}","c":"${A}","d":"$.x","e":"$${C"}')).toEqual(['A', 'B']);
  });

  it('lists Task integrations and their targets, inside Map and Parallel states too', () => {
    const definition = {
      States: {
        Invoke: task('arn:aws:states:::lambda:invoke', { FunctionName: '${F}' }),
        Each: {
          Type: 'Map',
          ItemProcessor: { States: { Wait: task('arn:aws:states:::lambda:invoke.waitForTaskToken', { FunctionName: '${G}' }) } },
        },
        Both: {
          Type: 'Parallel',
          Branches: [{ States: { Start: task('arn:aws:states:::states:startExecution', { StateMachineArn: 'arn:aws:states:x' }) } }],
        },
        Done: { Type: 'Succeed' },
      },
    };
    expect(aslTasks(definition)).toEqual([
      { state: 'Invoke', integration: 'lambda:invoke', target: '${F}' },
      { state: 'Wait', integration: 'lambda:invoke', target: '${G}' },
      { state: 'Start', integration: 'states:startExecution', target: 'arn:aws:states:x' },
    ]);
  });

  it('refuses integrations it has no permission for, and targets chosen at run time', () => {
    expect(() => aslTasks({ States: { S: task('arn:aws:states:::dynamodb:putItem', {}) } })).toThrow(/no permission mapping/);
    expect(() => aslTasks({ States: { S: task('arn:aws:states:::lambda:invoke', { 'FunctionName.$': '$.fn' }) } })).toThrow(/fixed value/);
  });

  it('substitutes placeholders and keeps literals', () => {
    expect(substitute('${A}', { A: 'arn:a' })).toBe('arn:a');
    expect(substitute('arn:literal', {})).toBe('arn:literal');
    expect(() => substitute('${B}', {})).toThrow(/No substitution/);
  });
});

describe('AppFunction environment', () => {
  it('is checked against the schema at synth, tokens only for presence', () => {
    expect(() => checkEnvironment(StepEnvSchema, { TABLE_NAME: Aws.STACK_NAME })).not.toThrow();
    expect(() => checkEnvironment(StepEnvSchema, {})).toThrow(/TABLE_NAME/);
    const web = {
      TABLE_NAME: 't',
      STATE_MACHINE_ARN: Aws.STACK_ID,
      REVIEW_STATE_MACHINE_ARN: Aws.STACK_ID,
      IMPORT_STATE_MACHINE_ARN: Aws.STACK_ID,
      EVIDENCE_BUCKET: 'bucket',
    };
    expect(() => checkEnvironment(WebEnvSchema, web)).toThrow(/SESSION_SECRET_ARN: SESSION_SECRET or SESSION_SECRET_ARN is required/);
    expect(() => checkEnvironment(WebEnvSchema, { ...web, SESSION_SECRET_ARN: 'not-an-arn' })).toThrow(/SESSION_SECRET_ARN/);
    expect(() => checkEnvironment(WebEnvSchema, { ...web, SESSION_SECRET_ARN: Aws.STACK_ID })).not.toThrow();
  });

  it('is typed from the handler schema', () => {
    const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'S');
    const table = new Table(stack, 'T', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    new AppFunction(stack, 'Ok', { handlerName: 'open-task', description: 'd', environment: { TABLE_NAME: table.tableName } });
    const openTask = { handlerName: 'open-task', description: 'd' } as const;
    // @ts-expect-error open-task reads only TABLE_NAME
    new AppFunction(stack, 'Extra', { ...openTask, environment: { TABLE_NAME: 't', STATE_MACHINE_ARN: 'arn:x' } });
    expect(
      () =>
        // @ts-expect-error yearly-review needs both machines' ARNs
        new AppFunction(stack, 'Missing', { handlerName: 'yearly-review', description: 'd', environment: { TABLE_NAME: 't' } }),
    ).toThrow(/STATE_MACHINE_ARN: .*REVIEW_STATE_MACHINE_ARN: /);
    const web = {
      TABLE_NAME: 't',
      STATE_MACHINE_ARN: 'arn:x',
      REVIEW_STATE_MACHINE_ARN: 'arn:r',
      IMPORT_STATE_MACHINE_ARN: 'arn:i',
      EVIDENCE_BUCKET: 'bucket',
    };
    new AppFunction(stack, 'Web', { handlerName: 'web', description: 'd', environment: { ...web, SESSION_SECRET_ARN: 'arn:s' } });
    const local = () =>
      // @ts-expect-error the raw session key is never deployed
      new AppFunction(stack, 'Local', { handlerName: 'web', description: 'd', environment: { ...web, SESSION_SECRET: 'x' } });
    expect(local).toThrow(/SESSION_SECRET is for local runs only/);
  });
});
