/**
 * How vitest.config.ts runs the test files. Pure logic and synth tests share their worker's modules
 * (vitest `isolate: false`): the web app, the SDK and aws-cdk-lib are imported once per worker instead
 * of once per file. Everything that starts a runtime, a browser or a process gets a fresh module graph.
 */
export const SHARED_MODULES = [
  'core/**/*.test.ts',
  'web/**/*.test.ts',
  'bench/**/*.test.ts',
  'test/unit/**/*.test.ts',
  'test/infra/**/*.test.ts',
];

/**
 * Of those, the files that set process.env, mock modules or fake timers: what they change would
 * leak into the next file of the worker, so each runs on its own (test/unit/test-groups.test.ts
 * finds any other file that does so).
 */
export const OWN_MODULES = [
  'test/infra/bootstrap-admin-handler.test.ts',
  'test/infra/offline-synth.test.ts',
  'test/unit/aws-faults.test.ts',
  'test/unit/lazy-sfn-client.test.ts',
  'test/unit/orphan-detection.test.ts',
  'test/unit/s3-evidence-store.test.ts',
  'test/unit/stored-items.test.ts',
  'test/unit/yearly-scheduler.test.ts',
  'web/platform/session.test.ts',
];

/** What leaks from one test file into the next when they share modules. */
export const LEAKS_STATE =
  /\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers)\b|\bmockClient\(|process\.env(\.\w+|\[[^\]]+\])\s*=(?!=)|delete process\.env/;
