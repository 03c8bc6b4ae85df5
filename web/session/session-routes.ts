import { createRoute, z } from '@hono/zod-openapi';
import { endSession, readSession, startSession } from '../platform/session.ts';
import { clientIp, guardedSignIn } from '../platform/sign-in-guard.ts';
import { recordSecurityEvent } from '../../core/use-cases/security-events.ts';
import { errorBody, requestLang } from '../platform/http-errors.ts';
import type { WebDeps } from '../web-deps.ts';
import { ErrorSchema, json, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { MeSchema } from '../api/schemas.ts';
import { pageRouter } from '../ui/page-support.tsx';
import { addSessionPages } from './session-pages.tsx';

const SignInSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).openapi('SignIn');
const RETRY_AFTER = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
const SESSION_COOKIE = {
  'Set-Cookie': {
    description: 'The session cookie `dvk_session` (signed, HttpOnly, SameSite=Lax; Secure on AWS)',
    schema: { type: 'string' as const },
  },
};

function sessionApi(deps: WebDeps) {
  const { 400: badInput, 403: otherSite, 409: inProgress, 413: tooLarge, 415: notJson, 422: keyReused } = writeErrors;
  return openApiRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/session',
        operationId: 'signIn',
        tags: ['session'],
        summary: 'Sign in (sets the session cookie)',
        security: [],
        description:
          'Attempts are counted per account and per address before the password is checked: past 5 failures for the account (or 20 for the address) in 15 minutes, 429 with `Retry-After`.',
        request: { body: { content: { 'application/json': { schema: SignInSchema } }, required: true } },
        responses: {
          200: { ...json(MeSchema, 'Signed in'), headers: SESSION_COOKIE },
          400: badInput,
          401: { description: 'Wrong username or password', content: { 'application/json': { schema: ErrorSchema } } },
          403: otherSite,
          409: inProgress,
          413: tooLarge,
          415: notJson,
          422: keyReused,
          429: {
            description: 'Too many failed sign-ins: locked for a while (`Retry-After` seconds)',
            headers: RETRY_AFTER,
            content: { 'application/json': { schema: ErrorSchema } },
          },
        },
      }),
      async (c) => {
        const { username, password } = c.req.valid('json');
        const { actor, displayName } = await guardedSignIn(c, deps, username, password);
        await startSession(c, deps, actor, displayName);
        return c.json({ username: actor.username, role: actor.kind === 'user' ? actor.role : ('system' as const), displayName }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/api/session',
        operationId: 'signOut',
        tags: ['session'],
        summary: 'Sign out (ends the session on the server; without one, nothing to do)',
        security: [{}, { session: [] }],
        responses: { 204: { description: 'Signed out' }, 403: otherSite },
      }),
      async (c) => {
        const ended = await endSession(c, deps);
        if (ended) await recordSecurityEvent(deps, { type: 'SIGNED_OUT', actor: ended.username, subject: ended.username, ip: clientIp(c) });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/me',
        operationId: 'getMe',
        tags: ['session'],
        summary: 'Who is signed in',
        responses: { 200: json(MeSchema, 'The account'), 401: readErrors[401] },
      }),
      async (c) => {
        const session = await readSession(c, deps);
        if (!session || session.actor.kind !== 'user')
          return c.json(errorBody(requestLang(c), 'UnauthorizedError', { key: 'error.signInRequired' }), 401);
        return c.json({ username: session.actor.username, role: session.actor.role, displayName: session.displayName }, 200);
      },
    );
}

/** Signing in and out: the JSON API and the pages (home by role, the language switch, the sign-in form). */
export function sessionRoutes(deps: WebDeps) {
  return sessionApi(deps).route('/', pageRouter(deps, addSessionPages));
}
