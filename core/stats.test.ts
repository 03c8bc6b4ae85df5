import { describe, expect, it } from 'vitest';
import { aggregationOf, indicatorLabels, normalizeIndicatorName, sumBy, transitionDeltas } from './stats.ts';

const model = { area: 'ECONOMY', kind: 'MODEL', targetLevel: 'COMMUNE', cycleYear: 2026 } as const;

describe('statistics counters', () => {
  it('moves a model between status counts and counts funnel events once', () => {
    expect(transitionDeltas(model, 'DRAFT', 'SUBMITTED').get(2026)).toEqual({
      'n|SUBMITTED|ECONOMY|MODEL|COMMUNE': 1,
      'e|REGISTERED|ECONOMY|MODEL|COMMUNE': 1,
    });
    expect(transitionDeltas(model, 'SUBMITTED', 'IMPLEMENTING').get(2026)).toEqual({
      'n|SUBMITTED|ECONOMY|MODEL|COMMUNE': -1,
      'n|IMPLEMENTING|ECONOMY|MODEL|COMMUNE': 1,
      'e|ACCEPTED|ECONOMY|MODEL|COMMUNE': 1,
    });
    expect(transitionDeltas(model, 'RETURNED', 'SUBMITTED').get(2026)).toEqual({
      'n|RETURNED|ECONOMY|MODEL|COMMUNE': -1,
      'n|SUBMITTED|ECONOMY|MODEL|COMMUNE': 1,
    });
  });

  it('keeps the old year final and counts the model again in its next cycle', () => {
    const deltas = transitionDeltas(model, 'RECOGNIZED', 'IMPLEMENTING', { nextYear: 2027 });
    expect([...deltas.keys()]).toEqual([2027]);
    expect(deltas.get(2027)).toEqual({ 'n|IMPLEMENTING|ECONOMY|MODEL|COMMUNE': 1 });
  });

  it('counts a replication when a copy is registered, and totals indicators by unit and name', () => {
    const copy = transitionDeltas({ ...model, sourceModelId: 'm0' }, 'DRAFT', 'SUBMITTED').get(2026)!;
    expect(copy['e|REPLICATED|ECONOMY|MODEL|COMMUNE']).toBe(1);
    const report = transitionDeltas(model, 'REPORTING', 'REPORTED', {
      indicators: [{ name: 'Số hộ tham gia', unit: 'hộ', actual: 120 }],
    }).get(2026)!;
    expect(report['i|hộ|so ho tham gia']).toBe(120);
    expect(report['r|hộ|so ho tham gia']).toBe(1);
    expect(normalizeIndicatorName('  Đường  BÊ TÔNG ')).toBe('duong be tong');
  });

  it('keeps each indicator’s name as typed, and averages rates while summing counts and money', () => {
    expect(indicatorLabels([{ name: ' Số hộ ký cam kết ', unit: 'hộ' }])).toEqual({ 't|hộ|so ho ky cam ket': 'Số hộ ký cam kết' });
    for (const rate of ['%', 'tỷ lệ %', 'Tỷ lệ', 'phần trăm']) expect(aggregationOf(rate), rate).toBe('AVERAGE');
    for (const sum of ['hộ', 'km', 'triệu đồng', 'người', 'ngày công']) expect(aggregationOf(sum), sum).toBe('SUM');
  });

  it('sums by status, area, kind or level under a filter', () => {
    const counters = {
      'n|RECOGNIZED|ECONOMY|MODEL|COMMUNE': 3,
      'n|RECOGNIZED|ECONOMY|EXEMPLAR|COMMUNE': 2,
      'n|STOPPED|CULTURE_SOCIETY|MODEL|PROVINCE': 1,
      'e|RECOGNIZED|ECONOMY|MODEL|COMMUNE': 9,
    };
    expect(sumBy(counters, 'n')).toEqual({ RECOGNIZED: 5, STOPPED: 1 });
    expect(sumBy(counters, 'n', { kinds: ['MODEL'] }, 1)).toEqual({ ECONOMY: 3, CULTURE_SOCIETY: 1 });
    expect(sumBy(counters, 'e')).toEqual({ RECOGNIZED: 9 });
  });
});
