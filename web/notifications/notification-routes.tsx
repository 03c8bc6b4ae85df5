import { createRoute, z } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { DomainError, NotFoundError } from '../../core/errors.ts';
import { MyPreferencesSchema, myNotificationSettings, saveMyNotificationSettings } from '../../core/use-cases/notification-settings.ts';
import { NOTIFY_PREFERENCES } from '../../core/records.ts';
import { json, named, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { requireActor } from '../platform/session.ts';
import { failureState, Select } from '../ui/forms.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Layout, Notice } from '../ui/layout.tsx';
import { formValues, pageRouter, render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import { DataTable } from '../ui/tables.tsx';
import type { WebDeps } from '../web-deps.ts';

const Settings = z
  .object({
    email: z.string().nullable().openapi({ description: 'Where mail goes (set by an administrator); null: none is sent' }),
    notify: z.enum(NOTIFY_PREFERENCES),
    lang: z.enum(['vi', 'en']),
    bounced: z.boolean().openapi({ description: 'SES reported the address bounced: nothing is sent until it changes' }),
  })
  .openapi('NotificationSettings');
const PreferencesBody = named(MyPreferencesSchema, 'NotificationPreferences');

function notificationApi(deps: WebDeps) {
  return openApiRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/account/notifications',
        operationId: 'getMyNotificationSettings',
        tags: ['session'],
        summary: 'My email, how I receive notifications (at once, a daily digest, off) and in which language',
        middleware: [requireActor(deps)],
        responses: { 200: json(Settings, 'My settings'), ...readErrors },
      }),
      async (c) => c.json(await myNotificationSettings(deps, c.get('actor')), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/api/account/notifications',
        operationId: 'putMyNotificationSettings',
        tags: ['session'],
        summary: 'Set how I receive notifications and in which language',
        middleware: [requireActor(deps)],
        request: { body: { content: { 'application/json': { schema: PreferencesBody } }, required: true } },
        responses: { 200: json(Settings, 'Saved'), ...writeErrors },
      }),
      async (c) => c.json(await saveMyNotificationSettings(deps, c.get('actor'), c.req.valid('json')), 200),
    );
}

function AccountPage(props: { lang: Lang; settings: Awaited<ReturnType<typeof myNotificationSettings>>; saved?: boolean; error?: string }) {
  const { lang, settings } = props;
  return (
    <>
      <h1>{t(lang, 'account.title')}</h1>
      {props.saved ? <Notice kind="ok">{t(lang, 'account.saved')}</Notice> : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <dl class="summary">
        <dt>{t(lang, 'account.email')}</dt>
        <dd>{settings.email ?? t(lang, 'account.noEmail')}</dd>
      </dl>
      {settings.bounced ? <Notice kind="error">{t(lang, 'account.bounced')}</Notice> : null}
      <form method="post" action="/account" class="card">
        <Select
          lang={lang}
          id="account-notify"
          name="notify"
          label={t(lang, 'account.notify')}
          value={settings.notify}
          options={NOTIFY_PREFERENCES.map((p) => ({ value: p, label: t(lang, `account.notify.${p}`) }))}
          required
        />
        <Select
          lang={lang}
          id="account-lang"
          name="lang"
          label={t(lang, 'account.lang')}
          value={settings.lang}
          options={[
            { value: 'vi', label: 'Tiếng Việt' },
            { value: 'en', label: 'English' },
          ]}
          required
        />
        <button type="submit">{t(lang, 'account.save')}</button>
      </form>
    </>
  );
}

/** My account (notification settings), and the administrator's view of the local mail catcher. */
export function addNotificationPages(pages: Hono<PageEnv>, deps: WebDeps) {
  pages.get('/account', requirePage(deps), async (c) => {
    const view = viewOf(c);
    const settings = await myNotificationSettings(deps, c.var.actor);
    return render(
      c,
      <Layout view={view} title={t(view.lang, 'account.title')}>
        <AccountPage lang={view.lang} settings={settings} saved={c.req.query('saved') === '1'} />
      </Layout>,
    );
  });
  pages.post('/account', requirePage(deps), async (c) => {
    const view = viewOf(c);
    const values = await formValues(c);
    try {
      await saveMyNotificationSettings(deps, c.var.actor, { notify: values.notify, lang: values.lang });
      return c.redirect('/account?saved=1', 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const settings = await myNotificationSettings(deps, c.var.actor);
      return render(
        c,
        <Layout view={view} title={t(view.lang, 'account.title')}>
          <AccountPage lang={view.lang} settings={settings} error={failureState(view.lang, error, values).message} />
        </Layout>,
        400,
      );
    }
  });
  const admin = requirePage(deps, 'admin');
  pages.get('/admin/mail', admin, async (c) => {
    const view = viewOf(c);
    const { lang } = view;
    const messages = deps.mailbox ? await deps.mailbox.list() : undefined;
    return render(
      c,
      <Layout view={view} title={t(lang, 'mail.title')}>
        <h1>{t(lang, 'mail.title')}</h1>
        {messages ? <p>{t(lang, 'mail.intro')}</p> : <p>{t(lang, 'mail.notLocal')}</p>}
        {messages && messages.length === 0 ? <p>{t(lang, 'mail.none')}</p> : null}
        {messages && messages.length > 0 ? (
          <DataTable
            headers={[t(lang, 'mail.when'), t(lang, 'mail.to'), t(lang, 'mail.subject')]}
            rows={messages.map((m) => ({
              cells: [formatDateTime(m.at), m.to, <a href={`/admin/mail/${encodeURIComponent(m.id)}`}>{m.subject}</a>],
            }))}
          />
        ) : null}
      </Layout>,
    );
  });
  pages.get('/admin/mail/:id', admin, async (c) => {
    const view = viewOf(c);
    const message = await deps.mailbox?.read(c.req.param('id'));
    if (!message) throw new NotFoundError('error.noRoute');
    return render(
      c,
      <Layout view={view} title={message.subject}>
        <p>
          <a href="/admin/mail">← {t(view.lang, 'mail.back')}</a>
        </p>
        <h1>{message.subject}</h1>
        <dl class="summary">
          <dt>{t(view.lang, 'mail.when')}</dt>
          <dd>{formatDateTime(message.at)}</dd>
          <dt>{t(view.lang, 'mail.to')}</dt>
          <dd>{message.to}</dd>
        </dl>
        <pre class="mail-text">{message.text}</pre>
        {message.html ? (
          <details>
            <summary>HTML</summary>
            <pre>{message.html}</pre>
          </details>
        ) : null}
      </Layout>,
    );
  });
}

export function notificationRoutes(deps: WebDeps) {
  return notificationApi(deps).route('/', pageRouter(deps, addNotificationPages));
}
