import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps.ts';
import { ConflictError } from '../errors.ts';
import { getTask } from '../store/task-store.ts';
import { boardActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { THIS_YEAR } from '../../test/support/years.ts';
import { decideAsBoard } from './decide.ts';
import { openTask } from './workflow-steps.ts';

/** openTask on the real store (DynamoDB Local); Step Functions mocked. */
let w: World;
beforeAll(async () => {
  w = await useCaseWorld('steps');
});

type Sendable = Parameters<DynamoDBDocumentClient['send']>[0];
/** The sort keys of this model's items a GetItem or TransactGetItems reads. */
const keysRead = (command: Sendable, modelId: string): string[] => {
  const input = command.input as { Key?: { pk: string; sk: string }; TransactItems?: { Get?: { Key: { pk: string; sk: string } } }[] };
  const keys = input.Key ? [input.Key] : (input.TransactItems ?? []).flatMap((t) => (t.Get ? [t.Get.Key] : []));
  return keys.filter((k) => k.pk === `MODEL#${modelId}`).map((k) => k.sk);
};

/**
 * A store whose reads let `meanwhile` (a decision) commit at the worst moment: after the task
 * was read and before the model is. Separate GetItems then see the decided model beside the
 * pending task; one TransactGetItems sees both before or both after.
 */
function decisionCommitsBetweenReads(deps: Deps, modelId: string, meanwhile: () => Promise<unknown>): Deps {
  let committed: Promise<unknown> | undefined;
  const commit = () => (committed ??= meanwhile().catch((error: unknown) => error));
  const db = Object.create(deps.db) as DynamoDBDocumentClient;
  db.send = (async (command: Sendable) => {
    const keys =
      command.constructor.name.startsWith('Get') || command.constructor.name.startsWith('TransactGet') ? keysRead(command, modelId) : [];
    if (keys.length === 1 && keys[0] === 'META') await commit(); // the model is read only once the decision is in
    const result = await deps.db.send(command as never);
    if (keys.some((k) => k.startsWith('TASK#'))) await commit(); // ... and the task read just before it
    return result;
  }) as DynamoDBDocumentClient['send'];
  return { ...deps, db };
}

describe('openTask re-opening a step while a decision on its old token commits', () => {
  it('never takes the decision for an answer from outside: the decision reaches the new token, or loses the race with 409', async () => {
    const { id, token: oldToken } = await w.inReview(w.ids.chainUnit);
    // The old wait timed out (that is why the step re-opens): Step Functions refuses its token.
    w.sfn.on(SendTaskSuccessCommand, { taskToken: oldToken }).rejects(Object.assign(new Error('timed out'), { name: 'TaskTimedOut' }));
    let decision: unknown;
    let decided: Promise<void> | undefined;
    const decide = () => (decided ??= decideOnce());
    const decideOnce = async () => {
      decision = await decideAsBoard(w.deps, boardActor(w.ids.chain), id, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' }).catch(
        (error: unknown) => error,
      );
    };
    const newToken = 'token-reopened';
    const deps = decisionCommitsBetweenReads(w.deps, id, decide);
    await openTask(deps, {
      modelId: id,
      year: THIS_YEAR,
      stage: 'REGISTRATION_REVIEW',
      taskToken: newToken,
      timeoutSeconds: 60,
      handOverAfterSeconds: 3600,
      executionStartedAt: new Date().toISOString(),
    });
    await decide(); // if openTask never read anything the decision waited for
    const model = await w.model(id);
    const task = await getTask(w.deps, id, THIS_YEAR, 'REGISTRATION_REVIEW');
    if (decision instanceof ConflictError) {
      // openTask wrote first: the step waits on the new token, the board is told to try again.
      expect(model.status).toBe('SUBMITTED');
      expect(task).toMatchObject({ status: 'PENDING', token: newToken });
    } else {
      expect(decision).toMatchObject({ outcome: 'ACCEPT' });
      expect(model.status).toBe('IMPLEMENTING');
      expect(task).toMatchObject({ status: 'DECIDED', delivered: true, token: newToken });
      expect(w.sentResults(newToken)).toEqual([expect.objectContaining({ outcome: 'ACCEPT' })]);
    }
  });
});
