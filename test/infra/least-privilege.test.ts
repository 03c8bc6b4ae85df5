import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_ENV, type HandlerName } from '../../functions/shared/env.ts';
import { handlerCalls, type HandlerCalls } from './handler-calls.ts';
import { asArray, statementsOfRole, synthApp } from './synth-app.ts';
import { stringMatching } from '../support/matchers.ts';

const { appTemplate, dataTemplate } = synthApp();
type Fn = {
  Properties: {
    Role: { 'Fn::GetAtt': [string, string] };
    Environment: { Variables: Record<string, unknown> };
    LoggingConfig: { LogGroup: { Ref: string } };
  };
};
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every app function with its template, by handler name (POWERTOOLS_SERVICE_NAME). */
const functions = [appTemplate, dataTemplate].flatMap((template) =>
  (Object.values(template.findResources('AWS::Lambda::Function')) as Fn[]).map((fn) => ({
    name: fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as HandlerName,
    fn,
    template,
  })),
);
const grantsOf = (template: Template, fn: Fn) => statementsOfRole(template, fn.Properties.Role['Fn::GetAtt'][0]) as Statement[];
const text = (resource: unknown) => JSON.stringify(resource);
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => asArray(s.Action));

let calls: Record<HandlerName, HandlerCalls>;
beforeAll(async () => {
  calls = await handlerCalls();
});

describe('least privilege: each function may do what its handler calls, nothing else', () => {
  it('covers every handler with exactly one function', () => {
    expect(functions.map((f) => f.name).sort()).toEqual(Object.keys(HANDLER_ENV).sort());
  });

  for (const { name, fn, template } of functions) {
    describe(name, () => {
      const statements = grantsOf(template, fn);
      const withPrefix = (prefix: string) => statements.filter((s) => asArray(s.Action).every((a) => a.startsWith(prefix)));

      it('is granted exactly the actions its bundle calls (plus writing its own logs)', () => {
        const granted = new Set(actionsOf(statements).filter((a) => !a.startsWith('logs:')));
        expect([...granted].sort()).toEqual([...calls[name].actions].sort());
      });

      it('writes only to its own log group, and nothing is granted on "*"', () => {
        const logs = withPrefix('logs:');
        expect(logs).toHaveLength(1);
        expect(asArray(logs[0]!.Action).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
        expect(logs[0]!.Resource).toEqual({ 'Fn::GetAtt': [fn.Properties.LoggingConfig.LogGroup.Ref, 'Arn'] });
        expect(statements.every((s) => s.Effect === 'Allow' && asArray(s.Resource).every((r) => r !== '*'))).toBe(true);
      });

      it('reaches the table itself and only the indexes it queries, by name', () => {
        const dynamo = withPrefix('dynamodb:');
        const resources = dynamo.flatMap((s) => asArray(s.Resource).map(text));
        expect(resources.every((r) => /DataTable\w*Arn|DataTable\w*","Arn/.test(r))).toBe(true);
        const indexes = resources.flatMap((r) => [...(/\/index\/(\w+)/.exec(r)?.slice(1) ?? [])]);
        expect(indexes.sort()).toEqual([...calls[name].indexes].sort());
        for (const s of dynamo.filter((st) => asArray(st.Resource).some((r) => text(r).includes('/index/')))) {
          expect(s.Action).toBe('dynamodb:Query');
        }
      });

      it("drives only the app's state machines (by name), never executions or others", () => {
        for (const s of withPrefix('states:')) {
          for (const resource of asArray(s.Resource).map(text))
            expect(resource).toMatch(/:stateMachine:(model-lifecycle|yearly-review|model-import)-test"/);
        }
      });

      it('answers tokens of the lifecycle machine only', () => {
        for (const s of withPrefix('states:').filter((st) => asArray(st.Action).includes('states:SendTaskSuccess'))) {
          expect(asArray(s.Resource).map(text)).toEqual([expect.stringMatching(/:stateMachine:model-lifecycle-test"/)]);
        }
      });
    });
  }

  it('web reads only the session secret, bootstrap-admin only the initial password', () => {
    const secretOf = (name: HandlerName) => {
      const { fn, template } = functions.find((f) => f.name === name)!;
      return grantsOf(template, fn)
        .filter((s) => asArray(s.Action).includes('secretsmanager:GetSecretValue'))
        .map((s) => s.Resource);
    };
    expect(secretOf('web')).toEqual([{ Ref: stringMatching(/^SessionSecret/) }]);
    expect(secretOf('bootstrap-admin')).toEqual([{ Ref: stringMatching(/^FirstAdminInitialPassword/) }]);
  });

  it('web reaches only the objects of the evidence bucket', () => {
    const { fn, template } = functions.find((f) => f.name === 'web')!;
    const s3 = grantsOf(template, fn).filter((s) => asArray(s.Action).some((a) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(asArray(s3[0]!.Resource)).toEqual([
      { 'Fn::Join': ['', ['arn:aws:s3:::dvk-test-evidence-', { Ref: 'AWS::AccountId' }, '-ap-southeast-1/*']] },
    ]);
  });
});
