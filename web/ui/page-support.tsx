import { Hono, type Context, type ErrorHandler, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Actor } from '../../core/actor.ts';
import { DomainError, ForbiddenError, UnauthorizedError } from '../../core/errors.ts';
import { logError } from '../../core/redact.ts';
import { isMessageKey } from '../../core/messages.ts';
import { errorMessage, httpStatus, LANG_COOKIE } from '../platform/http-errors.ts';
import { isLang, t, type Lang } from '../i18n/dictionary.ts';
import { readSession } from '../platform/session.ts';
import type { AppEnv, WebDeps } from '../web-deps.ts';
import { Layout, Notice, type View } from './layout.tsx';

export type UserActor = Extract<Actor, { kind: 'user' }>;
export type PageEnv = { Variables: { actor: UserActor; displayName: string } };
export type PageContext = Context<PageEnv>;

export { LANG_COOKIE };

export function langOf(c: Context): Lang {
  const value = getCookie(c, LANG_COOKIE);
  return isLang(value) ? value : 'vi';
}

/** Only same-site paths: never `//host` or `/\host`, which browsers treat as another origin. */
const SAFE_BASE = 'http://same-site.invalid';

/**
 * A redirect target from the query: only a path of this site. Control characters (browsers
 * drop tabs and newlines, so `/%09/evil.example` becomes `//evil.example`), backslashes and
 * anything that resolves to another origin are refused (undefined): the caller answers 400.
 */
export function safeNext(next: string | undefined): string | undefined {
  if (next === undefined || next === '') return '/';
  if (!next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) return undefined;
  try {
    const url = new URL(next, SAFE_BASE);
    return url.origin === SAFE_BASE ? url.pathname + url.search + url.hash : undefined;
  } catch {
    return undefined;
  }
}

export function viewOf(c: Context): View {
  const url = new URL(c.req.url);
  const actor = c.get('actor') as Actor | undefined;
  const displayName = c.get('displayName') as string | undefined;
  return {
    lang: langOf(c),
    path: url.pathname + url.search,
    user: actor?.kind === 'user' ? { displayName: displayName ?? actor.username, role: actor.role } : undefined,
  };
}

/** Sends a full HTML document. */
export function render(c: Context, page: Child, status: ContentfulStatusCode = 200) {
  return c.html(html`<!DOCTYPE html>${page}`, status);
}

/**
 * Signed-in pages: without a session go to /sign-in; with the wrong role answer 403.
 * Applied per route (never `use('*')`: this router is mounted at '/', next to the API).
 */
export function requirePage(deps: WebDeps, ...roles: UserActor['role'][]): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    const session = await readSession(c, deps);
    if (!session || session.actor.kind !== 'user') return c.redirect('/sign-in', 303);
    c.set('actor', session.actor);
    c.set('displayName', session.displayName);
    if (roles.length > 0 && !roles.includes(session.actor.role)) {
      throw new ForbiddenError('error.pageNotForAccount');
    }
    await next();
  };
}

/** Form posts as plain strings (files are ignored). */
export async function formValues(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') values[key] = value;
  return values;
}

export function ErrorPage(props: { view: View; message: string; signInAgain?: boolean }) {
  const { lang } = props.view;
  return (
    <Layout view={props.view} title={t(lang, 'error.title')}>
      <h1>{t(lang, 'error.title')}</h1>
      <Notice kind="error">{props.message}</Notice>
      {/* forms.js points the link back at the page of the form that was sent. */}
      {props.signInAgain ? (
        <p>
          <a class="button" href="/sign-in" data-sign-in-again>
            {t(lang, 'signIn.again')}
          </a>
        </p>
      ) : null}
      <p>
        <a href="/">{t(lang, 'error.backHome')}</a>
      </p>
    </Layout>
  );
}

/** Errors on pages become HTML pages: domain errors with their message and status, others as 500. */
export const pageErrorHandler: ErrorHandler<PageEnv> = (error, c) => {
  if (error instanceof UnauthorizedError) return c.redirect('/sign-in', 303);
  const view = viewOf(c);
  if (error instanceof DomainError) {
    const signInAgain = error.key === 'error.sessionEnded';
    return render(c, <ErrorPage view={view} message={errorMessage(view.lang, error)} signInAgain={signInAgain} />, httpStatus(error));
  }
  if (error instanceof HTTPException && error.status < 500)
    return render(
      c,
      <ErrorPage view={view} message={t(view.lang, isMessageKey(error.message) ? error.message : 'error.badRequest')} />,
      error.status,
    );
  logError('[pages]', error);
  return render(c, <ErrorPage view={view} message={t(view.lang, 'error.internal')} />, 500);
};

/** What a feature adds to the pages: its routes on the pages' env. */
export type AddPages = (pages: Hono<PageEnv>, deps: WebDeps) => void;

/**
 * A feature's pages as a sub-app with the HTML error handler, mounted at '/' by the feature's
 * routes next to its JSON API (Hono applies a sub-app's onError to its own routes only).
 */
export function pageRouter(deps: WebDeps, ...features: AddPages[]) {
  const pages = new Hono<PageEnv>();
  pages.onError(pageErrorHandler);
  for (const add of features) add(pages, deps);
  return new Hono<AppEnv>().route('/', pages);
}
