import type { Hono } from 'hono';
import { importOfficialUnits, type ImportOfficialResult } from '../../core/use-cases/official-units.ts';
import { formValues, requirePage, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';

const COUNTS = ['created', 'updated', 'unchanged'] as const;

/** What an import just did, from the redirect's query (`imported=1&created=…&updated=…&unchanged=…`). */
export function importedNotice(c: PageContext): ImportOfficialResult | undefined {
  if (c.req.query('imported') !== '1') return undefined;
  const [created, updated, unchanged] = COUNTS.map((name) => Math.max(0, Math.trunc(Number(c.req.query(name)) || 0)));
  return { created: created!, updated: updated!, unchanged: unchanged! };
}

/**
 * The units page's import of the official list (all provinces, or the one chosen): back to the
 * page with the counts; a refusal (no board for a new province) gets the error page saying why.
 */
export function addOfficialUnitsActions(app: Hono<PageEnv>, deps: WebDeps) {
  app.post('/admin/units/import-official', requirePage(deps, 'admin'), async (c) => {
    const provinceCode = (await formValues(c)).provinceCode?.trim();
    const counts = await importOfficialUnits(deps, c.var.actor, provinceCode ? { provinceCode } : {});
    const query = COUNTS.map((name) => `&${name}=${counts[name]}`).join('');
    return c.redirect(`/admin/units?imported=1${query}#main`, 303);
  });
}
