import type { Actor } from '../core/actor.ts';
import { AREAS, type Registration } from '../core/model.ts';
import { countAwaitingReview, getReviewProgress } from '../core/store/review-store.ts';
import { queryTasks } from '../core/store/task-store.ts';
import { approveAppraisal, scoreAppraisal, criteriaFor } from '../core/use-cases/appraisal.ts';
import { loadVisibleModel } from '../core/use-cases/complete-task.ts';
import { decideAsBoard, submitYearlyReport } from '../core/use-cases/decide.ts';
import { registerModel } from '../core/use-cases/register-model.ts';
import { startYearlyReview } from '../core/use-cases/start-review.ts';
import type { ReviewDeps } from '../core/use-cases/yearly-review.ts';

/** What to drive through the real workflow: how many registrations, and how they end. */
export type ScalePlan = {
  year: number;
  boardId: string;
  unitIds: string[];
  registered: number;
  exemplars: number;
  recognizedModels: number;
  recognizedExemplars: number;
  /** Of the rest: rejected at registration; the others are stopped or continue. */
  rejected: number;
  /** Stop after the yearly review has released everything (no reports, no appraisal). */
  untilReview?: boolean;
};
export type Progress = (phase: string, done: number, total: number) => void;

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapPool<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await fn(items[index]!, index);
      }
    }),
  );
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`seed: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function pendingFor(deps: ReviewDeps, assignee: string): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryTasks(deps, `ASSIGNEE#${assignee}`, { limit: 500, startKey });
    ids.push(...page.tasks.map((t) => t.modelId));
    startKey = page.nextKey;
  } while (startKey);
  return ids;
}

/**
 * Drives a province's year through the real workflow, as its people would: units register,
 * the board accepts or rejects, the yearly review opens, units report, the board appraises
 * along its chain. Same use cases, transactions and state machines as the app.
 */
export async function seedAtScale(deps: ReviewDeps, plan: ScalePlan, progress: Progress = () => {}): Promise<string[]> {
  const board: Actor = { kind: 'user', username: 'seed.board', role: 'board', boardId: plan.boardId };
  const admin: Actor = { kind: 'user', username: 'seed.admin', role: 'admin' };
  const unitOf = (i: number): Actor => ({
    kind: 'user',
    username: 'seed.unit',
    role: 'unit',
    unitId: plan.unitIds[i % plan.unitIds.length]!,
  });
  const ids = new Array<string>(plan.registered);
  const exemplar = (i: number) => i < plan.exemplars;

  await mapPool([...ids.keys()], 12, async (i) => {
    const registration: Omit<Registration, 'period'> = {
      name: `Mô hình dân vận khéo số ${i + 1}`,
      situation: 'Thực trạng tại địa phương',
      objectives: 'Mục tiêu và tiêu chí',
      content: 'Nội dung, phương pháp',
      targetGroup: 'Nhân dân trên địa bàn',
      forces: 'Chi bộ, Mặt trận, đoàn thể',
      resources: 'Ngân sách và ngày công',
      outputs: 'Sản phẩm kiểm chứng được',
      sustainability: 'Duy trì và nhân rộng',
      kind: exemplar(i) ? 'EXEMPLAR' : 'MODEL',
      area: AREAS[i % AREAS.length]!,
      year: plan.year,
      tags: [],
      targetLevel: 'COMMUNE',
      indicators: [{ name: 'Số hộ tham gia', unit: 'hộ', target: 100 }],
    };
    ids[i] = (await registerModel(deps, unitOf(i), registration)).id;
    if (i % 50 === 0) progress('Đăng ký / registering', i + 1, plan.registered);
  });
  progress('Đăng ký / registering', plan.registered, plan.registered);

  // The board works through its queue: the first `rejected` of the plan's non-recognized are rejected.
  const recognized = new Set<number>();
  for (let i = 0; i < plan.recognizedExemplars; i++) recognized.add(i);
  for (let i = plan.exemplars; recognized.size < plan.recognizedModels + plan.recognizedExemplars; i++) recognized.add(i);
  const rejected = new Set([...ids.keys()].filter((i) => !recognized.has(i)).slice(0, plan.rejected));
  const index = new Map(ids.map((id, i) => [id, i]));
  let decided = 0;
  await waitUntil(async () => {
    const pending = await pendingFor(deps, `BOARD#${plan.boardId}`);
    await mapPool(
      pending.filter((id) => index.has(id)),
      12,
      async (id) => {
        const reject = rejected.has(index.get(id)!);
        await decideAsBoard(
          deps,
          board,
          id,
          reject
            ? { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT', reason: 'Chưa đạt yêu cầu' }
            : { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' },
        );
        decided++;
      },
    );
    progress('Thẩm định đăng ký / reviewing', decided, plan.registered);
    return decided >= plan.registered;
  }, 'registration reviews');

  const accepted = plan.registered - rejected.size;
  await waitUntil(async () => (await countAwaitingReview(deps, plan.year, plan.boardId)) >= accepted, 'models waiting for the review');
  await startYearlyReview(deps, admin, { year: plan.year, scope: plan.boardId });
  await waitUntil(async () => {
    const p = await getReviewProgress(deps, plan.boardId, plan.year);
    progress('Sơ kết năm / yearly review', (p?.done ?? 0) + (p?.failed ?? 0), accepted);
    return p?.status === 'COMPLETED';
  }, 'the yearly review');
  if (plan.untilReview) return ids;

  let reported = 0;
  await waitUntil(async () => {
    const pending = (await Promise.all(plan.unitIds.map((u) => pendingFor(deps, `UNIT#${u}`)))).flat().filter((id) => index.has(id));
    await mapPool(pending, 12, async (id) => {
      await submitYearlyReport(deps, unitOf(index.get(id)!), id, {
        report: `Báo cáo sơ kết năm ${plan.year}`,
        indicators: [{ name: 'Số hộ tham gia', actual: 100 }],
      });
      reported++;
    });
    progress('Báo cáo năm / reporting', reported, accepted);
    return reported >= accepted;
  }, 'yearly reports');

  let appraised = 0;
  await waitUntil(async () => {
    const pending = (await pendingFor(deps, `BOARD#${plan.boardId}`)).filter((id) => index.has(id));
    await mapPool(pending, 12, async (id) => {
      const i = index.get(id)!;
      const outcome = recognized.has(i)
        ? { outcome: 'RECOGNIZE', level: 'PROVINCE' }
        : i % 2
          ? { outcome: 'CONTINUE' }
          : { outcome: 'STOP', stopReason: 'INEFFECTIVE', reason: 'Không hiệu quả' };
      const set = await criteriaFor(deps, await loadVisibleModel(deps, board, id));
      if (!set) {
        await decideAsBoard(deps, board, id, { stage: 'APPRAISAL', ...outcome });
      } else {
        await scoreAppraisal(deps, board, id, {
          scores: set.criteria.map((c) => ({ criterionId: c.id, score: c.maxScore })),
          proposal: outcome,
        });
        for (let step = 1; step < set.approvalChain.length; step++) await approveAppraisal(deps, board, id);
      }
      appraised++;
    });
    progress('Đánh giá, công nhận / appraising', appraised, accepted);
    return appraised >= accepted;
  }, 'appraisals');
  return ids;
}
