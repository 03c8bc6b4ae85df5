import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { register, waitForStep } from '../support/lifecycle-driver.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

/**
 * Every role against every endpoint, on its own scope and on foreign units and jurisdictions.
 * A = anonymous, U = the owning unit (donvi.halong), US = another unit of the same board
 * (donvi.quangla), UO = a unit of another province (donvi.dongha), B = the board (ban.quangninh),
 * BO = another province's board (ban.quangtri), AD = the administrator.
 */
const ACTORS = ['A', 'U', 'US', 'UO', 'B', 'BO', 'AD'] as const;
type Who = (typeof ACTORS)[number];
const LOGINS: Record<Exclude<Who, 'A'>, string> = {
  U: 'donvi.halong',
  US: 'donvi.quangla',
  UO: 'donvi.dongha',
  B: 'ban.quangninh',
  BO: 'ban.quangtri',
  AD: 'quantri',
};
/** Refusals: not signed in, not allowed, or (outside the scope) not even there. */
const DENIED = [401, 403, 404];
/**
 * Inside its own scope, a wrong role may be told first that the lifecycle does not allow the
 * step now (409, e.g. a board "reporting" for a unit); the table check proves nothing changed.
 */
const DENIED_IN_SCOPE = [...DENIED, 409];
const IN_SCOPE: Who[] = ['U', 'B', 'AD'];

let runtime: Runtime;
const clients = {} as Record<Who, ApiClient>;
let draft: string; // D: a DRAFT of donvi.halong with one evidence file
let submitted: string; // S: a registration of donvi.halong waiting for the board's review
let fileId: string;
const counts = { crossScopeDenied: 0 };

beforeAll(async () => {
  runtime = await startTestRuntime();
  clients.A = new ApiClient(runtime.webUrl);
  for (const [who, login] of Object.entries(LOGINS)) clients[who as Who] = await ApiClient.signIn(runtime.webUrl, login);
  draft = (await clients.U.call('POST', '/api/models?submit=false', registration({ name: 'Bản nháp riêng của Hạ Long' }))).body.id;
  fileId = (await clients.U.call('POST', `/api/models/${draft}/evidence`, pdfForm())).body.fileId;
  submitted = await register(clients.U);
  await waitForStep(clients.B, submitted, 'REGISTRATION_REVIEW');
});
afterAll(async () => {
  recordCounts('access-matrix', counts);
  await runtime?.stop();
});

function pdfForm() {
  const form = new FormData();
  form.set('file', new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF')], { type: 'application/pdf' }), 'bb.pdf');
  return form;
}
const scores = { scores: [{ criterionId: 'c1', score: 10 }], proposal: { outcome: 'CONTINUE' } };
type Cell = { method: string; path: (who: Who) => string; body?: () => unknown; allow: Who[] };
/** Every endpoint with a body valid enough to pass validation, and who may pass its access check. */
const ENDPOINTS: Record<string, Cell> = {
  // The draft rule: a draft is private to its unit until submitted (not its board, not administrators).
  'read draft': { method: 'GET', path: () => `/api/models/${draft}`, allow: ['U'] },
  'read draft evidence list': { method: 'GET', path: () => `/api/models/${draft}/evidence`, allow: ['U'] },
  'download draft evidence': { method: 'GET', path: () => `/api/models/${draft}/evidence/${fileId}`, allow: ['U'] },
  'draft lineage': { method: 'GET', path: () => `/api/models/${draft}/lineage`, allow: ['U'] },
  'read model': { method: 'GET', path: () => `/api/models/${submitted}`, allow: ['U', 'B', 'AD'] },
  'read appraisal': { method: 'GET', path: () => `/api/models/${submitted}/appraisal`, allow: ['U', 'B', 'AD'] },
  'read signals': { method: 'GET', path: () => `/api/models/${submitted}/signals`, allow: ['B', 'AD'] },
  'review progress': { method: 'GET', path: () => `/api/reviews/ban-tinh-qn/${THIS_YEAR}`, allow: ['B', 'AD'] },
  'list accounts': { method: 'GET', path: () => '/api/accounts', allow: ['AD'] },
  'edit draft': { method: 'PUT', path: () => `/api/models/${draft}`, body: () => registration({ name: 'Bản nháp đã sửa' }), allow: ['U'] },
  'upload evidence': { method: 'POST', path: () => `/api/models/${draft}/evidence`, body: pdfForm, allow: ['U'] },
  'remove evidence': { method: 'DELETE', path: () => `/api/models/${draft}/evidence/${fileId}`, allow: ['U'] },
  'submit draft': { method: 'POST', path: () => `/api/models/${draft}/submit`, allow: ['U'] },
  decide: {
    method: 'POST',
    path: () => `/api/models/${submitted}/decisions`,
    body: () => ({ stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: 'Bổ sung số liệu' }),
    allow: ['B', 'AD'],
  },
  revise: {
    method: 'POST',
    path: () => `/api/models/${submitted}/revision`,
    body: () => {
      const { year, ...edit } = registration();
      void year;
      return edit;
    },
    allow: ['U'],
  },
  report: { method: 'POST', path: () => `/api/models/${submitted}/report`, body: () => ({ report: 'Đã vận động 80 hộ.' }), allow: ['U'] },
  'appraisal scores': { method: 'POST', path: () => `/api/models/${submitted}/appraisal/scores`, body: () => scores, allow: ['B', 'AD'] },
  'appraisal approve': { method: 'POST', path: () => `/api/models/${submitted}/appraisal/approve`, allow: ['B', 'AD'] },
  'appraisal return': {
    method: 'POST',
    path: () => `/api/models/${submitted}/appraisal/return`,
    body: () => ({ reason: 'Chấm lại' }),
    allow: ['B', 'AD'],
  },
  propose: {
    method: 'POST',
    path: () => `/api/models/${submitted}/proposals`,
    body: () => ({ kind: 'COMMENDATION', year: THIS_YEAR }),
    allow: ['B', 'AD'],
  },
  'open review': { method: 'POST', path: () => '/api/reviews', body: () => ({ year: THIS_YEAR, scope: 'ban-tinh-qn' }), allow: ['AD'] },
  'attention list': { method: 'GET', path: () => '/api/attention', allow: ['AD'] },
  // Not orphaned: the administrator passes the access check and is refused by the lifecycle (409).
  'recover model': { method: 'POST', path: () => `/api/models/${submitted}/recover`, allow: ['AD'] },
  'save unit': {
    method: 'PUT',
    path: () => '/api/units',
    body: () => ({ id: 'phuong-ha-long', name: 'Phường Hạ Long', type: 'WARD', level: 'COMMUNE', boardId: 'ban-tinh-qn' }),
    allow: ['AD'],
  },
  'save board': {
    method: 'PUT',
    path: () => '/api/boards',
    body: () => ({ id: 'ban-tinh-qt', name: 'Ban QT', level: 'PROVINCE', unitId: 'tinh-qt' }),
    allow: ['AD'],
  },
  'save account': {
    method: 'PUT',
    path: () => '/api/accounts',
    body: () => ({ username: 'matrix.moi', displayName: 'Tài khoản thử', role: 'unit', unitId: 'phuong-ha-long', password: 'Matrix@2026' }),
    allow: ['AD'],
  },
  'save criteria': {
    method: 'PUT',
    path: () => '/api/criteria',
    body: () => ({
      boardId: 'ban-tinh-qt',
      period: '2026-2030',
      kind: 'MODEL',
      criteria: [{ id: 'c', name: 'c', maxScore: 10 }],
      approvalChain: ['LEADER'],
    }),
    allow: ['AD'],
  },
  statistics: { method: 'GET', path: () => '/api/statistics', allow: ['B', 'BO', 'AD'] },
  // An administrator names the scope of a list.
  'export models': {
    method: 'GET',
    path: (who) => `/api/exports/models.csv${who === 'AD' ? '?boardId=ban-tinh-qn' : ''}`,
    allow: ['U', 'US', 'UO', 'B', 'BO', 'AD'],
  },
  'list models': {
    method: 'GET',
    path: (who) => `/api/models${who === 'AD' ? '?boardId=ban-tinh-qn' : ''}`,
    allow: ['U', 'US', 'UO', 'B', 'BO', 'AD'],
  },
};

async function tableItems(): Promise<string> {
  const out = await runtime.webDeps.db.send(new ScanCommand({ TableName: runtime.webDeps.tableName, ConsistentRead: true }));
  return JSON.stringify(
    (out.Items ?? [])
      // The notification outbox is sent (and its items marked) in the background, whatever is asked.
      .filter((i) => !/^(IDEMPOTENCY|SIGNIN|NOTIFY)#/.test(String(i.pk)))
      .map((i) => JSON.stringify(i))
      .sort(),
  );
}
const call = (who: Who, cell: Cell) =>
  clients[who].call(cell.method, cell.path(who), cell.body?.() ?? (cell.method === 'GET' || cell.method === 'DELETE' ? undefined : {}));

describe('access matrix', () => {
  it('every refused (role, endpoint) pair answers 401/403/404 and changes nothing', async () => {
    const before = await tableItems();
    const wrong: string[] = [];
    for (const [name, cell] of Object.entries(ENDPOINTS)) {
      for (const who of ACTORS.filter((a) => !cell.allow.includes(a))) {
        const { status } = await call(who, cell);
        counts.crossScopeDenied++;
        const refusals =
          cell.method !== 'GET' && cell.path(who).includes('/api/models/') && IN_SCOPE.includes(who) ? DENIED_IN_SCOPE : DENIED;
        if (!refusals.includes(status)) wrong.push(`${who} ${name}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await tableItems()).toBe(before);
  });

  it('a foreign unit or board never sees a draft or another scope’s model, in lists or exports', async () => {
    for (const who of ['US', 'UO', 'BO'] as const) {
      const listed = JSON.stringify((await clients[who].get('/api/models')).body);
      const exported = JSON.stringify((await clients[who].get('/api/exports/models.csv')).body);
      const tasks = JSON.stringify((await clients[who].get('/api/tasks')).body);
      for (const text of [listed, exported, tasks]) {
        expect(text).not.toContain(draft);
        expect(text).not.toContain('Bản nháp riêng của Hạ Long');
        expect(text).not.toContain(submitted);
      }
      counts.crossScopeDenied += 3;
    }
    expect(JSON.stringify((await clients.U.get('/api/models')).body)).toContain(draft);
  });

  it('every allowed pair passes its access check (reads 200; writes reach the lifecycle)', async () => {
    const wrong: string[] = [];
    // Reads first, then the writes that do not end the draft or the pending review, then those that do.
    const order = [
      'read draft',
      'read draft evidence list',
      'download draft evidence',
      'draft lineage',
      'read model',
      'read appraisal',
      'read signals',
      'list accounts',
      'statistics',
      'export models',
      'list models',
      'attention list',
      'recover model',
      'open review',
      'review progress',
      'save unit',
      'save board',
      'save account',
      'save criteria',
      'edit draft',
      'upload evidence',
      'revise',
      'report',
      'appraisal scores',
      'appraisal approve',
      'appraisal return',
      'propose',
      'remove evidence',
      'decide',
      'submit draft',
    ];
    for (const name of order) {
      const cell = ENDPOINTS[name]!;
      // The review opened just before records its progress a moment later.
      if (name === 'review progress') await eventually(async () => (await call('AD', cell)).status === 200, 'review progress');
      for (const who of cell.allow) {
        const { status, body } = await call(who, cell);
        const reads = cell.method === 'GET';
        // A write may still be refused by the lifecycle (409) or its own rules (400): never by access.
        if (reads ? status !== 200 : DENIED.includes(status) || status >= 500)
          wrong.push(`${who} ${name}: ${status} ${JSON.stringify(body).slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(order.sort()).toEqual(Object.keys(ENDPOINTS).sort());
  });
});
