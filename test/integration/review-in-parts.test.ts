import { ListExecutionsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe as suite, expect, it } from 'vitest';
import { LIFECYCLE_ARN, REVIEW_ARN } from '../../local/local-lifecycle.ts';
import { reviewExecutionName, reviewRelease } from '../../core/use-cases/yearly-review.ts';
import { TransientError, ValidationError } from '../../core/errors.ts';
import { REVIEW_SHAPE } from '../../workflows/review-functions.ts';
import { register, useDemoRuntime, waitForStep } from '../support/lifecycle-driver.ts';
import { eventually } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

const ctx = useDemoRuntime();
const BOARD = 'ban-tinh-qn';
const YEAR = THIS_YEAR;

/**
 * A review longer than one execution's share (pagesPerExecution pages) goes on in new
 * executions of the same machine, so no history nears AWS's 25,000 events. Tiny pages here
 * make the real ASL chain several parts on the local engine.
 */
suite('the yearly review in parts', () => {
  const ids: string[] = [];

  it('releases every waiting model across chained executions and finishes once', { timeout: 120_000 }, async () => {
    const { unit, board, admin } = ctx.users;
    for (let i = 0; i < 9; i++) ids.push(await register(unit, { name: `Mô hình sơ kết theo phần ${i + 1}` }));
    for (const id of ids) {
      await waitForStep(board, id, 'REGISTRATION_REVIEW');
      expect((await board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
    }
    for (const id of ids) await waitForStep(admin, id, 'YEARLY_REVIEW');

    // The same input the admin's start sends, with pages of 3 in batches of 2 and 2 pages per execution.
    const input = {
      year: YEAR,
      scope: BOARD,
      ...REVIEW_SHAPE,
      pageSize: 3,
      batchSize: 2,
      concurrency: 2,
      pagesPerExecution: 2,
      timeouts: ctx.runtime.webDeps.timeouts,
    };
    await ctx.runtime.webDeps.sfn.send(
      new StartExecutionCommand({ stateMachineArn: REVIEW_ARN, name: reviewExecutionName(BOARD, YEAR), input: JSON.stringify(input) }),
    );

    const progress = await eventually(
      async () => {
        const { body } = await admin.get(`/api/reviews/${BOARD}/${YEAR}`);
        return body?.status === 'COMPLETED' ? body : undefined;
      },
      'the review to complete',
      90_000,
    );
    expect(progress.total).toBeGreaterThanOrEqual(ids.length);
    expect(progress).toMatchObject({ done: progress.total, failed: 0 });
    for (const id of ids) await waitForStep(unit, id, 'YEARLY_REPORT');

    // The last part records COMPLETED in its final task, a moment before its execution ends.
    const listParts = async () =>
      (await ctx.runtime.webDeps.sfn.send(new ListExecutionsCommand({ stateMachineArn: REVIEW_ARN, maxResults: 100 }))).executions ?? [];
    await eventually(async () => (await listParts()).every((e) => e.status !== 'RUNNING'), 'every part of the review to end');
    const executions = await listParts();
    const parts = Math.ceil(progress.total / 3 / 2);
    const names = executions.map((e) => e.name).sort();
    expect(names).toEqual(
      [reviewExecutionName(BOARD, YEAR), ...Array.from({ length: parts - 1 }, (_, i) => `review-${BOARD}-${YEAR}-${i + 1}`)].sort(),
    );
    expect(executions.every((e) => e.status === 'SUCCEEDED')).toBe(true);

    // A second start of the review changes nothing: the progress stays as it was.
    const again = await admin.post('/api/reviews', { year: YEAR, scope: BOARD });
    expect(again.body).toMatchObject({ started: false, progress: { total: progress.total, done: progress.total, status: 'COMPLETED' } });
  });

  it('counts a batch model by model: released already is skipped, gone is failed; a passing fault retries the batch', async () => {
    const releasedAlready = ids[0]!;
    const deps = ctx.runtime.webDeps;
    const batch = (modelIds: string[]) => ({ year: YEAR, modelIds, stateMachineArn: LIFECYCLE_ARN, timeouts: deps.timeouts });
    expect(await reviewRelease(deps, batch([releasedAlready, 'khong-co-mo-hinh-nay']))).toEqual({ released: 0, skipped: 1, failed: 1 });

    // A passing fault under the batch is thrown as TransientError (the ASL retries it); a bug is thrown as it is.
    const failingWith = (error: Error) => ({
      ...deps,
      db: {
        send: () => Promise.reject(error),
      } as unknown as typeof deps.db,
    });
    await expect(
      reviewRelease(failingWith(new TransientError('error.storeBusy')), batch([releasedAlready, 'khong-co-mo-hinh-nay'])),
    ).rejects.toBeInstanceOf(TransientError);
    await expect(reviewRelease(failingWith(new TypeError('a bug')), batch([releasedAlready]))).rejects.toBeInstanceOf(TypeError);
  });

  it('refuses a malformed batch with the field and the reason, releasing nothing', async () => {
    const before = (await ctx.users.admin.get(`/api/reviews/${BOARD}/${YEAR}`)).body;
    for (const [payload, field] of [
      [{ year: YEAR, modelIds: [] }, 'modelIds'],
      [{ year: YEAR, modelIds: Array.from({ length: 51 }, (_, i) => `m${i}`) }, 'modelIds'],
      [{ year: 'nam nay', modelIds: ['x'] }, 'year'],
    ] as const) {
      const error = await ctx.runtime.sfn.invokeFunction('review-release', payload).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field)).toContain(field);
    }
    expect((await ctx.users.admin.get(`/api/reviews/${BOARD}/${YEAR}`)).body).toEqual(before);
  });
});
