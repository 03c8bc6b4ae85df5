import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../infra/paths.ts';
import { synthApp } from './synth-app.ts';

/**
 * Every Task retries the transient errors of what it calls, with exponential backoff and
 * full jitter, and nothing catches States.ALL (which would also swallow bugs and
 * States.Runtime). Checked on every workflows/*.asl.json and on the deployed definitions.
 */

/** What Lambda (through Step Functions) throws when a call may succeed if repeated. */
const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
];
/** The same for StartExecution (a continuation or the next cycle). */
const START_EXECUTION_TRANSIENT_ERRORS = ['StepFunctions.ThrottlingException', 'StepFunctions.SdkClientException'];
const MIN_BACKOFF_RATE = 2;
const MIN_MAX_ATTEMPTS = 3;

type Retrier = { ErrorEquals?: string[]; BackoffRate?: number; MaxAttempts?: number; JitterStrategy?: string };
type Catcher = { ErrorEquals?: string[] };
type State = { Type?: string; Resource?: string; Retry?: Retrier[]; Catch?: Catcher[] } & Record<string, unknown>;
type StateMap = Record<string, State>;

/** Every state with its path, inside Map (ItemProcessor, or the older Iterator) and Parallel states too. */
function allStates(states: StateMap, path = ''): Array<{ path: string; state: State }> {
  return Object.entries(states).flatMap(([name, state]) => {
    const here = `${path}${name}`;
    const nested = [
      ...(['ItemProcessor', 'Iterator'] as const).map((key) => (state[key] as { States?: StateMap } | undefined)?.States),
      ...((state.Branches as Array<{ States?: StateMap }> | undefined) ?? []).map((branch) => branch.States),
    ].filter((inner): inner is StateMap => inner !== undefined);
    return [{ path: here, state }, ...nested.flatMap((inner) => allStates(inner, `${here}/`))];
  });
}

const isLambdaInvoke = (resource: string | undefined) => /^arn:[\w-]+:states:::lambda:invoke(\.waitForTaskToken)?$/.test(resource ?? '');
const isStartExecution = (resource: string | undefined) => /^arn:[\w-]+:states:::states:startExecution(\..+)?$/.test(resource ?? '');

/** Whether one Retry entry covers all these errors with enough attempts, backoff and full jitter. */
function retries(state: State, errors: readonly string[]): boolean {
  return (state.Retry ?? []).some(
    (r) =>
      errors.every((e) => r.ErrorEquals?.includes(e)) &&
      (r.BackoffRate ?? 2) >= MIN_BACKOFF_RATE &&
      (r.MaxAttempts ?? 3) >= MIN_MAX_ATTEMPTS &&
      r.JitterStrategy === 'FULL',
  );
}

interface RetryCheck {
  /** Problems, one line each (empty: all good). */
  readonly problems: string[];
  readonly lambdaTasks: number;
  readonly startExecutionTasks: number;
}

function checkRetries(definition: { States: StateMap }): RetryCheck {
  const problems: string[] = [];
  let lambdaTasks = 0;
  let startExecutionTasks = 0;
  for (const { path, state } of allStates(definition.States)) {
    if (state.Type === 'Task' && isLambdaInvoke(state.Resource)) {
      lambdaTasks++;
      if (!retries(state, LAMBDA_TRANSIENT_ERRORS)) {
        const missing = LAMBDA_TRANSIENT_ERRORS.filter((e) => !(state.Retry ?? []).some((r) => r.ErrorEquals?.includes(e)));
        problems.push(
          `${path}: no Retry of all Lambda transient errors with backoff >= 2, >= 3 attempts, FULL jitter (missing: ${missing.join(', ') || 'none'})`,
        );
      }
    }
    if (state.Type === 'Task' && isStartExecution(state.Resource)) {
      startExecutionTasks++;
      if (!retries(state, START_EXECUTION_TRANSIENT_ERRORS)) {
        problems.push(
          `${path}: no Retry of ${START_EXECUTION_TRANSIENT_ERRORS.join(' and ')} with backoff >= 2, >= 3 attempts, FULL jitter`,
        );
      }
    }
    for (const catcher of state.Catch ?? []) {
      if (catcher.ErrorEquals?.includes('States.ALL')) problems.push(`${path}: Catch of States.ALL`);
    }
  }
  return { problems, lambdaTasks, startExecutionTasks };
}

const ASL_FILES = readdirSync(repoPath('workflows'))
  .filter((name) => name.endsWith('.asl.json'))
  .sort();

describe('the checker itself', () => {
  const task = (retry: Retrier[], extra: Partial<State> = {}): { States: StateMap } => ({
    States: {
      M: {
        Type: 'Map',
        ItemProcessor: { States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: retry, End: true, ...extra } } },
      },
    },
  });
  const good: Retrier = { ErrorEquals: LAMBDA_TRANSIENT_ERRORS, BackoffRate: 2, MaxAttempts: 6, JitterStrategy: 'FULL' };

  it('accepts a full retrier, inside a Map', () => {
    expect(checkRetries(task([good]))).toEqual({ problems: [], lambdaTasks: 1, startExecutionTasks: 0 });
  });

  it('refuses a missing error, a low backoff or attempts, no jitter, and a Catch of States.ALL', () => {
    expect(checkRetries(task([{ ...good, ErrorEquals: LAMBDA_TRANSIENT_ERRORS.slice(1) }])).problems).toHaveLength(1);
    expect(checkRetries(task([{ ...good, BackoffRate: 1.5 }])).problems).toHaveLength(1);
    expect(checkRetries(task([{ ...good, MaxAttempts: 2 }])).problems).toHaveLength(1);
    expect(checkRetries(task([{ ...good, JitterStrategy: 'NONE' }])).problems).toHaveLength(1);
    expect(checkRetries(task([good], { Catch: [{ ErrorEquals: ['States.ALL'] }] })).problems).toEqual(['M/T: Catch of States.ALL']);
  });
});

describe.each(ASL_FILES)('workflows/%s', (file) => {
  const definition = JSON.parse(readFileSync(repoPath(`workflows/${file}`), 'utf8')) as { States: StateMap };

  it('retries transient Lambda and StartExecution errors in every Task, and never catches States.ALL', () => {
    const check = checkRetries(definition);
    expect(check.lambdaTasks + check.startExecutionTasks).toBeGreaterThan(0);
    expect(check.problems).toEqual([]);
  });
});

describe('the deployed state machines (synthesized DefinitionString)', () => {
  const { appTemplate } = synthApp();
  const machines = Object.entries(appTemplate.findResources('AWS::StepFunctions::StateMachine')) as Array<
    [string, { Properties: { DefinitionString: string; DefinitionSubstitutions: Record<string, unknown> } }]
  >;

  it('are one per ASL file', () => {
    expect(machines).toHaveLength(ASL_FILES.length);
  });

  it.each(machines.map(([id, machine]) => [id, machine] as const))('%s retries like its ASL file', (_id, machine) => {
    const { DefinitionString: asl, DefinitionSubstitutions: substitutions } = machine.Properties;
    expect(typeof asl).toBe('string');
    // After substitution: each ${Name} becomes the reference CloudFormation fills in.
    const substituted = asl.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_match, key: string) => {
      expect(substitutions, `substitution ${key}`).toHaveProperty(key);
      return `resolved:${JSON.stringify(substitutions[key]).replace(/"/g, "'")}`;
    });
    const check = checkRetries(JSON.parse(substituted) as { States: StateMap });
    expect(check.lambdaTasks).toBeGreaterThan(0);
    expect(check.problems).toEqual([]);
  });
});
