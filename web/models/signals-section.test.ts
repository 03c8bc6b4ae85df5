import { describe, expect, it } from 'vitest';
import type { Deps } from '../../core/deps.ts';
import type { Model } from '../../core/model.ts';
import type { Signal } from '../../core/signals/signals.ts';
import type { ModelSignals } from '../../core/use-cases/model-signals.ts';
import { SignalsSection, signalsForModelPage, signalText } from './signals-section.tsx';
import type { Task } from '../ui/tables.tsx';

const html = async (element: unknown) => String(await element);
const peerCheck = { compared: 1, limit: 50, truncated: false };
const SIGNALS: Signal[] = [
  { code: 'REPORT_OVERDUE', params: { dueAt: '2026-12-15T03:00:00Z', submittedAt: '2026-12-20T01:00:00Z', daysLate: 5 } },
  { code: 'INDICATOR_WITHOUT_TARGET', params: { indicators: ['Mức độ hài lòng', '<b>x</b>'], registered: 3 } },
  { code: 'OUTCOMES_UNCHANGED', params: { previousYear: 2025, indicators: [{ name: 'Số hộ', actual: 1200.5 }] } },
  { code: 'REPORT_SIMILAR_TO_LAST_YEAR', params: { previousYear: 2025, similarity: 92, threshold: 80 } },
  { code: 'REPORT_SIMILAR_TO_PEER', params: { peerModelId: 'm 2', peerModelName: 'Mô hình Quảng La', similarity: 88, threshold: 80 } },
  { code: 'NO_EVIDENCE', params: { evidenceCount: 0 } },
];

describe('signal reasons', () => {
  it('say in Vietnamese why each signal fired', () => {
    expect(SIGNALS.map((s) => signalText('vi', s))).toEqual([
      'Báo cáo năm nộp muộn 5 ngày (hạn 15/12/2026, nộp ngày 20/12/2026)',
      '2/3 chỉ tiêu không có mục tiêu đo được: Mức độ hài lòng; <b>x</b>',
      'Kết quả không thay đổi so với năm 2025: Số hộ: 1.200,5',
      'Báo cáo gần giống báo cáo năm trước (92%, năm 2025)',
      'Báo cáo gần giống báo cáo của mô hình khác (88%):',
      'Chưa đính kèm minh chứng nào',
    ]);
  });

  it('say it in English too, including the variants', () => {
    expect(signalText('en', SIGNALS[2]!)).toBe('Outcomes unchanged from 2025: Số hộ: 1,200.5');
    expect(signalText('en', { code: 'INDICATOR_WITHOUT_TARGET', params: { indicators: [], registered: 0 } })).toBe(
      'No measurable indicator was registered',
    );
    expect(signalText('en', { code: 'REPORT_OVERDUE', params: { dueAt: '2026-12-15T03:00:00Z', daysLate: 3 } })).toBe(
      'Yearly report 3 day(s) overdue and not submitted (due 15/12/2026)',
    );
  });
});

describe('SignalsSection', () => {
  it('lists the signals with the peer linked, the similarity rule, and escapes names', async () => {
    const out = await html(SignalsSection({ lang: 'vi', data: { signals: SIGNALS, peerCheck } }));
    expect(out.match(/<li data-signal=/g)).toHaveLength(SIGNALS.length);
    expect(out).toContain('<a href="/models/m%202">Mô hình Quảng La</a>');
    expect(out).toContain('trùng từ 80%');
    expect(out).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(out).not.toContain('<b>x</b>');
    expect(out).not.toContain('Chỉ so sánh với');
  });

  it('says when nothing fired, and when the peer comparison was partial', async () => {
    const data: ModelSignals = { signals: [], peerCheck: { compared: 50, limit: 50, truncated: true } };
    const out = await html(SignalsSection({ lang: 'en', data }));
    expect(out).toContain('No formalism signal found.');
    expect(out).toContain('Compared with 50 other reports of the board this year only (limit 50 reports).');
  });
});

describe('signalsForModelPage', () => {
  const deps = {} as Deps; // never reached: these cases read nothing
  const model = { id: 'm1', unitId: 'u1', boardId: 'b1', status: 'REPORTED', cycleYear: 2026 } as Model;
  const appraisal: Task = {
    modelId: 'm1',
    year: 2026,
    stage: 'APPRAISAL',
    round: 1,
    status: 'PENDING',
    assignee: 'BOARD#b1',
    openedAt: '',
    dueAt: '',
    overdue: false,
  };

  it('loads nothing for a unit, or when no appraisal waits', async () => {
    const unit = { kind: 'user', username: 'u', role: 'unit', unitId: 'u1' } as const;
    const board = { kind: 'user', username: 'b', role: 'board', boardId: 'b1' } as const;
    expect(await signalsForModelPage(deps, unit, { model, events: [], tasks: [appraisal] })).toBeUndefined();
    expect(
      await signalsForModelPage(deps, board, { model: { ...model, status: 'REPORTING' }, events: [], tasks: [appraisal] }),
    ).toBeUndefined();
    expect(await signalsForModelPage(deps, board, { model, events: [], tasks: [] })).toBeUndefined();
  });
});
