import type { MessageKey, MessageParams } from './messages.ts';

/**
 * Domain errors: every class sets `name` (Step Functions matches it) and carries a message
 * key with its params (core/messages.ts), never text: the edge renders them in the reader's
 * language (web/i18n) and maps the class to an HTTP status (web/platform/http-errors.ts). `message`
 * is the key, so a log line still says what happened.
 */

/** A refused field: the key of the reason and its params. */
export type FieldIssue = { field: string; key: MessageKey; params?: MessageParams };

export abstract class DomainError extends Error {
  readonly key: MessageKey;
  readonly params: MessageParams | undefined;
  constructor(key: MessageKey, params?: MessageParams, options?: { cause?: unknown }) {
    super(key, options);
    this.key = key;
    this.params = params;
  }
}

export class ValidationError extends DomainError {
  override readonly name: string = 'ValidationError';
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[], key: MessageKey = 'error.invalidInput') {
    super(key);
    this.issues = issues;
  }
}

/**
 * Well-formed input that a rule refuses (a recognition level above the board's own, a
 * registration year outside this cycle year and the next): 422, listing each field and reason.
 * A ValidationError, so pages and the API show its fields the same way.
 */
export class RuleViolationError extends ValidationError {
  override readonly name = 'RuleViolationError';
  constructor(issues: FieldIssue[], key: MessageKey = 'error.ruleViolation') {
    super(issues, key);
  }
}

export class UnauthorizedError extends DomainError {
  override readonly name = 'UnauthorizedError';
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
}

/** Someone else changed the item first (a concurrent decision, a stale version). */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
}

/** The request is well-formed but the lifecycle does not allow it now. */
export class InvalidTransitionError extends DomainError {
  override readonly name = 'InvalidTransitionError';
}

/** Too many failed attempts (sign-in lockout): retry after `retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  override readonly name = 'TooManyRequestsError';
  readonly retryAfterSeconds: number;
  constructor(key: MessageKey, retryAfterSeconds: number, params?: MessageParams) {
    super(key, params);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Throttling or a transient service fault: safe to retry (the ASL retries it by this name). */
export class TransientError extends DomainError {
  override readonly name = 'TransientError';
}

/**
 * A step would wait past the execution's hand-over age: thrown by open-task before it writes
 * anything, caught by the ASL, which continues the step in a new execution.
 */
export class HandOverDue extends DomainError {
  override readonly name = 'HandOverDue';
}
