import { describe, expect, it } from 'vitest';
import { computeSignals, MAX_PEER_SIGNALS, SIGNAL_CODES, type Signal, type SignalInput } from './signals.ts';

const NOW = new Date('2026-12-20T03:00:00Z');
const TEXT =
  'Năm 2026 chi bộ khu phố 3 đã vận động 120 hộ dân hiến đất làm đường, hoàn thành 2,1 km đường bê tông; ' +
  'Mặt trận và các đoàn thể tổ chức 12 buổi đối thoại với nhân dân, tiếp nhận 35 ý kiến và giải quyết dứt điểm 30 ý kiến.';
const OTHER_TEXT =
  'Hội Nông dân xã Quảng La hướng dẫn 40 hội viên trồng rừng gỗ lớn, thành lập tổ hợp tác chăn nuôi ' +
  'và hỗ trợ vốn cho 15 hộ nghèo; thu nhập bình quân tăng 12% so với năm trước.';
const stripped = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** A model with nothing suspicious: measurable indicators, evidence, an on-time report unlike anything else. */
const clean = (over: Partial<SignalInput> = {}): SignalInput => ({
  model: { id: 'm1', cycleYear: 2026, indicators: [{ name: 'Số hộ tham gia', target: 100 }], evidenceCount: 2 },
  report: { year: 2026, report: TEXT, indicators: [{ name: 'Số hộ tham gia', actual: 120 }], submittedAt: '2026-12-10T03:00:00Z' },
  previousReport: { year: 2025, report: OTHER_TEXT, indicators: [{ name: 'Số hộ tham gia', actual: 80 }] },
  peerReports: [{ modelId: 'm2', report: OTHER_TEXT }],
  reportTask: { status: 'DECIDED', dueAt: '2026-12-15T03:00:00Z', overdue: false, decidedAt: '2026-12-10T03:00:00Z' },
  now: NOW,
  ...over,
});
const codes = (signals: Signal[]) => signals.map((s) => s.code);
const find = <C extends Signal['code']>(signals: Signal[], code: C) =>
  signals.find((s): s is Extract<Signal, { code: C }> => s.code === code);

describe('computeSignals', () => {
  it('fires nothing for a clean model', () => {
    expect(computeSignals(clean())).toEqual([]);
  });

  it('lists signals in the documented order', () => {
    const all = computeSignals(
      clean({
        model: { id: 'm1', cycleYear: 2026, indicators: [], overdueStage: 'YEARLY_REPORT' },
        previousReport: { year: 2025, report: TEXT, indicators: [{ name: 'Số hộ tham gia', actual: 120 }] },
        peerReports: [{ modelId: 'm2', report: TEXT }],
      }),
    );
    expect(codes(all)).toEqual([...SIGNAL_CODES]);
  });
});

describe('REPORT_OVERDUE', () => {
  it('counts late days from the first due date (the overdue event), not the re-opened task’s', () => {
    const signals = computeSignals(
      clean({
        report: { ...clean().report!, submittedAt: '2026-12-20T01:00:00Z' },
        reportTask: { status: 'DECIDED', dueAt: '2027-01-14T03:00:00Z', overdue: true, decidedAt: '2026-12-20T01:00:00Z' },
        reportOverdueAt: '2026-12-15T03:00:00Z',
      }),
    );
    expect(find(signals, 'REPORT_OVERDUE')?.params).toEqual({
      dueAt: '2026-12-15T03:00:00Z',
      submittedAt: '2026-12-20T01:00:00Z',
      daysLate: 5,
    });
  });

  it('fires for a report still missing after its due date, counted up to now', () => {
    const signals = computeSignals(
      clean({ report: undefined, reportTask: { status: 'PENDING', dueAt: '2026-12-17T03:00:00Z', overdue: false } }),
    );
    expect(find(signals, 'REPORT_OVERDUE')?.params).toEqual({ dueAt: '2026-12-17T03:00:00Z', daysLate: 3 });
  });

  it('fires when submitted after the due date before the timeout flagged it; a started day counts', () => {
    const signals = computeSignals(
      clean({
        report: { ...clean().report!, submittedAt: '2026-12-15T04:00:00Z' },
        reportTask: { status: 'DECIDED', dueAt: '2026-12-15T03:00:00Z', overdue: false },
      }),
    );
    expect(find(signals, 'REPORT_OVERDUE')?.params.daysLate).toBe(1);
  });

  it('does not fire for an on-time report or when there is no report step', () => {
    expect(find(computeSignals(clean()), 'REPORT_OVERDUE')).toBeUndefined();
    expect(find(computeSignals(clean({ reportTask: undefined })), 'REPORT_OVERDUE')).toBeUndefined();
  });
});

describe('INDICATOR_WITHOUT_TARGET', () => {
  it('names each indicator whose target is null', () => {
    const model = {
      id: 'm1',
      cycleYear: 2026,
      evidenceCount: 1,
      indicators: [
        { name: 'Số hộ tham gia', target: 100 },
        { name: 'Mức độ hài lòng', target: null },
        { name: 'Tinh thần đoàn kết', target: null },
      ],
    };
    expect(find(computeSignals(clean({ model })), 'INDICATOR_WITHOUT_TARGET')?.params).toEqual({
      indicators: ['Mức độ hài lòng', 'Tinh thần đoàn kết'],
      registered: 3,
    });
  });

  it('fires when no indicator was registered at all; a target of 0 is measurable', () => {
    const none = clean({ model: { id: 'm1', cycleYear: 2026, indicators: [], evidenceCount: 1 } });
    expect(find(computeSignals(none), 'INDICATOR_WITHOUT_TARGET')?.params).toEqual({ indicators: [], registered: 0 });
    const zero = clean({ model: { id: 'm1', cycleYear: 2026, indicators: [{ name: 'Số vụ việc', target: 0 }], evidenceCount: 1 } });
    expect(find(computeSignals(zero), 'INDICATOR_WITHOUT_TARGET')).toBeUndefined();
  });
});

describe('OUTCOMES_UNCHANGED', () => {
  const withActuals = (now: [string, number][], before: [string, number][]) =>
    clean({
      report: { ...clean().report!, indicators: now.map(([name, actual]) => ({ name, actual })) },
      previousReport: { ...clean().previousReport!, indicators: before.map(([name, actual]) => ({ name, actual })) },
    });

  it('fires when every indicator reported in both years has last year’s value (names match without diacritics)', () => {
    const signals = computeSignals(
      withActuals(
        [
          ['Số hộ tham gia', 120],
          ['Km đường', 2],
          ['Chỉ tiêu mới', 5],
        ],
        [
          ['so ho tham gia', 120],
          ['KM ĐƯỜNG', 2],
        ],
      ),
    );
    expect(find(signals, 'OUTCOMES_UNCHANGED')?.params).toEqual({
      previousYear: 2025,
      indicators: [
        { name: 'Số hộ tham gia', actual: 120 },
        { name: 'Km đường', actual: 2 },
      ],
    });
  });

  it('does not fire when one shared indicator moved, when none is shared, or without last year’s report', () => {
    expect(
      find(
        computeSignals(
          withActuals(
            [
              ['Số hộ tham gia', 120],
              ['Km đường', 3],
            ],
            [
              ['Số hộ tham gia', 120],
              ['Km đường', 2],
            ],
          ),
        ),
        'OUTCOMES_UNCHANGED',
      ),
    ).toBeUndefined();
    expect(find(computeSignals(withActuals([['Số hộ tham gia', 120]], [['Số hộ mới', 120]])), 'OUTCOMES_UNCHANGED')).toBeUndefined();
    expect(find(computeSignals(clean({ previousReport: undefined })), 'OUTCOMES_UNCHANGED')).toBeUndefined();
  });
});

describe('similar reports', () => {
  it('flags last year’s report copied with the diacritics stripped', () => {
    const signals = computeSignals(clean({ previousReport: { year: 2025, report: stripped(TEXT), indicators: [] } }));
    expect(find(signals, 'REPORT_SIMILAR_TO_LAST_YEAR')?.params).toEqual({ previousYear: 2025, similarity: 100, threshold: 80 });
  });

  it('flags a nearly identical peer report with its similarity, most similar first, at most a few', () => {
    const near = TEXT.replace('120 hộ', '125 hộ');
    const peers = [
      { modelId: 'm2', report: OTHER_TEXT },
      { modelId: 'm3', report: near },
      { modelId: 'm4', report: TEXT },
      { modelId: 'm5', report: TEXT },
      { modelId: 'm6', report: TEXT },
      { modelId: 'm1', report: TEXT },
    ];
    const similar = computeSignals(clean({ peerReports: peers })).filter((s) => s.code === 'REPORT_SIMILAR_TO_PEER');
    expect(similar).toHaveLength(MAX_PEER_SIGNALS);
    expect(similar.map((s) => s.params)).toEqual([
      { peerModelId: 'm4', similarity: 100, threshold: 80 },
      { peerModelId: 'm5', similarity: 100, threshold: 80 },
      { peerModelId: 'm6', similarity: 100, threshold: 80 },
    ]);
    const one = computeSignals(clean({ peerReports: [{ modelId: 'm3', report: near }] }));
    const params = find(one, 'REPORT_SIMILAR_TO_PEER')?.params;
    expect(params?.peerModelId).toBe('m3');
    expect(params?.similarity).toBeGreaterThanOrEqual(80);
    expect(params?.similarity).toBeLessThan(100);
  });

  it('ignores the model’s own report, different reports and very short texts', () => {
    const short = 'Không có kết quả mới.';
    const signals = computeSignals(
      clean({
        report: { ...clean().report!, report: short },
        previousReport: { year: 2025, report: short, indicators: [] },
        peerReports: [
          { modelId: 'm2', report: short },
          { modelId: 'm1', report: TEXT },
        ],
      }),
    );
    expect(codes(signals)).toEqual([]);
    expect(codes(computeSignals(clean({ peerReports: [{ modelId: 'm1', report: TEXT }] })))).toEqual([]);
  });
});

describe('NO_EVIDENCE', () => {
  it('fires when no evidence is attached, or the count is unknown', () => {
    const model = clean().model;
    expect(find(computeSignals(clean({ model: { ...model, evidenceCount: 0 } })), 'NO_EVIDENCE')?.params).toEqual({ evidenceCount: 0 });
    const { evidenceCount: _omit, ...unknown } = model;
    expect(codes(computeSignals(clean({ model: unknown })))).toEqual(['NO_EVIDENCE']);
  });
});
