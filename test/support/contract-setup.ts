import { afterEach } from 'vitest';
import { formatViolation, takeViolations } from './contract.ts';

/**
 * A contract violation fails the call that met it (test/support/contract.ts); this catches the
 * ones a test swallowed (a `.catch()` fallback, a probe retried by `eventually`).
 */
afterEach(() => {
  const missed = takeViolations();
  if (missed.length > 0) throw new Error(`${missed.length} API contract violation(s) in this test:\n${missed.map(formatViolation).join('\n')}`);
});
