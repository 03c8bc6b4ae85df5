import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the reliability tests measured; `npm run test:reliability` adds them up into its table. */
export type ReliabilityCounts = Partial<{
  lifecyclesRun: number;
  killsSurvived: number;
  racesTried: number;
  retriesTried: number;
  badInputsTried: number;
  crossScopeDenied: number;
  faultsInjected: number;
  itemsRestored: number;
  lost: number;
  duplicated: number;
  modelYears: number;
  handOvers: number;
  executionsRun: number;
  executionsCapped: number;
  executionsFailed: number;
  longestExecutionSeconds: number;
  restarts: number;
  /** Security findings (test/security): attacks replayed, how many were refused, revoked sessions refused afterwards. */
  attacksTried: number;
  attacksDenied: number;
  revokedSessionsHonoured: number;
}>;

export const COUNTS_DIR = join(import.meta.dirname, '../../test-artifacts/reliability');

/** Writes what this test file measured in this run (one file per test file, so parallel workers never share one). */
export function recordCounts(name: string, counts: ReliabilityCounts): void {
  mkdirSync(COUNTS_DIR, { recursive: true });
  writeFileSync(join(COUNTS_DIR, `${name}.json`), JSON.stringify(counts, null, 2));
}
