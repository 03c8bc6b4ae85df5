import { describe, expect, it } from 'vitest';
import type { Model } from '../../../core/model.ts';
import { filterModels, hadCycleIn, modelTable } from './model-rows.ts';

const board = { kind: 'user', username: 'ban', role: 'board', boardId: 'ban-tinh-qn' } as const;
const model = (over: Partial<Model>): Model => ({
  id: 'm',
  unitId: 'phuong-ha-long',
  boardId: 'ban-tinh-qn',
  status: 'IMPLEMENTING',
  cycleYear: 2026,
  version: 1,
  year: 2026,
  kind: 'MODEL',
  area: 'ECONOMY',
  name: 'Dân vận khéo',
  situation: '',
  objectives: '',
  content: '',
  targetGroup: '',
  forces: '',
  resources: '',
  outputs: '',
  sustainability: '',
  tags: [],
  targetLevel: 'COMMUNE',
  indicators: [],
  createdAt: '2026-03-01T03:00:00.000Z',
  updatedAt: '2026-03-01T03:00:00.000Z',
  recognitions: [],
  ...over,
});
const recognition = (year: number, level: Model['recognitions'][number]['level'], number: string) => ({
  year,
  level,
  number,
  decisionId: `m:${year}:APPRAISAL`,
});

describe('the models export for a year (issue 14)', () => {
  // Recognized in 2026, now in its 2027 cycle; registered in 2027; recognized in 2026 and 2027; registered 2025, stopped then.
  const models = [
    model({ id: 'recognized-2026', cycleYear: 2027, recognitions: [recognition(2026, 'PROVINCE', '12/QĐ-BDV')] }),
    model({ id: 'new-2027', year: 2027, cycleYear: 2027 }),
    model({
      id: 'twice',
      year: 2025,
      cycleYear: 2028,
      recognitions: [recognition(2026, 'DISTRICT', '3/QĐ-BDV'), recognition(2027, 'PROVINCE', '7/QĐ-BDV')],
    }),
    model({ id: 'stopped-2025', year: 2025, cycleYear: 2025, status: 'STOPPED' }),
  ];

  it('keeps a model in every year it had a cycle in, not only its current one', () => {
    expect(filterModels(models, { year: 2026 }, board).map((m) => m.id)).toEqual(['recognized-2026', 'twice']);
    expect(filterModels(models, { year: 2027 }, board).map((m) => m.id)).toEqual(['recognized-2026', 'new-2027', 'twice']);
    expect(filterModels(models, { year: 2025 }, board).map((m) => m.id)).toEqual(['twice', 'stopped-2025']);
    expect(hadCycleIn(models[0]!, 2028)).toBe(false);
    expect(hadCycleIn({ year: 2027, cycleYear: 2027, recognitions: [] }, 2026)).toBe(false);
  });

  it('shows the recognized level and decision number of that year’s recognition, else the latest', () => {
    const columns = (year?: number) => modelTable(models, new Map(), 'vi', year).rows.map((row) => row.slice(9));
    const table = modelTable(models, new Map(), 'vi');
    expect(table.headers.slice(9)).toEqual(['Cấp công nhận', 'Số quyết định công nhận']);
    expect(table.totals).toHaveLength(table.headers.length);
    expect(columns()).toEqual([
      ['Cấp tỉnh', '12/QĐ-BDV'],
      [null, null],
      ['Cấp tỉnh', '7/QĐ-BDV'],
      [null, null],
    ]);
    expect(columns(2026)).toEqual([
      ['Cấp tỉnh', '12/QĐ-BDV'],
      [null, null],
      ['Cấp huyện', '3/QĐ-BDV'],
      [null, null],
    ]);
  });
});
