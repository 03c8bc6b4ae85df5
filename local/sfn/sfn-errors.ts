/** Errors of the Step Functions API, with the names the AWS SDK turns into its exception classes. */
export class SfnApiError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export const sfnError = {
  executionAlreadyExists: (name: string) => new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${name}'`),
  executionDoesNotExist: (arn: string) => new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`),
  stateMachineDoesNotExist: (arn: string) => new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`),
  invalidName: (name: string) => new SfnApiError('InvalidName', `Invalid Name: '${name}'`),
  invalidInput: (detail: string) => new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`),
  invalidOutput: (detail: string) => new SfnApiError('InvalidOutput', `Invalid Output: '${detail}'`),
  invalidToken: () => new SfnApiError('InvalidToken', 'Invalid Token'),
  taskDoesNotExist: () => new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist'),
  taskTimedOut: () => new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'"),
  validation: (message: string) => new SfnApiError('ValidationException', message),
};

/** An error raised inside a running state machine; Retry/Catch match it by name. */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Thrown into a run that was parked or closed, so the interpreter lets go of it. */
export const PARKED = 'Local.Parked';
