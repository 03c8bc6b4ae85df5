import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.ts';
import type { StepTimeouts } from '../../core/deps.ts';
import { executionNames } from '../../core/lifecycle.ts';
import { AREAS, type Registration } from '../../core/model.ts';
import { getModel } from '../../core/store/model-store.ts';
import { getReviewProgress } from '../../core/store/review-store.ts';
import { readCounters } from '../../core/store/stats-store.ts';
import { getTask } from '../../core/store/task-store.ts';
import { listAttention } from '../../core/store/attention-store.ts';
import { ConflictError } from '../../core/errors.ts';
import {
  decideAsBoard as decideOnce,
  submitRevision as reviseOnce,
  submitYearlyReport as reportOnce,
} from '../../core/use-cases/decide.ts';

const decideAsBoard = (...args: Parameters<typeof decideOnce>) => retrying(() => decideOnce(...args));
const submitRevision = (...args: Parameters<typeof reviseOnce>) => retrying(() => reviseOnce(...args));
const submitYearlyReport = (...args: Parameters<typeof reportOnce>) => retrying(() => reportOnce(...args));
import { registerModel } from '../../core/use-cases/register-model.ts';
import { startYearlyReview } from '../../core/use-cases/start-review.ts';
import { mapPool } from '../../local/seed-scale.ts';
import { LIFECYCLE_ARN } from '../../local/local-lifecycle.ts';
import type { Runtime } from '../../local/runtime.ts';
import { recountBoard, statusAndEvents } from '../support/recount.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { freePort } from '../support/free-port.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

/**
 * Five cycle years of a province on the local engine with "a year" shrunk to 60 s and every
 * timeout scaled with it (30 days ≈ 5 s, the hand-over age of 180 days ≈ 30 s). Appraisals come
 * early and late (late ones past the hand-over age), reviews are returned and revised, reports
 * are overdue, the runtime restarts in the middle. No execution may end by the cap or an
 * unhandled error, every model must be left with a next step, and counters must equal a recount.
 */
const MODELS = Number(process.env.MULTI_YEAR_MODELS ?? 300);
const YEAR_SECONDS = 60;
const TIMEOUTS: StepTimeouts = { registrationReview: 5, revision: 5, yearlyReport: 5, appraisal: 5, handOverAfter: 30 };
/** Five cycle years from this one (a unit registers for this year or the next), then the one they rest for. */
const YEARS = Array.from({ length: 5 }, (_, k) => THIS_YEAR + k);
const AFTER = THIS_YEAR + YEARS.length;
const BOARD = 'ban-tinh-qt';
const UNITS = ['phuong-dong-ha', 'tinh-qt'];
const board: Actor = { kind: 'user', username: 'ban.quangtri', role: 'board', boardId: BOARD };
const admin: Actor = { kind: 'user', username: 'quantri', role: 'admin' };
const unitOf = (i: number): Actor => ({ kind: 'user', username: 'donvi', role: 'unit', unitId: UNITS[i % UNITS.length]! });

// Who does what: deterministic by index and year.
const rejected = (i: number) => i % 20 === 0;
const returned = (i: number) => i % 10 === 1;
const lateReview = (i: number) => i % 25 === 2;
const lateReport = (i: number) => i % 10 === 3;
const lateAppraisal = (i: number, y: number) => (i + y) % 15 === 4;
const stopped = (i: number, y: number) => y > THIS_YEAR && (i + y) % 30 === 5;

let runtime: Runtime;
const tableName = `multi-${Date.now().toString(36)}`;
// The same ports across the restart, as with `npm start` twice: the in-process task functions keep their clients.
let ports: { webPort: number; sfnPort: number } | undefined;
const start = async () => {
  ports ??= { webPort: await freePort(), sfnPort: await freePort() };
  return startTestRuntime({ tableName, ...ports, timeouts: TIMEOUTS, maxExecutionSeconds: YEAR_SECONDS, timerIntervalMs: 200 });
};
afterAll(async () => runtime?.stop());

const deps = () => runtime.webDeps;
const pending = async (id: string, year: number, stage: string) => (await getTask(deps(), id, year, stage))?.status === 'PENDING';
const executionExists = (name: string) =>
  deps()
    .sfn.send(new DescribeExecutionCommand({ executionArn: `${LIFECYCLE_ARN.replace(':stateMachine:', ':execution:')}:${name}` }))
    .then(
      () => true,
      () => false,
    );

/**
 * A person acting as a step re-opens (a 5 s timeout gives it a new token) gets 409 and tries
 * again, as the page tells them to.
 */
async function retrying<T>(act: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await act();
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Waits until every id passes; on a timeout, says where the first stragglers stand, so a red CI run explains itself. */
async function waitAll(ids: string[], check: (id: string) => Promise<boolean>, what: string, timeoutMs = 120_000) {
  let behind: string[] = [];
  try {
    await eventually(
      async () => {
        const results = await Promise.all(ids.map(check));
        behind = ids.filter((_, k) => !results[k]);
        return behind.length === 0;
      },
      what,
      timeoutMs,
    );
  } catch (error) {
    const where = await Promise.all(behind.slice(0, 5).map(describeModel));
    throw new Error(`${(error as Error).message}: ${behind.length} of ${ids.length} behind, e.g. ${where.join('; ')}`);
  }
}

async function describeModel(id: string): Promise<string> {
  const model = await getModel(deps(), id);
  const mine = (await allExecutions()).filter((e) => e.name!.startsWith(id));
  const executions = await Promise.all(mine.map(async (e) => `${e.name} ${e.status}${e.status === 'FAILED' ? await whyFailed(e) : ''}`));
  return `${id} ${model?.status} cycle ${model?.cycleYear} executions [${executions.join(', ')}]`;
}

/** A failed execution's error and cause, and the last events before it: what a red CI run needs to be fixed. */
async function whyFailed(execution: ExecutionListItem): Promise<string> {
  const { error, cause } = await deps().sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }));
  const { events = [] } = await deps().sfn.send(
    new GetExecutionHistoryCommand({ executionArn: execution.executionArn, reverseOrder: true, maxResults: 8 }),
  );
  const last = events.map((e) => `${e.type}${e.stateEnteredEventDetails?.name ? ` ${e.stateEnteredEventDetails.name}` : ''}`);
  return ` (${error}: ${cause}; last events ${last.join(' < ')})`;
}

async function allExecutions(): Promise<ExecutionListItem[]> {
  const out: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await deps().sfn.send(new ListExecutionsCommand({ stateMachineArn: LIFECYCLE_ARN, maxResults: 1000, nextToken }));
    out.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

function registration(i: number): Omit<Registration, 'period'> {
  return {
    name: `Mô hình nhiều năm số ${i + 1}`,
    situation: 'Thực trạng',
    objectives: 'Mục tiêu',
    content: 'Nội dung',
    targetGroup: 'Nhân dân',
    forces: 'Đoàn thể',
    resources: 'Ngày công',
    outputs: 'Sản phẩm',
    sustainability: 'Nhân rộng',
    kind: i % 7 === 0 ? 'EXEMPLAR' : 'MODEL',
    area: AREAS[i % AREAS.length]!,
    year: THIS_YEAR,
    tags: [],
    targetLevel: 'COMMUNE',
    indicators: [{ name: 'Số hộ tham gia', unit: 'hộ', target: 100 }],
  };
}

describe('five cycle years with "a year" shrunk to seconds', () => {
  it(
    `runs ${MODELS} models through ${YEARS.length} years: no execution capped or failed, none left without a next step`,
    { timeout: 30 * 60_000 },
    async () => {
      runtime = await start();
      const began = Date.now();
      const progress = (what: string) => console.log(`multi-year: ${what} after ${Math.round((Date.now() - began) / 1000)} s`);
      const ids = new Array<string>(MODELS);
      await mapPool([...ids.keys()], 16, async (i) => {
        ids[i] = (await registerModel(deps(), unitOf(i), registration(i))).id;
      });
      const index = new Map(ids.map((id, i) => [id, i]));
      await waitAll(ids, (id) => pending(id, THIS_YEAR, 'REGISTRATION_REVIEW'), 'registration reviews');

      // Registration: returns, rejections, and late reviews decided only after their execution handed over.
      const early = ids.filter((_, i) => !lateReview(i));
      await mapPool(early, 12, async (id) => {
        const i = index.get(id)!;
        const decision = rejected(i)
          ? { outcome: 'REJECT', reason: 'Chưa đạt' }
          : returned(i)
            ? { outcome: 'RETURN', reason: 'Bổ sung chỉ tiêu' }
            : { outcome: 'ACCEPT' };
        await decideAsBoard(deps(), board, id, { stage: 'REGISTRATION_REVIEW', ...decision });
      });
      const back = early.filter((id) => returned(index.get(id)!) && !rejected(index.get(id)!));
      await waitAll(back, (id) => pending(id, THIS_YEAR, 'REVISION'), 'revisions');
      await mapPool(back, 12, async (id) => {
        const { year: _y, ...fields } = registration(index.get(id)!);
        await submitRevision(deps(), unitOf(index.get(id)!), id, { ...fields, objectives: 'Mục tiêu đã bổ sung' });
      });
      await waitAll(back, async (id) => (await getTask(deps(), id, THIS_YEAR, 'REGISTRATION_REVIEW'))?.round === 2, 'second reviews');
      await mapPool(
        back,
        12,
        async (id) => void (await decideAsBoard(deps(), board, id, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })),
      );
      const late = ids.filter((_, i) => lateReview(i));
      await waitAll(late, (id) => executionExists(`${executionNames.registration(id)}-k1`), 'registration hand-overs', 90_000);
      await waitAll(late, (id) => pending(id, THIS_YEAR, 'REGISTRATION_REVIEW'), 'handed-over reviews');
      await mapPool(
        late,
        12,
        async (id) => void (await decideAsBoard(deps(), board, id, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })),
      );

      progress('registrations decided');
      let alive = ids.filter((_, i) => !rejected(i));
      let modelYears = 0;
      for (const year of YEARS) {
        await waitAll(
          alive,
          async (id) => (await getModel(deps(), id))?.status === 'IMPLEMENTING' && (await pending(id, year, 'YEARLY_REVIEW')),
          `models resting for ${year}`,
        );
        // Each year's review opens on its 15 December (a year still to come is refused).
        await startYearlyReview({ ...deps(), now: () => new Date(`${year}-12-15T00:00:00Z`) }, admin, { year, scope: BOARD });
        await eventually(async () => (await getReviewProgress(deps(), BOARD, year))?.status === 'COMPLETED', `review ${year}`, 120_000);
        await waitAll(alive, (id) => pending(id, year, 'YEARLY_REPORT'), `reports ${year}`);
        if (year === YEARS[2]) {
          // A restart in the middle of a year: every waiting execution resumes where it was.
          await runtime.stop();
          runtime = await start();
        }
        const report = (id: string) =>
          submitYearlyReport(deps(), unitOf(index.get(id)!), id, {
            report: `Kết quả năm ${year} của mô hình ${index.get(id)! + 1}`,
            indicators: [{ name: 'Số hộ tham gia', actual: 100 + index.get(id)! }],
          });
        await mapPool(
          alive.filter((id) => !lateReport(index.get(id)!)),
          12,
          async (id) => void (await report(id)),
        );
        const overdue = alive.filter((id) => lateReport(index.get(id)!));
        await waitAll(
          overdue,
          async (id) => (await getTask(deps(), id, year, 'YEARLY_REPORT'))?.overdue === true,
          `overdue reports ${year}`,
        );
        await mapPool(overdue, 12, async (id) => void (await report(id)));

        await waitAll(alive, (id) => pending(id, year, 'APPRAISAL'), `appraisals ${year}`);
        const appraise = (id: string) => {
          const i = index.get(id)!;
          const body = stopped(i, year)
            ? { outcome: 'STOP', stopReason: 'INEFFECTIVE', reason: 'Không hiệu quả' }
            : i % 2
              ? { outcome: 'RECOGNIZE', level: 'COMMUNE' }
              : { outcome: 'CONTINUE' };
          return decideAsBoard(deps(), board, id, { stage: 'APPRAISAL', ...body });
        };
        await mapPool(
          alive.filter((id) => !lateAppraisal(index.get(id)!, year)),
          12,
          async (id) => void (await appraise(id)),
        );
        const lateOnes = alive.filter((id) => lateAppraisal(index.get(id)!, year));
        await waitAll(lateOnes, (id) => executionExists(`${executionNames.cycle(id, year)}-k1`), `cycle hand-overs ${year}`, 90_000);
        await waitAll(lateOnes, (id) => pending(id, year, 'APPRAISAL'), `handed-over appraisals ${year}`);
        await mapPool(lateOnes, 12, async (id) => void (await appraise(id)));
        modelYears += alive.length;
        progress(`year ${year} appraised`);
        alive = alive.filter((id) => !stopped(index.get(id)!, year));
      }

      // Every model rests for the year after, or ended with a reason; nothing waits on a step nobody owns.
      await waitAll(
        alive,
        async (id) => {
          const model = await getModel(deps(), id);
          return model?.status === 'IMPLEMENTING' && model.cycleYear === AFTER && (await pending(id, AFTER, 'YEARLY_REVIEW'));
        },
        `every model resting for ${AFTER}`,
        240_000,
      );
      for (const [i, id] of ids.entries()) {
        const model = (await getModel(deps(), id))!;
        const want = rejected(i) ? 'REJECTED' : alive.includes(id) ? 'IMPLEMENTING' : 'STOPPED';
        expect(model.status, `model ${i + 1}`).toBe(want);
      }
      await eventually(async () => (await allExecutions()).every((e) => e.status !== 'RUNNING'), 'every execution to end', 60_000);

      const executions = await allExecutions();
      const byStatus = Object.groupBy(executions, (e) => e.status!);
      const ages = executions
        .map((e) => ({ name: e.name!, seconds: (e.stopDate!.getTime() - e.startDate!.getTime()) / 1000 }))
        .sort((a, b) => b.seconds - a.seconds);
      const longest = ages[0]!.seconds;
      const handOvers = executions.filter((e) => /-k\d+$/.test(e.name!)).length;
      expect(Object.keys(byStatus), JSON.stringify(executions.filter((e) => e.status !== 'SUCCEEDED').slice(0, 5))).toEqual(['SUCCEEDED']);
      expect(longest, JSON.stringify(ages.slice(0, 5))).toBeLessThan(YEAR_SECONDS);
      expect(handOvers).toBeGreaterThan(0);
      expect(await listAttention(deps())).toEqual([]);

      const recount = await recountBoard(deps(), BOARD);
      const counters = await readCounters(deps(), BOARD, [...YEARS, AFTER]);
      for (const year of [...YEARS, AFTER])
        expect(statusAndEvents(counters.get(year) ?? {}), `counters ${year}`).toEqual(recount.get(year) ?? {});

      recordCounts('multi-year', {
        lifecyclesRun: MODELS,
        modelYears,
        handOvers,
        executionsRun: executions.length,
        executionsCapped: byStatus.TIMED_OUT?.length ?? 0,
        executionsFailed: byStatus.FAILED?.length ?? 0,
        longestExecutionSeconds: Math.round(longest),
        restarts: 1,
      });
      console.log(
        `multi-year: ${MODELS} models, ${modelYears} model-years, ${executions.length} executions (${handOvers} hand-overs), longest ${longest.toFixed(1)} s of a ${YEAR_SECONDS} s "year"`,
      );
    },
  );
});
