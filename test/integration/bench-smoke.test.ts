import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm run bench` at one tiny size, loaded as the province run is (some models imported from a
 * spreadsheet first, the rest registered): every measure is printed, every target judged, nothing fails.
 */
describe('npm run bench (smoke, 30 models: 10 imported, 20 registered)', () => {
  it('prints the whole table and the targets, and writes the same as JSON', { timeout: 600_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--sizes', '30', '--sample', '5', '--quick', '--out', out],
      {
        env: { ...process.env, BENCH_REGISTERED_AT_MOST: '20' },
        encoding: 'utf8',
        timeout: 590_000,
      },
    );
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const markdown = readFileSync(join(out, 'bench-results.md'), 'utf8');
    expect(run.stdout.trim()).toBe(markdown.trim());
    for (const row of [
      'raw PutItem / s',
      'raw TransactWriteItems / s',
      'Registrations / s',
      'imported from the province’s spreadsheets',
      'writes per registration',
      'Decisions / s',
      'Yearly review',
      'raw DynamoDB Local Query',
      'board queue',
      "a model's page",
      'dashboard',
      'state transitions',
      'Lambda invocations',
      'write units / read units',
      'AWS $ per model-year',
      'AWS $ a year for 300,000 models',
      'Peak memory',
      'Import from Excel',
      'A province’s decision',
      'Lambda bundles',
      'Quota simulation',
      'national review of 300,000 models',
      '(design point)',
      'History of the largest review execution',
      'items written per model, registration',
      'items written per model, yearly review',
      'the AWS SDK',
      'Pages on slow 4G',
    ]) {
      expect(markdown, row).toContain(row);
    }
    const targets = markdown.split('\n').filter((line) => line.startsWith('- ') && /\*\*(met|not met)\*\*/.test(line));
    // Per size: registrations, latency, engine writes, review rate, pages; then bundles (2), cost, national review (2), history
    // (review linearity compares two sizes: none here).
    expect(targets).toHaveLength(5 + 2 + 1 + 2 + 1);

    /** What of bench-results.json (bench/run.ts) this test reads. */
    type BenchResults = {
      results: {
        models: number;
        registrations: unknown;
        provinceLoad?: { imported: number };
        decisions: { errors: number };
        review: unknown;
        finishYear: { errors: number };
        batchDecision: { models: number; pages: number; pdfBytes: number };
        pages: { pages: { page: string; bytes: number; firstPaintMs: number | null }[]; error?: string };
      }[];
      bundles: { initMs: number | null; bytes: number }[];
      modelYears: { scans: number; transitions: number }[];
    };
    const json = JSON.parse(readFileSync(join(out, 'bench-results.json'), 'utf8')) as BenchResults;
    expect(json.results.map((r) => r.models)).toEqual([30]);
    for (const r of json.results) {
      expect(r.provinceLoad).toMatchObject({ imported: 10 });
      expect(r.registrations).toMatchObject({ count: 20, errors: 0 });
      expect(r.decisions.errors).toBe(0);
      expect(r.review).toMatchObject({ models: r.models, failed: 0 });
      expect(r.finishYear.errors).toBe(0);
      // The decision lists every model of the board, one certificate page each.
      expect(r.batchDecision).toMatchObject({ models: r.models, pages: r.models });
      expect(r.batchDecision.pdfBytes).toBeGreaterThan(0);
      // Five pages measured in the browser the tests use, each over the wire and painted.
      expect(r.pages.error).toBeUndefined();
      expect(r.pages.pages.map((p) => p.page)).toEqual(['sign-in', 'unit', 'board queue', 'model', 'statistics']);
      for (const p of r.pages.pages) expect(p.bytes > 0 && p.firstPaintMs !== null, p.page).toBe(true);
    }
    expect(json.bundles.every((b) => b.initMs !== null && b.bytes > 0)).toBe(true);
    expect(json.modelYears.every((y) => y.scans === 0)).toBe(true);
    // Read from the engine's history items (packed): a model-year takes about 15 transitions.
    expect(json.modelYears.every((y) => y.transitions > 10)).toBe(true);
  });
});
