import { createRoute, z } from '@hono/zod-openapi';
import { endSession, readSession, startSession } from '../session.ts';
import { clientIp, guardedSignIn } from '../sign-in-guard.ts';
import { recordSecurityEvent } from '../../core/use-cases/security-events.ts';
import type { WebDeps } from '../web-deps.ts';
import { errors, json, openApiRouter } from './openapi-app.ts';

const SignInSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).openapi('SignIn');
const MeSchema = z.object({ username: z.string(), role: z.string(), displayName: z.string() }).openapi('Me');

export function sessionRoutes(deps: WebDeps) {
  return openApiRouter()
    .openapi(
      createRoute({
        method: 'post', path: '/api/session', tags: ['session'], summary: 'Sign in (sets the session cookie)',
        request: { body: { content: { 'application/json': { schema: SignInSchema } }, required: true } },
        responses: { 200: json(MeSchema, 'Signed in'), 400: errors[400], 401: errors[401], 429: { description: 'Too many failed sign-ins: locked for 15 minutes (Retry-After)' } },
      }),
      async (c) => {
        const { username, password } = c.req.valid('json');
        const { actor, displayName } = await guardedSignIn(c, deps, username, password);
        await startSession(c, deps, actor, displayName);
        return c.json({ username: actor.username, role: actor.kind === 'user' ? actor.role : 'system', displayName }, 200);
      },
    )
    .openapi(
      createRoute({ method: 'delete', path: '/api/session', tags: ['session'], summary: 'Sign out', responses: { 204: { description: 'Signed out' } } }),
      async (c) => {
        const ended = await endSession(c, deps);
        if (ended) await recordSecurityEvent(deps, { type: 'SIGNED_OUT', actor: ended.username, subject: ended.username, ip: clientIp(c) });
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/api/me', tags: ['session'], summary: 'Who is signed in', responses: { 200: json(MeSchema, 'The account'), 401: errors[401] } }),
      async (c) => {
        const session = await readSession(c, deps);
        if (!session || session.actor.kind !== 'user') return c.json({ error: { code: 'UnauthorizedError', message: 'Cần đăng nhập / sign-in required' } }, 401);
        return c.json({ username: session.actor.username, role: session.actor.role, displayName: session.displayName }, 200);
      },
    );
}
