import { catalogueApi } from './api/catalogue-routes.ts';
import { publicPages } from './pages/public-routes.tsx';
import type { WebDeps } from './web-deps.ts';

/**
 * Replication and the public catalogue: the JSON API (documented in /openapi.json) and the
 * public pages, mounted with one `app.route('/', catalogueRoutes(deps))`. The pages keep
 * their own HTML error handler (Hono applies a sub-app's onError to its routes).
 */
export function catalogueRoutes(deps: WebDeps) {
  return catalogueApi(deps).route('/', publicPages(deps));
}
