import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { StepTimeouts } from '../../core/deps.ts';
import { startRuntime, type Runtime, type RuntimeConfig } from '../../local/runtime.ts';

/** The real local runtime on the shared DynamoDB Local, on fresh tables and free ports. */
export async function startTestRuntime(overrides: Partial<RuntimeConfig> = {}): Promise<Runtime> {
  return startRuntime({
    webPort: 0,
    sfnPort: 0,
    dynamoPort: 0,
    dynamoEndpoint: overrides.dataDir ? undefined : inject('dynamoEndpoint'),
    tableName: `t-${randomUUID().slice(0, 8)}`,
    timerIntervalMs: 100,
    ...overrides,
  });
}

export const LONG_TIMEOUTS: StepTimeouts = {
  registrationReview: 86400,
  revision: 86400,
  yearlyReport: 86400,
  appraisal: 86400,
  handOverAfter: 10 * 86400,
};

/** Polls `probe` (which may answer at once or after a while) until it returns something truthy. */
export async function eventually<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
