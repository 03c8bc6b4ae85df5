import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer.ts';

export default defineConfig({
  test: {
    // test/scale drives thousands of models: `npm run test:scale` (CI runs it too).
    // test/reliability kills and restarts the runtime many times: only `npm run test:reliability`.
    include: process.env.SCALE_TESTS
      ? ['test/scale/**/*.test.ts']
      : [
          'test/{unit,integration,infra,e2e,security}/**/*.test.ts',
          'bench/**/*.test.ts',
          'core/**/*.test.ts',
          'web/**/*.test.ts',
          'local/**/*.test.ts',
          ...(process.env.RELIABILITY_TESTS ? ['test/reliability/**/*.test.ts'] : []),
        ],
    globalSetup: ['test/global-setup.ts'],
    // Every API response a test receives is checked against /openapi.json (test/support/contract.ts).
    setupFiles: ['test/support/contract-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: integration files share one DynamoDB Local, each on its own tables.
    maxWorkers: 2,
    // The minute-long files first, so both workers end together (test/support/slow-first-sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
  },
});
