import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer.ts';

/** Pure logic and synth tests: no runtime of their own, nothing in process.env or mocked modules. */
const SHARED_MODULES = ['core/**/*.test.ts', 'web/**/*.test.ts', 'bench/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'];
/** Of those, the files that set process.env, mock modules or fake timers: each gets a fresh module graph. */
const OWN_MODULES = [
  'test/infra/bootstrap-admin-handler.test.ts',
  'test/infra/offline-synth.test.ts',
  'test/unit/aws-faults.test.ts',
  'test/unit/orphan-detection.test.ts',
  'test/unit/stored-items.test.ts',
  'test/unit/yearly-scheduler.test.ts',
  'web/platform/session.test.ts',
];

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
    // Two cores: integration files share one DynamoDB Local, each on its own tables.
    maxWorkers: 2,
    // The minute-long files first, so both workers end together (test/support/slow-first-sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: process.env.SCALE_TESTS
      ? // test/scale drives thousands of models: `npm run test:scale` (CI runs it too).
        [{ test: { name: 'scale', include: ['test/scale/**/*.test.ts'], ...common } }]
      : [
          {
            // A worker keeps its modules from one file to the next (isolate: false): importing the web
            // app, the SDK and aws-cdk-lib once per worker instead of once per file, and the CDK app
            // synthesized once per worker (test/infra/synth-app.ts).
            test: { name: 'shared-modules', include: SHARED_MODULES, exclude: OWN_MODULES, isolate: false, ...common },
          },
          {
            test: {
              name: 'isolated',
              include: [
                'test/{integration,e2e,security}/**/*.test.ts',
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
