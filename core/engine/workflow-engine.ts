import type { Deps } from '../deps.ts';

/**
 * The workflow engine (Step Functions, or the local service that speaks its API) as use cases
 * see it: the only module besides the handlers that knows @aws-sdk/client-sfn. Errors other than
 * the ones named here are thrown as the SDK raised them (their `name` says what happened).
 */
type Engine = Pick<Deps, 'sfn'>;

/**
 * The SDK's Step Functions module, imported on first use: in a Lambda bundle it is a chunk of
 * its own (infra/bundling/bundle.ts), so the functions that never call the engine do not read
 * and compile it at every cold start.
 */
const sfnSdk = () => import('@aws-sdk/client-sfn');

/** Starts an execution by name; 'exists' when one of that name was started already (StartExecution is idempotent by name). */
export async function startExecution(
  { sfn }: Engine,
  execution: { stateMachineArn: string; name: string; input: unknown },
): Promise<'started' | 'exists'> {
  const { ExecutionAlreadyExists, StartExecutionCommand } = await sfnSdk();
  try {
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: execution.stateMachineArn,
        name: execution.name,
        input: JSON.stringify(execution.input),
      }),
    );
    return 'started';
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return 'exists';
    throw error;
  }
}

/** Hands a step's result to the execution waiting on `taskToken`. */
export async function sendTaskSuccess({ sfn }: Engine, taskToken: string, output: unknown): Promise<void> {
  const { SendTaskSuccessCommand } = await sfnSdk();
  await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
}

/** A heartbeat on a task token: succeeds while an execution still waits on it. */
export async function sendTaskHeartbeat({ sfn }: Engine, taskToken: string): Promise<void> {
  const { SendTaskHeartbeatCommand } = await sfnSdk();
  await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
}

export type RunningExecution = { name?: string; executionArn?: string };

/** One page of the running executions of a state machine. */
export async function listRunningExecutions(
  { sfn }: Engine,
  stateMachineArn: string,
  nextToken?: string,
): Promise<{ executions: RunningExecution[]; nextToken?: string }> {
  const { ListExecutionsCommand } = await sfnSdk();
  const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1000, nextToken }));
  return { executions: page.executions ?? [], nextToken: page.nextToken };
}

export async function stopExecution(
  { sfn }: Engine,
  executionArn: string | undefined,
  reason: { error: string; cause: string },
): Promise<void> {
  const { StopExecutionCommand } = await sfnSdk();
  await sfn.send(new StopExecutionCommand({ executionArn, error: reason.error, cause: reason.cause }));
}
