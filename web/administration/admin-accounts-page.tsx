import { BOARD_ROLES, ROLES } from '../../core/actor.ts';
import type { Board, Unit } from '../../core/records.ts';
import { label, t } from '../i18n/dictionary.ts';
import { byName, EditLink, FormNotice } from './admin-org-pages.tsx';
import { AdminNav, type AdminForm } from './admin-page.tsx';
import { codeOptions, fieldError, Select, TextInput } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { DataTable } from '../ui/tables.tsx';

export type AccountRow = { username: string; displayName: string; role: string; unitId?: string; boardId?: string; boardRoles?: string[] };

/** What an account action just did, from the redirect's query. */
export type AccountNotice = { ended?: { count: number; username: string }; removed?: string };

function AccountActions(props: { lang: View['lang']; username: string; self: boolean }) {
  const base = `/admin/accounts/${encodeURIComponent(props.username)}`;
  return (
    <div class="actions">
      <form method="post" action={`${base}/end-sessions`}>
        <button type="submit" class="secondary" aria-label={`${t(props.lang, 'account.endSessions')}: ${props.username}`}>
          {t(props.lang, 'account.endSessions')}
        </button>
      </form>
      {props.self ? null : (
        <form method="post" action={`${base}/remove`}>
          <button type="submit" class="danger" aria-label={`${t(props.lang, 'account.remove')}: ${props.username}`}>
            {t(props.lang, 'account.remove')}
          </button>
        </form>
      )}
    </div>
  );
}

export function AccountsPage(props: {
  view: View;
  accounts: AccountRow[];
  units: Unit[];
  boards: Board[];
  form: AdminForm;
  saved?: string;
  editing?: string;
  notice?: AccountNotice;
  self?: string;
}) {
  const { view, form } = props;
  const { lang } = view;
  const { values, errors } = form;
  const scope = (a: AccountRow) =>
    a.role === 'unit'
      ? a.unitId
      : a.role === 'board'
        ? `${a.boardId} (${(a.boardRoles?.length ? a.boardRoles : BOARD_ROLES).map((r) => label(lang, 'boardRole', r)).join(', ')})`
        : '';
  const rolesError = fieldError(errors, 'boardRoles');
  return (
    <Layout view={view} title={t(lang, 'admin.accounts.title')}>
      <h1>{t(lang, 'admin.accounts.title')}</h1>
      <AdminNav lang={lang} current="/admin/accounts" />
      {props.saved ? <Notice kind="ok">{t(lang, 'admin.saved', { id: props.saved })}</Notice> : null}
      {props.notice?.ended ? (
        <Notice kind="ok">
          {t(lang, 'account.sessionsEnded', { count: props.notice.ended.count, username: props.notice.ended.username })}
        </Notice>
      ) : null}
      {props.notice?.removed ? <Notice kind="ok">{t(lang, 'account.removed', { username: props.notice.removed })}</Notice> : null}
      <section class="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t(lang, 'admin.accounts.list')}</h2>
        <DataTable
          headers={[
            t(lang, 'account.username'),
            t(lang, 'account.displayName'),
            t(lang, 'account.role'),
            t(lang, 'account.scope'),
            t(lang, 'admin.edit'),
            t(lang, 'account.actions'),
          ]}
          rows={[...props.accounts]
            .sort((a, b) => a.username.localeCompare(b.username))
            .map((a) => ({
              cells: [
                <code>{a.username}</code>,
                a.displayName,
                label(lang, 'role', a.role),
                scope(a) ?? '',
                <EditLink lang={lang} href={`/admin/accounts?edit=${encodeURIComponent(a.username)}#account-form`} name={a.username} />,
                <AccountActions lang={lang} username={a.username} self={a.username === props.self} />,
              ],
            }))}
        />
      </section>
      <section class="card" id="account-form" aria-labelledby="account-form-title">
        <h2 id="account-form-title">{t(lang, 'admin.accounts.form')}</h2>
        {props.editing ? (
          <p>
            {t(lang, 'admin.editing', { id: props.editing })} · <a href="/admin/accounts#account-form">{t(lang, 'admin.new')}</a>
          </p>
        ) : null}
        <FormNotice form={form} shown={['username', 'displayName', 'role', 'unitId', 'boardId', 'boardRoles', 'password']} />
        <form method="post" action="/admin/accounts#account-form">
          <div class="row">
            <TextInput
              id="account-username"
              name="username"
              label={t(lang, 'account.username')}
              value={values.username}
              error={errors.username}
              autocomplete="off"
              required
            />
            <TextInput
              id="account-displayName"
              name="displayName"
              label={t(lang, 'account.displayName')}
              value={values.displayName}
              error={errors.displayName}
              required
            />
            <Select
              lang={lang}
              id="account-role"
              name="role"
              label={t(lang, 'account.role')}
              value={values.role}
              error={errors.role}
              options={codeOptions(lang, 'role', ROLES)}
              required
            />
          </div>
          <div class="row">
            <Select
              lang={lang}
              id="account-unit"
              name="unitId"
              label={t(lang, 'account.unitId')}
              value={values.unitId}
              error={errors.unitId}
              options={byName(props.units).map((u) => ({ value: u.id, label: u.name }))}
            />
            <Select
              lang={lang}
              id="account-board"
              name="boardId"
              label={t(lang, 'account.boardId')}
              value={values.boardId}
              error={errors.boardId}
              options={byName(props.boards).map((b) => ({ value: b.id, label: b.name }))}
            />
          </div>
          <fieldset aria-describedby="account-roles-hint">
            <legend>{t(lang, 'account.boardRoles')}</legend>
            <p class="hint" id="account-roles-hint">
              {t(lang, 'account.boardRolesHint')}
            </p>
            {BOARD_ROLES.map((role) => (
              <label class="choice">
                <input type="checkbox" name={`boardRoles.${role}`} checked={values[`boardRoles.${role}`] === 'on'} />{' '}
                {label(lang, 'boardRole', role)}
              </label>
            ))}
            {rolesError ? <p class="field-error">{rolesError}</p> : null}
          </fieldset>
          <TextInput
            id="account-password"
            name="password"
            type="password"
            autocomplete="new-password"
            label={t(lang, 'account.password')}
            hint={t(lang, 'account.passwordHint')}
            error={errors.password}
          />
          <button type="submit">{t(lang, 'admin.save')}</button>
        </form>
      </section>
    </Layout>
  );
}
