import type { Hono } from 'hono';
import { endSessionsOf, removeAccount } from '../../core/use-cases/organisation.ts';
import { securityEventsFor } from '../../core/use-cases/security-events.ts';
import type { WebDeps } from '../web-deps.ts';
import { render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';

const PAGE_SIZE = 100;

/** The security log, and the account actions that end sessions (each a form post with its CSRF token). */
export function addSecurityPages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/admin/security', requirePage(deps, 'admin'), async (c) => {
    const events = await securityEventsFor(deps, c.var.actor, { limit: PAGE_SIZE, before: c.req.query('before') });
    const { SecurityLogPage } = await import('./admin-security-page.tsx'); // on first use (admin-page-routes.tsx)
    return render(c, <SecurityLogPage view={viewOf(c)} events={events} pageSize={PAGE_SIZE} />);
  });

  const afterAction = (query: string) => `/admin/accounts?${query}#main`;
  app.post('/admin/accounts/:username/end-sessions', requirePage(deps, 'admin'), async (c) => {
    const username = c.req.param('username');
    const { ended } = await endSessionsOf(deps, c.var.actor, username);
    return c.redirect(afterAction(`ended=${ended}&account=${encodeURIComponent(username)}`), 303);
  });
  app.post('/admin/accounts/:username/remove', requirePage(deps, 'admin'), async (c) => {
    const username = c.req.param('username');
    // Refused (own account, no such account): the error page says why.
    await removeAccount(deps, c.var.actor, username);
    return c.redirect(afterAction(`removed=${encodeURIComponent(username)}`), 303);
  });
}
