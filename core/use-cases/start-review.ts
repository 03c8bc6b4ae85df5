import * as z from 'zod';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError, TransientError, ValidationError } from '../errors.ts';
import { notificationIds } from '../notifications/notification.ts';
import { assertReviewYear } from '../rules.ts';
import { startExecution } from '../engine/workflow-engine.ts';
import { getBoard, listBoards } from '../store/org-store.ts';
import { getReviewProgress } from '../store/review-store.ts';
import { ALL_SCOPE } from '../store/stats-store.ts';
import { parseOrThrow } from '../validation.ts';
import { REVIEW_SHAPE } from '../../workflows/review-functions.ts';
import { notify } from './notifications.ts';
import { reviewExecutionName, type ReviewDeps } from './yearly-review.ts';

/*
 * Opening a year's review: what an administrator sends (classic zod, documented by the web's
 * API) and its start. Apart from the review's own steps (yearly-review.ts), which the review
 * workflow's functions import without zod.
 */

export const StartSchema = z.strictObject({
  year: z.number().int().min(2009).max(2100),
  scope: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,60}$/)
    .default(ALL_SCOPE)
    .describe('A board id, or ALL (every board; the default)'),
});

/** An administrator (or the yearly schedule) opens the review of a year for a board or for all boards. */
export async function startYearlyReview(deps: ReviewDeps, actor: Actor, body: unknown) {
  if (actor.kind === 'user' && actor.role !== 'admin') throw new ForbiddenError('error.adminsOpenReview');
  const { year, scope } = parseOrThrow(StartSchema, body);
  assertReviewYear(year, deps.now());
  if (scope !== ALL_SCOPE && !(await getBoard(deps, scope))) throw new ValidationError([{ field: 'scope', key: 'reason.noSuchBoard' }]);
  const existing = await getReviewProgress(deps, scope, year);
  if (existing) {
    await notifyReviewOpened(deps, scope, year);
    return { year, scope, started: false, progress: existing };
  }
  const input = { year, scope, ...REVIEW_SHAPE, timeouts: deps.timeouts };
  let started = true;
  try {
    started =
      (await startExecution(deps, { stateMachineArn: deps.reviewStateMachineArn, name: reviewExecutionName(scope, year), input })) ===
      'started';
  } catch (error) {
    throw new TransientError('error.reviewStartFailed', undefined, { cause: error });
  }
  await notifyReviewOpened(deps, scope, year);
  return { year, scope, started, progress: (await getReviewProgress(deps, scope, year)) ?? null };
}

/** The boards in scope and their units are told the review is open (once per scope and year). */
async function notifyReviewOpened(deps: Deps, scope: string, year: number) {
  const boards = scope === ALL_SCOPE ? (await listBoards(deps)).map((b) => b.id) : [scope];
  await notify(deps, {
    id: notificationIds.reviewOpened(scope, year),
    type: 'REVIEW_OPENED',
    at: deps.now().toISOString(),
    audience: { boardIds: boards, unitsOfBoards: boards },
    link: '/',
    params: { year, scope },
  });
}
