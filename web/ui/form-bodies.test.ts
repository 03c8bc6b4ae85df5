import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../core/errors.ts';
import { accountBody, criteriaBody } from '../administration/admin-bodies.ts';
import { filterQueue, readQueueFilter } from '../review/board-queue.tsx';
import { compactRows, INDICATOR_FIELDS, parseNumber, registrationBody, reportBody, reportField, scoringBody } from './form-bodies.ts';
import type { Task } from './tables.tsx';

describe('form bodies', () => {
  it('reads numbers the Vietnamese way, and refuses for its field one that reads two ways or is none', () => {
    expect(parseNumber(' 1200 ', 'x')).toBe(1200);
    expect(parseNumber('1.250', 'x')).toBe(1250);
    expect(parseNumber('12,5', 'x')).toBe(12.5);
    expect(parseNumber('-3', 'x')).toBe(-3);
    expect(parseNumber('', 'x')).toBeUndefined();
    const refusal = (text: string) => {
      try {
        parseNumber(text, 'actual.0.value');
      } catch (error) {
        return (error as ValidationError).issues;
      }
    };
    expect(refusal('1,250')).toEqual([{ field: 'actual.0.value', key: 'reason.numberAmbiguous' }]);
    expect(refusal('1.25')).toEqual([{ field: 'actual.0.value', key: 'reason.numberDecimalComma' }]);
    expect(refusal('mười')).toEqual([{ field: 'actual.0.value', key: 'reason.notANumber' }]);
  });

  it('drops empty indicator rows, renumbers the rest, and sends an empty target as not measurable', () => {
    const values = compactRows(
      {
        'indicators.0.name': '',
        'indicators.0.unit': ' ',
        'indicators.0.target': '',
        'indicators.1.name': 'Số hộ',
        'indicators.1.unit': 'hộ',
        'indicators.1.target': '',
        'indicators.2.name': 'Đường',
        'indicators.2.unit': 'km',
        'indicators.2.target': '1,5',
        tags: 'a, , b',
        year: '2026',
      },
      'indicators',
      INDICATOR_FIELDS,
    );
    expect(values['indicators.0.name']).toBe('Số hộ');
    const body = registrationBody(values);
    expect(body.indicators).toEqual([
      { name: 'Số hộ', unit: 'hộ', target: null },
      { name: 'Đường', unit: 'km', target: 1.5 },
    ]);
    expect(body.tags).toEqual(['a', 'b']);
    expect(body).not.toHaveProperty('period');
    expect(body.year).toBe(2026);
  });

  it('sends only the filled indicator values of a report and maps core’s paths back to the inputs', () => {
    const values = { report: 'r', 'actual.0.name': 'A', 'actual.0.value': '', 'actual.1.name': 'B', 'actual.1.value': '1.250' };
    expect(reportBody(values)).toEqual({ report: 'r', indicators: [{ name: 'B', actual: 1250 }] });
    expect(reportField(values)('indicators.0.actual')).toBe('actual.1.value');
  });

  it('shapes the scores and the proposal with only the chosen outcome’s keys', () => {
    const body = scoringBody({
      'scores.0.criterionId': 'a',
      'scores.0.score': '18',
      'scores.0.comment': ' ',
      'scores.1.criterionId': 'b',
      'scores.1.score': '',
      'proposal.outcome': 'RECOGNIZE',
      'proposal.level': 'PROVINCE',
      'proposal.reason': 'x',
      'proposal.stopReason': 'FORMALISTIC',
    });
    expect(body).toEqual({
      scores: [
        { criterionId: 'a', score: 18 },
        { criterionId: 'b', score: undefined },
      ],
      proposal: { outcome: 'RECOGNIZE', level: 'PROVINCE' },
    });
  });

  it('sends an account’s scope for its role only, and a criteria set’s chosen chain in order', () => {
    expect(
      accountBody({ username: 'a', displayName: 'A', role: 'board', unitId: 'u', boardId: 'b', 'boardRoles.LEADER': 'on', password: '' }),
    ).toEqual({
      username: 'a',
      displayName: 'A',
      role: 'board',
      boardId: 'b',
      boardRoles: ['LEADER'],
      email: '',
      notify: 'IMMEDIATE',
      lang: 'vi',
    });
    expect(
      accountBody({ username: 'a', displayName: 'A', role: 'unit', unitId: 'u', email: ' a@example.org ', notify: 'DIGEST', lang: 'en' }),
    ).toMatchObject({ unitId: 'u', email: 'a@example.org', notify: 'DIGEST', lang: 'en' });
    expect(
      criteriaBody({
        boardId: 'b',
        period: '2026-2030',
        kind: 'MODEL',
        'criteria.0.id': 'x',
        'criteria.0.name': 'X',
        'criteria.0.maxScore': '20',
        'chain.0': 'SPECIALIST',
        'chain.1': '',
        'chain.2': 'COMMITTEE',
      }),
    ).toEqual({
      boardId: 'b',
      period: '2026-2030',
      kind: 'MODEL',
      criteria: [{ id: 'x', name: 'X', maxScore: 20 }],
      approvalChain: ['SPECIALIST', 'COMMITTEE'],
    });
  });
});

describe('the board queue', () => {
  const now = new Date('2026-11-20T00:00:00Z');
  const task = (modelId: string, stage: Task['stage'], dueAt: string): Task => ({
    modelId,
    year: 2026,
    stage,
    round: 1,
    status: 'PENDING',
    assignee: 'BOARD#b',
    openedAt: '2026-11-01T00:00:00Z',
    dueAt,
    overdue: false,
  });
  const model = (id: string, area: string, kind: string) => ({ id, area, kind, name: id }) as never;
  const tasks = [
    task('late', 'APPRAISAL', '2026-11-10T00:00:00Z'),
    task('soon', 'REGISTRATION_REVIEW', '2026-11-25T00:00:00Z'),
    task('later', 'REGISTRATION_REVIEW', '2026-12-30T00:00:00Z'),
  ];
  const models = [model('late', 'ECONOMY', 'MODEL'), model('soon', 'ECONOMY', 'EXEMPLAR'), model('later', 'CULTURE_SOCIETY', 'MODEL')];
  const ids = (filter: Record<string, string>) =>
    filterQueue(tasks, models, { area: '', kind: '', stage: '', due: '', ...filter }, now).map((r) => r.task.modelId);

  it('filters by area, kind, step and due date, soonest first', () => {
    expect(ids({})).toEqual(['late', 'soon', 'later']);
    expect(ids({ area: 'ECONOMY' })).toEqual(['late', 'soon']);
    expect(ids({ kind: 'MODEL', stage: 'REGISTRATION_REVIEW' })).toEqual(['later']);
    expect(ids({ due: 'overdue' })).toEqual(['late']);
    expect(ids({ due: '7' })).toEqual(['late', 'soon']);
  });

  it('reports a value outside the lists, in the reader’s language', () => {
    const query = (name: string) => ({ area: 'SPACE', due: '30' })[name];
    expect(readQueueFilter('vi', query).errors).toEqual({ area: 'Giá trị không có trong danh sách' });
    expect(readQueueFilter('en', query).errors).toEqual({ area: 'Not one of the listed values' });
  });
});
