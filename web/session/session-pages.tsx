import type { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { DomainError, ValidationError } from '../../core/errors.ts';
import { recordSecurityEvent } from '../../core/use-cases/security-events.ts';
import { isLang, t } from '../i18n/dictionary.ts';
import { errorMessage, httpStatus } from '../platform/http-errors.ts';
import { endSession, readSession, startSession } from '../platform/session.ts';
import { clientIp, guardedSignIn } from '../platform/sign-in-guard.ts';
import { formValues, LANG_COOKIE, render, requirePage, safeNext, viewOf, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { SignInPage } from './sign-in-page.tsx';

/** Home by role, the language switch, sign-in and sign-out (Vietnamese by default, English by the `lang` cookie). */
export function addSessionPages(pages: Hono<PageEnv>, deps: WebDeps) {
  pages.get('/', requirePage(deps), (c) => c.redirect(`/${c.var.actor.role}`, 302));

  pages.get('/lang/:code', (c) => {
    const code = c.req.param('code');
    const next = safeNext(c.req.query('next'));
    if (next === undefined) throw new ValidationError([{ field: 'next', key: 'reason.sameSitePathOnly' }]);
    if (isLang(code)) {
      setCookie(c, LANG_COOKIE, code, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', httpOnly: true, secure: deps.secureCookies });
    }
    return c.redirect(next, 303);
  });

  // `next` (same-site only, else home) brings a person whose session ended back to their form.
  pages.get('/sign-in', async (c) => {
    const next = safeNext(c.req.query('next')) ?? '/';
    if (await readSession(c, deps)) return c.redirect(next, 303);
    return render(c, <SignInPage view={viewOf(c)} next={next} />);
  });

  pages.post('/sign-in', async (c) => {
    const view = viewOf(c);
    const { username = '', password = '', next: asked } = await formValues(c);
    const next = safeNext(asked) ?? '/';
    if (!username.trim() || !password) {
      return render(c, <SignInPage view={view} username={username} next={next} error={t(view.lang, 'signIn.missing')} />, 400);
    }
    try {
      const { actor, displayName } = await guardedSignIn(c, deps, username.trim(), password);
      await startSession(c, deps, actor, displayName);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const page = <SignInPage view={view} username={username} next={next} error={errorMessage(view.lang, error)} />;
      return render(c, page, httpStatus(error));
    }
  });

  pages.post('/sign-out', async (c) => {
    const ended = await endSession(c, deps);
    if (ended) await recordSecurityEvent(deps, { type: 'SIGNED_OUT', actor: ended.username, subject: ended.username, ip: clientIp(c) });
    return c.redirect('/sign-in', 303);
  });
}
