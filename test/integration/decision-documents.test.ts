import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { DecisionMember } from '../../core/decisions/batch-decision.ts';
import { decisionMemberItems, openDecisionId } from '../../core/store/decision-store.ts';
import { commitWrites } from '../../core/store/writes.ts';
import type { ApiClient } from '../support/api-client.ts';
import { checkedFetch } from '../support/contract.ts';
import { register, useDemoRuntime } from '../support/lifecycle-driver.ts';
import { NEXT_YEAR, THIS_PERIOD } from '../support/years.ts';

/**
 * A board's batch decision over HTTP (issue 17): issued by the last role, its .docx opened as
 * XML (A4, margins, Times New Roman, the number, every listed model) and its certificates PDF
 * read back (one landscape page per model, the text with its marks).
 */
const ctx = useDemoRuntime();
const NAMES = [
  'Mô hình “Dân vận khéo” xây dựng nông thôn mới ở Xã Quảng Tân',
  'Điển hình vận động hiến đất mở đường',
  'Tổ tự quản an ninh trật tự khu phố 3',
  'Bếp ăn tình thương Bệnh viện Bãi Cháy',
  'Chi hội phụ nữ “Tiết kiệm vì người nghèo”',
];

async function download(client: ApiClient, path: string) {
  const response = await checkedFetch(`${ctx.runtime.webUrl}${path}`, { headers: { cookie: client.cookie } }, { check: false });
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Puts the models on next year's open decision as their publications would, and returns its id. */
async function gather(ids: string[]): Promise<string> {
  const deps = ctx.runtime.webDeps;
  const at = new Date().toISOString();
  const decisionId = await openDecisionId(deps, 'ban-tinh-qn', NEXT_YEAR, at);
  for (const [i, modelId] of ids.entries()) {
    const member: DecisionMember = {
      decisionId,
      modelId,
      name: NAMES[i]!,
      unitId: 'phuong-ha-long',
      unitName: 'Phường Hạ Long',
      area: 'ECONOMY',
      kind: i === 1 ? 'EXEMPLAR' : 'MODEL',
      level: 'PROVINCE',
      publishedAt: at,
    };
    await commitWrites(deps, decisionMemberItems(deps.tableName, member), 'error.changedMeanwhile');
  }
  return decisionId;
}

const mm = (twips: string | undefined) => (Number(twips) * 25.4) / 1440;

describe('a batch decision’s documents', { timeout: 120_000 }, () => {
  let decisionId = '';

  it('is read by its board only, drafted while open, issued by the last role with a number', async () => {
    const { unit, board, admin, otherBoard } = ctx.users;
    const ids = [];
    for (const name of NAMES) ids.push(await register(unit, { name, year: NEXT_YEAR }));
    decisionId = await gather(ids);
    for (const client of [unit, otherBoard]) expect((await client.get(`/api/decisions/${decisionId}`)).status).toBe(403);
    const read = await board.get(`/api/decisions/${decisionId}`);
    expect(read.body).toMatchObject({ decision: { status: 'OPEN', count: 5 }, canIssue: true });
    expect(read.body.members.map((m: { no: number }) => m.no)).toEqual([1, 2, 3, 4, 5]);

    const draft = await download(board, `/api/decisions/${decisionId}/document.docx`);
    expect(draft.status).toBe(200);
    expect((await download(board, `/api/decisions/${decisionId}/certificates.pdf`)).status).toBe(409);

    // A signature cannot precede its year, nor come after today.
    const early = await board.post(`/api/decisions/${decisionId}/issue`, { date: `${NEXT_YEAR - 1}-06-01` });
    expect(early.status).toBe(422);
    expect(early.error?.fields).toEqual([expect.objectContaining({ field: 'date', key: 'reason.decisionDateBeforeYear' })]);
    // Next year's decision, signed on a day of next year: the admin acts at that date through the use case's clock.
    const { issueDecision } = await import('../../core/use-cases/batch-decisions.ts');
    const issued = await issueDecision(
      { ...ctx.runtime.webDeps, now: () => new Date(`${NEXT_YEAR}-01-15T03:00:00Z`) },
      { kind: 'user', username: 'thuongtruc.qn', role: 'board', boardId: 'ban-tinh-qn', boardRoles: ['COMMITTEE'] },
      decisionId,
      { date: `${NEXT_YEAR}-01-15` },
    );
    expect(issued.number).toBe('01-QĐ/BTGDVTU');
    expect((await admin.get(`/api/decisions/${decisionId}`)).body).toMatchObject({
      decision: { status: 'ISSUED', number: '01-QĐ/BTGDVTU' },
      canIssue: false,
    });
  });

  it('gives the decision as a .docx: A4, the margins of both rules, Times New Roman 14, the number and every model', async () => {
    const file = await download(ctx.users.board, `/api/decisions/${decisionId}/document.docx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(file.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    const size = /<w:pgSz [^>]*w:w="(\d+)"[^>]*w:h="(\d+)"/.exec(xml)!;
    expect([size[1], size[2]]).toEqual(['11906', '16838']);
    const margin = (side: string) => mm(new RegExp(`<w:pgMar [^>]*w:${side}="(\\d+)"`).exec(xml)?.[1]);
    expect(margin('top')).toBeGreaterThanOrEqual(19.9);
    expect(margin('top')).toBeLessThanOrEqual(25.1);
    expect(margin('bottom')).toBeGreaterThanOrEqual(19.9);
    expect(margin('bottom')).toBeLessThanOrEqual(25.1);
    expect(margin('left')).toBeGreaterThanOrEqual(29.9);
    expect(margin('left')).toBeLessThanOrEqual(35.1);
    expect(margin('right')).toBeGreaterThanOrEqual(14.9);
    expect(margin('right')).toBeLessThanOrEqual(20.1);
    expect(styles + xml).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="2[68]"\/>/);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Số 01-QĐ/BTGDVTU');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('TỈNH ỦY QUẢNG NINH');
    expect(text).toContain(`Quảng Ninh, ngày 15 tháng 01 năm ${NEXT_YEAR}`);
    expect(text).toContain('Nguyễn Thị Minh');
    for (const name of NAMES) expect(text).toContain(name);
  });

  it('gives every certificate in one PDF: one A4 landscape page per model, its text with the marks', async () => {
    const file = await download(ctx.users.board, `/api/decisions/${decisionId}/certificates.pdf`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(file.bytes.includes('/FontFile2')).toBe(true);
    const pdf = await getDocument({ data: new Uint8Array(file.bytes) }).promise;
    expect(pdf.numPages).toBe(5);
    const members = (await ctx.users.board.get(`/api/decisions/${decisionId}`)).body.members as { name: string }[];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const [, , width, height] = page.view;
      expect(width).toBeGreaterThan(height!);
      const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
      const squeezed = text.replace(/\s+/g, ' ');
      expect(squeezed).toContain(members[i - 1]!.name);
      expect(squeezed).toContain('01-QĐ/BTGDVTU');
      expect(squeezed).toContain('GIẤY CHỨNG NHẬN');
    }
  });

  it('prints onto pre-printed blanks once an administrator has set where the fields go', async () => {
    const { board, admin } = ctx.users;
    expect((await download(board, `/api/decisions/${decisionId}/certificates.pdf?layout=blank`)).status).toBe(409);
    const settings = (await admin.get('/api/boards/ban-tinh-qn/document-settings')).body;
    const saved = await admin.call('PUT', '/api/boards/ban-tinh-qn/document-settings', {
      ...settings,
      certificateLayout: {
        name: { x: 40, y: 90, size: 22, width: 220 },
        unitName: { x: 60, y: 120 },
        decision: { x: 60, y: 150, size: 12 },
      },
    });
    expect(saved.status).toBe(200);
    const file = await download(board, `/api/decisions/${decisionId}/certificates.pdf?layout=blank`);
    expect(file.status).toBe(200);
    const pdf = await getDocument({ data: new Uint8Array(file.bytes) }).promise;
    expect(pdf.numPages).toBe(5);
    const text = (await (await pdf.getPage(1)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text).toContain('Phường Hạ Long');
    expect(text).not.toContain('GIẤY CHỨNG NHẬN');
  });
});

describe('the five-year summary', { timeout: 60_000 }, () => {
  it('downloads as a workbook of its tables and as a draft report, for the board and administrators only', async () => {
    const { board, unit } = ctx.users;
    const period = `${THIS_PERIOD}`;
    const json = await board.get(`/api/statistics/summary?period=${period}`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ scope: 'ban-tinh-qn', period });
    expect((await unit.get(`/api/statistics/summary?period=${period}`)).status).toBe(403);
    const xlsx = await download(board, `/api/exports/summary.xlsx?period=${period}`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Theo năm',
      'Theo lĩnh vực',
      'Theo loại',
      'Theo cấp',
      'Lý do dừng',
      'Chỉ tiêu',
      'Nhân rộng nhiều nhất',
    ]);
    const docx = await download(board, `/api/exports/summary.docx?period=${period}`);
    expect(docx.status).toBe(200);
    const text = (await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain(`Tổng kết phong trào thi đua “Dân vận khéo” giai đoạn ${period.replace('-', '–')}`);
    expect(text).toContain('Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh có');
    expect(text).toContain('[Văn phòng bổ sung]');
  });
});
