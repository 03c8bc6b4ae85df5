import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.ts';
import { IMPORT_COLUMNS } from '../../core/imports/import-columns.ts';
import { readImportFile } from '../../core/imports/sheets.ts';
import { importOfficialUnits } from '../../core/use-cases/official-units.ts';
import type { Runtime } from '../../local/runtime.ts';
import { decisionDate, modelRow, sheetFromTemplate, type SheetCells } from '../fixtures/import-sheet.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { axeViolations, formatViolations } from './axe.ts';
import { launchBrowser, shot, signIn, submit, type E2EPage } from './browser.ts';

/**
 * The model import page in a browser (issue 16): a board member downloads the template, sends a
 * sheet with three rows spoiled in three ways, reads the check's report (in Vietnamese, then in
 * English), downloads the refused rows, confirms the import and sees it done; a CSV with one good
 * row checks clean; axe finds nothing on the upload and job pages.
 */
let runtime: Runtime;
let browser: Browser;
const admin: Actor = { kind: 'user', username: 'quantri', role: 'admin' };
/** Xã Quảng Tân, one of Quảng Ninh's official communes. */
const QUANG_TAN = '06913';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Eight rows (sheet rows 2–9): three spoiled, at rows 4, 6 and 8. */
const SPOILED_NAMES = ['Mô hình có mã đơn vị sai', 'Mô hình có lĩnh vực lạ', 'Mô hình được công nhận thiếu cấp'];
const ROWS: SheetCells[] = [
  modelRow(1, QUANG_TAN),
  modelRow(2, QUANG_TAN, { area: 'Văn hóa - xã hội' }),
  modelRow(3, QUANG_TAN, { name: SPOILED_NAMES[0], unit: '99999' }),
  modelRow(4, QUANG_TAN, { kind: 'Điển hình', name: 'Điển hình dân vận khéo số 4', year: 2023 }),
  modelRow(5, QUANG_TAN, { name: SPOILED_NAMES[1], area: 'Nông nghiệp' }),
  modelRow(6, QUANG_TAN, {
    status: 'Được công nhận',
    level: 'Cấp xã',
    statusYear: 2024,
    decisionNumber: '12/QĐ-BDVHU',
    decisionDate: decisionDate(2024),
  }),
  modelRow(7, QUANG_TAN, {
    name: SPOILED_NAMES[2],
    status: 'Được công nhận',
    statusYear: 2024,
    decisionNumber: '13/QĐ-BDVHU',
    decisionDate: decisionDate(2024),
  }),
  modelRow(8, QUANG_TAN, { area: 'Quốc phòng - an ninh' }),
];

/** A CSV as Excel set to Vietnamese saves it: UTF-8 with a BOM, `;`, CRLF, quotes where needed. */
function csvOf(rows: SheetCells[]): Buffer {
  const field = (value: string) => (/[;",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [
    IMPORT_COLUMNS.map((c) => field(c.header)).join(';'),
    ...rows.map((cells) => IMPORT_COLUMNS.map((c) => field(String(cells[c.key] ?? ''))).join(';')),
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

/** Fetches `path` in the page (its session cookie): status, content type and bytes. */
async function fetchInPage(page: E2EPage, path: string): Promise<{ status: number; type: string; bytes: Uint8Array }> {
  const got = await page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      bytes: Array.from(new Uint8Array(await response.arrayBuffer())),
    };
  }, path);
  return { ...got, bytes: new Uint8Array(got.bytes) };
}

/** The refused rows table, one array of cell texts a row. */
const refusedTable = (page: E2EPage) =>
  page
    .locator('main table tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));

/** The summary list as term -> value. */
async function summaryOf(page: E2EPage): Promise<Record<string, string>> {
  const terms = await page.locator('dl.summary dt').allInnerTexts();
  const values = await page.locator('dl.summary dd').allInnerTexts();
  return Object.fromEntries(terms.map((term, i) => [term.trim(), values[i]!.trim()]));
}

async function expectNoAxeViolations(page: E2EPage, where: string): Promise<void> {
  expect(formatViolations(where, await axeViolations(page))).toEqual([]);
}

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  await importOfficialUnits(runtime.webDeps, admin, { provinceCode: '22' });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('the model import page', { timeout: 180_000 }, () => {
  let board: E2EPage;
  let jobPath: string;

  it('opens from the nav, downloads the template, and checks a sheet with three spoiled rows: a readable Vietnamese report', async () => {
    board = await signIn(browser, runtime.webUrl, 'ban.quangninh');
    await board.goto('/board');
    await Promise.all([board.waitForURL(/\/imports$/), board.getByRole('link', { name: 'Nhập dữ liệu', exact: true }).click()]);
    expect(await board.locator('h1').innerText()).toBe('Nhập mô hình, điển hình từ Excel');
    expect(await board.locator('main').innerText()).toContain('Chưa có lần nhập nào.');
    await expectNoAxeViolations(board, 'vi /imports (empty)');

    // The template: a download named .xlsx, and an xlsx the reader opens (headers only, no data row).
    const [download] = await Promise.all([
      board.waitForEvent('download'),
      board.getByRole('link', { name: 'Tải tệp mẫu (.xlsx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const template = await fetchInPage(board, '/api/imports/models/template.xlsx');
    expect(template.status).toBe(200);
    expect(template.type).toBe(XLSX);
    expect(await readImportFile(template.bytes, 'mau.xlsx')).toEqual({ ok: false, issue: { key: 'import.empty' } });

    await board.setInputFiles('#import-file', {
      name: 'quang-tan-2024.xlsx',
      mimeType: XLSX,
      buffer: Buffer.from(await sheetFromTemplate(ROWS)),
    });
    await Promise.all([board.waitForURL(/\/imports\/[^/]+$/), board.getByRole('button', { name: 'Kiểm tra tệp' }).click()]);
    jobPath = new URL(board.url()).pathname;

    expect(await board.locator('h1').innerText()).toBe('Kết quả kiểm tra: quang-tan-2024.xlsx');
    expect(await board.locator('main').innerText()).toContain('Đã kiểm tra, chưa nhập');
    expect(await summaryOf(board)).toEqual({
      'Số dòng đọc được': '8',
      'Dòng hợp lệ': '5',
      'Trong đó đã có từ trước (sẽ bỏ qua)': '0',
      'Dòng bị từ chối': '3',
    });
    expect(await board.locator('main table thead th').allInnerTexts()).toEqual(['Dòng', 'Cột', 'Lý do']);
    expect(await refusedTable(board)).toEqual([
      ['4', 'Đơn vị (mã hoặc định danh)', 'không có đơn vị mang mã "99999"'],
      ['6', 'Lĩnh vực', 'chọn một trong: Kinh tế, Văn hóa - xã hội, Quốc phòng - an ninh, Xây dựng hệ thống chính trị'],
      ['8', 'Cấp công nhận', 'bắt buộc'],
    ]);
    expect(await board.getByRole('button', { name: 'Nhập 5 dòng hợp lệ' }).count()).toBe(1);
    await shot(board, 'import-01-check-report');
    await expectNoAxeViolations(board, `vi ${jobPath} (checked)`);

    // The same page on a phone: the table stacks, nothing scrolls sideways.
    const phone = await signIn(browser, runtime.webUrl, 'ban.quangninh', { phone: true });
    await phone.goto(jobPath);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await shot(phone, 'import-02-check-report-phone');
    await phone.context().close();
  });

  it('the report of refused rows brings back exactly the three spoiled rows', async () => {
    const report = await fetchInPage(board, `/api${jobPath}/report.xlsx`);
    expect(report.status).toBe(200);
    expect(report.type).toBe(XLSX);
    const read = await readImportFile(report.bytes, 'bao-cao.xlsx');
    if (!read.ok) throw new Error(`the report does not read: ${read.issue.key}`);
    expect(read.rows.map((r) => r.cells.name)).toEqual(SPOILED_NAMES);
    expect(read.rows.map((r) => [r.cells.unit, r.cells.area])).toEqual([
      ['99999', 'Kinh tế'],
      [QUANG_TAN, 'Nông nghiệp'],
      [QUANG_TAN, 'Kinh tế'],
    ]);
    // The page's link serves the same file as a download.
    const [download] = await Promise.all([
      board.waitForEvent('download'),
      board.getByRole('link', { name: 'Tải báo cáo các dòng bị từ chối (.xlsx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-nhap-.*\.xlsx$/);
  });

  it('confirms the import, which ends with the five good rows in, listed as done', async () => {
    await submit(board, 'button[data-confirm]');
    expect(board.confirms).toEqual([
      'Nhập 5 mô hình, điển hình vào hệ thống (dòng đã có sẽ được bỏ qua): việc này không thể hoàn tác. Tiếp tục?',
    ]);
    expect(board.dialogs).toEqual([]);
    // Either the progress box (the page reloads itself when the import ends) or the result at once.
    const done = board.getByText('Đã nhập xong: 5 mô hình, điển hình mới; 0 dòng đã có từ trước.');
    const progress = board.locator('[data-import-poll] progress[data-import-bar]');
    await expect.poll(async () => (await done.count()) + (await progress.count()), { timeout: 60_000 }).toBeGreaterThan(0);
    await done.waitFor({ timeout: 60_000 });
    expect(await summaryOf(board)).toMatchObject({ 'Đã nhập mới': '5', 'Đã có, bỏ qua': '0' });
    expect(await board.locator('button[data-confirm]').count()).toBe(0);
    await shot(board, 'import-03-completed');
    await expectNoAxeViolations(board, `vi ${jobPath} (completed)`);

    await Promise.all([board.waitForURL(/\/imports$/), board.getByRole('link', { name: 'Về trang nhập dữ liệu' }).click()]);
    const recent = await refusedTable(board);
    expect(recent).toHaveLength(1);
    expect(recent[0]!.slice(1)).toEqual(['quang-tan-2024.xlsx', 'Đã nhập xong', '8 dòng: 5 hợp lệ, 3 bị từ chối']);
    await expectNoAxeViolations(board, 'vi /imports');
  });

  it('reads in English once the language is switched', async () => {
    await board.goto(jobPath);
    await Promise.all([board.waitForURL((url) => url.pathname === jobPath), board.click('nav.langs a[hreflang=en]')]);
    expect(await board.getAttribute('html', 'lang')).toBe('en');
    expect(await board.locator('h1').innerText()).toBe('Check of quang-tan-2024.xlsx');
    expect(await board.locator('main').innerText()).toContain('Imported: 5 new models and exemplars; 0 rows were already in.');
    expect(await board.locator('main table thead th').allInnerTexts()).toEqual(['Row', 'Column', 'Reason']);
    expect((await refusedTable(board)).map((cells) => [cells[0], cells[2]])).toEqual([
      ['4', 'no unit has the code "99999"'],
      ['6', 'choose one of: Kinh tế, Văn hóa - xã hội, Quốc phòng - an ninh, Xây dựng hệ thống chính trị'],
      ['8', 'required'],
    ]);
    await shot(board, 'import-04-english');
    await expectNoAxeViolations(board, `en ${jobPath}`);
    await board.goto('/imports');
    expect(await board.locator('main').innerText()).toContain('Imported');
    await expectNoAxeViolations(board, 'en /imports');
    await board.goto(`/lang/vi?next=${encodeURIComponent('/imports')}`);
    expect(await board.getAttribute('html', 'lang')).toBe('vi');
  });

  it('checks a CSV (UTF-8 with BOM, semicolons, Vietnamese headers) with one good row: nothing refused', async () => {
    const row = modelRow(9, QUANG_TAN, { name: 'Mô hình "Dân vận khéo"; nhập từ CSV', area: 'Xây dựng hệ thống chính trị' });
    await board.setInputFiles('#import-file', { name: 'mot-dong.csv', mimeType: 'text/csv', buffer: csvOf([row]) });
    await Promise.all([board.waitForURL(/\/imports\/[^/]+$/), board.getByRole('button', { name: 'Kiểm tra tệp' }).click()]);
    expect(await board.locator('h1').innerText()).toBe('Kết quả kiểm tra: mot-dong.csv');
    expect(await summaryOf(board)).toEqual({
      'Số dòng đọc được': '1',
      'Dòng hợp lệ': '1',
      'Trong đó đã có từ trước (sẽ bỏ qua)': '0',
      'Dòng bị từ chối': '0',
    });
    expect(await board.locator('main').innerText()).toContain('Không có dòng nào bị từ chối.');
    expect(await board.getByRole('button', { name: 'Nhập 1 dòng hợp lệ' }).count()).toBe(1);
    await expectNoAxeViolations(board, 'vi CSV job page');
  });
});
