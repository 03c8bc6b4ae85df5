import { describe, expect, it } from 'vitest';
import { DEMO_CRITERIA } from '../../core/criteria.ts';
import type { Model } from '../../core/model.ts';
import type { Appraisal } from '../../core/use-cases/appraisal.ts';
import { AppraisalPanel, type AppraisalData } from './appraisal-panel.tsx';
import { CertificatePage } from './certificate-page.tsx';
import type { UserActor } from '../ui/page-support.tsx';

const html = async (element: unknown) => String(await element);
const model = {
  id: 'm1',
  unitId: 'u1',
  boardId: 'b1',
  name: 'Mô hình <b>x</b>',
  kind: 'MODEL',
  area: 'ECONOMY',
  recognitions: [],
} as unknown as Model;
const member = (...boardRoles: ('SPECIALIST' | 'LEADER' | 'COMMITTEE')[]): UserActor => ({
  kind: 'user',
  username: 'u',
  role: 'board',
  boardId: 'b1',
  boardRoles,
});
const set = {
  boardId: 'b1',
  period: '2026-2030',
  kind: 'MODEL' as const,
  criteria: DEMO_CRITERIA.MODEL,
  approvalChain: ['SPECIALIST', 'LEADER', 'COMMITTEE'] as const,
  updatedAt: '',
  updatedBy: '',
};
const scored: Appraisal = {
  modelId: 'm1',
  year: 2026,
  round: 1,
  criteria: DEMO_CRITERIA.MODEL,
  approvalChain: ['SPECIALIST', 'LEADER', 'COMMITTEE'],
  scores: DEMO_CRITERIA.MODEL.map((c) => ({ criterionId: c.id, score: 15 })),
  total: 75,
  maxTotal: 100,
  proposal: { outcome: 'RECOGNIZE', level: 'PROVINCE' },
  step: 1,
  status: 'IN_APPROVAL',
  trail: [{ role: 'SPECIALIST', action: 'SCORED', actor: 'chuyenvien', at: '2026-11-20T03:00:00Z' }],
  version: 1,
};
const data = (appraisal: Appraisal | null): AppraisalData => ({
  criteriaSet: { ...set, approvalChain: [...set.approvalChain] },
  appraisal,
});

describe('the appraisal panel', () => {
  it('gives the first role the scoring form, one labelled input per criterion', async () => {
    const out = await html(AppraisalPanel({ lang: 'vi', actor: member('SPECIALIST'), model, data: data(null) }));
    expect(out).toContain('action="/models/m1/appraisal/score#action"');
    expect(out.match(/name="scores\.\d\.score"/g)).toHaveLength(5);
    expect(out).toContain('<label class="visually-hidden" for="score-0">Điểm tiêu chí 1 (từ 0 đến 20)</label>');
    expect(out).not.toContain('/appraisal/approve');
  });

  it('shows the next role the scores read-only with approve and return; others only wait', async () => {
    const leader = await html(AppraisalPanel({ lang: 'vi', actor: member('LEADER'), model, data: data(scored) }));
    expect(leader).toContain('Tổng điểm: 75/100');
    expect(leader).toContain('/appraisal/approve#action');
    expect(leader).toContain('/appraisal/return#action');
    expect(leader).not.toContain('name="scores.0.score"');
    const specialist = await html(AppraisalPanel({ lang: 'en', actor: member('SPECIALIST'), model, data: data(scored) }));
    expect(specialist).toContain('Waiting for: Board leader.');
    expect(specialist).not.toContain('/appraisal/approve');
  });

  it('offers the last role to publish, and rescoring after a return shows the reason', async () => {
    const last = await html(AppraisalPanel({ lang: 'vi', actor: member('COMMITTEE'), model, data: data({ ...scored, step: 2 }) }));
    expect(last).toContain('Phê duyệt và công bố kết quả');
    const returned = {
      ...scored,
      step: 0,
      status: 'RETURNED' as const,
      trail: [
        ...scored.trail,
        { role: 'LEADER' as const, action: 'RETURNED' as const, actor: 'l', at: '2026-11-20T04:00:00Z', reason: 'Thiếu <minh chứng>' },
      ],
    };
    const out = await html(AppraisalPanel({ lang: 'vi', actor: member('SPECIALIST'), model, data: data(returned) }));
    expect(out).toContain('Lý do: Thiếu &lt;minh chứng&gt;');
    expect(out).toContain('value="15"');
  });
});

describe('the certificate', () => {
  it('prints the decision number, date (dd/mm/yyyy), issuing body and level', async () => {
    const recognition = {
      year: 2026,
      level: 'PROVINCE' as const,
      decisionId: 'd',
      number: '7/QĐ-BDV',
      date: '2026-11-20T18:30:00Z',
      issuingBody: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh',
    };
    const out = await html(CertificatePage({ view: { lang: 'vi', path: '/' }, model, recognition, unitName: 'Phường Hạ Long' }));
    expect(out).toContain('GIẤY CHỨNG NHẬN');
    expect(out).toContain('Theo Quyết định số 7/QĐ-BDV ngày 21/11/2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh.');
    expect(out).toContain('Ngày 21 tháng 11 năm 2026');
    expect(out).toContain('Cấp tỉnh');
    expect(out).toContain('Mô hình &lt;b&gt;x&lt;/b&gt;');
    expect(out).toContain('href="/static/certificate.css"');
  });
});
