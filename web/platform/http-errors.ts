import type { Context, ErrorHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  HandOverDue,
  InvalidTransitionError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
  TransientError,
  UnauthorizedError,
  ValidationError,
  type FieldIssue,
} from '../../core/errors.ts';
import { isMessageKey, type MessageKey, type MessageParams } from '../../core/messages.ts';
import { logError } from '../../core/redact.ts';
import { isLang, message, type Lang } from '../i18n/dictionary.ts';

/** The same `Idempotency-Key` sent with another request (another body or endpoint): 422. */
export class IdempotencyKeyReusedError extends DomainError {
  override readonly name = 'IdempotencyKeyReusedError';
}

/**
 * The one place that maps a domain error's class to its HTTP status (core knows no HTTP).
 * Subclasses before their parents: a RuleViolationError is a ValidationError.
 */
const STATUS_OF: [abstract new (...args: never[]) => DomainError, ContentfulStatusCode][] = [
  [RuleViolationError, 422],
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [InvalidTransitionError, 409],
  [HandOverDue, 409],
  [IdempotencyKeyReusedError, 422],
  [TooManyRequestsError, 429],
  [TransientError, 503],
];

export function httpStatus(error: DomainError): ContentfulStatusCode {
  return STATUS_OF.find(([type]) => error instanceof type)?.[1] ?? 500;
}

/** The language cookie the pages set (/lang/:lang). */
export const LANG_COOKIE = 'lang';

/** The first language of Accept-Language (by q) that the app speaks, if any. */
export function acceptedLang(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((entry) => isLang(entry.lang))?.lang as Lang | undefined;
}

/** The language of an API answer: the lang cookie (the reader's choice on the pages), else Accept-Language, else Vietnamese. */
export function requestLang(c: Context): Lang {
  const cookie = getCookie(c, LANG_COOKIE);
  if (isLang(cookie)) return cookie;
  return acceptedLang(c.req.header('accept-language')) ?? 'vi';
}

type Rendered = { key: MessageKey; params?: MessageParams };
const withParams = (r: Rendered) => (r.params ? { params: r.params } : {});

/** A field issue of the JSON body: the reason rendered, with its key and params for machines. */
export const fieldBody = (lang: Lang, issue: FieldIssue) => ({
  field: issue.field,
  reason: message(lang, issue.key, issue.params),
  key: issue.key,
  ...withParams(issue),
});

/** The JSON error body (ErrorSchema in web/api/openapi-app.ts): code, message in `lang`, key and params, fields. */
export function errorBody(lang: Lang, code: string, rendered: Rendered, fields?: readonly FieldIssue[]) {
  return {
    error: {
      code,
      message: message(lang, rendered.key, rendered.params),
      key: rendered.key,
      ...withParams(rendered),
      ...(fields ? { fields: fields.map((issue) => fieldBody(lang, issue)) } : {}),
    },
  };
}

/** A domain error as the JSON API answers it, in the request's language. */
export function domainErrorResponse(c: Context, error: DomainError): Response {
  const fields = error instanceof ValidationError ? error.issues : undefined;
  return c.json(errorBody(requestLang(c), error.name, error, fields), httpStatus(error));
}

/** A domain error's message in `lang` (pages). */
export const errorMessage = (lang: Lang, error: DomainError): string => message(lang, error.key, error.params);

/** No such route: 404 with the usual body. */
export const noRoute = (c: Context): Response =>
  c.json(errorBody(requestLang(c), 'NotFound', { key: 'error.noRoute', params: { method: c.req.method, path: c.req.path } }), 404);

/** The app's onError: every error as the JSON error body, in the request's language; messages are shown only below 500. */
export const apiErrorHandler: ErrorHandler = (error, c) => {
  if (error instanceof DomainError) return domainErrorResponse(c, error);
  const lang = requestLang(c);
  // The JSON validator's parse failure: the same 400 body as any invalid input.
  if (error instanceof HTTPException && error.status === 400 && /malformed json/i.test(error.message)) {
    return c.json(
      errorBody(lang, 'ValidationError', { key: 'error.invalidInput' }, [{ field: '(body)', key: 'reason.malformedJson' }]),
      400,
    );
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Our own refusals (415, 413) carry a message key; Hono's own are a plain bad request.
    const key = isMessageKey(error.message) ? error.message : 'error.badRequest';
    return c.json(errorBody(lang, 'BadRequest', { key }), error.status);
  }
  logError('[web]', error);
  return c.json(errorBody(lang, 'InternalError', { key: 'error.internal' }), 500);
};
