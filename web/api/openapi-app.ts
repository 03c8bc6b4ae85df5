import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ValidationError } from '../../core/errors.ts';
import type { AppEnv } from '../web-deps.ts';

/** An OpenAPI router whose request validation fails with the same 400 body as the use cases. */
export function openApiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new ValidationError(result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', reason: i.message })));
      }
    },
  });
}

export const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ field: z.string(), reason: z.string() })).optional() }),
}).openapi('Error');

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
export const errors = {
  400: error('Invalid input: every field with its reason'),
  401: error('Not signed in'),
  403: error('Signed in, but not allowed'),
  404: error('Not found (or outside your scope)'),
  409: error('Conflict: someone else acted first, or the lifecycle does not allow it now'),
  422: error('Well-formed, but a rule refuses it (a level above the board’s, a registration year outside this cycle year and the next): every field with its reason'),
};

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const Anything = z.record(z.string(), z.unknown());
export const ModelIdParams = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });

/** The JSON body of a request whose schema lives in the use case; malformed JSON is a 400, not a 500. */
export async function jsonBody(request: { json(): Promise<unknown> }): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ValidationError([{ field: '(body)', reason: 'JSON không hợp lệ / malformed JSON' }]);
  }
}
