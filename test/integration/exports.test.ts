import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient } from '../support/api-client.ts';
import { appraise, demoUsers, openReview, register, waitForStep } from '../support/lifecycle-driver.ts';
import { eventually, startTestRuntime } from '../support/test-runtime.ts';
import { NEXT_YEAR, THIS_PERIOD, THIS_YEAR } from '../support/years.ts';
import { checkedFetch } from '../support/contract.ts';

let runtime: Runtime;
let users: Awaited<ReturnType<typeof demoUsers>>;
let quangla: ApiClient;
const INJECTION = '=HYPERLINK("http://x","bấm") mô hình';

/** Downloads with the client's session: status, headers and the raw bytes. */
async function download(client: ApiClient, path: string) {
  const response = await checkedFetch(`${runtime.webUrl}${path}`, { headers: { cookie: client.cookie } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function workbook(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}
const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

/** RFC 4180 reader, enough to check the writer: quoted fields, doubled quotes, CRLF after every record. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

beforeAll(async () => {
  runtime = await startTestRuntime();
  users = await demoUsers(runtime);
  quangla = await ApiClient.signIn(runtime.webUrl, 'donvi.quangla');
  const { unit, board, admin } = users;
  const recognized = [
    await register(unit, {
      name: 'Dân vận khéo, "nông thôn mới"',
      area: 'ECONOMY',
      targetLevel: 'PROVINCE',
      indicators: [{ name: 'Hộ tham gia', unit: 'hộ', target: 100 }],
    }),
    await register(unit, { name: 'Điển hình vận động hiến đất', area: 'CULTURE_SOCIETY', kind: 'EXEMPLAR' }),
  ];
  const stopped = await register(quangla, { name: INJECTION, area: 'ECONOMY' });
  await register(quangla, { name: 'Chờ thẩm định', area: 'DEFENSE_SECURITY' });
  const running = [...recognized, stopped];
  for (const id of running) {
    await waitForStep(board, id, 'REGISTRATION_REVIEW');
    expect((await board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
  }
  for (const id of running) await waitForStep(admin, id, 'YEARLY_REVIEW');
  await openReview(admin);
  for (const [client, id] of [
    [unit, recognized[0]],
    [unit, recognized[1]],
    [quangla, stopped],
  ] as const) {
    await waitForStep(client, id!, 'YEARLY_REPORT');
    expect(
      (await client.post(`/api/models/${id}/report`, { report: 'Kết quả năm', indicators: [{ name: 'Hộ tham gia', actual: 120 }] })).status,
    ).toBe(200);
  }
  for (const id of running) await waitForStep(board, id, 'APPRAISAL');
  for (const id of recognized)
    expect(await appraise(board, id, { outcome: 'RECOGNIZE', level: 'PROVINCE' })).toMatchObject({ status: 'RECOGNIZED' });
  expect(
    await appraise(board, stopped, { outcome: 'STOP', stopReason: 'FORMALISTIC', reason: 'Báo cáo hình thức, không có minh chứng' }),
  ).toMatchObject({ status: 'STOPPED' });
  // Recognized models go on into next year (this year keeps their final status): wait until they have.
  for (const id of recognized) {
    await eventually(async () => {
      const { model } = (await board.get(`/api/models/${id}`)).body;
      return model.cycleYear === NEXT_YEAR && model.status === 'IMPLEMENTING';
    }, `${id} in its ${NEXT_YEAR} cycle`);
  }
}, 180_000);
afterAll(async () => runtime?.stop());

/** The period of this cycle year, where the figures are (next year may fall in the next period). */
const PERIOD = `period=${THIS_PERIOD}`;
const PERIOD_YEARS = Array.from({ length: 5 }, (_, k) => Number(THIS_PERIOD.slice(0, 4)) + k);
/** A table row's year columns: `values[year]` in that year's column, 0 in the others. */
const byYear = (values: Record<number, number>) => PERIOD_YEARS.map((year) => values[year] ?? 0);

describe('statistics and exports', () => {
  it('answers the board with its own figures, any scope to administrators, and 403 to units', async () => {
    const { status, body } = await users.board.get(`/api/statistics?${PERIOD}`);
    expect(status).toBe(200);
    expect(body.scope).toBe('ban-tinh-qn');
    expect(body.rollup.funnel).toMatchObject({ REGISTERED: 4, ACCEPTED: 3, RECOGNIZED: 2, STOPPED: 1 });
    expect(body.rollup.byArea).toMatchObject({ ECONOMY: 2, CULTURE_SOCIETY: 1, DEFENSE_SECURITY: 1 });
    expect((await users.board.get(`/api/statistics?${PERIOD}&scope=ban-tinh-qt`)).status).toBe(403);
    expect((await users.admin.get(`/api/statistics?${PERIOD}&scope=ALL`)).body.rollup.funnel.RECOGNIZED).toBe(2);
    expect((await users.admin.get(`/api/statistics?${PERIOD}&kinds=EXEMPLAR`)).body.rollup.funnel.RECOGNIZED).toBe(1);
    expect((await users.unit.get(`/api/statistics?${PERIOD}`)).status).toBe(403);
    expect((await download(users.unit, `/api/exports/statistics.xlsx?${PERIOD}`)).status).toBe(403);
    expect((await download(users.unit, `/api/exports/statistics.csv?${PERIOD}`)).status).toBe(403);
    expect((await new ApiClient(runtime.webUrl).get('/api/exports/statistics.xlsx')).status).toBe(401);
    expect((await users.board.get('/api/statistics?period=soon')).status).toBe(400);
  });

  it('downloads statistics.xlsx whose sheets and totals match the API', async () => {
    const api = (await users.board.get(`/api/statistics?${PERIOD}`)).body;
    const file = await download(users.board, `/api/exports/statistics.xlsx?${PERIOD}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = file.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      `Thống kê Dân vận khéo Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh ${THIS_PERIOD}.xlsx`,
    );

    const book = await workbook(file.bytes);
    expect(book.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Theo trạng thái',
        'Theo lĩnh vực',
        'Theo loại',
        'Theo cấp',
        'Từ đăng ký đến công nhận',
        'Chỉ tiêu kết quả',
        'Tổng hợp 5 năm',
        'Thông tin',
      ]),
    );
    const area = book.getWorksheet('Theo lĩnh vực')!;
    expect(rowValues(area, 1)[0]).toBe('Lĩnh vực');
    const thisYear = api.years.find((y: { year: number }) => y.year === THIS_YEAR);
    expect(rowValues(area, 2)).toEqual(['Kinh tế', ...byYear({ [THIS_YEAR]: thisYear!.byArea.ECONOMY! }), api.rollup.byArea.ECONOMY]);
    const areaTotals = rowValues(area, area.rowCount);
    expect(areaTotals[0]).toBe('Tổng cộng');
    expect(areaTotals.at(-1)).toBe(api.rollup.funnel.REGISTERED);

    const funnel = book.getWorksheet('Từ đăng ký đến công nhận')!;
    expect(rowValues(funnel, 1)).toEqual(['Năm', 'Đăng ký', 'Được chấp nhận', 'Được công nhận', 'Dừng triển khai', 'Nhân rộng']);
    expect(rowValues(funnel, funnel.rowCount)).toEqual([`Cả giai đoạn ${THIS_PERIOD}`, 4, 3, 2, 1, 0]);
    const status = book.getWorksheet('Theo trạng thái')!;
    // This year's four models; next year's two, recognized and going on (if next year is in the period).
    expect(rowValues(status, status.rowCount)).toEqual(['Tổng cộng', ...byYear({ [THIS_YEAR]: 4, [NEXT_YEAR]: 2 })]);
    // Only the indicator the model registered is totalled (the others reported one it did not register), under its name as typed.
    expect(rowValues(book.getWorksheet('Chỉ tiêu kết quả')!, 2)).toEqual([
      'Hộ tham gia',
      'hộ',
      'Tổng',
      ...byYear({ [THIS_YEAR]: 120 }),
      120,
    ]);
    expect(rowValues(book.getWorksheet('Thông tin')!, 2)).toEqual(['Phạm vi', 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh']);
  });

  it('downloads statistics.csv that parses back to the same tables', async () => {
    const file = await download(users.board, `/api/exports/statistics.csv?${PERIOD}&kinds=MODEL`);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(file.bytes.toString('utf8').slice(1));
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    const at = rows.findIndex((r) => r[0] === 'Từ đăng ký đến công nhận');
    expect(rows[at + 1]!.slice(0, 6)).toEqual(['Năm', 'Đăng ký', 'Được chấp nhận', 'Được công nhận', 'Dừng triển khai', 'Nhân rộng']);
    expect(rows[at + 7]!.slice(0, 6)).toEqual([`Cả giai đoạn ${THIS_PERIOD}`, '3', '2', '1', '1', '0']);
  });

  it('downloads the board’s model list as xlsx and csv, filtered, with dates and neutralized formulas', async () => {
    const file = await download(users.board, '/api/exports/models.xlsx');
    expect(file.status).toBe(200);
    const sheet = (await workbook(file.bytes)).worksheets[0]!;
    expect(sheet.name).toBe('Danh sách mô hình');
    expect(rowValues(sheet, 1)).toEqual([
      'Tên mô hình, điển hình',
      'Đơn vị',
      'Lĩnh vực',
      'Loại',
      'Cấp đăng ký',
      'Năm',
      'Trạng thái',
      'Ngày đăng ký',
      'Số lần nhân rộng',
      'Cấp công nhận',
      'Số quyết định công nhận',
    ]);
    expect(sheet.rowCount).toBe(6);
    const rows = [2, 3, 4, 5].map((r) => rowValues(sheet, r));
    expect(rows.map((r) => r[0])).toContain(`'${INJECTION}`);
    expect(rows.map((r) => r[1]).sort()).toEqual(['Phường Hạ Long', 'Phường Hạ Long', 'Xã Quảng La', 'Xã Quảng La']);
    expect(rows.map((r) => r[6]).sort()).toEqual(['Chờ thẩm định', 'Dừng triển khai', 'Đang triển khai', 'Đang triển khai']);
    expect(rows.map((r) => r[5]).sort()).toEqual([THIS_YEAR, THIS_YEAR, NEXT_YEAR, NEXT_YEAR]);
    expect(rows[0]![7]).toBeInstanceOf(Date);
    expect(sheet.getColumn(8).numFmt).toBe('dd/mm/yyyy');
    expect(rowValues(sheet, 6)[0]).toBe('Tổng cộng: 4 mô hình, điển hình');

    const csv = await download(users.board, `/api/exports/models.csv?status=IMPLEMENTING&year=${NEXT_YEAR}`);
    const parsed = parseCsv(csv.bytes.toString('utf8').slice(1));
    expect(parsed).toHaveLength(4);
    expect(parsed[0]![0]).toBe('Tên mô hình, điển hình');
    expect(
      parsed
        .slice(1, 3)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['Dân vận khéo, "nông thôn mới"', 'Điển hình vận động hiến đất']);
    expect(parsed[1]![7]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    // Recognized this year and now in next year's cycle: still in this year's export, with the number
    // of the board's decision once issued (Quảng Ninh gathers the year's recognitions into one).
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await users.board.post(`/api/decisions/ban-tinh-qn.${THIS_YEAR}.1/issue`, { date: today })).status).toBe(200);
    const recognizedCsv = parseCsv(
      (await download(users.board, `/api/exports/models.csv?status=IMPLEMENTING&year=${THIS_YEAR}`)).bytes.toString('utf8').slice(1),
    );
    expect(
      recognizedCsv
        .slice(1, 3)
        .map((r) => r.slice(9))
        .sort(),
    ).toEqual([
      ['Cấp tỉnh', '01-QĐ/BTGDVTU'],
      ['Cấp tỉnh', '01-QĐ/BTGDVTU'],
    ]);

    const stoppedCsv = parseCsv((await download(users.board, '/api/exports/models.csv?status=STOPPED')).bytes.toString('utf8').slice(1));
    expect(stoppedCsv[1]![0]).toBe(`'${INJECTION}`);
  });

  it('gives a unit its own models, and administrators a chosen board', async () => {
    const own = parseCsv((await download(quangla, '/api/exports/models.csv')).bytes.toString('utf8').slice(1));
    expect(own.slice(1, -1).map((r) => r[1])).toEqual(['Xã Quảng La', 'Xã Quảng La']);
    // Without unitId or boardId: every board's (as /api/models).
    expect((await download(users.admin, '/api/exports/models.xlsx')).status).toBe(200);
    expect((await download(users.admin, '/api/exports/models.xlsx?boardId=ban-tinh-qn')).status).toBe(200);
    expect((await download(users.board, '/api/exports/models.csv?status=LOST')).status).toBe(400);
  });

  it('renders the dashboard for the board with the numbers in its tables, and refuses units', async () => {
    const page = await users.board.get(`/statistics?${PERIOD}`);
    expect(page.status).toBe(200);
    const html = page.body as string;
    expect(html).toContain('<caption id="table-funnel-caption">Từ đăng ký đến công nhận</caption>');
    expect(html).toContain(
      `<tfoot><tr><th scope="row">Cả giai đoạn ${THIS_PERIOD}</th><td class="num">4</td><td class="num">3</td><td class="num">2</td><td class="num">1</td>`,
    );
    expect(html).toContain(`href="/api/exports/statistics.xlsx?period=${THIS_PERIOD}"`);
    expect(html).toContain('href="/api/exports/models.csv"');
    const json = /<script type="application\/json" id="stats-data">(.*?)<\/script>/s.exec(html)![1]!;
    expect(json).not.toContain('<');
    expect((JSON.parse(json) as { funnel: { values: number[] } }).funnel.values).toEqual([4, 3, 2, 1, 0]);

    expect((await users.admin.get(`/statistics?scope=ban-tinh-qn&period=${THIS_PERIOD}&area=ECONOMY`)).body).toContain(
      'href="/api/exports/models.xlsx?boardId=ban-tinh-qn&amp;area=ECONOMY"',
    );
    expect((await users.unit.get('/statistics')).status).toBe(403);
    const chart = await download(users.board, '/static/chart.js');
    expect(chart.status).toBe(200);
    expect(chart.bytes.toString('utf8')).toContain('Chart');
  });
});
