import { randomUUID } from 'node:crypto';
import { SFNClient, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { BOARD_ROLES, type Actor, type BoardRole } from '../../core/actor.ts';
import type { CriteriaSet } from '../../core/criteria.ts';
import { DEFAULT_TIMEOUTS, type Deps } from '../../core/deps.ts';
import { assigneeOf, type Stage } from '../../core/lifecycle.ts';
import type { Level, Model } from '../../core/model.ts';
import { getModel } from '../../core/store/model-store.ts';
import { putOnce } from '../../core/store/org-store.ts';
import { boardKey, unitKey } from '../../core/store/keys.ts';
import { getTask, putTask } from '../../core/store/task-store.ts';
import { saveCriteriaSet } from '../../core/use-cases/criteria-admin.ts';
import { decideAsBoard, submitYearlyReport } from '../../core/use-cases/decide.ts';
import { registerModel } from '../../core/use-cases/register-model.ts';
import { beginCycle, beginNextCycle, submitModel } from '../../core/use-cases/workflow-steps.ts';
import { freshTable } from './fresh-table.ts';
import { THIS_PERIOD, THIS_YEAR } from './years.ts';

/**
 * Use cases called directly (no HTTP, no engine) on a fresh table of the run's DynamoDB Local.
 * Step Functions is outside the use case: every SFNClient is mocked (aws-sdk-client-mock), so
 * tests assert the commands sent; the waiting steps an execution would open are written
 * through the task store, each with its own token.
 *
 * The organisation (ids under a per-world suffix, so worlds never meet):
 *   chain  PROVINCE board with a criteria set (SPECIALIST → LEADER → COMMITTEE) for MODEL in THIS_PERIOD
 *   direct COMMUNE board without criteria: it decides appraisals directly (at commune level only;
 *          the district level is gone since 1 July 2025)
 *   other  PROVINCE board without criteria: a stranger to the others' models
 * with units chainUnit (of chain), directUnit and directUnit2 (of direct), otherUnit (of other).
 */
export const CRITERIA: CriteriaSet['criteria'] = [
  { id: 'sang-tao', name: 'Sáng tạo, tiết kiệm', maxScore: 20 },
  { id: 'ben-vung', name: 'Bền vững, nhân rộng được', maxScore: 30 },
];
export const CHAIN: BoardRole[] = ['SPECIALIST', 'LEADER', 'COMMITTEE'];

export const unitActor = (unitId: string): Actor => ({ kind: 'user', username: `donvi.${unitId}`, role: 'unit', unitId });
export const boardActor = (boardId: string, boardRoles: BoardRole[] = [...BOARD_ROLES], name = 'ban'): Actor => ({
  kind: 'user',
  username: `${name}.${boardId}`,
  role: 'board',
  boardId,
  boardRoles,
});
export const ADMIN: Actor = { kind: 'user', username: 'quantri', role: 'admin' };

export const registrationBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Dân vận khéo trong xây dựng nông thôn mới',
  situation: 'Nhiều hộ dân chưa tham gia hiến đất làm đường.',
  objectives: '100% hộ dân đồng thuận.',
  content: 'Tuyên truyền, vận động từng hộ; cán bộ gương mẫu đi đầu.',
  targetGroup: 'Hộ dân khu phố 3',
  forces: 'Chi bộ, Mặt trận, các đoàn thể',
  resources: 'Ngân sách 200 triệu',
  outputs: '2 km đường bê tông',
  sustainability: 'Duy trì qua quy ước khu phố',
  kind: 'MODEL',
  area: 'ECONOMY',
  year: THIS_YEAR,
  ...overrides,
});

export type World = Awaited<ReturnType<typeof useCaseWorld>>;

export async function useCaseWorld(prefix = 'uc') {
  const { db, tableName } = await freshTable(prefix);
  const sfn = mockClient(SFNClient);
  sfn.onAnyCommand().resolves({});
  let clock: (() => Date) | undefined;
  const deps: Deps = {
    db,
    tableName,
    sfn: new SFNClient({ region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    stateMachineArn: 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:lifecycle',
    timeouts: DEFAULT_TIMEOUTS,
    now: () => (clock ? clock() : new Date()),
  };
  const s = randomUUID().slice(0, 6);
  const ids = {
    chain: `ban-chain-${s}`,
    direct: `ban-direct-${s}`,
    other: `ban-other-${s}`,
    chainUnit: `xa-chain-${s}`,
    directUnit: `xa-direct-${s}`,
    directUnit2: `xa-direct2-${s}`,
    otherUnit: `xa-other-${s}`,
  };
  const board = (id: string, level: Level, unitId: string) =>
    putOnce(deps, boardKey(id), { id, name: `Ban ${id}`, level, unitId, gsi1pk: 'ORG#BOARD', gsi1sk: id });
  const unit = (id: string, boardId: string) =>
    putOnce(deps, unitKey(id), { id, name: `Xã ${id}`, type: 'COMMUNE', level: 'COMMUNE', boardId, gsi1pk: 'ORG#UNIT', gsi1sk: id });
  await Promise.all([
    board(ids.chain, 'PROVINCE', ids.chainUnit),
    board(ids.direct, 'COMMUNE', ids.directUnit),
    board(ids.other, 'PROVINCE', ids.otherUnit),
    unit(ids.chainUnit, ids.chain),
    unit(ids.directUnit, ids.direct),
    unit(ids.directUnit2, ids.direct),
    unit(ids.otherUnit, ids.other),
  ]);
  await saveCriteriaSet(deps, ADMIN, { boardId: ids.chain, period: THIS_PERIOD, kind: 'MODEL', criteria: CRITERIA, approvalChain: CHAIN });

  /** Makes the engine's waiting step: a PENDING task of the model's cycle year with a fresh token (the next round if decided). */
  async function openStep(modelId: string, stage: Stage): Promise<string> {
    const model = (await getModel(deps, modelId))!;
    const existing = await getTask(deps, modelId, model.cycleYear, stage);
    const token = `token-${stage}-${randomUUID()}`;
    const now = deps.now();
    await putTask(
      deps,
      {
        modelId,
        year: model.cycleYear,
        stage,
        round: existing?.status === 'PENDING' ? existing.round : (existing?.round ?? 0) + 1,
        status: 'PENDING',
        token,
        assignee: assigneeOf(stage, model, model.cycleYear),
        boardId: model.boardId,
        openedAt: now.toISOString(),
        dueAt: new Date(now.getTime() + 86_400_000).toISOString(),
        overdue: false,
        version: (existing?.version ?? 0) + 1,
      },
      existing?.version,
    );
    return token;
  }

  const model = async (id: string): Promise<Model> => (await getModel(deps, id))!;

  /** Registered by `unitId` and submitted by its execution's first task: SUBMITTED. */
  async function submitted(unitId: string, overrides: Record<string, unknown> = {}): Promise<Model> {
    const registered = await registerModel(deps, unitActor(unitId), registrationBody(overrides));
    await submitModel(deps, { modelId: registered.id, year: registered.cycleYear });
    return model(registered.id);
  }

  /** SUBMITTED with its registration review open: returns the model id and the review's token. */
  async function inReview(unitId: string, overrides: Record<string, unknown> = {}) {
    const m = await submitted(unitId, overrides);
    return { id: m.id, token: await openStep(m.id, 'REGISTRATION_REVIEW') };
  }

  /** Accepted, its cycle begun by the yearly review, reported: REPORTED with its appraisal open. */
  async function inAppraisal(unitId: string, overrides: Record<string, unknown> = {}, indicators: { name: string; actual: number }[] = []) {
    const { id } = await inReview(unitId, overrides);
    const boardId = (await model(id)).boardId;
    await decideAsBoard(deps, boardActor(boardId), id, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    await reported(id, indicators);
    return { id, token: await openStep(id, 'APPRAISAL') };
  }

  /** A resting (IMPLEMENTING) model opened by its year's review and reported. */
  async function reported(id: string, indicators: { name: string; actual: number }[] = []) {
    const m = await model(id);
    await beginCycle(deps, { modelId: id, year: m.cycleYear });
    await openStep(id, 'YEARLY_REPORT');
    await submitYearlyReport(deps, unitActor(m.unitId), id, { report: 'Đã hoàn thành 2 km đường.', indicators });
  }

  /** A model of a board without criteria, recognized at `level` in its cycle year (listed in the catalogue). */
  async function recognized(unitId: string, overrides: Record<string, unknown> = {}, level: Level = 'COMMUNE') {
    const { id } = await inAppraisal(unitId, overrides);
    await decideAsBoard(deps, boardActor((await model(id)).boardId), id, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level });
    return model(id);
  }

  /** A recognized or continuing model moved on to its next cycle year, reported, with that appraisal open. */
  async function nextCycleAppraisal(id: string) {
    const m = await model(id);
    await beginNextCycle(deps, { modelId: id, year: m.cycleYear, timeouts: deps.timeouts });
    await reported(id);
    return openStep(id, 'APPRAISAL');
  }

  /** What the use case handed to Step Functions for a token, and the executions it started. */
  const sentResults = (token: string) =>
    sfn.commandCalls(SendTaskSuccessCommand, { taskToken: token }).map((c) => JSON.parse(c.args[0].input.output!) as unknown);
  const startedNames = () => sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);

  return {
    deps,
    sfn,
    ids,
    /** Fixes the clock (undefined: the real one again). */
    setNow: (at: Date | undefined) => {
      clock = at ? () => at : undefined;
    },
    openStep,
    model,
    submitted,
    inReview,
    inAppraisal,
    reported,
    recognized,
    nextCycleAppraisal,
    sentResults,
    startedNames,
  };
}
