import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { periodOf } from '../../core/model.ts';
import { cycleYearAt } from '../../core/rules.ts';
import { newModelItem } from '../../core/store/model-store.ts';
import { transact } from '../../core/store/dynamo.ts';
import { ApiClient, registration, type AppraisalTrail } from '../support/api-client.ts';
import { demoUsers, openReview, register, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { objectContaining, stringContaining, stringMatching } from '../support/matchers.ts';

/**
 * Security review, finding 9: a board recognized above its own level (a provincial board granted
 * CENTRAL), a specialist alone decided an appraisal in a period without criteria (the board's
 * approval chain was skipped), and units registered for any year 2009–2100.
 * Rules now: a recognition is at the board's level or below (422 `level`); the chain applies
 * whenever the board has one (409 on a direct decision); a registration is for this cycle year
 * or the next, by the runtime's clock (422 `year`).
 */
let runtime: Runtime;
let users: Awaited<ReturnType<typeof demoUsers>>;
let specialist: ApiClient;
/** The cycle year now (Vietnam time), from the runtime's own clock. */
let YEAR: number;
const counts = { attacksTried: 0, attacksDenied: 0 };
/** One attack: tried, and denied when `denied` holds. */
function attack(denied: boolean) {
  counts.attacksTried++;
  if (denied) counts.attacksDenied++;
}

beforeAll(async () => {
  runtime = await startTestRuntime();
  users = await demoUsers(runtime);
  specialist = await ApiClient.signIn(runtime.webUrl, 'chuyenvien.qn');
  YEAR = cycleYearAt(runtime.webDeps.now());
});
afterAll(async () => {
  recordCounts('recognition-level-chain-year', counts);
  await runtime?.stop();
});

/** A model of `unit`, accepted by `board`, reported, waiting for appraisal in YEAR. */
async function waitingForAppraisal(unit: ApiClient, board: ApiClient, overrides: Record<string, unknown> = {}) {
  const id = await register(unit, { year: YEAR, ...overrides });
  await waitForStep(board, id, 'REGISTRATION_REVIEW');
  expect((await board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
  await waitForStep(users.admin, id, 'YEARLY_REVIEW');
  await openReview(users.admin, YEAR);
  await waitForStep(unit, id, 'YEARLY_REPORT');
  expect((await unit.post(`/api/models/${id}/report`, { report: 'Đã vận động 120 hộ tham gia.' })).status).toBe(200);
  await waitForStep(board, id, 'APPRAISAL');
  return id;
}

describe('finding 9: recognition level, approval chain, registration year', () => {
  it('a provincial board cannot recognize at the central level, directly or along its chain (422, field level)', async () => {
    // Quảng Trị decides directly (no criteria set): CENTRAL is above its own PROVINCE level.
    const direct = await waitingForAppraisal(users.otherUnit, users.otherBoard);
    const central = await users.otherBoard.post(`/api/models/${direct}/decisions`, {
      stage: 'APPRAISAL',
      outcome: 'RECOGNIZE',
      level: 'CENTRAL',
    });
    attack(central.status === 422);
    expect(central.status).toBe(422);
    expect(central.error?.code).toBe('RuleViolationError');
    expect(central.error?.fields).toEqual([
      {
        field: 'level',
        reason: stringMatching(/không công nhận Trung ương$/),
        key: 'reason.levelAboveBoard',
        params: objectContaining({ level: 'CENTRAL' }),
      },
    ]);
    const untouched = (await users.otherBoard.get(`/api/models/${direct}`)).body;
    expect(untouched.model).toMatchObject({ status: 'REPORTED', recognitions: [] });
    expect(untouched.decisions.filter((d: { stage: string }) => d.stage === 'APPRAISAL')).toEqual([]);
    // Its own level (and below) is fine; the decision number was not used up by the refusal.
    const province = await users.otherBoard.post(`/api/models/${direct}/decisions`, {
      stage: 'APPRAISAL',
      outcome: 'RECOGNIZE',
      level: 'PROVINCE',
    });
    expect(province.body).toMatchObject({ status: 'RECOGNIZED' });
    expect((await users.otherBoard.get(`/api/models/${direct}`)).body.model.recognitions).toEqual([
      expect.objectContaining({ level: 'PROVINCE', number: '1/QĐ-BDV' }),
    ]);

    // Quảng Ninh scores along its chain: the specialist's proposal is refused before anything is saved.
    const chained = await waitingForAppraisal(users.unit, users.board);
    const criteriaSet = (await specialist.get(`/api/models/${chained}/appraisal`)).body.criteriaSet!;
    const scores = criteriaSet.criteria.map((c) => ({ criterionId: c.id, score: c.maxScore }));
    const proposed = await specialist.post(`/api/models/${chained}/appraisal/scores`, {
      scores,
      proposal: { outcome: 'RECOGNIZE', level: 'CENTRAL' },
    });
    attack(proposed.status === 422);
    expect(proposed.status).toBe(422);
    expect(proposed.error?.fields).toEqual([
      expect.objectContaining({ field: 'proposal.level', key: 'reason.levelAboveBoard', params: objectContaining({ level: 'CENTRAL' }) }),
    ]);
    expect((await specialist.get(`/api/models/${chained}/appraisal`)).body.appraisal).toBeNull();
    // The district level is gone since 1 July 2025: 422 for its field, with the reason in the request's language.
    const district = await specialist.post(`/api/models/${chained}/appraisal/scores`, {
      scores,
      proposal: { outcome: 'RECOGNIZE', level: 'DISTRICT' },
    });
    expect(district.status).toBe(422);
    expect(district.error?.fields).toEqual([
      expect.objectContaining({ field: 'proposal.level', key: 'reason.levelAbolished', reason: stringContaining('01/07/2025') }),
    ]);
    expect(
      (await specialist.post(`/api/models/${chained}/appraisal/scores`, { scores, proposal: { outcome: 'RECOGNIZE', level: 'PROVINCE' } }))
        .status,
    ).toBe(200);
  });

  it('a board with an approval chain never decides an appraisal directly, even in a period without criteria', async () => {
    // A board whose only criteria set is for the previous period: its chain is specialist → leader.
    const period = periodOf(YEAR);
    const start = Number(period.slice(0, 4));
    const admin = users.admin;
    expect(
      (await admin.call('PUT', '/api/boards', { id: 'ban-thu-chuoi', name: 'Ban Dân vận thử chuỗi', level: 'PROVINCE', unitId: 'tinh-qn' }))
        .status,
    ).toBe(200);
    expect(
      (
        await admin.call('PUT', '/api/units', {
          id: 'xa-thu-chuoi',
          name: 'Xã Thử Chuỗi',
          type: 'COMMUNE',
          level: 'COMMUNE',
          parentId: 'tinh-qn',
          boardId: 'ban-thu-chuoi',
        })
      ).status,
    ).toBe(200);
    const password = 'Chuoi@2026-thu';
    for (const account of [
      { username: 'donvi.thuchuoi', displayName: 'Cán bộ Xã Thử Chuỗi', role: 'unit', unitId: 'xa-thu-chuoi', password },
      {
        username: 'chuyenvien.thuchuoi',
        displayName: 'Chuyên viên',
        role: 'board',
        boardId: 'ban-thu-chuoi',
        boardRoles: ['SPECIALIST'],
        password,
      },
      { username: 'lanhdao.thuchuoi', displayName: 'Lãnh đạo', role: 'board', boardId: 'ban-thu-chuoi', boardRoles: ['LEADER'], password },
    ])
      expect((await admin.call('PUT', '/api/accounts', account)).status).toBe(200);
    const criteria = {
      boardId: 'ban-thu-chuoi',
      period: `${start - 5}-${start - 1}`,
      kind: 'MODEL',
      criteria: [{ id: 'hieu-qua', name: 'Hiệu quả', maxScore: 10 }],
      approvalChain: ['SPECIALIST', 'LEADER'],
    };
    expect((await admin.call('PUT', '/api/criteria', criteria)).status).toBe(200);
    const signIn = (name: string) => ApiClient.signIn(runtime.webUrl, name, password);
    const [unit, chainSpecialist, chainLeader] = await Promise.all([
      signIn('donvi.thuchuoi'),
      signIn('chuyenvien.thuchuoi'),
      signIn('lanhdao.thuchuoi'),
    ]);

    const id = await waitingForAppraisal(unit, chainSpecialist);
    // The attack: the specialist alone decides the appraisal (no criteria set for this period).
    for (const body of [
      { stage: 'APPRAISAL', outcome: 'CONTINUE' },
      { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'PROVINCE' },
    ]) {
      const alone = await chainSpecialist.post(`/api/models/${id}/decisions`, body);
      attack(alone.status === 409);
      expect(alone.status).toBe(409);
      expect(alone.error).toMatchObject({ key: 'error.useAppraisalFlow', message: stringMatching(/quy trình phê duyệt/) });
    }
    // The leader cannot skip the specialist either.
    const leaderAlone = await chainLeader.post(`/api/models/${id}/decisions`, { stage: 'APPRAISAL', outcome: 'CONTINUE' });
    attack(leaderAlone.status === 409);
    expect(leaderAlone.status).toBe(409);
    expect((await unit.get(`/api/models/${id}`)).body.model.status).toBe('REPORTED');
    // The board's model page offers the chain's proposal form, not the direct decision forms.
    const page = (await chainSpecialist.get(`/models/${id}`)).body as string;
    expect(page).toContain('id="score-form"');
    expect(page).not.toContain(`action="/models/${id}/decide`);

    // The chain applies with nothing to score: the specialist proposes, the leader publishes.
    const { criteriaSet } = (await chainSpecialist.get(`/api/models/${id}/appraisal`)).body;
    expect(criteriaSet).toMatchObject({ period, criteria: [], approvalChain: ['SPECIALIST', 'LEADER'] });
    const scored = await chainSpecialist.post(`/api/models/${id}/appraisal/scores`, { scores: [], proposal: { outcome: 'CONTINUE' } });
    expect(scored.body.appraisal).toMatchObject({ status: 'IN_APPROVAL', step: 1, total: 0, maxTotal: 0 });
    const selfApproval = await chainSpecialist.post(`/api/models/${id}/appraisal/approve`);
    attack(selfApproval.status === 403);
    expect(selfApproval.status).toBe(403);
    const published = await chainLeader.post(`/api/models/${id}/appraisal/approve`);
    expect(published.body.published).toMatchObject({ status: 'CONTINUING' });
    const decision = (await unit.get(`/api/models/${id}`)).body.decisions.find((d) => d.stage === 'APPRAISAL')!;
    expect((decision.details.trail as AppraisalTrail).map((t) => `${t.role}:${t.action}`)).toEqual([
      'SPECIALIST:SCORED',
      'LEADER:PUBLISHED',
    ]);
  });

  it('a unit registers for this cycle year or the next only (422, field year), by the runtime clock', async () => {
    const before = (await users.unit.get('/api/models')).body.models.length;
    for (const year of [2009, YEAR - 1, YEAR + 2, 2100]) {
      for (const submit of [true, false]) {
        const response = await users.unit.post(`/api/models${submit ? '' : '?submit=false'}`, registration({ year }));
        attack(response.status === 422);
        expect(response.status, `${year}`).toBe(422);
        expect(response.error).toMatchObject({
          code: 'RuleViolationError',
          fields: [
            {
              field: 'year',
              reason: `chỉ đăng ký cho năm ${YEAR} hoặc ${YEAR + 1}`,
              key: 'reason.registrationYear',
              params: { current: YEAR, next: YEAR + 1 },
            },
          ],
        });
      }
    }
    expect((await users.unit.get('/api/models')).body.models.length).toBe(before);
    expect((await users.unit.post('/api/models', registration({ year: YEAR }))).status).toBe(202);
    const next = await users.unit.post('/api/models?submit=false', registration({ year: YEAR + 1 }));
    expect(next.status).toBe(201);

    // A draft cannot be moved out of the window, nor submitted once its year has gone by.
    const moved = await users.unit.call('PUT', `/api/models/${next.body.id}`, registration({ year: YEAR - 1 }));
    attack(moved.status === 422);
    expect(moved.status).toBe(422);
    const draft = (await users.unit.post('/api/models?submit=false', registration({ year: YEAR }))).body.id;
    const realNow = runtime.webDeps.now;
    try {
      // Two years on, by the runtime's clock: YEAR is past.
      runtime.webDeps.now = () => new Date(`${YEAR + 2}-06-01T03:00:00Z`);
      const late = await users.unit.post(`/api/models/${draft}/submit`);
      attack(late.status === 422);
      expect(late.status).toBe(422);
      expect((await users.unit.get(`/api/models/${draft}`)).body.model.status).toBe('DRAFT');
      expect((await users.unit.post('/api/models?submit=false', registration({ year: YEAR + 2 }))).status).toBe(201);
      // The cycle year is Vietnam's: 31 December 17:30 UTC is already 1 January there.
      runtime.webDeps.now = () => new Date(`${YEAR}-12-31T17:30:00Z`);
      const lastYear = await users.unit.post('/api/models?submit=false', registration({ year: YEAR }));
      attack(lastYear.status === 422);
      expect(lastYear.status).toBe(422);
      expect((await users.unit.post('/api/models?submit=false', registration({ year: YEAR + 2 }))).status).toBe(201);
    } finally {
      runtime.webDeps.now = realNow;
    }
  });

  it('a replica is registered within the same window', async () => {
    const recognized = (await users.unit.get('/api/public/models')).body.items.find((i) => i.unitId === 'phuong-dong-ha')!;
    expect(recognized).toBeDefined();
    const quangla = await ApiClient.signIn(runtime.webUrl, 'donvi.quangla');
    const far = await quangla.post(`/api/models/${recognized.id}/replicate`, { year: YEAR + 3 });
    attack(far.status === 422);
    expect(far.status).toBe(422);
    expect(far.error?.fields).toEqual([expect.objectContaining({ field: 'year' })]);
    expect((await users.otherUnit.get(`/api/models/${recognized.id}/lineage`)).body.replicationCount).toBe(0);
    expect((await quangla.post(`/api/models/${recognized.id}/replicate`)).status).toBe(201);
  });

  it('a model registered before the rule (for 2009) is still readable', async () => {
    const at = '2009-05-01T02:00:00.000Z';
    const old = {
      ...registration({ year: 2009 }),
      tags: [],
      targetLevel: 'COMMUNE' as const,
      indicators: [],
      period: '2006-2010',
      id: `old-2009-${YEAR}`,
      unitId: 'phuong-ha-long',
      boardId: 'ban-tinh-qn',
      status: 'IMPLEMENTING' as const,
      cycleYear: 2009,
      version: 3,
      createdAt: at,
      updatedAt: at,
      recognitions: [],
    };
    await transact(
      runtime.webDeps.db,
      [newModelItem(runtime.webDeps.tableName, old as Parameters<typeof newModelItem>[1])],
      'error.modelIdCollision',
    );
    for (const reader of [users.unit, users.board, users.admin]) {
      const { status, body } = await reader.get(`/api/models/${old.id}`);
      expect(status).toBe(200);
      expect(body.model).toMatchObject({ year: 2009, cycleYear: 2009, status: 'IMPLEMENTING' });
    }
    expect((await users.board.get('/api/models')).body.models.map((m: { id: string }) => m.id)).toContain(old.id);
    expect((await users.board.get(`/models/${old.id}`)).status).toBe(200);
  });
});
