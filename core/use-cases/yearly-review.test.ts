import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, RuleViolationError } from '../errors.ts';
import { createReviewProgress, finishReview, getReviewProgress, recordReviewPage } from '../store/review-store.ts';
import { ADMIN, boardActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { LAST_YEAR, NEXT_YEAR, THIS_YEAR } from '../../test/support/years.ts';
import { startYearlyReview } from './start-review.ts';
import { listReviews, type ReviewDeps } from './yearly-review.ts';

/**
 * The yearly review's use cases on the real store (issue 15): a year still to come is refused
 * for its field, and the administrator's list gives every review held, the ones written before
 * the list existed included.
 */
let w: World;
let deps: ReviewDeps;
beforeAll(async () => {
  w = await useCaseWorld('review');
  deps = { ...w.deps, reviewStateMachineArn: 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:yearly-review' };
});

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the use case to refuse');
  return error;
}
const progress = (scope: string, year: number, startedAt: string) => ({
  scope,
  year,
  status: 'RUNNING' as const,
  total: 4,
  done: 0,
  failed: 0,
  lastPage: -1,
  startedAt,
});

describe('opening a yearly review', () => {
  it('refuses a year still to come (422, field year, with this cycle year), starting nothing', async () => {
    const starts = w.sfn.commandCalls(StartExecutionCommand).length;
    const error = await refusal(startYearlyReview(deps, ADMIN, { year: NEXT_YEAR }));
    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).key).toBe('error.reviewYearFuture');
    expect((error as RuleViolationError).issues).toEqual([
      { field: 'year', key: 'reason.reviewYearFuture', params: { year: NEXT_YEAR, current: THIS_YEAR } },
    ]);
    expect(w.sfn.commandCalls(StartExecutionCommand)).toHaveLength(starts);
    expect(await getReviewProgress(deps, 'ALL', NEXT_YEAR)).toBeUndefined();
  });

  it('opens this cycle year’s and an earlier one’s, and a year is future by Vietnam’s calendar', async () => {
    expect(await startYearlyReview(deps, ADMIN, { year: THIS_YEAR, scope: w.ids.other })).toMatchObject({ started: true });
    expect(await startYearlyReview(deps, ADMIN, { year: LAST_YEAR, scope: w.ids.other })).toMatchObject({ started: true });
    expect(w.startedNames()).toEqual(
      expect.arrayContaining([`annual-review-${w.ids.other}-${THIS_YEAR}`, `annual-review-${w.ids.other}-${LAST_YEAR}`]),
    );
    // 31 December, 17:30 UTC is already 1 January in Vietnam: that year may be opened then.
    const newYearsEve = new Date(`${THIS_YEAR}-12-31T17:30:00Z`);
    const atMidnight = { ...deps, now: () => newYearsEve };
    expect(await startYearlyReview(atMidnight, ADMIN, { year: NEXT_YEAR, scope: w.ids.chain })).toMatchObject({ started: true });
    const before = { ...deps, now: () => new Date(`${THIS_YEAR}-12-31T16:30:00Z`) };
    expect(await refusal(startYearlyReview(before, ADMIN, { year: NEXT_YEAR, scope: w.ids.direct }))).toBeInstanceOf(RuleViolationError);
  });
});

describe('the reviews held', () => {
  it('lists every review, newest year first, all boards first, running or completed, for administrators only', async () => {
    await createReviewProgress(deps, progress('ALL', THIS_YEAR, `${THIS_YEAR}-12-15T00:00:00.000Z`));
    await createReviewProgress(deps, progress(w.ids.direct, THIS_YEAR, `${THIS_YEAR}-12-16T00:00:00.000Z`));
    await createReviewProgress(deps, progress(w.ids.other, LAST_YEAR, `${LAST_YEAR}-12-15T00:00:00.000Z`));
    await recordReviewPage(deps, 'ALL', THIS_YEAR, 0, 3, 1);
    await finishReview(deps, w.ids.direct, THIS_YEAR, `${THIS_YEAR}-12-16T01:00:00.000Z`);
    // Written by a version before the list (no index keys): an all-boards review of an earlier year.
    await w.deps.db.send(
      new PutCommand({
        TableName: w.deps.tableName,
        Item: {
          pk: `REVIEW#ALL#${LAST_YEAR - 1}`,
          sk: 'META',
          ...progress('ALL', LAST_YEAR - 1, `${LAST_YEAR - 1}-12-15T00:00:00.000Z`),
          status: 'COMPLETED',
          done: 4,
        },
      }),
    );

    const listed = await listReviews(deps, ADMIN);
    expect(listed.map((r) => `${r.year} ${r.scope} ${r.status} ${r.done}/${r.total} ${r.failed}`)).toEqual([
      `${THIS_YEAR} ALL RUNNING 3/4 1`,
      `${THIS_YEAR} ${w.ids.direct} COMPLETED 0/4 0`,
      `${LAST_YEAR} ${w.ids.other} RUNNING 0/4 0`,
      `${LAST_YEAR - 1} ALL COMPLETED 4/4 0`,
    ]);
    expect(listed.find((r) => r.scope === 'ALL' && r.year === THIS_YEAR)?.startedAt).toBe(`${THIS_YEAR}-12-15T00:00:00.000Z`);
    expect(listed.find((r) => r.scope === w.ids.direct)).toMatchObject({
      status: 'COMPLETED',
      finishedAt: `${THIS_YEAR}-12-16T01:00:00.000Z`,
    });
    expect(await refusal(listReviews(deps, boardActor(w.ids.direct)))).toBeInstanceOf(ForbiddenError);
  });
});
