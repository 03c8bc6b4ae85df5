import { SfnApiError, namedError } from './sfn-errors.ts';
import type { RunHost } from './execution-run.ts';

/** Stands in for `$$.Task.Token`; replaced by the task's real token before its function runs. */
export const TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';

/** Calls what a Task's Resource names, shaped as the service integration returns it. */
export async function invokeResource(
  host: Pick<RunHost, 'invokeFunction' | 'startExecution'>,
  resource: string,
  input: unknown,
  token?: string,
): Promise<unknown> {
  const params = (input ?? {}) as Record<string, unknown>;
  if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
    const payload: unknown = token
      ? JSON.parse(JSON.stringify(params.Payload ?? null).replaceAll(TOKEN_PLACEHOLDER, token))
      : params.Payload;
    const result = await host.invokeFunction(String(params.FunctionName), payload);
    return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
  }
  if (resource === 'arn:aws:states:::states:startExecution') {
    try {
      const started = await host.startExecution({
        stateMachineArn: String(params.StateMachineArn),
        name: String(params.Name),
        input: typeof params.Input === 'string' ? params.Input : JSON.stringify(params.Input ?? {}),
      });
      return { ExecutionArn: started.executionArn, StartDate: started.startDate };
    } catch (error) {
      if (error instanceof SfnApiError) throw namedError(`StepFunctions.${error.name}Exception`, error.message);
      throw error;
    }
  }
  if (resource.startsWith('arn:aws:lambda:')) return host.invokeFunction(resource, input);
  throw namedError('States.Runtime', `The local service does not emulate ${resource}`);
}
