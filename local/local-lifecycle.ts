import { readFileSync } from 'node:fs';
import { LIFECYCLE_ASL_PATH, LIFECYCLE_FUNCTIONS, LIFECYCLE_STATE_MACHINE_NAME } from '../workflows/lifecycle-functions.ts';
import type { LambdaHandler } from './sfn/local-step-functions.ts';
import { loadMachine } from './sfn/load-machine.ts';

export const LOCAL_REGION = 'ap-southeast-1';
export const LOCAL_ACCOUNT = '000000000000';
export const LIFECYCLE_ARN = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${LIFECYCLE_STATE_MACHINE_NAME}`;
const functionArn = (name: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}`;

/** The lifecycle ASL with the same substitution keys the CDK stack fills, pointing at local functions. */
export function loadLifecycleMachine() {
  const substitutions: Record<string, string> = { LifecycleStateMachineArn: LIFECYCLE_ARN };
  for (const [key, name] of Object.entries(LIFECYCLE_FUNCTIONS)) substitutions[key] = functionArn(name);
  return loadMachine(LIFECYCLE_ARN, LIFECYCLE_STATE_MACHINE_NAME, readFileSync(LIFECYCLE_ASL_PATH, 'utf8'), substitutions);
}

/** The same handler modules Lambda runs, imported in-process (after the environment is set). */
export async function loadLifecycleHandlers(): Promise<Map<string, LambdaHandler>> {
  const handlers = new Map<string, LambdaHandler>();
  for (const name of Object.values(LIFECYCLE_FUNCTIONS)) {
    const module = (await import(`../functions/${name}-handler.ts`)) as { handler: LambdaHandler };
    handlers.set(name, module.handler);
  }
  return handlers;
}
