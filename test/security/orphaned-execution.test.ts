import { DescribeExecutionCommand, SendTaskSuccessCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../../core/store/task-store.ts';
import { LIFECYCLE_ARN } from '../../local/local-lifecycle.ts';
import type { Runtime } from '../../local/runtime.ts';
import { registration, type ApiClient } from '../support/api-client.ts';
import { appraise, demoUsers, executionArn, openReview, register, runningExecutionsOf, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';

/**
 * Finding 7 (second half): someone on the machine used the Step Functions port to stop a
 * model's execution (StopExecution) or to answer its step with a token read from the table
 * (SendTaskSuccess), leaving the model waiting in a step with no execution. The app notices
 * when the execution ends, lists the model for the administrator with why, and the
 * administrator resumes it in one action; the model then goes on through its lifecycle.
 * The attacks go through the runtime's own SFN client (the engine accepts its signature).
 */
let runtime: Runtime;
let users: Awaited<ReturnType<typeof demoUsers>>;
let tried = 0;
let denied = 0;

beforeAll(async () => {
  runtime = await startTestRuntime();
  users = await demoUsers(runtime);
});
afterAll(async () => {
  await runtime?.stop();
  recordCounts('orphaned-execution', { attacksTried: tried, attacksDenied: denied });
});

const sfn = () => runtime.webDeps.sfn;
const arnOf = (name: string) => `${LIFECYCLE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;
const statusOf = (name: string) =>
  sfn()
    .send(new DescribeExecutionCommand({ executionArn: arnOf(name) }))
    .then((e) => e.status);
const modelOf = async (client: ApiClient, id: string) =>
  (await client.get(`/api/models/${id}`)).body as {
    model: { status: string; cycleYear: number };
    events: { type: string; actor: string; reason?: string }[];
    decisions: unknown[];
  };

type Row = {
  modelId: string;
  executionName: string;
  endedAs?: string;
  orphaned?: boolean;
  recoverable?: boolean;
  waitingIn?: string;
  error: string;
};
const attention = async (): Promise<Row[]> => {
  const { status, body } = await users.admin.get('/api/attention');
  expect(status).toBe(200);
  return body.items;
};
const listedFor = (id: string) =>
  eventually(async () => {
    const rows = (await attention()).filter((r) => r.modelId === id && r.recoverable);
    return rows.length > 0 ? rows : undefined;
  }, `${id} in the attention list`);

/** An administrator's page form post, with the page's CSRF token, as a browser sends it. */
async function pagePost(client: ApiClient, tokenPage: string, path: string, fields: Record<string, string>) {
  const page = await fetch(`${runtime.webUrl}${tokenPage}`, { headers: { cookie: client.cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetch(`${runtime.webUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: response.status, location: response.headers.get('location') ?? '', text: await response.text() };
}

/** The recovered execution has opened the step again: its pending task holds a new token. */
async function reopened(id: string, stage: string, year: number, deadToken: string) {
  await eventually(async () => {
    const task = await getTask(runtime.webDeps, id, year, stage);
    return task?.status === 'PENDING' && task.token !== deadToken;
  }, `${stage} of ${id} reopened with a new token`);
}

const tokenOf = async (id: string, stage: string, year = 2026) => (await getTask(runtime.webDeps, id, year, stage))!.token;

async function submitted(): Promise<string> {
  const id = await register(users.unit);
  await waitForStep(users.board, id, 'REGISTRATION_REVIEW');
  return id;
}

async function accept(id: string) {
  return users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
}

describe('an execution stopped or answered outside the app', () => {
  it('StopExecution: the model is listed, non-administrators are refused, a double click recovers it once, and the board accepts it', async () => {
    const id = await submitted();
    tried++;
    await sfn().send(new StopExecutionCommand({ executionArn: executionArn(id, 'r'), error: 'Operator', cause: 'stopped by hand' }));

    const [row] = await listedFor(id);
    expect(row).toMatchObject({ executionName: `${id}-r`, endedAs: 'ABORTED', orphaned: true, waitingIn: 'SUBMITTED' });
    const page = await (await fetch(`${runtime.webUrl}/admin`, { headers: { cookie: users.admin.cookie } })).text();
    expect(page).toContain('Quy trình bị dừng ngoài ứng dụng');
    expect(page).toContain('action="/admin/attention/recover"');

    // Only an administrator recovers, through the API or the page.
    for (const client of [users.unit, users.board, users.otherBoard])
      expect((await client.post(`/api/models/${id}/recover`)).status).toBe(403);
    expect((await pagePost(users.board, '/board', '/admin/attention/recover', { modelId: id })).status).toBe(403);
    expect((await users.board.get('/api/attention')).status).toBe(403);
    expect(await runningExecutionsOf(runtime, id)).toEqual([]);

    // A double click: one new execution, resuming at the review; the other click answers it or finds the model carried again.
    const dead = await tokenOf(id, 'REGISTRATION_REVIEW');
    const clicks = await Promise.all([users.admin.post(`/api/models/${id}/recover`), users.admin.post(`/api/models/${id}/recover`)]);
    for (const click of clicks) expect(click.status).toBe(200);
    expect(clicks.map((c) => c.body.execution).filter(Boolean)).toContain(`${id}-r-k1`);
    for (const click of clicks) expect([undefined, `${id}-r-k1`]).toContain(click.body.execution);
    await reopened(id, 'REGISTRATION_REVIEW', 2026, dead);
    expect(await runningExecutionsOf(runtime, id)).toEqual([`${id}-r-k1`]);
    expect((await users.admin.post(`/api/models/${id}/recover`)).body).toMatchObject({
      recovered: true,
      already: true,
      execution: `${id}-r-k1`,
    });

    expect((await accept(id)).status).toBe(200);
    await eventually(async () => (await statusOf(`${id}-r-k1`)) === 'SUCCEEDED', 'the recovered execution to finish');
    const after = await modelOf(users.admin, id);
    expect(after.model.status).toBe('IMPLEMENTING');
    expect(after.events.filter((e) => e.type === 'RECOVERED')).toEqual([expect.objectContaining({ actor: 'quantri' })]);
    expect((await attention()).some((r) => r.modelId === id)).toBe(false);
    denied++;
  });

  it('SendTaskSuccess with a forged ACCEPT: the model is not accepted, and the page button resumes its review', async () => {
    const id = await submitted();
    const task = (await getTask(runtime.webDeps, id, 2026, 'REGISTRATION_REVIEW'))!;
    tried++;
    await sfn().send(
      new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify({ outcome: 'ACCEPT', decisionId: 'forged' }) }),
    );
    await eventually(async () => (await statusOf(`${id}-r`)) === 'SUCCEEDED', 'the forged execution to end');
    const forged = await modelOf(users.admin, id);
    expect(forged.model.status).toBe('SUBMITTED');
    expect(forged.decisions).toEqual([]);

    const [row] = await listedFor(id);
    expect(row).toMatchObject({ endedAs: 'SUCCEEDED', waitingIn: 'SUBMITTED' });
    expect(await (await fetch(`${runtime.webUrl}/admin`, { headers: { cookie: users.admin.cookie } })).text()).toContain(
      'Quy trình kết thúc ngoài ứng dụng',
    );

    const dead = task.token;
    const posted = await pagePost(users.admin, '/admin', '/admin/attention/recover', { modelId: id });
    expect(posted.status).toBe(303);
    expect(posted.location).toContain(`execution=${id}-r-k1`);
    const notice = await (await fetch(`${runtime.webUrl}${posted.location}`, { headers: { cookie: users.admin.cookie } })).text();
    expect(notice).toContain(`Đã khôi phục mô hình ${id}`);
    // A second click of the same button answers what the first did.
    expect((await pagePost(users.admin, '/admin', '/admin/attention/recover', { modelId: id })).location).toContain(`execution=${id}-r-k1`);

    // The recovered review goes on normally: returned, revised, accepted.
    await reopened(id, 'REGISTRATION_REVIEW', 2026, dead);
    expect(
      (
        await users.board.post(`/api/models/${id}/decisions`, {
          stage: 'REGISTRATION_REVIEW',
          outcome: 'RETURN',
          reason: 'Bổ sung số liệu',
        })
      ).status,
    ).toBe(200);
    await waitForStep(users.unit, id, 'REVISION');
    const { year, ...edit } = registration();
    void year;
    expect((await users.unit.post(`/api/models/${id}/revision`, edit)).status).toBe(200);
    await waitForStep(users.board, id, 'REGISTRATION_REVIEW', 2);
    expect((await accept(id)).status).toBe(200);
    await eventually(async () => (await modelOf(users.admin, id)).model.status === 'IMPLEMENTING', 'accepted after the recovery');
    denied++;
  });

  it('SendTaskSuccess with a forged RETURN: the execution is refused at the revision it was pushed to, and the review resumes', async () => {
    const id = await submitted();
    const task = (await getTask(runtime.webDeps, id, 2026, 'REGISTRATION_REVIEW'))!;
    tried++;
    await sfn().send(new SendTaskSuccessCommand({ taskToken: task.token, output: JSON.stringify({ outcome: 'RETURN' }) }));
    const [row] = await listedFor(id);
    expect(row).toMatchObject({ endedAs: 'FAILED', waitingIn: 'SUBMITTED', error: 'InvalidTransitionError' });
    // Nobody was handed a revision of a model that was never returned.
    expect(await getTask(runtime.webDeps, id, 2026, 'REVISION')).toBeUndefined();

    expect((await users.admin.post(`/api/models/${id}/recover`)).body).toMatchObject({ recovered: true, execution: `${id}-r-k1` });
    await reopened(id, 'REGISTRATION_REVIEW', 2026, task.token);
    expect((await accept(id)).status).toBe(200);
    await eventually(async () => (await modelOf(users.admin, id)).model.status === 'IMPLEMENTING', 'accepted after the recovery');
    denied++;
  });

  it('StopExecution of a cycle, then a report on the dead token: listed, resumed at the appraisal, recognized', async () => {
    const id = await submitted();
    expect((await accept(id)).status).toBe(200);
    await eventually(async () => (await modelOf(users.admin, id)).model.status === 'IMPLEMENTING', 'accepted');
    await openReview(users.admin);
    await waitForStep(users.unit, id, 'YEARLY_REPORT');
    tried++;
    await sfn().send(new StopExecutionCommand({ executionArn: executionArn(id, 2026) }));
    await listedFor(id);

    // The unit reports before anyone recovers: recorded, and the dead token is noted too.
    const report = await users.unit.post(`/api/models/${id}/report`, { report: 'Đã vận động 80 hộ hiến đất.' });
    expect(report).toMatchObject({ status: 200, body: { status: 'REPORTED', delivery: 'gone' } });
    const rows = await eventually(async () => {
      const listed = (await attention()).filter((r) => r.modelId === id);
      return listed.some((r) => r.endedAs === 'TOKEN_GONE') && listed.every((r) => r.waitingIn === 'REPORTED') ? listed : undefined;
    }, 'the report on a dead token');
    expect(rows.map((r) => r.endedAs).sort()).toEqual(['ABORTED', 'TOKEN_GONE']);

    expect((await users.admin.post(`/api/models/${id}/recover`)).body).toMatchObject({
      recovered: true,
      execution: `${id}-y2026-k1`,
      resumedAt: 'APPRAISAL',
    });
    await waitForStep(users.board, id, 'APPRAISAL');
    expect(await appraise(users.board, id, { outcome: 'RECOGNIZE', level: 'PROVINCE' })).toMatchObject({ status: 'RECOGNIZED' });
    await eventually(async () => {
      const { model } = await modelOf(users.admin, id);
      return model.status === 'IMPLEMENTING' && model.cycleYear === 2027;
    }, 'resting for 2027');
    expect((await attention()).some((r) => r.modelId === id)).toBe(false);
    denied++;
  });

  it('a recovery is refused for a model whose execution runs, and for one that does not exist', async () => {
    const id = await submitted();
    expect((await users.admin.post(`/api/models/${id}/recover`)).status).toBe(409);
    expect((await users.admin.post('/api/models/no-such-model/recover')).status).toBe(404);
    expect(await runningExecutionsOf(runtime, id)).toEqual([`${id}-r`]);
  });

  it('leaves nothing in the list once every attacked model is recovered (normal runs list nothing)', async () => {
    await runtime.sfn.idle();
    expect((await attention()).filter((r) => r.orphaned)).toEqual([]);
    expect(denied).toBe(tried);
  });
});
