/** Domain errors: every class sets `name`; the HTTP edge maps `status`, Step Functions matches `name`. */
export type FieldIssue = { field: string; reason: string };

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class ValidationError extends DomainError {
  override readonly name: string = 'ValidationError';
  readonly status: 400 | 422 = 400;
  constructor(
    readonly issues: FieldIssue[],
    message = 'Dữ liệu không hợp lệ / invalid input',
  ) {
    super(message);
  }
}

/**
 * Well-formed input that a rule refuses (a recognition level above the board's own, a
 * registration year outside this cycle year and the next): 422, listing each field and reason.
 * A ValidationError, so pages and the API show its fields the same way.
 */
export class RuleViolationError extends ValidationError {
  override readonly name = 'RuleViolationError';
  override readonly status = 422;
  constructor(issues: FieldIssue[], message = 'Không đúng quy định / not allowed by the rules') {
    super(issues, message);
  }
}

export class UnauthorizedError extends DomainError {
  override readonly name = 'UnauthorizedError';
  readonly status = 401;
}

export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly status = 403;
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly status = 404;
}

/** Someone else changed the item first (a concurrent decision, a stale version). */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly status = 409;
}

/** The request is well-formed but the lifecycle does not allow it now. */
export class InvalidTransitionError extends DomainError {
  override readonly name = 'InvalidTransitionError';
  readonly status = 409;
}

/** Too many failed attempts (sign-in lockout): retry after `retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  override readonly name = 'TooManyRequestsError';
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Throttling or a transient service fault: safe to retry (the ASL retries it by this name). */
export class TransientError extends DomainError {
  override readonly name = 'TransientError';
  readonly status = 503;
}

/**
 * A step would wait past the execution's hand-over age: thrown by open-task before it writes
 * anything, caught by the ASL, which continues the step in a new execution.
 */
export class HandOverDue extends DomainError {
  override readonly name = 'HandOverDue';
  readonly status = 409;
}
