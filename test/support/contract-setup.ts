import { afterEach } from 'vitest';
import { formatViolation, takeViolations } from './contract.ts';

/**
 * A contract violation fails the call that met it (test/support/contract.ts); this fails the
 * test for the ones it swallowed (a `.catch()` fallback, a probe retried in a loop).
 */
afterEach((context) => {
  const missed = takeViolations();
  const failedAlready = context.task.result?.errors?.some((e) => e?.name === 'ContractViolation');
  if (missed.length > 0 && !failedAlready)
    throw new Error(`${missed.length} API contract violation(s) in this test, caught by it:\n${missed.map(formatViolation).join('\n')}`);
});
