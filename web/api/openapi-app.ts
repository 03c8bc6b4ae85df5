import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, ValidationError } from '../../core/errors.ts';
import { fieldIssues } from '../../core/validation.ts';
import type { AppEnv } from '../web-deps.ts';

/** An OpenAPI router whose request validation fails with the same 400 body as the use cases. */
export function openApiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ValidationError(fieldIssues(result.error.issues));
      }
    },
  });
}

type OpenApiMetadata = Parameters<z.ZodType['openapi']>[1];

/**
 * Names a schema in the document (`#/components/schemas/<name>`) and returns the named copy,
 * which parses exactly as the original: routes validate with it. Works on schemas made before
 * @hono/zod-openapi extended zod (core's, whose instances have no `.openapi` of their own).
 */
export function named<T extends z.ZodType>(schema: T, name: string, metadata?: OpenApiMetadata): T {
  const openapi = (z.ZodType.prototype as unknown as { openapi: (this: T, name: string, metadata?: OpenApiMetadata) => T }).openapi;
  return openapi.call(schema, name, metadata);
}

const MessageParamsSchema = z
  .record(z.string(), z.union([z.string(), z.number()]))
  .openapi({ description: 'The values the message is built from (a limit, the allowed values, an id), by placeholder name' });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({
        description:
          'The error class: ValidationError, RuleViolationError, UnauthorizedError, ForbiddenError, NotFoundError (NotFound: no such route), ConflictError, InvalidTransitionError, IdempotencyKeyReusedError, TooManyRequestsError, PayloadTooLarge, BadRequest, TransientError, InternalError',
      }),
      message: z.string().openapi({
        description:
          'The message in the request’s language: the `lang` cookie if set, else `Accept-Language` (`en` for English), else Vietnamese',
      }),
      key: z.string().openapi({ description: 'The message key, for machines: stable across languages (`error.adminsOnly`)' }),
      params: MessageParamsSchema.optional(),
      fields: z
        .array(
          z.object({
            field: z.string().openapi({ description: 'Dotted path of the field (`(body)` for the body as a whole)' }),
            reason: z.string().openapi({ description: 'Why the field was refused, in the language of `message`' }),
            key: z.string().openapi({ description: 'The reason’s key, for machines (`reason.tooLong`)' }),
            params: MessageParamsSchema.optional(),
          }),
        )
        .optional(),
    }),
  })
  .openapi('Error');

const RETRY_AFTER = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
const error = (description: string, headers?: typeof RETRY_AFTER) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ErrorSchema } },
});

const RETRY_IN_PROGRESS = 'a retry with the same `Idempotency-Key` while the first request still runs (with `Retry-After`)';
const KEY_REUSED = 'the same `Idempotency-Key` sent with another request';

/** A 409 with what it means on this route; on a POST or PUT it also answers a retry that came too soon. */
export const conflict = (description: string) => error(`Conflict: ${description}; or ${RETRY_IN_PROGRESS}`, RETRY_AFTER);

/** Errors of a read (GET). */
export const readErrors = {
  400: error('Invalid input (path, query): every field with its reason'),
  401: error('Not signed in'),
  403: error('Signed in, but not allowed'),
  404: error('Not found (or outside your scope)'),
};

/** Errors of a DELETE: a browser request from another site is 403 too. */
export const deleteErrors = {
  ...readErrors,
  403: error('Signed in, but not allowed; or a browser request from another site (`Origin`, `Sec-Fetch-Site`)'),
  409: error('Conflict: the lifecycle does not allow it now'),
};

/** Errors of a POST or PUT: the request guards (web/platform/request-guards.ts) and retries (web/platform/idempotency.ts) included. */
export const writeErrors = {
  ...deleteErrors,
  400: error(
    'Invalid input: every field with its reason (malformed JSON: the field `(body)`; a bad `Idempotency-Key`: that header); nothing stored',
  ),
  409: conflict('someone else acted first, or the lifecycle does not allow it now'),
  413: error('The body is too large: 1 MiB (an evidence upload: 10 MB), refused before it is read'),
  415: error('Not `application/json` (an evidence upload: `multipart/form-data`); a POST without a body says `application/json` too'),
  422: error(
    `Well-formed, but a rule refuses it (a level above the board’s, a registration year outside this cycle year and the next), every field with its reason; or ${KEY_REUSED}`,
  ),
  503: error('A transient fault (throttling, the workflow could not be reached): retry, with the same `Idempotency-Key`'),
};

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Ids are UUIDs (a model, a file) or lowercase slugs; the router refuses anything longer than 100 characters. */
export const ModelIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'The model id (a UUID)' }),
});

/** Administrators only: checked before the body is validated, so others get 403 whatever they send. */
export const adminOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor');
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('error.adminsOnly');
  await next();
};
