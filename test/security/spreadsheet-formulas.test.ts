import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { csvField, csvText, toCsv } from '../../web/statistics/exports/csv.ts';
import { dateText, neutralizeFormula, type Cell } from '../../web/statistics/exports/safe-text.ts';
import { buildWorkbook, cellValue } from '../../web/statistics/exports/workbook.ts';
import { ApiClient, registration } from '../support/api-client.ts';
import { recordCounts } from '../support/reliability-counts.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { checkedFetch } from '../support/contract.ts';

/**
 * Security review, finding 12: the CSV writer left `;` unquoted, so `x;=1+1` became a formula in
 * Excel set to the Vietnamese list separator `;`. Now every field holding a separator is quoted and
 * a formula start is neutralized also after a separator inside a field; the xlsx export never writes
 * a formula-looking string as a formula.
 */
const counts = { attacksTried: 0, attacksDenied: 0 };
const attack = (denied: boolean) => {
  counts.attacksTried++;
  if (denied) counts.attacksDenied++;
};

const FORMULA_START = /[=+\-@\t\r]/;
const SEPARATOR = /[,;\t\r\n]/;
/** Text a spreadsheet could run: a formula start at the start of the text or right after a separator. */
const runnable = (text: string) => /(^|[,;\t\r\n])[=+\-@\t\r]/.test(text);

/** Fields of one CSV line split by a reader using `separator` and honouring RFC 4180 quotes. */
function parseLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === separator) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** RFC 4180 document reader (comma, CRLF records, quoted fields may hold anything). */
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
    } else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

/** Strings rich in what matters here: formula starts, separators, quotes, apostrophes, Vietnamese. */
const tricky = fc.string({
  unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ',', ';', '"', "'", ' ', 'a', 'ệ', 'Đ', '1', '(', ')'),
  maxLength: 24,
});
const anyText = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 24 }));

describe('CSV fields (unit, fast-check)', () => {
  it('quotes x;=1+1 and neutralizes the formula after the `;` (the finding)', () => {
    expect(csvField('x;=1+1')).toBe(`"x;'=1+1"`);
    // Excel with the Vietnamese list separator reads the line with `;`: one field, and no formula.
    const read = parseLine(`${csvField('x;=1+1')},2`, ';');
    attack(read.length === 1 && !read.some((f) => FORMULA_START.test(f[0] ?? '')));
    expect(read).toEqual([`x;'=1+1,2`]);
    // A reader that ignores the quotes and splits on `;` still finds text, not a formula.
    const naive = `x;'=1+1`.split(';');
    attack(!naive.some((f) => FORMULA_START.test(f[0] ?? '')));
    expect(naive[1]).toBe(`'=1+1`);
    for (const [input, expected] of [
      ['a;b', '"a;b"'],
      ['a\tb', '"a\tb"'],
      ['a;;=1', `"a;;'=1"`],
      ['a\t\t=1', `"a\t'\t'=1"`],
      ['dòng 1\r\n@SUM(A1)', `"dòng 1\r\n'@SUM(A1)"`],
      ['Hà Nội; Quảng Ninh', '"Hà Nội; Quảng Ninh"'],
      ['2026-2030', '2026-2030'],
      ['=1;-2,+3', `"'=1;'-2,'+3"`],
    ] as const) {
      expect(csvField(input), JSON.stringify(input)).toBe(expected);
      attack(!runnable(parseCsv(`${csvField(input)}\r\n`)[0]![0]!));
    }
  });

  it('no field text can start a formula, at its start or after any separator', () => {
    fc.assert(
      fc.property(anyText, (s) => !runnable(csvText(s))),
      { numRuns: 2000 },
    );
  });

  it('only apostrophes are added, so nothing of the text is lost', () => {
    fc.assert(
      fc.property(anyText, (s) => csvText(s).replace(/'/g, '') === s.replace(/'/g, '')),
      { numRuns: 2000 },
    );
  });

  it('a field is quoted exactly when it holds a separator or a quote, its quotes doubled', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const text = csvText(s);
        return csvField(s) === (/[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
      }),
      { numRuns: 2000 },
    );
  });

  it('a reader that ignores the quotes and splits on any separator finds no formula either', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const raw = csvField(s);
        const body = raw.startsWith('"') ? raw.slice(1) : raw; // past the opening qualifier
        return body.split(SEPARATOR).every((piece) => !FORMULA_START.test(piece[0] ?? ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('a whole document parses back (RFC 4180) to the neutralized texts, numbers and dates, padded', () => {
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      anyText,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constant(null),
      fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const width = Math.max(0, ...rows.map((r) => r.length));
        const shown = (c: Cell) => {
          if (typeof c === 'string') return csvText(c);
          if (typeof c === 'number') return String(c);
          return c instanceof Date ? dateText(c) : '';
        };
        const expected = rows.map((r) => Array.from({ length: width }, (_, i) => shown(r[i])));
        const parsed = parseCsv(toCsv(rows).slice(1));
        // A record of one empty field reads back as one empty field: same as the writer's.
        return JSON.stringify(parsed) === JSON.stringify(expected.map((r) => (r.length ? r : [''])));
      }),
      { numRuns: 500 },
    );
  });
});

describe('xlsx cells (exceljs)', () => {
  it('writes every string as a string cell, never a formula, also for objects passed past the types', async () => {
    const payloads = ['=1+1', '+2', '-3', '@SUM(A1)', '\t=1', '=HYPERLINK("http://x","bấm")', 'x;=1+1', "'=already"];
    const sneaky = [{ formula: 'A1' }, { hyperlink: 'http://x', text: 'x' }, { sharedFormula: 'A1' }] as unknown as Cell[];
    for (const s of sneaky) expect(typeof cellValue(s)).toBe('string');
    const bytes = await buildWorkbook([{ id: 't', sheet: 'T', headers: ['=h', '+h'], rows: [payloads, sneaky] }], {
      title: 't',
      created: new Date(),
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        const safe = c.type === ExcelJS.ValueType.String && c.formula === undefined && !c.text.startsWith('=');
        attack(safe);
        expect(c.type, `${c.address} ${c.text}`).toBe(ExcelJS.ValueType.String);
      }),
    );
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(payloads.map(neutralizeFormula));
  });

  it('property: any text is one string cell holding the neutralized text', async () => {
    const xmlSafe = fc.string({
      unit: fc.constantFrom('=', '+', '-', '@', '\t', '\n', ',', ';', '"', "'", ' ', 'a', 'ệ', 'Đ', '1', '<', '&'),
      minLength: 1,
      maxLength: 16,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(xmlSafe, { minLength: 1, maxLength: 8 }), async (texts) => {
        const bytes = await buildWorkbook([{ id: 't', sheet: 'T', headers: texts, rows: [] }], { title: 't', created: new Date() });
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(bytes as unknown as ArrayBuffer);
        const row = book.worksheets[0]!.getRow(1);
        return texts.every((t, i) => {
          const c = row.getCell(i + 1);
          return c.type === ExcelJS.ValueType.String && c.formula === undefined && c.value === neutralizeFormula(t);
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('the export downloads (API)', () => {
  let runtime: Runtime;
  let unit: ApiClient;
  const NAMES = ['x;=1+1', 'Hà Nội;=HYPERLINK("http://x","bấm")', 'Mô hình\t@SUM(A1)', 'a;;-2+3'];
  beforeAll(async () => {
    runtime = await startTestRuntime();
    unit = await ApiClient.signIn(runtime.webUrl, 'donvi.halong');
    // Drafts: the unit exports its own, and no workflow runs for them.
    for (const name of NAMES) expect((await unit.call('POST', '/api/models?submit=false', registration({ name }))).status).toBe(201);
  });
  afterAll(async () => runtime?.stop());

  const get = async (path: string) => {
    const response = await checkedFetch(`${runtime.webUrl}${path}`, { headers: { cookie: unit.cookie } });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  it('models.csv quotes and neutralizes the names, read with `,` or with `;`', async () => {
    const file = await get('/api/exports/models.csv');
    expect(file.status).toBe(200);
    const text = file.bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n').filter(Boolean);
    for (const name of NAMES) {
      const line = lines.find((l) => l.startsWith(csvField(name)));
      expect(line, name).toBeDefined();
      const withComma = parseLine(line!, ',')[0]!;
      const withSemicolon = parseLine(line!, ';')[0]!;
      expect(withComma).toBe(csvText(name));
      attack(!runnable(withComma) && !runnable(withSemicolon));
      expect(runnable(withSemicolon), `${name} read with ;`).toBe(false);
    }
  });

  it('models.xlsx holds the names as string cells', async () => {
    const file = await get('/api/exports/models.xlsx');
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const names: ExcelJS.Cell[] = [];
    sheet.getColumn(1).eachCell((c) => void names.push(c));
    for (const name of NAMES) {
      const cell = names.find((c) => c.value === neutralizeFormula(name));
      attack(cell?.type === ExcelJS.ValueType.String && cell.formula === undefined);
      expect(cell?.type, name).toBe(ExcelJS.ValueType.String);
    }
  });
});

afterAll(() => recordCounts('spreadsheet-formulas', counts));
