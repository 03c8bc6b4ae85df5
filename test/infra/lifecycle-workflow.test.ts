import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { aslPlaceholders, aslTasks } from '../../infra/asl.ts';
import {
  LIFECYCLE_ASL_PATH,
  LIFECYCLE_FUNCTIONS,
  LIFECYCLE_STATE_MACHINE_NAME,
  type LifecycleFunctionKey,
} from '../../workflows/lifecycle-functions.ts';
import { asArray, joinToText, statementsOfRole, synthApp } from './synth-app.ts';
import { anything } from '../support/matchers.ts';

const { main, appTemplate: template } = synthApp();
const workflow = main.workflow;
const asl = readFileSync(fileURLToPath(LIFECYCLE_ASL_PATH), 'utf8');
const keys = Object.keys(LIFECYCLE_FUNCTIONS) as LifecycleFunctionKey[];
const machineName = `${LIFECYCLE_STATE_MACHINE_NAME}-test`;
const logicalIdOf = (key: LifecycleFunctionKey) => Stack.of(main).getLogicalId(workflow.functions[key].fn.node.defaultChild as CfnFunction);
const machineArnText = `arn:aws:states:ap-southeast-1:{AWS::AccountId}:stateMachine:${machineName}`;

describe('lifecycle state machine', () => {
  const machines = template.findResources('AWS::StepFunctions::StateMachine', { Properties: { StateMachineName: machineName } });
  const [machine] = Object.values(machines) as Array<{ Properties: Record<string, unknown> }>;
  const props = machine!.Properties;

  it('is one Standard machine named from LIFECYCLE_STATE_MACHINE_NAME plus the stage', () => {
    expect(Object.keys(machines)).toHaveLength(1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineName: machineName, StateMachineType: 'STANDARD' });
  });

  it('takes its definition from the ASL file, unchanged', () => {
    // A plain string: a Fn::Join would mean a token crept into the definition.
    expect(props.DefinitionString).toBe(asl);
  });

  it('fills every ASL placeholder and nothing else', () => {
    const substitutions = props.DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual([...keys, 'LifecycleStateMachineArn'].sort());
    expect(aslPlaceholders(asl).sort()).toEqual(Object.keys(substitutions).sort());
  });

  it('substitutes each function key with the ARN of the function built from its handler', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionSubstitutions: Match.objectLike(Object.fromEntries(keys.map((key) => [key, { 'Fn::GetAtt': [logicalIdOf(key), 'Arn'] }]))),
    });
    for (const key of keys) {
      const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(key)] as {
        Properties: { Environment: { Variables: Record<string, unknown> } };
      };
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(LIFECYCLE_FUNCTIONS[key]);
    }
  });

  it('substitutes its own ARN, built from the fixed name (no circular reference)', () => {
    expect(joinToText((props.DefinitionSubstitutions as Record<string, unknown>).LifecycleStateMachineArn)).toBe(machineArnText);
  });

  it('logs every event (without payloads) to its own log group, and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [
          { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LifecycleMachineLogs'), 'Arn'] } } },
        ],
      },
      TracingConfiguration: { Enabled: true },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/vendedlogs/states/${machineName}`, RetentionInDays: 90 });
  });
});

describe('lifecycle state machine role: what the ASL calls, read from the ASL', () => {
  const roleId = Stack.of(main).getLogicalId(workflow.machine.role.node.defaultChild as CfnRole);
  const statements = statementsOfRole(template, roleId);
  const withAction = (action: string) => statements.filter((s) => asArray(s.Action).includes(action));
  const tasks = aslTasks(JSON.parse(asl) as { States: Record<string, Record<string, unknown>> });

  it('is the explicit role, assumable by Step Functions of this account only', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    const role = template.findResources('AWS::IAM::Role')[roleId] as { Properties: { AssumeRolePolicyDocument: { Statement: unknown[] } } };
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'states.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
  });

  it('may invoke exactly the functions the ASL invokes', () => {
    const invoked = [...new Set(tasks.filter((t) => t.integration === 'lambda:invoke').map((t) => t.target.slice(2, -1)))];
    expect(invoked.sort()).toEqual([...keys].sort());
    const [invoke, ...rest] = withAction('lambda:InvokeFunction');
    expect(rest).toEqual([]);
    expect(asArray(invoke!.Resource)).toEqual(expect.arrayContaining(keys.map((key) => ({ 'Fn::GetAtt': [logicalIdOf(key), 'Arn'] }))));
    expect(asArray(invoke!.Resource)).toHaveLength(keys.length);
  });

  it('may start executions of itself only (a cycle, a continuation)', () => {
    expect([...new Set(tasks.filter((t) => t.integration === 'states:startExecution').map((t) => t.target))]).toEqual([
      '${LifecycleStateMachineArn}',
    ]);
    const [start, ...rest] = withAction('states:StartExecution');
    expect(rest).toEqual([]);
    expect(asArray(start!.Resource).map(joinToText)).toEqual([machineArnText]);
  });

  it('has no other actions than log delivery and X-Ray, which need "*"', () => {
    const others = statements
      .flatMap((s) => asArray(s.Action as string | string[]))
      .filter((a) => !['lambda:InvokeFunction', 'states:StartExecution'].includes(a));
    expect(others.every((a) => /^(logs|xray):/.test(a))).toBe(true);
  });
});

describe('callback permissions', () => {
  const roleOf = (fnId: string) =>
    (template.findResources('AWS::Lambda::Function')[fnId] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } }).Properties.Role[
      'Fn::GetAtt'
    ][0];
  const statesGrants = (fnId: string) =>
    statementsOfRole(template, roleOf(fnId)).filter((s) => asArray(s.Action as string).some((a) => a.startsWith('states:')));

  it('open-task may answer tokens of this machine only (SendTaskSuccess)', () => {
    expect(statesGrants(logicalIdOf('OpenTaskFunctionArn'))).toEqual([
      expect.objectContaining({ Action: 'states:SendTaskSuccess', Resource: anything() }),
    ]);
    expect(joinToText(statesGrants(logicalIdOf('OpenTaskFunctionArn'))[0]!.Resource)).toBe(machineArnText);
  });

  it('the other lifecycle functions get no Step Functions permissions (begin-cycle shares the decision code)', () => {
    expect(statesGrants(logicalIdOf('BeginCycleFunctionArn')).flatMap((s) => s.Action)).toEqual(['states:SendTaskSuccess']);
    for (const key of keys.filter((k) => k !== 'OpenTaskFunctionArn' && k !== 'BeginCycleFunctionArn'))
      expect(statesGrants(logicalIdOf(key))).toEqual([]);
  });
});
