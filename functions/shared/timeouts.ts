import type { HandlerName } from './env.ts';

/**
 * Each function's timeout in seconds: the CDK construct deploys it (AppFunction) and the local
 * Step Functions service enforces it, failing a task that runs longer the way AWS does
 * (`Sandbox.Timedout`, surfaced to Step Functions as `Lambda.Unknown`). One table, so the two
 * cannot disagree. Lambda allows at most 900 s.
 */
export const FUNCTION_TIMEOUT_SECONDS: Record<HandlerName, number> = {
  'submit-model': 10,
  'open-task': 10,
  'mark-overdue': 10,
  'begin-cycle': 10,
  'join-open-review': 10,
  'begin-next-cycle': 10,
  'record-attention': 10,
  'execution-ended': 10,
  'review-init': 30,
  'review-fetch-page': 30,
  'review-release': 60,
  'review-progress': 10,
  // A chunk: up to 200 rows, 8 at once, each one transaction (about 2 s locally).
  'import-chunk': 120,
  'outbox-sweeper': 120,
  'bootstrap-admin': 60,
  'yearly-review': 60,
  // A round: the pending events, a message each recipient (SES: 14 a second by default).
  'notify-dispatch': 120,
  'mail-bounce': 30,
  web: 30,
};

/** A handler's timeout; handlers added later fall back to 30 s until they get an entry. */
export function timeoutSecondsOf(name: string): number {
  return (FUNCTION_TIMEOUT_SECONDS as Record<string, number>)[name] ?? 30;
}
