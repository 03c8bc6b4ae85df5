import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { namedError } from './sfn-errors.ts';

/**
 * The hard limits of Step Functions (Standard) and Lambda the local engine enforces, so a design
 * that passes here cannot fail on AWS for one of them. Sources: the Step Functions developer guide,
 * "Step Functions service quotas"; the Lambda developer guide, "Lambda quotas".
 */

/** Service quotas: "Maximum execution time: 1 year" (Standard). Past it: States.Timeout, no Catch runs, TIMED_OUT. */
export const MAX_EXECUTION_SECONDS = 365 * 24 * 3600;
/** Service quotas: "Maximum execution history size: 25,000 events"; reaching it fails the execution. */
export const MAX_HISTORY_EVENTS = 25_000;
/**
 * Service quotas: "Maximum input or output size for a task, state, or execution: 256 KiB of data as a
 * UTF-8 encoded string" (the API's StartExecution `input` and SendTaskSuccess `output`: max length 262144).
 */
export const MAX_PAYLOAD_BYTES = 262_144;
/** Lambda quotas: "Function timeout: 900 seconds (15 minutes)"; the bound for a function registered without one. */
export const MAX_LAMBDA_TIMEOUT_SECONDS = 900;

export type EngineLimits = { maxExecutionSeconds: number; maxHistoryEvents: number };

/** Over 256 KiB as UTF-8 (a UTF-16 code unit is at most 3 UTF-8 bytes: most texts need no count). */
export function overPayloadLimit(text: string): boolean {
  return text.length * 3 > MAX_PAYLOAD_BYTES && Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES;
}

/**
 * An error that fails the execution whatever its Retry and Catch say (the interpreter skips errors
 * whose isRetryable/isCatchable are false). Step Functions developer guide, "Error handling in Step
 * Functions": States.DataLimitExceeded "is a terminal error that can't be caught by the States.ALL
 * error type"; the history limit and the execution timeout are terminal too.
 */
export function terminalError(name: string, cause: string): Error {
  return Object.assign(namedError(name, cause), { isRetryable: false, isCatchable: false });
}

export const dataLimitCause = (what: string) =>
  `${what} has a size exceeding the maximum number of bytes service limit (256 KiB of data as a UTF-8 encoded string)`;

export const historyLimitCause = (max: number) =>
  `The execution history reached the limit of ${max.toLocaleString('en-US')} events (Step Functions quota: maximum execution history size 25,000 events)`;

export const executionTimeoutCause = (seconds: number) =>
  `The execution ran longer than its maximum of ${seconds.toLocaleString('en-US')} seconds (Step Functions quota: maximum execution time 1 year)`;

/**
 * Lambda reports a function that runs past its timeout as `Sandbox.Timedout`, and Step Functions
 * surfaces it as `Lambda.Unknown` (Step Functions developer guide, "Handle transient Lambda service
 * exceptions"; Lambda.Unknown: "the function timed out or ran out of memory").
 */
export function lambdaTimeoutError(requestId: string, seconds: number): Error {
  const errorMessage = `RequestId: ${requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`;
  return namedError('Lambda.Unknown', JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage }));
}

/** `work`, or `error()` once `ms` pass first. */
export async function raceTimeout<T>(work: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

let timeoutClass: Promise<new () => Error> | undefined;

/**
 * A `States.Timeout` the interpreter treats as AWS does: `States.TaskFailed` does not match it,
 * `States.Timeout` and `States.ALL` do. aws-local-stepfunctions (3.0) excludes only instances of its
 * own StatesTimeoutError from States.TaskFailed (`!(error instanceof StatesTimeoutError)`), a class
 * it does not export: any other error named States.Timeout would be caught by a TaskFailed catcher.
 * So the class is taken once from a 1 ms task timeout of a throwaway machine.
 */
export async function statesTimeoutError(cause: string): Promise<Error> {
  timeoutClass ??= probeTimeoutClass();
  const error = new (await timeoutClass)();
  error.message = cause;
  return error;
}

async function probeTimeoutClass(): Promise<new () => Error> {
  const definition = {
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:probe', TimeoutSeconds: 0.001, End: true } },
  };
  const machine = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
  const run = machine.run(null, { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => undefined) } as never } });
  const error = await run.result.then(
    () => undefined,
    (e: { cause?: unknown }) => e.cause,
  );
  if (!(error instanceof Error) || error.name !== 'States.Timeout')
    throw new Error('aws-local-stepfunctions no longer raises its own States.Timeout');
  return error.constructor as new () => Error;
}
