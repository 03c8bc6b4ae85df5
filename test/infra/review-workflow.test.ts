import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { REVIEW_ASL_PATH, REVIEW_FUNCTIONS, REVIEW_STATE_MACHINE_NAME } from '../../workflows/review-functions.ts';
import { asArray, joinToText, statementsOfRole, synthApp } from './synth-app.ts';

const { main, appTemplate: template } = synthApp();
const review = main.review;
const asl = readFileSync(fileURLToPath(REVIEW_ASL_PATH), 'utf8');
const keys = Object.keys(REVIEW_FUNCTIONS) as Array<keyof typeof REVIEW_FUNCTIONS>;
const machineName = `${REVIEW_STATE_MACHINE_NAME}-test`;
const machineArnText = `arn:aws:states:ap-southeast-1:{AWS::AccountId}:stateMachine:${machineName}`;
const fnId = (key: (typeof keys)[number]) => Stack.of(main).getLogicalId(review.functions[key].fn.node.defaultChild as CfnFunction);
const roleOfHandler = (name: string) => {
  const [, fn] = (
    Object.entries(template.findResources('AWS::Lambda::Function')) as Array<
      [string, { Properties: { Role: { 'Fn::GetAtt': [string] }; Environment: { Variables: Record<string, unknown> } } }]
    >
  ).find(([, f]) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === name)!;
  return fn.Properties.Role['Fn::GetAtt'][0];
};

describe('yearly review state machine', () => {
  it('is a Standard machine from the ASL file, unchanged, with its functions substituted', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: machineName,
      StateMachineType: 'STANDARD',
      DefinitionString: asl,
      DefinitionSubstitutions: {
        ...Object.fromEntries(keys.map((key) => [key, { 'Fn::GetAtt': [fnId(key), 'Arn'] }])),
        ReviewStateMachineArn: Match.anyValue(),
      },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
  });

  it('may invoke exactly its four functions and start only its own next part', () => {
    const statements = statementsOfRole(template, Stack.of(main).getLogicalId(review.machine.role.node.defaultChild as CfnRole));
    const invoke = statements.filter((s) => asArray(s.Action).includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    expect(asArray(invoke[0]!.Resource)).toEqual(expect.arrayContaining(keys.map((key) => ({ 'Fn::GetAtt': [fnId(key), 'Arn'] }))));
    expect(asArray(invoke[0]!.Resource)).toHaveLength(keys.length);
    const start = statements.filter((s) => asArray(s.Action).some((a) => String(a).startsWith('states:')));
    expect(start.flatMap((s) => asArray(s.Action))).toEqual(['states:StartExecution']);
    expect(start.flatMap((s) => asArray(s.Resource)).map(joinToText)).toEqual([machineArnText]);
  });

  it('is started by the yearly schedule and by administrators (web), with its ARN in their environment', () => {
    for (const name of ['yearly-review', 'web']) {
      const start = statementsOfRole(template, roleOfHandler(name)).filter((s) => asArray(s.Action).includes('states:StartExecution'));
      expect(start.flatMap((s) => asArray(s.Resource)).map(joinToText)).toContain(machineArnText);
    }
    template.hasOutput('ReviewStateMachineArn', {});
  });
});
