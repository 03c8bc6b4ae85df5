import type { Hono } from 'hono';
import type { PageEnv } from './page-support.tsx';
import { FORMS_JS } from './forms-script.ts';
import { APP_CSS, CERTIFICATE_CSS } from './styles.ts';

/** The pages' stylesheets and forms script (the statistics page serves its own assets, web/statistics/stats-page-routes.tsx). */
export function addStylesheets(pages: Hono<PageEnv>) {
  const css = { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' };
  pages.get('/static/app.css', (c) => c.body(APP_CSS, 200, css));
  pages.get('/static/certificate.css', (c) => c.body(CERTIFICATE_CSS, 200, css));
  pages.get('/static/forms.js', (c) => c.body(FORMS_JS, 200, { ...css, 'Content-Type': 'text/javascript; charset=utf-8' }));
}
