import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskKey } from '../../core/store/keys.ts';
import type { Runtime } from '../../local/runtime.ts';
import { registration } from '../support/api-client.ts';
import { demoUsers, register, waitForStep } from '../support/lifecycle-driver.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => runtime?.stop());

describe('a decision delivered just before a crash, but not yet marked delivered', () => {
  it('is not delivered again into the next round of the same step', async () => {
    const users = await demoUsers(runtime);
    const id = await register(users.unit);
    await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
    await users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: 'Bổ sung' });
    await waitForStep(users.unit, id, 'REVISION');
    // As if the process died between SendTaskSuccess and marking the task delivered.
    await runtime.webDeps.db.send(
      new UpdateCommand({
        TableName: runtime.webDeps.tableName,
        Key: taskKey(id, THIS_YEAR, 'REGISTRATION_REVIEW'),
        UpdateExpression: 'SET delivered = :f, gsi1pk = :o, gsi1sk = :s',
        ExpressionAttributeValues: { ':f': false, ':o': 'OUTBOX', ':s': `x#${id}` },
      }),
    );
    const { year: _year, ...revision } = registration();
    expect((await users.unit.post(`/api/models/${id}/revision`, revision)).status).toBe(200);

    // The second review waits for the board (round 2) instead of receiving round 1's RETURN again.
    const detail = await waitForStep(users.board, id, 'REGISTRATION_REVIEW', 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = (await users.board.get(`/api/models/${id}`)).body;
    expect(after.model.status).toBe('SUBMITTED');
    expect(after.tasks.find((t: { stage: string }) => t.stage === 'REGISTRATION_REVIEW')).toMatchObject({ status: 'PENDING', round: 2 });
    expect(detail.decisions).toHaveLength(2); // RETURN and REVISE, nothing else
    expect((await users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
    await waitForStep(users.admin, id, 'YEARLY_REVIEW');
  });
});
