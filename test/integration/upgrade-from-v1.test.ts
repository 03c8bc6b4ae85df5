import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { restoreTables } from '../../local/backup.ts';
import { LIFECYCLE_ARN, LOCAL_REGION } from '../../local/local-lifecycle.ts';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient } from '../support/api-client.ts';
import { appraise, openReviewOf, runningExecutionsOf, waitForStep } from '../support/lifecycle-driver.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

/**
 * Data written by v1 (test/fixtures/v1-data: one execution per model per year, parked in every
 * waiting state, two steps overdue) keeps moving after the upgrade: `npm start`'s migration hands
 * each waiting step to the new executions, and every model is then driven on through the API.
 * The fixture's years (2026, 2027) are v1's data, not the clock: reviews are opened for them as
 * they are; only a draft, which registers anew, meets the registration window (core/rules.ts).
 */
type FixtureModel = {
  id: string;
  status: string;
  cycleYear: number;
  boardId: string;
  unitId: string;
  waitingStage: string | null;
  executionName: string | null;
  executionStatus: string | null;
};
const FIXTURE = new URL('../fixtures/v1-data/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', FIXTURE), 'utf8')) as { models: FixtureModel[] };
const tableName = `v1-${randomUUID().slice(0, 8)}`;
let runtime: Runtime;
let people: Record<string, ApiClient>;

beforeAll(async () => {
  const [app, engine] = ['app.jsonl', 'engine.jsonl'].map((f) => readFileSync(new URL(f, FIXTURE), 'utf8').split('\n').filter(Boolean));
  type Header = { counts: { app: number; engine: number } };
  const [appHeader, engineHeader] = [app![0]!, engine![0]!].map((line) => JSON.parse(line) as Header);
  const header = { ...appHeader, counts: { app: appHeader!.counts.app, engine: engineHeader!.counts.engine } };
  const merged = join(mkdtempSync(join(tmpdir(), 'v1-')), 'merged.jsonl');
  writeFileSync(merged, [JSON.stringify(header), ...app!.slice(1), ...engine!.slice(1)].join('\n') + '\n');
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await restoreTables(client, tableName, merged);
  runtime = await startTestRuntime({ tableName });
  const names = {
    'phuong-ha-long': 'donvi.halong',
    'xa-quang-la': 'donvi.quangla',
    'phuong-dong-ha': 'donvi.dongha',
    'ban-tinh-qn': 'ban.quangninh',
    'ban-tinh-qt': 'ban.quangtri',
    admin: 'quantri',
  };
  people = Object.fromEntries(
    await Promise.all(Object.entries(names).map(async ([who, user]) => [who, await ApiClient.signIn(runtime.webUrl, user)] as const)),
  );
}, 180_000);
afterAll(async () => runtime?.stop());

/** What a unit sends back of its model: the registration's fields, without the year. */
const editable = (model: Record<string, unknown>) => {
  const keep = [
    'name',
    'situation',
    'objectives',
    'content',
    'targetGroup',
    'forces',
    'resources',
    'outputs',
    'sustainability',
    'kind',
    'area',
    'tags',
    'targetLevel',
    'indicators',
  ];
  return Object.fromEntries(Object.entries(model).filter(([k]) => keep.includes(k)));
};
const of = (status: string, boardId?: string) => manifest.models.filter((m) => m.status === status && (!boardId || m.boardId === boardId));
const statusOf = async (m: FixtureModel) =>
  (await people[m.unitId]!.get(`/api/models/${m.id}`)).body.model as { status: string; cycleYear: number };
const decide = (m: FixtureModel, body: Record<string, unknown>) => people[m.boardId]!.post(`/api/models/${m.id}/decisions`, body);
const appraiseModel = async (m: FixtureModel) => {
  if (m.boardId === 'ban-tinh-qt') return (await decide(m, { stage: 'APPRAISAL', outcome: 'CONTINUE' })).body;
  return appraise(people[m.boardId]!, m.id, { outcome: 'RECOGNIZE', level: 'COMMUNE' }).catch(async () => {
    // Scored by the specialist before the upgrade: the chain goes on from there.
    await people[m.boardId]!.post(`/api/models/${m.id}/appraisal/approve`);
    return (await people[m.boardId]!.post(`/api/models/${m.id}/appraisal/approve`)).body.published;
  });
};

describe('an upgrade from v1', () => {
  it('stops every v1 execution once its step has moved on, and leaves none running', async () => {
    for (const m of manifest.models.filter((x) => x.executionStatus === 'RUNNING')) {
      const arn = `${LIFECYCLE_ARN.replace(':stateMachine:', ':execution:')}:${m.executionName}`;
      const v1 = await runtime.webDeps.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      expect(v1, m.executionName!).toMatchObject({ status: 'ABORTED', error: 'Upgraded' });
    }
    // Models that only wait for a review hold no execution any more.
    for (const m of of('IMPLEMENTING')) expect(await runningExecutionsOf(runtime, m.id)).toEqual([]);
  });

  it('lets every waiting model go on: reviews, revisions, reports, appraisals, and the next reviews', { timeout: 240_000 }, async () => {
    for (const m of of('SUBMITTED')) {
      await waitForStep(people[m.boardId]!, m.id, 'REGISTRATION_REVIEW');
      expect((await decide(m, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).body).toMatchObject({
        status: 'IMPLEMENTING',
        delivery: 'delivered',
      });
    }
    for (const m of of('RETURNED')) {
      const unit = people[m.unitId]!;
      await waitForStep(unit, m.id, 'REVISION');
      const fields = (await unit.get(`/api/models/${m.id}`)).body.model as Record<string, unknown>;
      const revised = await unit.post(`/api/models/${m.id}/revision`, editable(fields));
      expect(revised.status, JSON.stringify(revised.body)).toBe(200);
      await waitForStep(people[m.boardId]!, m.id, 'REGISTRATION_REVIEW', 2);
      expect((await decide(m, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
    }
    // Quảng Ninh's 2026 review was open in v1: its newly accepted models joined it at once.
    for (const m of [...of('SUBMITTED', 'ban-tinh-qn'), ...of('RETURNED', 'ban-tinh-qn'), ...of('REPORTING')]) {
      await waitForStep(people[m.unitId]!, m.id, 'YEARLY_REPORT');
      expect((await people[m.unitId]!.post(`/api/models/${m.id}/report`, { report: 'Kết quả sau khi nâng cấp phần mềm' })).status).toBe(
        200,
      );
    }
    // Quảng Trị's 2026 review opens now and starts the cycles of its resting models (v1's and the new ones).
    const qtResting = [...of('IMPLEMENTING', 'ban-tinh-qt'), ...of('SUBMITTED', 'ban-tinh-qt'), ...of('RETURNED', 'ban-tinh-qt')];
    expect((await people.admin!.post('/api/reviews', { year: 2026, scope: 'ban-tinh-qt' })).status).toBe(202);
    await eventually(
      async () => (await people.admin!.get('/api/reviews/ban-tinh-qt/2026')).body?.status === 'COMPLETED',
      'the Quảng Trị review',
    );
    expect((await people.admin!.get('/api/reviews/ban-tinh-qt/2026')).body).toMatchObject({
      total: qtResting.length,
      done: qtResting.length,
      failed: 0,
    });
    for (const m of qtResting) {
      await waitForStep(people[m.unitId]!, m.id, 'YEARLY_REPORT');
      expect((await people[m.unitId]!.post(`/api/models/${m.id}/report`, { report: 'Báo cáo năm 2026' })).status).toBe(200);
    }
    const appraised = [...of('REPORTED'), ...of('REPORTING'), ...of('SUBMITTED'), ...of('RETURNED'), ...of('IMPLEMENTING', 'ban-tinh-qt')];
    for (const m of appraised) {
      await waitForStep(people[m.boardId]!, m.id, 'APPRAISAL');
      await appraiseModel(m);
      await eventually(
        async () => (await statusOf(m)).cycleYear === 2027 && (await statusOf(m)).status === 'IMPLEMENTING',
        `${m.id} resting for 2027`,
      );
    }
    // The models v1 had already moved to 2027 wait for that review, and it starts their cycles.
    // A year still to come (the API refuses it): opened as on its 15 December.
    expect(await openReviewOf(runtime, 2027, 'ban-tinh-qn')).toMatchObject({ started: true });
    for (const m of of('IMPLEMENTING', 'ban-tinh-qn')) await waitForStep(people[m.unitId]!, m.id, 'YEARLY_REPORT');
    // Drafts were never started: they submit as new registrations, for this cycle year or the
    // next. A v1 draft saved for a year that has gone by since is refused, edited, then submitted.
    for (const m of of('DRAFT').filter((d) => d.cycleYear === 2026)) {
      const unit = people[m.unitId]!;
      if (m.cycleYear < THIS_YEAR) {
        expect((await unit.post(`/api/models/${m.id}/submit`)).status).toBe(422);
        const fields = (await unit.get(`/api/models/${m.id}`)).body.model as Record<string, unknown>;
        const edited = await unit.call('PUT', `/api/models/${m.id}`, { ...editable(fields), year: THIS_YEAR });
        expect(edited.status, JSON.stringify(edited.body)).toBe(200);
      }
      expect((await unit.post(`/api/models/${m.id}/submit`)).status).toBe(202);
      await waitForStep(people[m.boardId]!, m.id, 'REGISTRATION_REVIEW');
    }
  });

  it('runs the upgrade once: a second start finds nothing to do', async () => {
    const { upgradeV1Executions } = await import('../../core/use-cases/upgrade-executions.ts');
    const { migrationDone } = await import('../../core/store/migration-store.ts');
    expect(await migrationDone(runtime.webDeps, 'v1-executions')).toBe(true);
    expect(await upgradeV1Executions(runtime.webDeps)).toMatchObject({ examined: 0, resumed: 0, rested: 0 });
  });
});
