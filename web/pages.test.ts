import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Model, ModelStatus } from '../core/model.ts';
import { startSession } from './platform/session.ts';
import type { WebDeps } from './web-deps.ts';
import { freshTable } from '../test/support/fresh-table.ts';
import { decisionBody, registrationBody } from './ui/form-bodies.ts';
import { formatDate, formatDateTime } from './ui/format.ts';
import { lifecycleStep, LifecycleDiagram } from './models/lifecycle-diagram.tsx';
import { actionFor } from './models/model-actions.tsx';
import { ModelPage, type ModelDetail } from './models/model-page.tsx';
import type { UserActor } from './ui/page-support.tsx';
import { featureRoutes } from './routes.ts';
import { ModelTable, sortTasks, TaskTable, type Task } from './ui/tables.tsx';

const html = async (element: unknown) => String(await element);
const view = { lang: 'vi' as const, path: '/' };
const NOW = new Date('2026-03-10T03:00:00Z');
const XSS = '<script>alert(1)</script>';

const model = (over: Partial<Model> = {}): Model => ({
  id: 'm1',
  unitId: 'u1',
  boardId: 'b1',
  status: 'SUBMITTED',
  cycleYear: 2026,
  version: 1,
  year: 2026,
  createdAt: '2026-01-05T02:00:00Z',
  updatedAt: '2026-01-05T02:00:00Z',
  recognitions: [],
  name: 'Dân vận khéo trong xây dựng nông thôn mới',
  situation: 's',
  objectives: 'o',
  content: 'c',
  targetGroup: 't',
  forces: 'f',
  resources: 'r',
  outputs: 'p',
  sustainability: 'y',
  kind: 'MODEL',
  area: 'ECONOMY',
  tags: [],
  targetLevel: 'COMMUNE',
  indicators: [],
  ...over,
});
const task = (over: Partial<Task> = {}): Task => ({
  modelId: 'm1',
  year: 2026,
  stage: 'REGISTRATION_REVIEW',
  round: 1,
  status: 'PENDING',
  assignee: 'BOARD#b1',
  openedAt: '2026-01-05T02:00:00Z',
  dueAt: '2026-02-04T02:00:00Z',
  overdue: false,
  ...over,
});
const board: UserActor = { kind: 'user', username: 'ban.tinh', role: 'board', boardId: 'b1' };
const unit: UserActor = { kind: 'user', username: 'donvi', role: 'unit', unitId: 'u1' };
const detail = (m: Model, tasks: Task[] = []): ModelDetail => ({ model: m, tasks, events: [], decisions: [], evidence: [] });

describe('lifecycle diagram', () => {
  it('maps each status to its box', () => {
    const expected: Record<ModelStatus, string> = {
      DRAFT: 'START',
      SUBMITTED: 'REGISTRATION_REVIEW',
      RETURNED: 'REVISION',
      IMPLEMENTING: 'YEARLY_REVIEW',
      REPORTING: 'YEARLY_REPORT',
      REPORTED: 'APPRAISAL',
      RECOGNIZED: 'RESULT',
      CONTINUING: 'RESULT',
      STOPPED: 'RESULT',
      REJECTED: 'RESULT',
    };
    for (const [status, step] of Object.entries(expected)) expect(lifecycleStep(status as ModelStatus)).toBe(step);
  });

  it('highlights exactly the current stage', async () => {
    const out = await html(LifecycleDiagram({ lang: 'vi', status: 'REPORTING' }));
    expect(out.match(/aria-current="step"/g)).toHaveLength(1);
    expect(out).toMatch(/<li class="current" aria-current="step" data-step="YEARLY_REPORT">/);
    expect(out).toContain('Chờ báo cáo năm');
  });
});

describe('escaping', () => {
  it('escapes a hostile model name in the model page and the tables', async () => {
    const m = model({ name: XSS, situation: XSS });
    const page = await html(ModelPage({ view, actor: board, detail: detail(m), now: NOW }));
    const table = await html(ModelTable({ lang: 'vi', models: [m], empty: '' }));
    for (const out of [page, table]) {
      expect(out).not.toContain(XSS);
      expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});

describe('names in place of ids', () => {
  it('shows the unit, the board and the people by name, and the workflow as the system', async () => {
    const events = [
      {
        at: '2026-01-05T02:00:00Z',
        type: 'TRANSITION',
        from: 'DRAFT',
        to: 'SUBMITTED',
        stage: 'REGISTRATION',
        actor: 'donvi',
        modelId: 'm1',
      },
      {
        at: '2026-01-05T02:01:00Z',
        type: 'TRANSITION',
        from: 'SUBMITTED',
        to: 'SUBMITTED',
        stage: 'REGISTRATION',
        actor: 'system',
        modelId: 'm1',
      },
    ] as unknown as ModelDetail['events'];
    const names = {
      unit: 'Phường Hạ Long',
      board: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh',
      people: new Map([['donvi', 'Cán bộ Phường Hạ Long']]),
    };
    const out = await html(ModelPage({ view, actor: board, detail: { ...detail(model(), [task()]), events }, now: NOW, names }));
    expect(out).toContain('Phường Hạ Long / Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh');
    expect(out).toContain('Ban thẩm định: Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh');
    expect(out).toContain('Cán bộ Phường Hạ Long (donvi)');
    expect(out).toContain('Hệ thống (quy trình tự động)');
    expect(out).not.toContain('u1 / b1');
  });
});

describe('model page actions', () => {
  it('gives the board the three review forms on its pending registration review', async () => {
    const t = task();
    expect(actionFor(board, t)).toBe('REGISTRATION_REVIEW');
    expect(actionFor(unit, t)).toBeUndefined();
    const out = await html(ModelPage({ view, actor: board, detail: detail(model(), [t]), now: NOW }));
    expect(out.match(/action="\/models\/m1\/decide#action"/g)).toHaveLength(3);
    for (const outcome of ['ACCEPT', 'RETURN', 'REJECT']) expect(out).toContain(`name="outcome" value="${outcome}"`);
    expect(out).toContain('<label for="return-reason">');
  });

  it('gives the unit a prefilled revision form when returned, and nothing to another board', async () => {
    const t = task({ stage: 'REVISION', assignee: 'UNIT#u1' });
    const m = model({ status: 'RETURNED' });
    const out = await html(ModelPage({ view, actor: unit, detail: detail(m, [t]), now: NOW }));
    expect(out).toContain('action="/models/m1/revise#action"');
    expect(out).toContain(`value="${m.name}"`);
    expect(actionFor({ ...board, boardId: 'other' }, task())).toBeUndefined();
  });
});

describe('helpers', () => {
  it('formats dates dd/mm/yyyy in Vietnam time', () => {
    expect(formatDate('2026-01-31T20:00:00Z')).toBe('01/02/2026');
    expect(formatDateTime('2026-01-05T02:05:00Z')).toBe('05/01/2026 09:05');
  });

  it('sends only the keys of the chosen outcome', () => {
    expect(decisionBody({ stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT', comment: '  ', reason: 'x' })).toEqual({
      stage: 'REGISTRATION_REVIEW',
      outcome: 'ACCEPT',
    });
    expect(decisionBody({ stage: 'APPRAISAL', outcome: 'STOP', stopReason: 'FORMALISTIC', reason: 'r', level: 'CENTRAL' })).toEqual({
      stage: 'APPRAISAL',
      outcome: 'STOP',
      stopReason: 'FORMALISTIC',
      reason: 'r',
    });
    expect(registrationBody({ year: ' 2026 ' }).year).toBe(2026);
  });

  it('lists tasks soonest due first and highlights overdue ones', async () => {
    const late = task({ modelId: 'late', dueAt: '2026-03-01T00:00:00Z' });
    const soon = task({ modelId: 'soon', dueAt: '2026-02-01T00:00:00Z', overdue: true });
    const later = task({ modelId: 'later', dueAt: '2026-04-01T00:00:00Z' });
    expect(sortTasks([late, later, soon]).map((x) => x.modelId)).toEqual(['soon', 'late', 'later']);
    const out = await html(TaskTable({ lang: 'vi', tasks: [later, late, soon], models: [], now: NOW, empty: '' }));
    expect(out.match(/<tr class="overdue">/g)).toHaveLength(2);
    expect(out.indexOf('soon')).toBeLessThan(out.indexOf('later'));
  });
});

describe('routes that need only the session table', async () => {
  const deps = {
    ...(await freshTable('pages')),
    sessionSecret: 'test-secret-test-secret-test-secret',
    secureCookies: false,
    now: () => NOW,
  } as unknown as WebDeps;
  const app = featureRoutes(deps);
  const sessionCookie = async (actor: UserActor) => {
    const maker = new Hono().get('/', async (c) => {
      await startSession(c, deps, actor, 'Ban Tuyên giáo và Dân vận tỉnh');
      return c.body(null);
    });
    return ((await maker.request('/')).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };

  it('sends signed-out visitors to /sign-in', async () => {
    for (const path of ['/', '/unit', '/board', '/admin', '/models/m1']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/sign-in');
    }
  });

  it('renders the sign-in form in Vietnamese, or English by cookie', async () => {
    const vi = await (await app.request('/sign-in')).text();
    expect(vi).toMatch(/^<!DOCTYPE html><html lang="vi">/);
    expect(vi).toContain('<label for="username">Tên đăng nhập</label>');
    expect(vi).toContain('name="viewport"');
    const en = await (await app.request('/sign-in', { headers: { cookie: 'lang=en' } })).text();
    expect(en).toContain('<label for="password">Password</label>');
  });

  it('sets the language cookie and returns only to local paths', async () => {
    const res = await app.request('/lang/en?next=%2Funit');
    expect(res.headers.get('set-cookie')).toMatch(/^lang=en;/);
    expect(res.headers.get('location')).toBe('/unit');
    // Anything but a path of this site is refused, never followed (browsers drop tabs and newlines).
    for (const next of [
      '%2F%2Fevil.example',
      '/%09/evil.example',
      '/%0d%0aSet-Cookie:x=1',
      '/%00',
      'https://evil.example',
      '/\\evil.example',
      'evil',
    ]) {
      const refused = await app.request(`/lang/en?next=${next}`);
      expect(refused.status, next).toBe(400);
      expect(refused.headers.get('location'), next).toBeNull();
    }
    expect((await app.request('/lang/en')).headers.get('location')).toBe('/');
    expect((await app.request('/lang/xx')).headers.get('set-cookie')).toBeNull();
  });

  it('answers an empty sign-in with 400 and keeps the username', async () => {
    const res = await app.request('/sign-in', { method: 'POST', body: new URLSearchParams({ username: 'a<b', password: '' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('value="a&lt;b"');
  });

  it('forbids another role’s page with an HTML 403', async () => {
    const res = await app.request('/unit', { headers: { cookie: await sessionCookie(board) } });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('Ban Tuyên giáo và Dân vận tỉnh');
  });

  it('serves the stylesheet and signs out', async () => {
    expect((await app.request('/static/app.css')).headers.get('content-type')).toMatch(/text\/css/);
    const res = await app.request('/sign-out', { method: 'POST' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in');
  });
});

describe('unit reminders', () => {
  it('lists overdue reminders with their model, step and dates, escaped', async () => {
    const { RemindersSection } = await import('./registration/reminders-section.tsx');
    const page = await html(
      RemindersSection({
        lang: 'vi',
        reminders: [
          {
            unitId: 'u1',
            modelId: 'm1',
            modelName: XSS,
            stage: 'YEARLY_REPORT',
            year: 2026,
            dueAt: '2026-12-20T03:00:00Z',
            at: '2026-12-21T03:00:00Z',
          },
        ],
      }),
    );
    expect(page).toContain('Nhắc việc quá hạn');
    expect(page).toContain('20/12/2026');
    expect(page).toContain('&lt;script&gt;');
    expect(page).not.toContain('<script>');
    expect(await html(RemindersSection({ lang: 'vi', reminders: [] }))).toBe('null');
  });
});
