import { BOARD_ROLES, ROLES } from '../../core/actor.ts';
import { NOTIFY_PREFERENCES, type Board, type Unit } from '../../core/records.ts';
import { label, t } from '../i18n/dictionary.ts';
import { byName, EditLink } from './admin-org-pages.tsx';
import { AdminNav, type AdminForm } from './admin-page.tsx';
import { formatDate } from '../ui/format.ts';
import { codeOptions, ErrorSummary, fieldError, plainTargets, Select, TextInput, type FieldTarget } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { DataTable } from '../ui/tables.tsx';

export type AccountRow = {
  username: string;
  displayName: string;
  role: string;
  unitId?: string;
  boardId?: string;
  boardRoles?: string[];
  deactivatedAt?: string;
  email?: string;
  emailBouncedAt?: string;
  notify?: string;
  lang?: string;
};

type Counted = { count: number; username: string };
/** What an account action just did, from the redirect's query. */
export type AccountNotice = { ended?: Counted; removed?: string; deactivated?: Counted; reactivated?: string; reset?: Counted };

/** Where the account form's fields are, for its error summary. */
function accountTargets(lang: View['lang']): FieldTarget {
  const plain = plainTargets(lang, 'account', {
    username: 'account.username',
    displayName: 'account.displayName',
    role: 'account.role',
    password: 'account.password',
    email: 'account.emailAdmin',
    notify: 'account.notify',
    lang: 'account.lang',
  });
  return (field) => {
    if (field === 'unitId') return { id: 'account-unit', label: t(lang, 'account.unitId') };
    if (field === 'boardId') return { id: 'account-board', label: t(lang, 'account.boardId') };
    if (field.startsWith('boardRoles')) return { id: `account-role-${BOARD_ROLES[0]}`, label: t(lang, 'account.boardRoles') };
    return plain(field);
  };
}

function AccountActions(props: { lang: View['lang']; username: string; self: boolean; inactive: boolean }) {
  const base = `/admin/accounts/${encodeURIComponent(props.username)}`;
  const toggle = props.inactive ? 'reactivate' : 'deactivate';
  return (
    <div class="actions">
      {props.self ? null : (
        <form method="post" action={`${base}/${toggle}`}>
          <button
            type="submit"
            class={props.inactive ? 'secondary' : 'danger'}
            aria-label={`${t(props.lang, `account.${toggle}`)}: ${props.username}`}
          >
            {t(props.lang, `account.${toggle}`)}
          </button>
        </form>
      )}
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
  /** The password reset form: blank, or as posted with its reasons. */
  resetForm?: AdminForm;
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
      {props.saved ? <Notice kind="ok">{t(lang, 'admin.saved', { id: accountName(props.accounts, props.saved) })}</Notice> : null}
      {props.notice?.ended ? (
        <Notice kind="ok">
          {t(lang, 'account.sessionsEnded', { count: props.notice.ended.count, username: props.notice.ended.username })}
        </Notice>
      ) : null}
      {props.notice?.removed ? <Notice kind="ok">{t(lang, 'account.removed', { username: props.notice.removed })}</Notice> : null}
      {props.notice?.deactivated ? <Notice kind="ok">{t(lang, 'account.deactivated', { ...props.notice.deactivated })}</Notice> : null}
      {props.notice?.reactivated ? (
        <Notice kind="ok">{t(lang, 'account.reactivated', { username: props.notice.reactivated })}</Notice>
      ) : null}
      {props.notice?.reset ? <Notice kind="ok">{t(lang, 'account.passwordReset', { ...props.notice.reset })}</Notice> : null}
      <section class="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t(lang, 'admin.accounts.list')}</h2>
        <DataTable
          headers={[
            t(lang, 'account.username'),
            t(lang, 'account.displayName'),
            t(lang, 'account.role'),
            t(lang, 'account.scope'),
            t(lang, 'account.status'),
            t(lang, 'admin.edit'),
            t(lang, 'account.actions'),
          ]}
          rows={[...props.accounts]
            .sort((a, b) => a.username.localeCompare(b.username))
            .map((a) => ({
              cells: [
                <code>{a.username}</code>,
                a.email ? (
                  <>
                    {a.displayName}
                    <br />
                    <small>
                      {a.email}
                      {a.emailBouncedAt ? <strong class="inactive"> · {t(lang, 'account.emailBounced')}</strong> : null}
                    </small>
                  </>
                ) : (
                  a.displayName
                ),
                label(lang, 'role', a.role),
                scope(a) ?? '',
                a.deactivatedAt ? (
                  <strong class="inactive">{t(lang, 'account.inactive', { date: formatDate(a.deactivatedAt) })}</strong>
                ) : (
                  t(lang, 'account.active')
                ),
                <EditLink lang={lang} href={`/admin/accounts?edit=${encodeURIComponent(a.username)}#account-form`} name={a.username} />,
                <AccountActions lang={lang} username={a.username} self={a.username === props.self} inactive={Boolean(a.deactivatedAt)} />,
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
        {/* Ticked chain roles are kept by forms.js too (data-keep-choices): they are part of what was typed. */}
        <form method="post" action="/admin/accounts#account-form" data-keep-choices>
          {form.message ? (
            <ErrorSummary lang={lang} id="account-errors" message={form.message} errors={errors} target={accountTargets(lang)} />
          ) : null}
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
              options={byName(props.units).map((u) => ({
                value: u.id,
                label: t(lang, 'account.unitOption', { name: u.name, code: u.id }),
              }))}
            />
            <Select
              lang={lang}
              id="account-board"
              name="boardId"
              label={t(lang, 'account.boardId')}
              value={values.boardId}
              error={errors.boardId}
              options={byName(props.boards).map((b) => ({
                value: b.id,
                label: t(lang, 'account.unitOption', { name: b.name, code: b.id }),
              }))}
            />
          </div>
          <fieldset aria-describedby="account-roles-hint">
            <legend>{t(lang, 'account.boardRoles')}</legend>
            <p class="hint" id="account-roles-hint">
              {t(lang, 'account.boardRolesHint')}
            </p>
            {BOARD_ROLES.map((role) => (
              <label class="choice">
                <input
                  type="checkbox"
                  id={`account-role-${role}`}
                  name={`boardRoles.${role}`}
                  checked={values[`boardRoles.${role}`] === 'on'}
                />{' '}
                {label(lang, 'boardRole', role)}
              </label>
            ))}
            {rolesError ? <p class="field-error">{rolesError}</p> : null}
          </fieldset>
          <div class="row">
            <TextInput
              id="account-email"
              name="email"
              type="email"
              autocomplete="off"
              label={t(lang, 'account.emailAdmin')}
              hint={t(lang, 'account.emailAdminHint')}
              value={values.email}
              error={errors.email}
            />
            <Select
              lang={lang}
              id="account-notify"
              name="notify"
              label={t(lang, 'account.notify')}
              value={values.notify}
              error={errors.notify}
              empty={t(lang, 'account.notify.IMMEDIATE')}
              options={NOTIFY_PREFERENCES.filter((n) => n !== 'IMMEDIATE').map((n) => ({
                value: n,
                label: t(lang, `account.notify.${n}`),
              }))}
            />
            <Select
              lang={lang}
              id="account-lang"
              name="lang"
              label={t(lang, 'account.lang')}
              value={values.lang}
              error={errors.lang}
              empty="Tiếng Việt"
              options={[{ value: 'en', label: 'English' }]}
            />
          </div>
          <TextInput
            id="account-password"
            name="password"
            type="password"
            autocomplete="new-password"
            label={t(lang, 'account.password')}
            hint={t(lang, 'account.passwordHint')}
            value={values.password}
            error={errors.password}
          />
          <button type="submit">{t(lang, 'admin.save')}</button>
        </form>
      </section>
      <ResetPassword lang={lang} accounts={props.accounts} form={props.resetForm ?? { values: {}, errors: {} }} />
    </Layout>
  );
}

/** An administrator sets a new password for an account; its sessions end. */
function ResetPassword(p: { lang: View['lang']; accounts: AccountRow[]; form: AdminForm }) {
  const { lang, form } = p;
  const target: FieldTarget = (field) =>
    field === 'password'
      ? { id: 'reset-password', label: t(lang, 'account.password') }
      : field === 'username'
        ? { id: 'reset-username', label: t(lang, 'account.resetAccount') }
        : undefined;
  return (
    <section class="card" id="reset-form" aria-labelledby="reset-title">
      <h2 id="reset-title">{t(lang, 'account.resetTitle')}</h2>
      <p class="hint">{t(lang, 'account.resetHelp')}</p>
      <form method="post" action="/admin/accounts/reset-password#reset-form">
        {form.message ? <ErrorSummary lang={lang} id="reset-errors" message={form.message} errors={form.errors} target={target} /> : null}
        <div class="row">
          <Select
            lang={lang}
            id="reset-username"
            name="username"
            label={t(lang, 'account.resetAccount')}
            value={form.values.username}
            error={form.errors.username}
            options={byName(p.accounts.map((a) => ({ ...a, name: a.displayName }))).map((a) => ({
              value: a.username,
              label: `${a.displayName} (${a.username})`,
            }))}
            required
          />
          <TextInput
            id="reset-password"
            name="password"
            type="password"
            autocomplete="new-password"
            label={t(lang, 'account.password')}
            value={form.values.password}
            error={form.errors.password}
            required
          />
        </div>
        <button type="submit">{t(lang, 'account.resetSubmit')}</button>
      </form>
    </section>
  );
}

/** "Cán bộ Phường Hạ Long (donvi.halong)": an account by its display name first. */
function accountName(accounts: AccountRow[], username: string): string {
  const account = accounts.find((a) => a.username === username);
  return account ? `${account.displayName} (${account.username})` : username;
}
