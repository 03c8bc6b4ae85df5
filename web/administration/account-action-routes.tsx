import type { Hono } from 'hono';
import { DomainError } from '../../core/errors.ts';
import { deactivateAccount, reactivateAccount, resetPassword } from '../../core/use-cases/account-admin.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { failureState } from '../ui/forms.tsx';
import { formValues, render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { accountsPage, organisation } from './admin-page-routes.tsx';

const back = (done: string, username: string, ended?: number) =>
  `/admin/accounts?done=${done}&account=${encodeURIComponent(username)}${ended === undefined ? '' : `&ended=${ended}`}#main`;

/**
 * The accounts page's actions: deactivate and reactivate an account (a refusal, e.g. one's own
 * account, gets the error page saying why), and reset a password (refused: the page again, with
 * what was typed and its reasons).
 */
export function addAccountActions(app: Hono<PageEnv>, deps: WebDeps) {
  app.post('/admin/accounts/:username/deactivate', requirePage(deps, 'admin'), async (c) => {
    const account = await deactivateAccount(deps, c.var.actor, c.req.param('username'));
    return c.redirect(back('deactivated', account.username, account.ended), 303);
  });
  app.post('/admin/accounts/:username/reactivate', requirePage(deps, 'admin'), async (c) => {
    const account = await reactivateAccount(deps, c.var.actor, c.req.param('username'));
    return c.redirect(back('reactivated', account.username), 303);
  });
  app.post('/admin/accounts/reset-password', requirePage(deps, 'admin'), async (c) => {
    const values = await formValues(c);
    try {
      const account = await resetPassword(deps, c.var.actor, values.username ?? '', { password: values.password ?? '' });
      return c.redirect(back('reset', account.username, account.ended), 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      c.header('Cache-Control', 'no-store');
      const resetForm = failureState(viewOf(c).lang, error, values);
      return render(c, await accountsPage(c, deps, await organisation(deps), { resetForm }), httpStatus(error));
    }
  });
}
