import { describe, expect, it } from 'vitest';
import type { Model } from '../../core/model.ts';
import type { UserActor } from '../ui/page-support.tsx';
import type { Task } from '../ui/tables.tsx';
import { diagramStates, LifecycleDiagram } from './lifecycle-diagram.tsx';
import { ModelPage, type ModelDetail } from './model-page.tsx';

const html = async (element: unknown) => String(await element);
/** The steps whose box carries class "done". */
const doneSteps = (out: string) => [...out.matchAll(/<li class="done" data-step="(\w+)">/g)].map((m) => m[1]);
const revised = [{ stage: 'REVISION', outcome: 'REVISE' }];

describe('lifecycle diagram: steps done', () => {
  it('marks the steps before the current one done, a revision only when there was one', () => {
    expect(diagramStates('REPORTING')).toEqual(['done', 'done', 'todo', 'done', 'current', 'todo', 'todo']);
    expect(diagramStates('REPORTING', revised)).toEqual(['done', 'done', 'done', 'done', 'current', 'todo', 'todo']);
    expect(diagramStates('DRAFT')).toEqual(['current', 'todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
    expect(diagramStates('STOPPED')).toEqual(['done', 'done', 'todo', 'done', 'done', 'done', 'current']);
    // A rejected model never reached the yearly steps.
    expect(diagramStates('REJECTED', revised)).toEqual(['done', 'done', 'done', 'todo', 'todo', 'todo', 'current']);
  });

  it('shows the done steps with a visible mark and says "Đã xong" to screen readers', async () => {
    const out = await html(LifecycleDiagram({ lang: 'vi', status: 'REPORTED' }));
    expect(doneSteps(out)).toEqual(['START', 'REGISTRATION_REVIEW', 'YEARLY_REVIEW', 'YEARLY_REPORT']);
    expect(out.match(/<span class="visually-hidden">Đã xong: <\/span>/g)).toHaveLength(4);
    expect(out.match(/class="tick" aria-hidden="true"/g)).toHaveLength(4);
    expect(out.match(/aria-current="step"/g)).toHaveLength(1);
    const en = await html(LifecycleDiagram({ lang: 'en', status: 'REPORTED' }));
    expect(en).toContain('<span class="visually-hidden">Done: </span>');
  });
});

const NOW = new Date('2027-11-02T03:00:00Z');
const board: UserActor = { kind: 'user', username: 'ban.tinh', role: 'board', boardId: 'b1' };
const recognizedModel = {
  id: 'm1',
  name: 'Dân vận khéo',
  unitId: 'u1',
  boardId: 'b1',
  kind: 'MODEL',
  area: 'ECONOMY',
  status: 'IMPLEMENTING',
  cycleYear: 2028,
  recognitions: [{ year: 2027, level: 'PROVINCE', decisionId: 'd1' }],
  indicators: [],
  tags: [],
} as unknown as Model;
const restingTask = {
  modelId: 'm1',
  year: 2028,
  stage: 'YEARLY_REVIEW',
  round: 1,
  status: 'PENDING',
  assignee: 'REVIEW#2028',
  openedAt: '2027-10-28T03:00:00Z',
  dueAt: '2027-10-28T03:00:00Z',
  overdue: false,
} as Task;
const detail = (model: Model): ModelDetail => ({ model, tasks: [restingTask], events: [], decisions: [], evidence: [] });

describe('model page of a recognized model', () => {
  it('says it was recognized, its level and year, not "Đang triển khai" with a due date', async () => {
    const out = await html(
      ModelPage({ view: { lang: 'vi', path: '/models/m1' }, actor: board, detail: detail(recognizedModel), now: NOW }),
    );
    const status = out.slice(out.indexOf('id="status-title"'), out.indexOf('</section>', out.indexOf('id="status-title"')));
    expect(status).toContain('Đã được công nhận: Cấp tỉnh, năm 2027');
    expect(status).toContain('Đã công nhận: Cấp tỉnh, năm 2027');
    expect(status).toContain('Chờ sơ kết năm 2028');
    expect(status).not.toContain('Đang triển khai');
    expect(status).not.toContain('Hạn xử lý');
    expect(status).not.toContain('28/10/2027');
  });

  it('a model still implementing its first cycle says so', async () => {
    const first = { ...recognizedModel, recognitions: [] } as Model;
    const out = await html(ModelPage({ view: { lang: 'vi', path: '/models/m1' }, actor: board, detail: detail(first), now: NOW }));
    expect(out).toContain('Đang triển khai');
    expect(out).not.toContain('Đã được công nhận');
  });
});
