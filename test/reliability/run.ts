import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTS_DIR, type ReliabilityCounts } from '../support/reliability-counts.ts';

/**
 * `npm run test:reliability`: runs the reliability tests, then prints what they measured as
 * one markdown table. A row no test measures yet says so rather than showing a made-up zero.
 */
export const RELIABILITY_TESTS = [
  'test/integration/races.test.ts',
  'test/integration/idempotency.test.ts',
  'test/integration/web-hardening.test.ts',
  'test/integration/bad-input-properties.test.ts',
  'test/integration/access-matrix.test.ts',
  'test/integration/backup-restore.test.ts',
  'test/reliability/crash-restart.test.ts',
  'test/reliability/multi-year.test.ts',
  'test/unit/aws-faults.test.ts',
  'web/platform/session.test.ts',
  'core/redact.test.ts',
  // Every finding of the security review has its reproduction here.
  ...(existsSync('test/security')
    ? readdirSync('test/security')
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
        .map((f) => `test/security/${f}`)
    : []),
];

/** Timed against a scaled clock: run one at a time, after the others. */
export const RUN_ALONE = ['test/reliability/multi-year.test.ts'];

const ROWS: [keyof ReliabilityCounts, string][] = [
  ['lifecyclesRun', 'lifecycles run'],
  ['killsSurvived', 'kills survived'],
  ['racesTried', 'races tried'],
  ['retriesTried', 'retried requests (Idempotency-Key)'],
  ['badInputsTried', 'bad inputs tried'],
  ['crossScopeDenied', 'cross-scope attempts denied'],
  ['faultsInjected', 'AWS faults injected'],
  ['itemsRestored', 'items backed up and restored'],
  ['modelYears', 'model-years through five cycle years ("a year" = 60 s)'],
  ['executionsRun', 'lifecycle executions run in those years'],
  ['handOvers', 'hand-overs to a continuation execution'],
  ['longestExecutionSeconds', 'longest execution, seconds of the 60 s "year"'],
  ['executionsCapped', 'executions ended by the 1-year cap'],
  ['executionsFailed', 'executions failed'],
  ['restarts', 'restarts in the middle of a year'],
  ['attacksTried', 'attacks tried (security findings replayed)'],
  ['attacksDenied', 'attacks denied'],
  ['revokedSessionsHonoured', 'revoked sessions refused afterwards'],
  ['lost', 'lost'],
  ['duplicated', 'duplicated'],
];

export function readCounts(dir = COUNTS_DIR): { totals: Record<string, number>; sources: string[] } {
  const totals: Record<string, number> = {};
  const sources = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  for (const file of sources) {
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, number>))
      totals[key] = (totals[key] ?? 0) + value;
  }
  return { totals, sources };
}

export function table(totals: Record<string, number>): string {
  const lines = ['| measure | count |', '|---|---|'];
  for (const [key, label] of ROWS) {
    // lost and duplicated are measured by every test that counts anything: no entry means 0 seen.
    const value = totals[key] ?? (key === 'lost' || key === 'duplicated' ? 0 : undefined);
    lines.push(`| ${label} | ${value === undefined ? 'not measured yet' : value} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync(COUNTS_DIR, { recursive: true, force: true });
  const files = RELIABILITY_TESTS.filter((f) => existsSync(f));
  const vitest = (group: string[]) =>
    spawnSync('npx', ['vitest', 'run', ...group], { stdio: 'inherit', env: { ...process.env, RELIABILITY_TESTS: '1' } });
  // The multi-year test scales "a year" to 60 s of wall time: it runs on its own, after the
  // rest, so the load of the other files cannot push a step past its scaled timeouts.
  const together = vitest(files.filter((f) => !RUN_ALONE.includes(f)));
  const alone = RUN_ALONE.filter((f) => files.includes(f)).map((f) => vitest([f]));
  const run = { status: [together, ...alone].every((r) => r.status === 0) ? 0 : 1 };
  const { totals, sources } = readCounts();
  console.log(`\nReliability (${files.length} test files; counts from ${sources.join(', ') || 'none'}):\n`);
  console.log(table(totals));
  const failed = run.status !== 0 || (totals.lost ?? 0) > 0 || (totals.duplicated ?? 0) > 0;
  process.exit(failed ? 1 : 0);
}
