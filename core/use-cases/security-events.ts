import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import { logError, redacted } from '../redact.ts';
import { listSecurityEvents, putSecurityEvent, type SecurityEvent } from '../store/security-log-store.ts';

type LogDeps = Pick<Deps, 'db' | 'tableName' | 'now'>;

/**
 * Records a security event for administrators (an item; /admin/security) and, on AWS, as one
 * structured log line. A failure to record never turns a refusal into an acceptance:
 * the caller's answer stands, the failure is logged.
 */
export async function recordSecurityEvent(deps: LogDeps, event: Omit<SecurityEvent, 'at'>): Promise<void> {
  const full: SecurityEvent = { at: deps.now().toISOString(), ...event };
  // On Lambda, stdout is CloudWatch Logs (a metric filter or Logs Insights reads this line).
  if (process.env.AWS_LAMBDA_FUNCTION_NAME)
    console.info(JSON.stringify(redacted({ level: 'INFO', message: 'security event', securityEvent: full })));
  await putSecurityEvent(deps, full).catch((error: unknown) => logError('[security-event]', error));
}

/** Administrators read the newest events first. */
export async function securityEventsFor(
  deps: LogDeps,
  actor: Actor,
  options: { limit?: number; before?: string } = {},
): Promise<SecurityEvent[]> {
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('error.adminsOnly');
  const before = options.before ? new Date(options.before) : new Date(deps.now().getTime() + 1000);
  return listSecurityEvents(deps, {
    before: Number.isNaN(before.getTime()) ? deps.now() : before,
    limit: Math.min(Math.max(options.limit ?? 100, 1), 500),
  });
}
