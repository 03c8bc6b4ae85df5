import type { Child } from 'hono/jsx';
import { LANGS, t, type Lang } from '../i18n/dictionary.ts';

/** What every page needs to know about the request. */
export type View = {
  lang: Lang;
  /** Current path (with query), for the language links to come back to. */
  path: string;
  user?: { displayName: string; role: 'unit' | 'board' | 'admin' };
};

export function Layout(props: { view: View; title: string; stylesheet?: string; children?: Child }) {
  const { view, title } = props;
  const { lang, user } = view;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t(lang, 'app.title')}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/app.css" />
        {props.stylesheet ? <link rel="stylesheet" href={props.stylesheet} /> : null}
        <script src="/static/forms.js" defer />
      </head>
      <body data-restored-text={t(lang, 'form.restored')}>
        <a class="skip" href="#main">
          {t(lang, 'nav.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t(lang, 'app.title')}
            <small>{t(lang, 'app.subtitle')}</small>
          </a>
          <div class="top-tools">
            <a href="/public">{t(lang, 'nav.public')}</a>
            {user && user.role !== 'unit' ? <a href="/statistics">{t(lang, 'nav.statistics')}</a> : null}
            {user ? <a href="/search">{t(lang, 'nav.search')}</a> : null}
            {user && user.role !== 'unit' ? <a href="/imports">{t(lang, 'nav.imports')}</a> : null}
            {user && user.role !== 'unit' ? <a href="/decisions">{t(lang, 'nav.decisions')}</a> : null}
            {user ? <a href="/account">{t(lang, 'account.title')}</a> : null}
            <nav class="langs" aria-label={t(lang, 'nav.language')}>
              {LANGS.map((code, i) => (
                <>
                  {i > 0 ? ' | ' : ''}
                  <a
                    href={`/lang/${code}?next=${encodeURIComponent(view.path)}`}
                    hreflang={code}
                    lang={code}
                    aria-current={code === lang ? 'true' : undefined}
                  >
                    {t(code, `lang.${code}`)}
                  </a>
                </>
              ))}
            </nav>
            {user ? (
              <>
                <span>
                  {t(lang, 'nav.signedInAs')}: <strong>{user.displayName}</strong> ({t(lang, `role.${user.role}`)})
                </span>
                <form method="post" action="/sign-out">
                  <button type="submit">{t(lang, 'nav.signOut')}</button>
                </form>
              </>
            ) : null}
          </div>
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

/** A success or error message box; errors are announced to screen readers. */
export function Notice(props: { kind: 'ok' | 'error'; children?: Child }) {
  return (
    <div class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

export function Badge(props: { class?: string; children?: Child }) {
  return <span class={`badge ${props.class ?? ''}`.trim()}>{props.children}</span>;
}
