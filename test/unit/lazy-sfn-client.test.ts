import { ExecutionAlreadyExists, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sendTaskSuccess, startExecution } from '../../core/engine/workflow-engine.ts';
import { lazySfnClient } from '../../functions/shared/lazy-sfn-client.ts';

// Every SFNClient, the one lazySfnClient makes on its first call included.
const sfn = mockClient(SFNClient);
beforeEach(() => sfn.reset());

describe('lazySfnClient (the Lambda functions’ Step Functions client, made on its first call)', () => {
  it('carries the workflow engine’s calls, with their inputs and the errors they name', async () => {
    sfn.on(StartExecutionCommand, { name: 'm1-c2026' }).resolves({ executionArn: 'arn:x', startDate: new Date(0) });
    sfn.on(StartExecutionCommand, { name: 'm1-again' }).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    sfn.on(SendTaskSuccessCommand).resolves({});
    const deps = { sfn: lazySfnClient() };
    const execution = { stateMachineArn: 'arn:aws:states:ap-southeast-1:0:stateMachine:m', input: { modelId: 'm1' } };

    expect(await startExecution(deps, { ...execution, name: 'm1-c2026' })).toBe('started');
    expect(await startExecution(deps, { ...execution, name: 'm1-again' })).toBe('exists');
    await sendTaskSuccess(deps, 'token-1', { ok: true });

    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: execution.stateMachineArn,
      name: 'm1-c2026',
      input: '{"modelId":"m1"}',
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: 'token-1', output: '{"ok":true}' });
  });

  it('makes its client once, on the first call, not when it is created', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    const made = vi.spyOn(SFNClient.prototype, 'send');
    const deps = { sfn: lazySfnClient() };
    expect(made).not.toHaveBeenCalled();
    await Promise.all([sendTaskSuccess(deps, 'a', 1), sendTaskSuccess(deps, 'b', 2)]);
    await sendTaskSuccess(deps, 'c', 3);
    const clients = new Set(made.mock.contexts);
    expect(clients.size).toBe(1);
    made.mockRestore();
  });
});
