import type { SecurityEvent } from '../../core/records.ts';
import { label, t } from '../i18n/dictionary.ts';
import { AdminNav } from './admin-page.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Layout } from '../ui/layout.tsx';
import { DataTable } from '../ui/tables.tsx';

/** The security log for administrators, newest first, a page at a time. */
export function SecurityLogPage(props: { view: import('../ui/layout.tsx').View; events: SecurityEvent[]; pageSize: number }) {
  const { view, events } = props;
  const { lang } = view;
  const last = events.at(-1);
  return (
    <Layout view={view} title={t(lang, 'security.title')}>
      <h1>{t(lang, 'security.title')}</h1>
      <AdminNav lang={lang} current="/admin/security" />
      <section class="card" aria-labelledby="security-title">
        <h2 id="security-title">{t(lang, 'security.title')}</h2>
        <p class="hint">{t(lang, 'security.help')}</p>
        {events.length === 0 ? (
          <p>{t(lang, 'security.empty')}</p>
        ) : (
          <DataTable
            headers={[
              t(lang, 'security.at'),
              t(lang, 'security.type'),
              t(lang, 'security.actor'),
              t(lang, 'security.subject'),
              t(lang, 'security.ip'),
              t(lang, 'security.detail'),
            ]}
            rows={events.map((e) => ({
              cells: [
                formatDateTime(e.at),
                label(lang, 'securityEvent', e.type),
                <code>{e.actor}</code>,
                <code>{e.subject}</code>,
                e.ip ?? '',
                e.detail ?? '',
              ],
            }))}
          />
        )}
        {last && events.length >= props.pageSize ? (
          <p>
            <a href={`/admin/security?before=${encodeURIComponent(last.at)}`}>{t(lang, 'security.older')}</a>
          </p>
        ) : null}
      </section>
    </Layout>
  );
}
