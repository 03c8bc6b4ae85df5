import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Actor } from '../../core/actor.ts';
import type { Deps } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import type { Board, Unit } from '../../core/records.ts';
import { criteriaSetsOf, saveCriteriaSet } from '../../core/use-cases/criteria-admin.ts';
import { listAccounts, listBoards, listUnits, saveAccount, saveBoard, saveUnit } from '../../core/use-cases/organisation.ts';
import { provincesOfOfficialList } from '../../core/use-cases/official-units.ts';
import { importedNotice } from './official-units-routes.tsx';
import type { WebDeps } from '../web-deps.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { accountBody, boardBody, criteriaBody, CRITERIA_FIELDS, unitBody } from './admin-bodies.ts';
import type { AccountNotice, AccountRow } from './admin-accounts-page.tsx';
import type { AdminForm } from './admin-page.tsx';
import { compactRows } from '../ui/form-bodies.ts';
import { failureState, type FormValues } from '../ui/forms.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';

// The administration's pages load on their first request (a chunk of their own in the Lambda
// bundle): few people open them, and every cold start of the web function would read them.
const orgPages = () => import('./admin-org-pages.tsx');
const accountsPages = () => import('./admin-accounts-page.tsx');
const criteriaPages = () => import('./admin-criteria-page.tsx');

type Loaded = { units: Unit[]; boards: Board[] };
type Section = {
  path: string;
  /** The page, given the organisation, a form and the id just saved. */
  page: (c: PageContext, deps: WebDeps, org: Loaded, form: AdminForm, saved?: string) => Promise<Child>;
  /** The form prefilled from `?edit=` (or the criteria set's keys), else blank. */
  edit: (c: PageContext, deps: WebDeps, org: Loaded) => FormValues | Promise<FormValues>;
  save: (deps: Deps, actor: Actor, body: unknown) => Promise<unknown>;
  body: (values: FormValues) => unknown;
  prepare?: (values: FormValues) => FormValues;
  savedId: (values: FormValues) => string;
};

const flags = (on: boolean | undefined) => (on ? 'on' : '');

async function criteriaSets(deps: WebDeps, actor: Actor, boards: Board[]) {
  return (await Promise.all(boards.map((b) => criteriaSetsOf(deps, actor, b.id)))).flat();
}

const SECTIONS: Section[] = [
  {
    path: 'units',
    page: async (c, _deps, org, form, saved) => {
      const { UnitsPage } = await orgPages();
      return (
        <UnitsPage
          view={viewOf(c)}
          units={org.units}
          boards={org.boards}
          form={form}
          saved={saved}
          provinces={provincesOfOfficialList()}
          imported={importedNotice(c)}
        />
      );
    },
    edit: (c, _deps, org) => {
      const unit = org.units.find((u) => u.id === c.req.query('edit'));
      return unit
        ? { ...unit, type: unit.type ?? '', parentId: unit.parentId ?? '', historical: flags(unit.historical), code: unit.code ?? '' }
        : {};
    },
    save: saveUnit,
    body: unitBody,
    savedId: (v) => v.id ?? '',
  },
  {
    path: 'boards',
    page: async (c, _deps, org, form, saved) => {
      const { BoardsPage } = await orgPages();
      return <BoardsPage view={viewOf(c)} units={org.units} boards={org.boards} form={form} saved={saved} />;
    },
    edit: (c, _deps, org) => ({ ...org.boards.find((b) => b.id === c.req.query('edit')) }),
    save: saveBoard,
    body: boardBody,
    savedId: (v) => v.id ?? '',
  },
  {
    path: 'accounts',
    page: (c, deps, org, form, saved) => accountsPage(c, deps, org, { form, saved }),
    edit: async (c, deps) => {
      const account = ((await listAccounts(deps, c.var.actor)) as AccountRow[]).find((a) => a.username === c.req.query('edit'));
      if (!account) return {};
      const roles = Object.fromEntries((account.boardRoles ?? []).map((r) => [`boardRoles.${r}`, 'on']));
      return {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        unitId: account.unitId ?? '',
        boardId: account.boardId ?? '',
        email: account.email ?? '',
        notify: account.notify && account.notify !== 'IMMEDIATE' ? account.notify : '',
        lang: account.lang === 'en' ? 'en' : '',
        ...roles,
      };
    },
    save: saveAccount,
    body: accountBody,
    savedId: (v) => (v.username ?? '').trim().toLowerCase(),
  },
  {
    path: 'criteria',
    page: async (c, deps, org, form, saved) => {
      const [sets, { CriteriaPage }] = await Promise.all([criteriaSets(deps, c.var.actor, org.boards), criteriaPages()]);
      return <CriteriaPage view={viewOf(c)} boards={org.boards} sets={sets} form={form} saved={saved} />;
    },
    edit: async (c, deps, org) => {
      const [board, period, kind] = [c.req.query('board'), c.req.query('period'), c.req.query('kind')];
      const set = (await criteriaSets(deps, c.var.actor, org.boards)).find(
        (s) => s.boardId === board && s.period === period && s.kind === kind,
      );
      return set
        ? (await criteriaPages()).criteriaValues(set)
        : { kind: 'MODEL', 'chain.0': 'SPECIALIST', 'chain.1': 'LEADER', 'chain.2': 'COMMITTEE' };
    },
    save: saveCriteriaSet,
    body: criteriaBody,
    prepare: (v) => compactRows(v, 'criteria', CRITERIA_FIELDS),
    savedId: (v) => `${v.boardId ?? ''} ${v.period ?? ''} ${v.kind ?? ''}`,
  },
];

/** What an account action did, from the redirect's query (`done=` and `account=`, `ended=`). */
function accountNotice(c: PageContext): AccountNotice {
  const [done, account, ended] = [c.req.query('done'), c.req.query('account') ?? '', c.req.query('ended')];
  const counted = { count: Number(ended) || 0, username: account };
  return {
    ended: !done && ended !== undefined && account ? counted : undefined,
    removed: c.req.query('removed') || undefined,
    deactivated: done === 'deactivated' && account ? counted : undefined,
    reactivated: done === 'reactivated' && account ? account : undefined,
    reset: done === 'reset' && account ? counted : undefined,
  };
}

/** The accounts page with its two forms (the account form, the password reset). */
export async function accountsPage(
  c: PageContext,
  deps: WebDeps,
  org: Loaded,
  forms: { form?: AdminForm; resetForm?: AdminForm; saved?: string },
) {
  const [accounts, { AccountsPage }] = await Promise.all([listAccounts(deps, c.var.actor) as Promise<AccountRow[]>, accountsPages()]);
  const form = forms.form ?? { values: {}, errors: {} };
  const editing = accounts.some((a) => a.username === form.values.username) ? form.values.username : undefined;
  return (
    <AccountsPage
      view={viewOf(c)}
      accounts={accounts}
      units={org.units}
      boards={org.boards}
      form={form}
      resetForm={forms.resetForm}
      saved={forms.saved}
      editing={editing}
      notice={accountNotice(c)}
      self={c.var.actor.username}
    />
  );
}

export async function organisation(deps: WebDeps): Promise<Loaded> {
  const [units, boards] = await Promise.all([listUnits(deps), listBoards(deps)]);
  return { units: units, boards: boards };
}

/**
 * Administration of units (a tree), boards, accounts and criteria sets: each a list and a
 * form posting to the same path; a refused save shows the form again with its reasons (400).
 */
export function addAdminPages(app: Hono<PageEnv>, deps: WebDeps) {
  for (const section of SECTIONS) {
    const show = async (c: PageContext, form: AdminForm, saved?: string, status: ContentfulStatusCode = 200) =>
      render(c, await section.page(c, deps, await organisation(deps), form, saved), status);

    app.get(`/admin/${section.path}`, requirePage(deps, 'admin'), async (c) => {
      const values = await section.edit(c, deps, await organisation(deps));
      return show(c, { values, errors: {} }, c.req.query('saved'));
    });

    app.post(`/admin/${section.path}`, requirePage(deps, 'admin'), async (c) => {
      const values = (section.prepare ?? ((v) => v))(await formValues(c));
      try {
        await section.save(deps, c.var.actor, section.body(values));
        return c.redirect(`/admin/${section.path}?saved=${encodeURIComponent(section.savedId(values))}#main`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Everything typed comes back (the password too, to this administrator only, never stored by the browser's cache).
        c.header('Cache-Control', 'no-store');
        return show(c, failureState(viewOf(c).lang, error, values), undefined, httpStatus(error));
      }
    });
  }
}
