import { readFileSync } from 'node:fs';
import {
  EXECUTION_ENDED_FUNCTION,
  LIFECYCLE_ASL_PATH,
  LIFECYCLE_FUNCTIONS,
  LIFECYCLE_STATE_MACHINE_NAME,
} from '../workflows/lifecycle-functions.ts';
import { REVIEW_ASL_PATH, REVIEW_FUNCTIONS, REVIEW_STATE_MACHINE_NAME } from '../workflows/review-functions.ts';
import { IMPORT_ASL_PATH, IMPORT_FUNCTIONS, IMPORT_STATE_MACHINE_NAME } from '../workflows/import-functions.ts';
import type { LoadedMachine } from './sfn/execution-run.ts';
import type { LambdaHandler } from './sfn/local-step-functions.ts';
import { loadMachine } from './sfn/load-machine.ts';

export const LOCAL_REGION = 'ap-southeast-1';
export const LOCAL_ACCOUNT = '000000000000';
const machineArn = (name: string) => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
export const LIFECYCLE_ARN = machineArn(LIFECYCLE_STATE_MACHINE_NAME);
export const REVIEW_ARN = machineArn(REVIEW_STATE_MACHINE_NAME);
export const IMPORT_ARN = machineArn(IMPORT_STATE_MACHINE_NAME);
const functionArn = (name: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}`;

/**
 * Each ASL with the same substitution keys the CDK stack fills, pointing at local functions;
 * `statusChangeTargets`: what the stack's EventBridge rule invokes when an execution ends.
 */
const MACHINES: { arn: string; name: string; asl: URL; functions: Record<string, string>; statusChangeTargets: readonly string[] }[] = [
  {
    arn: LIFECYCLE_ARN,
    name: LIFECYCLE_STATE_MACHINE_NAME,
    asl: LIFECYCLE_ASL_PATH,
    functions: LIFECYCLE_FUNCTIONS,
    statusChangeTargets: [EXECUTION_ENDED_FUNCTION],
  },
  { arn: REVIEW_ARN, name: REVIEW_STATE_MACHINE_NAME, asl: REVIEW_ASL_PATH, functions: REVIEW_FUNCTIONS, statusChangeTargets: [] },
  { arn: IMPORT_ARN, name: IMPORT_STATE_MACHINE_NAME, asl: IMPORT_ASL_PATH, functions: IMPORT_FUNCTIONS, statusChangeTargets: [] },
];

export function loadLifecycleMachine(): LoadedMachine {
  return loadMachines().get(LIFECYCLE_ARN)!;
}

export function loadMachines(): Map<string, LoadedMachine> {
  const machines = new Map<string, LoadedMachine>();
  for (const m of MACHINES) {
    const substitutions: Record<string, string> = { LifecycleStateMachineArn: LIFECYCLE_ARN, ReviewStateMachineArn: REVIEW_ARN };
    for (const [key, name] of Object.entries(m.functions)) substitutions[key] = functionArn(name);
    machines.set(m.arn, {
      ...loadMachine(m.arn, m.name, readFileSync(m.asl, 'utf8'), substitutions),
      statusChangeTargets: m.statusChangeTargets,
    });
  }
  return machines;
}

/** The same handler modules Lambda runs, imported in-process (after the environment is set). */
export async function loadLifecycleHandlers(): Promise<Map<string, LambdaHandler>> {
  const handlers = new Map<string, LambdaHandler>();
  for (const name of MACHINES.flatMap((m) => [...Object.values(m.functions), ...m.statusChangeTargets])) {
    const module = (await import(`../functions/${name}-handler.ts`)) as { handler: LambdaHandler };
    handlers.set(name, module.handler);
  }
  return handlers;
}
