import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { DomainError, ValidationError } from '../../core/errors.ts';
import { errorMessage, httpStatus } from '../http-errors.ts';
import { isLang, t } from '../i18n/dictionary.ts';
import { endSession, readSession, startSession } from '../session.ts';
import { clientIp, guardedSignIn } from '../sign-in-guard.ts';
import { recordSecurityEvent } from '../../core/use-cases/security-events.ts';
import type { AppEnv, WebDeps } from '../web-deps.ts';
import { addAdminHome } from './admin-home-routes.tsx';
import { addAdminPages } from './admin-page-routes.tsx';
import { addSecurityPages } from './admin-security-routes.tsx';
import { addEvidencePages } from './evidence-page-routes.tsx';
import { addModelPages } from './model-page-routes.tsx';
import { formValues, LANG_COOKIE, pageErrorHandler, render, safeNext, viewOf, type PageEnv } from './page-support.tsx';
import { addRolePages } from './role-routes.tsx';
import { SignInPage } from './sign-in-page.tsx';
import { addStatsPages } from './stats-page-routes.tsx';
import { APP_CSS, CERTIFICATE_CSS } from './styles.ts';

/**
 * The server-rendered pages (Vietnamese by default, English by the `lang` cookie).
 * Mounted at '/' next to the JSON API: no middleware on '*', so /api is untouched.
 */
export function pageRoutes(deps: WebDeps) {
  const pages = new Hono<PageEnv>();
  pages.onError(pageErrorHandler);

  const css = { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' };
  pages.get('/static/app.css', (c) => c.body(APP_CSS, 200, css));
  pages.get('/static/certificate.css', (c) => c.body(CERTIFICATE_CSS, 200, css));

  pages.get('/lang/:code', (c) => {
    const code = c.req.param('code');
    const next = safeNext(c.req.query('next'));
    if (next === undefined) throw new ValidationError([{ field: 'next', key: 'reason.sameSitePathOnly' }]);
    if (isLang(code)) {
      setCookie(c, LANG_COOKIE, code, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', httpOnly: true, secure: deps.secureCookies });
    }
    return c.redirect(next, 303);
  });

  pages.get('/sign-in', async (c) => {
    if (await readSession(c, deps)) return c.redirect('/', 303);
    return render(c, <SignInPage view={viewOf(c)} />);
  });

  pages.post('/sign-in', async (c) => {
    const view = viewOf(c);
    const { username = '', password = '' } = await formValues(c);
    if (!username.trim() || !password) {
      return render(c, <SignInPage view={view} username={username} error={t(view.lang, 'signIn.missing')} />, 400);
    }
    try {
      const { actor, displayName } = await guardedSignIn(c, deps, username.trim(), password);
      await startSession(c, deps, actor, displayName);
      return c.redirect('/', 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return render(c, <SignInPage view={view} username={username} error={errorMessage(view.lang, error)} />, httpStatus(error));
    }
  });

  pages.post('/sign-out', async (c) => {
    const ended = await endSession(c, deps);
    if (ended) await recordSecurityEvent(deps, { type: 'SIGNED_OUT', actor: ended.username, subject: ended.username, ip: clientIp(c) });
    return c.redirect('/sign-in', 303);
  });

  addRolePages(pages, deps);
  addModelPages(pages, deps);
  addEvidencePages(pages, deps);
  addAdminHome(pages, deps);
  addAdminPages(pages, deps);
  addSecurityPages(pages, deps);
  addStatsPages(pages, deps);
  return new Hono<AppEnv>().route('/', pages);
}
