import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { aslPlaceholders } from '../../infra/constructs/lifecycle-workflow.ts';
import {
  LIFECYCLE_ASL_PATH,
  LIFECYCLE_FUNCTIONS,
  LIFECYCLE_STATE_MACHINE_NAME,
  type LifecycleFunctionKey,
} from '../../workflows/lifecycle-functions.ts';
import { asArray, joinToText, statementsOfRole, synthApp } from './synth-app.ts';

const { main, appTemplate: template } = synthApp();
const workflow = main.workflow;
const asl = readFileSync(fileURLToPath(LIFECYCLE_ASL_PATH), 'utf8');
const keys = Object.keys(LIFECYCLE_FUNCTIONS) as LifecycleFunctionKey[];
const machineName = `${LIFECYCLE_STATE_MACHINE_NAME}-test`;
const logicalIdOf = (key: LifecycleFunctionKey) =>
  Stack.of(main).getLogicalId(workflow.functions[key].fn.node.defaultChild as CfnFunction);
const machineArnText = `arn:{AWS::Partition}:states:{AWS::Region}:{AWS::AccountId}:stateMachine:${machineName}`;
const executionsArnText = `arn:{AWS::Partition}:states:{AWS::Region}:{AWS::AccountId}:execution:${machineName}:*`;

describe('lifecycle state machine', () => {
  const machines = template.findResources('AWS::StepFunctions::StateMachine');
  const [machine] = Object.values(machines) as Array<{ Properties: Record<string, unknown> }>;
  const props = machine!.Properties;

  it('is one Standard machine named from LIFECYCLE_STATE_MACHINE_NAME plus the stage', () => {
    expect(Object.keys(machines)).toHaveLength(1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: machineName,
      StateMachineType: 'STANDARD',
    });
  });

  it('uses the ASL file unchanged as its definition', () => {
    const definition = props.DefinitionString;
    // A plain string today; a Fn::Join would mean a token crept into the definition.
    expect(typeof definition).toBe('string');
    expect(definition).toBe(asl);
    expect(JSON.parse(definition as string)).toEqual(JSON.parse(asl));
  });

  it('fills every ASL placeholder and nothing else', () => {
    const substitutions = props.DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual([...keys, 'LifecycleStateMachineArn'].sort());
    expect(aslPlaceholders(asl).sort()).toEqual(Object.keys(substitutions).sort());
  });

  it('substitutes each function key with the ARN of the function built from its handler', () => {
    const substitutions = Object.fromEntries(keys.map((key) => [key, { 'Fn::GetAtt': [logicalIdOf(key), 'Arn'] }]));
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionSubstitutions: Match.objectLike(substitutions),
    });
    for (const key of keys) {
      const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(key)] as {
        Properties: { Environment: { Variables: Record<string, unknown> } };
      };
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(LIFECYCLE_FUNCTIONS[key]);
    }
  });

  it('finds placeholders once each, and only ${Name} forms', () => {
    expect(aslPlaceholders('{"a":"${A}","b":"${B}","c":"${A}","d":"$.x","e":"$${C"}')).toEqual(['A', 'B']);
  });

  it('substitutes its own ARN, built from the fixed name (no circular reference)', () => {
    const own = (props.DefinitionSubstitutions as Record<string, unknown>).LifecycleStateMachineArn;
    expect(joinToText(own)).toBe(machineArnText);
  });

  it('logs errors and traces', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ERROR', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
  });
});

describe('lifecycle state machine role', () => {
  const roleId = Stack.of(main).getLogicalId(workflow.stateMachine.role.node.defaultChild as CfnRole);
  const statements = statementsOfRole(template, roleId);
  const withAction = (action: string) => statements.filter((s) => asArray(s.Action).includes(action));

  it('is the explicit role, assumable by Step Functions of this account only', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'states.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
  });

  it('may invoke exactly the lifecycle functions', () => {
    const invoke = withAction('lambda:InvokeFunction');
    expect(invoke).toHaveLength(1);
    const resources = asArray(invoke[0]!.Resource);
    expect(resources).toHaveLength(keys.length);
    expect(resources).toEqual(expect.arrayContaining(keys.map((key) => ({ 'Fn::GetAtt': [logicalIdOf(key), 'Arn'] }))));
  });

  it('may start executions of itself only', () => {
    const start = withAction('states:StartExecution');
    expect(start).toHaveLength(1);
    expect(asArray(start[0]!.Resource).map(joinToText)).toEqual([machineArnText]);
  });

  it('has no other service actions than logs and X-Ray delivery', () => {
    const actions = statements.flatMap((s) => asArray(s.Action as string | string[]));
    const others = actions.filter(
      (a) => !['lambda:InvokeFunction', 'states:StartExecution'].includes(a) && !/^(logs|xray):/.test(a),
    );
    expect(others).toEqual([]);
  });
});

describe('callback permissions', () => {
  const roleOf = (fnId: string) =>
    (template.findResources('AWS::Lambda::Function')[fnId] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } })
      .Properties.Role['Fn::GetAtt'][0];
  const statesGrants = (fnId: string) =>
    statementsOfRole(template, roleOf(fnId)).filter((s) => asArray(s.Action as string).some((a) => a.startsWith('states:')));

  it('open-task gets STATE_MACHINE_ARN and may answer tokens of this machine only', () => {
    const id = logicalIdOf('OpenTaskFunctionArn');
    const fn = template.findResources('AWS::Lambda::Function')[id] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    expect(joinToText(fn.Properties.Environment.Variables.STATE_MACHINE_ARN)).toBe(machineArnText);
    const [grant, ...rest] = statesGrants(id);
    expect(rest).toEqual([]);
    expect(asArray(grant!.Action).sort()).toEqual(['states:SendTaskFailure', 'states:SendTaskSuccess']);
    expect(asArray(grant!.Resource).map(joinToText).sort()).toEqual([executionsArnText, machineArnText].sort());
  });

  it('the other lifecycle functions get no Step Functions permissions', () => {
    for (const key of keys.filter((k) => k !== 'OpenTaskFunctionArn')) {
      expect(statesGrants(logicalIdOf(key))).toEqual([]);
    }
  });
});
