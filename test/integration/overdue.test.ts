import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { demoUsers, history, register, waitForExecution, waitForStep } from '../support/lifecycle-driver.ts';
import { LONG_TIMEOUTS, eventually, startTestRuntime } from '../support/test-runtime.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await startTestRuntime({ timeouts: { ...LONG_TIMEOUTS, registrationReview: 1, revision: 1 } });
});
afterAll(async () => runtime?.stop());

describe('a step past its due date', () => {
  it('is marked overdue, keeps waiting with a fresh token, and still takes the decision', async () => {
    const users = await demoUsers(runtime);
    const id = await register(users.unit);
    const detail = await eventually(async () => {
      // 404 until the workflow has submitted it: a board never sees a draft.
      const { body } = await users.board.get(`/api/models/${id}`);
      return body.events?.filter((e: { type: string }) => e.type === 'OVERDUE').length >= 2 ? body : undefined;
    }, 'two overdue marks');
    expect(detail.model.overdueStage).toBe('REGISTRATION_REVIEW');
    const task = detail.tasks.find((t: { stage: string }) => t.stage === 'REGISTRATION_REVIEW');
    expect(task).toMatchObject({ status: 'PENDING', overdue: true, round: 1 });
    expect(task).not.toHaveProperty('token'); // tokens never leave the server

    const queue = (await users.board.get('/api/tasks')).body.tasks;
    expect(queue.find((t: { modelId: string }) => t.modelId === id)).toMatchObject({ overdue: true });

    const decided = await users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    expect(decided.status).toBe(200);
    await waitForStep(users.admin, id, 'YEARLY_REVIEW');
    const after = (await users.board.get(`/api/models/${id}`)).body;
    expect(after.model).toMatchObject({ status: 'IMPLEMENTING', overdueStage: null });

    await waitForExecution(runtime, id, 'r', 'SUCCEEDED');
    const events = await history(runtime, id, 'r');
    expect(events.filter((e) => e.type === 'TaskTimedOut').length).toBeGreaterThanOrEqual(2);
    const entered = events.filter((e) => e.type === 'TaskStateEntered').map((e) => e.stateEnteredEventDetails?.name);
    expect(entered).toContain('MarkRegistrationReviewOverdue');
    expect(entered.at(-1)).toBe('JoinOpenReview');
  });

  it('reminds the unit of its overdue revision', async () => {
    const users = await demoUsers(runtime);
    const id = await register(users.unit, { name: 'Mô hình cần bổ sung' });
    await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
    expect(
      (await users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: 'Bổ sung' }))
        .status,
    ).toBe(200);
    const reminders = await eventually(async () => {
      const { body } = await users.unit.get('/api/reminders');
      const mine = body.reminders.filter((r: { modelId: string }) => r.modelId === id);
      return mine.length ? mine : undefined;
    }, 'a reminder');
    expect(reminders[0]).toMatchObject({ modelId: id, modelName: 'Mô hình cần bổ sung', stage: 'REVISION', unitId: 'phuong-ha-long' });
    expect((await users.board.get('/api/reminders')).status).toBe(403);
  });
});
