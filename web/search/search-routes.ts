import { pageRouter } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { addSearchPages } from './search-page-routes.tsx';

/** Search: the board's whole model list (paged, searched, filtered) and the one search box. Pages only. */
export function searchRoutes(deps: WebDeps) {
  return pageRouter(deps, addSearchPages);
}
