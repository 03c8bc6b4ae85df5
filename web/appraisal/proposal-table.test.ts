import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.ts';
import type { Model } from '../../core/model.ts';
import { readsProposalsOf, type ProposalRow } from '../../core/use-cases/proposals.ts';
import { ModelPage } from '../models/model-page.tsx';
import type { UserActor } from '../ui/page-support.tsx';
import { ReceivedProposals } from './proposal-table.tsx';

const html = async (element: unknown) => String(await element);
const XSS = '<script>alert(1)</script>';

const row = (over: Partial<ProposalRow> = {}): ProposalRow => ({
  kind: 'COMMENDATION',
  year: 2026,
  note: 'Đề nghị tặng bằng khen',
  modelId: 'm1',
  modelName: 'Dân vận khéo',
  unitId: 'phuong-ha-long',
  fromBoardId: 'b-qn',
  toBoardId: 'b-tw',
  level: 'PROVINCE',
  proposedBy: 'ban.quangninh',
  at: '2026-12-20T03:00:00Z',
  fromBoardName: 'Ban Dân vận Tỉnh ủy Quảng Ninh',
  toBoardName: 'Ban Dân vận Trung ương',
  unitName: 'Phường Hạ Long',
  ...over,
});

describe('proposals received, on the board page', () => {
  it('has column headers and a row header per proposal, and names boards and units rather than ids', async () => {
    const out = await html(ReceivedProposals({ lang: 'vi', boardId: 'b-tw', proposals: [row()] }));
    expect(out.match(/<th scope="col">/g)).toHaveLength(10);
    expect(out).toContain('Chưa có trả lời');
    // A leader of the receiving board gets the answer form instead.
    const leader = await html(ReceivedProposals({ lang: 'vi', boardId: 'b-tw', proposals: [row()], canAnswer: true }));
    expect(leader).toContain('action="/board/proposals/answer#proposals-title"');
    expect(leader).toContain('aria-label="Trả lời đề xuất về &quot;Dân vận khéo&quot;"');
    expect(out).toMatch(/<th scope="row" data-label="Tên"><div><a href="\/public\/models\/m1">Dân vận khéo<\/a><\/div><\/th>/);
    expect(out).toContain('Ban Dân vận Tỉnh ủy Quảng Ninh');
    expect(out).toContain('Phường Hạ Long');
    expect(out).not.toContain('b-qn');
    expect(out).not.toContain('phuong-ha-long');
  });

  it('links the board’s own model to its page, escapes names, says when there are none', async () => {
    const out = await html(ReceivedProposals({ lang: 'vi', boardId: 'b-qn', proposals: [row({ unitName: XSS })] }));
    expect(out).toContain('href="/models/m1"');
    expect(out).not.toContain(XSS);
    expect(await html(ReceivedProposals({ lang: 'vi', boardId: 'b-qn', proposals: [] }))).toContain('Chưa nhận được đề xuất nào');
  });
});

describe('proposals sent, on the model page', () => {
  const model = {
    id: 'm1',
    name: 'Dân vận khéo',
    unitId: 'phuong-ha-long',
    boardId: 'b-qn',
    kind: 'MODEL',
    area: 'ECONOMY',
    status: 'IMPLEMENTING',
    cycleYear: 2027,
    recognitions: [{ year: 2026, level: 'PROVINCE', decisionId: 'd1' }],
    indicators: [],
    tags: [],
  } as unknown as Model;
  const board: UserActor = { kind: 'user', username: 'ban.quangninh', role: 'board', boardId: 'b-qn' };
  const detail = { model, tasks: [], events: [], decisions: [], evidence: [] };
  const page = (proposals?: ProposalRow[]) =>
    html(ModelPage({ view: { lang: 'vi', path: '/models/m1' }, actor: board, detail, now: new Date('2027-01-05T00:00:00Z'), proposals }));

  it('lists each proposal with the board it went to and its answer', async () => {
    const out = await page([row(), row({ kind: 'NEXT_LEVEL', at: '2026-12-21T03:00:00Z', note: undefined })]);
    const section = out.slice(out.indexOf('id="proposals"'), out.indexOf('</section>', out.indexOf('id="proposals"')));
    expect(section).toContain('<h2 id="proposals-sent-title">Đề xuất đã gửi</h2>');
    expect(section.match(/<th scope="row"/g)).toHaveLength(2);
    // Newest first.
    expect(section.indexOf('Đề nghị cấp trên công nhận')).toBeLessThan(section.indexOf('Đề nghị khen thưởng'));
    expect(section).toContain('Ban Dân vận Trung ương');
    expect(section).not.toContain('b-tw');
    expect(section.match(/Chưa có trả lời/g)).toHaveLength(2);
  });

  it('shows an answer given, with its date and note', async () => {
    const answer = { outcome: 'DECLINED' as const, note: `Chưa đủ thời gian ${XSS}`, by: 'lanhdao.tw', at: '2027-01-03T03:00:00Z' };
    const out = await page([row({ answer })]);
    expect(out).toContain('Không chấp nhận ngày 03/01/2027');
    expect(out).toContain('Chưa đủ thời gian');
    expect(out).not.toContain(XSS);
    expect(out).not.toContain('Chưa có trả lời');
  });

  it('shows no section to a reader who may not see them', async () => {
    expect(await page(undefined)).not.toContain('id="proposals"');
  });

  it('are read by the model’s board and administrators, not by its unit or another board', () => {
    const of = (actor: Actor) => readsProposalsOf(actor, model);
    expect(of(board)).toBe(true);
    expect(of({ kind: 'user', username: 'quantri', role: 'admin' })).toBe(true);
    expect(of({ kind: 'user', username: 'donvi.halong', role: 'unit', unitId: 'phuong-ha-long' })).toBe(false);
    expect(of({ kind: 'user', username: 'ban.quangtri', role: 'board', boardId: 'b-qt' })).toBe(false);
  });
});
