import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { Runtime } from '../../local/runtime.ts';
import { LIFECYCLE_ARN } from '../../local/local-lifecycle.ts';
import { executionNames } from '../../core/lifecycle.ts';
import { startYearlyReview } from '../../core/use-cases/start-review.ts';
import { ApiClient, registration } from './api-client.ts';
import { afterAll, beforeAll } from 'vitest';
import { eventually, startTestRuntime } from './test-runtime.ts';
import { THIS_YEAR } from './years.ts';

/** A model's registration execution (`'r'`) or its cycle execution of a year. */
export type Which = number | 'r';
const nameOf = (modelId: string, which: Which) =>
  which === 'r' ? executionNames.registration(modelId) : executionNames.cycle(modelId, which);
export const executionArn = (modelId: string, which: Which) =>
  `${LIFECYCLE_ARN.replace(':stateMachine:', ':execution:')}:${nameOf(modelId, which)}`;

/** The people of the demo province, signed in through the API. */
export async function demoUsers(runtime: Runtime) {
  const [unit, board, admin, otherUnit, otherBoard] = await Promise.all([
    ApiClient.signIn(runtime.webUrl, 'donvi.halong'),
    ApiClient.signIn(runtime.webUrl, 'ban.quangninh'),
    ApiClient.signIn(runtime.webUrl, 'quantri'),
    ApiClient.signIn(runtime.webUrl, 'donvi.dongha'),
    ApiClient.signIn(runtime.webUrl, 'ban.quangtri'),
  ]);
  return { unit, board, admin, otherUnit, otherBoard };
}

export async function register(unit: ApiClient, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await unit.post('/api/models', registration(overrides));
  if (response.status !== 202) throw new Error(`register failed: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Waits until the model has a PENDING task for `stage` (opened by the workflow). */
export async function waitForStep(client: ApiClient, modelId: string, stage: string, round = 1) {
  return eventually(async () => {
    const { body } = await client.get(`/api/models/${modelId}`);
    const task = (body.tasks as { stage: string; status: string; round: number }[] | undefined)?.find(
      (t) => t.stage === stage && t.status === 'PENDING' && t.round >= round,
    );
    return task ? body : undefined;
  }, `${stage} (round ${round}) of ${modelId}`);
}

export async function describe(runtime: Runtime, modelId: string, which: Which) {
  return runtime.webDeps.sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(modelId, which) }));
}

export async function waitForExecution(runtime: Runtime, modelId: string, which: Which, status: string) {
  return eventually(
    async () => {
      const out = await describe(runtime, modelId, which).catch(() => undefined);
      return out?.status === status ? out : undefined;
    },
    `execution ${nameOf(modelId, which)} ${status}`,
  );
}

export async function history(runtime: Runtime, modelId: string, which: Which): Promise<HistoryEvent[]> {
  const out = await runtime.webDeps.sfn.send(
    new GetExecutionHistoryCommand({ executionArn: executionArn(modelId, which), maxResults: 1000 }),
  );
  return out.events ?? [];
}

/** Names of the lifecycle executions of a model still RUNNING, from the engine's own listing. */
export async function runningExecutionsOf(runtime: Runtime, modelId: string): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await runtime.webDeps.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: LIFECYCLE_ARN, statusFilter: 'RUNNING', maxResults: 1000, nextToken }),
    );
    names.push(...(page.executions ?? []).map((e) => e.name!).filter((name) => name.startsWith(`${modelId}-`)));
    nextToken = page.nextToken;
  } while (nextToken);
  return names.sort();
}

/** The status transitions of a model's audit timeline, as "FROM>TO" strings in order. */
export async function transitions(client: ApiClient, modelId: string): Promise<string[]> {
  const { body } = await client.get(`/api/models/${modelId}`);
  return (body.events as { type: string; from?: string; to?: string; at: string }[])
    .filter((e) => e.type === 'TRANSITION')
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((e) => `${e.from ?? ''}>${e.to}`);
}

/**
 * The board's appraisal along its chain (specialist scores, leader approves, committee
 * publishes): `board` holds all three roles in the demo. Scores every criterion at `scoreOf`.
 */
export async function appraise(board: ApiClient, modelId: string, proposal: Record<string, unknown>, scoreOf = (max: number) => max) {
  const { criteriaSet } = (await board.get(`/api/models/${modelId}/appraisal`)).body;
  if (!criteriaSet) throw new Error(`the board of ${modelId} has no criteria set: it decides directly`);
  const { criteria, approvalChain } = criteriaSet;
  const scored = await board.post(`/api/models/${modelId}/appraisal/scores`, {
    scores: criteria.map((c) => ({ criterionId: c.id, score: scoreOf(c.maxScore) })),
    proposal,
  });
  if (scored.status !== 200) throw new Error(`scoring failed: ${JSON.stringify(scored.body)}`);
  let last = scored;
  for (let step = 1; step < approvalChain.length; step++) {
    last = await board.post(`/api/models/${modelId}/appraisal/approve`);
    if (last.status !== 200) throw new Error(`approval failed: ${JSON.stringify(last.body)}`);
  }
  return last.body.published as { decisionId: string; outcome: string; status: string; delivery: string };
}

/** The administrator opens this cycle year's review (a no-op after the first time: late models then join it by themselves). */
export async function openReview(admin: ApiClient, year = THIS_YEAR) {
  const response = await admin.post('/api/reviews', { year });
  if (response.status !== 202) throw new Error(`review failed: ${JSON.stringify(response.body)}`);
  return response.body as { started: boolean; progress: { total: number; done: number; status: string } | null };
}

/**
 * The review of a year still to come, opened as on that year's 15 December: the app refuses a
 * future year (422), so a test that runs a model on into next year's cycle calls the use case
 * with that day's clock.
 */
export async function openReviewOf(runtime: Runtime, year: number, scope?: string) {
  const deps = { ...runtime.webDeps, now: () => new Date(`${year}-12-15T00:00:00Z`) };
  return startYearlyReview(deps, { kind: 'user', username: 'quantri', role: 'admin' }, { year, ...(scope ? { scope } : {}) });
}

/**
 * The real local runtime for one test file, with the demo people signed in: started before its
 * tests, stopped after. Read `ctx.runtime` and `ctx.users` inside the tests.
 */
export function useDemoRuntime(overrides?: Parameters<typeof startTestRuntime>[0]) {
  const ctx = {} as { runtime: Runtime; users: Awaited<ReturnType<typeof demoUsers>> };
  beforeAll(async () => {
    ctx.runtime = await startTestRuntime(overrides);
    ctx.users = await demoUsers(ctx.runtime);
  });
  afterAll(async () => ctx.runtime?.stop());
  return ctx;
}
