import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer.ts';
import { OWN_MODULES, SHARED_MODULES } from './test/support/test-groups.ts';

const common = {
  // Every API response a test receives is checked against /openapi.json (test/support/contract.ts).
  setupFiles: ['test/support/contract-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // One in-memory DynamoDB Local for the whole run, the browser resolved once (both projects inherit what it provides).
    globalSetup: ['test/global-setup.ts'],
    // Two cores, three workers: the files wait part of the time on timers, DynamoDB Local and the
    // browser (two workers kept the CPU 151% busy: 311 s; three, 294 s). Integration files share
    // one DynamoDB Local, each on its own tables.
    maxWorkers: 3,
    // The minute-long files first, so both workers end together (test/support/slow-first-sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: process.env.SCALE_TESTS
      ? // test/scale drives thousands of models: `npm run test:scale` (CI runs it too).
        [{ test: { name: 'scale', include: ['test/scale/**/*.test.ts'], ...common } }]
      : [
          {
            // A worker keeps its modules from one file to the next (test/support/test-groups.ts); the
            // CDK app is synthesized once per worker (test/infra/synth-app.ts).
            test: { name: 'shared-modules', include: SHARED_MODULES, exclude: OWN_MODULES, isolate: false, ...common },
          },
          {
            test: {
              name: 'isolated',
              include: [
                'test/{integration,e2e,security}/**/*.test.ts',
                'local/**/*.test.ts',
                ...OWN_MODULES,
                // test/reliability kills and restarts the runtime many times: only `npm run test:reliability`.
                ...(process.env.RELIABILITY_TESTS ? ['test/reliability/**/*.test.ts'] : []),
              ],
              ...common,
            },
          },
        ],
  },
});
