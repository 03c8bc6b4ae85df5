import { describe, expect, it } from 'vitest';
import { checkAsl, checkWorkflows, formatDiagnostic, placeholderValue } from '../../infra/check-asl.ts';
import { stringContaining } from '../support/matchers.ts';

const asl = (states: Record<string, unknown>, startAt = 'Submit') =>
  JSON.stringify({ Comment: 'test', StartAt: startAt, States: states }, null, 2);

const VALID = asl({
  Submit: {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: '${SubmitModelFunctionArn}', 'Payload.$': '$' },
    Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }],
    Next: 'Done',
  },
  Done: { Type: 'Succeed' },
});

describe('infra/check-asl (amazon-states-language-service)', () => {
  it('finds nothing in a small valid machine with a substitution', async () => {
    expect(await checkAsl(VALID, 'valid.asl.json')).toEqual([]);
  });

  it('reports a Next to a missing state, on its line in the file', async () => {
    const broken = VALID.replace('"Next": "Done"', '"Next": "Missing"');
    const diagnostics = await checkAsl(broken, 'broken.asl.json');
    const next = diagnostics.find((d) => /Next/.test(d.message));
    expect(next).toMatchObject({ file: 'broken.asl.json', severity: 'error', message: stringContaining('existing state') });
    expect(broken.split('\n')[next!.line - 1]).toContain('"Next": "Missing"');
    expect(formatDiagnostic(next!)).toMatch(/^broken\.asl\.json:\d+:\d+: error: /);
  });

  it('reports unknown fields and bad values, and JSON syntax errors', async () => {
    const fields = await checkAsl(VALID.replace('"Type": "Succeed"', '"Type": "Succeed", "Bogus": 1'));
    expect(fields.map((d) => d.message)).toContain('Field is not supported.');
    const jitter = await checkAsl(VALID.replace('"FULL"', '"SOME"'));
    expect(jitter).toHaveLength(1);
    expect((await checkAsl('{"StartAt": "A", "States": {')).length).toBeGreaterThan(0);
  });

  it('gives the column in the file as written, after a substitution on the same line', async () => {
    const text =
      '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"${XFunctionArn}"},"Bogus":1,"End":true}}}';
    const [diagnostic] = await checkAsl(text);
    expect(text.slice(diagnostic!.column - 1)).toMatch(/^"Bogus"/);
  });

  it('fills placeholders with ARNs of their kind', () => {
    expect(placeholderValue('OpenTaskFunctionArn')).toBe('arn:aws:lambda:ap-southeast-1:123456789012:function:OpenTask');
    expect(placeholderValue('LifecycleStateMachineArn')).toBe('arn:aws:states:ap-southeast-1:123456789012:stateMachine:Lifecycle');
  });

  it('passes every workflows/*.asl.json (as `npm run check` does)', async () => {
    expect((await checkWorkflows()).map(formatDiagnostic)).toEqual([]);
  });
});
