import { openApiRouter } from './api/openapi-app.ts';
import { adminRoutes } from './administration/admin-routes.ts';
import { unitChangeRoutes } from './administration/unit-change-routes.tsx';
import { appraisalRoutes } from './appraisal/appraisal-routes.ts';
import { catalogueRoutes } from './catalogue/catalogue-routes.ts';
import { modelRoutes } from './models/model-routes.ts';
import { registrationRoutes } from './registration/registration-routes.ts';
import { reviewRoutes } from './review/review-routes.ts';
import { searchRoutes } from './search/search-routes.ts';
import { importRoutes } from './imports/import-routes.ts';
import { decisionRoutes } from './decisions/decision-routes.ts';
import { notificationRoutes } from './notifications/notification-routes.tsx';
import { summaryApi } from './statistics/summary/summary-routes.ts';
import { sessionRoutes } from './session/session-routes.ts';
import { statsRoutes } from './statistics/stats-routes.ts';
import { pageRouter } from './ui/page-support.tsx';
import { addStylesheets } from './ui/static-routes.ts';
import type { WebDeps } from './web-deps.ts';

/**
 * The one registry: every feature mounts its JSON API and its pages together, in the order
 * /openapi.json lists the operations. API paths are all under /api and page paths never are,
 * so a feature's pages keep their HTML error handler and /api its JSON one (web/app.ts).
 */
export function featureRoutes(deps: WebDeps) {
  return openApiRouter()
    .route('/', sessionRoutes(deps))
    .route('/', modelRoutes(deps))
    .route('/', registrationRoutes(deps))
    .route('/', appraisalRoutes(deps))
    .route('/', adminRoutes(deps))
    .route('/', unitChangeRoutes(deps))
    .route('/', reviewRoutes(deps))
    .route('/', catalogueRoutes(deps))
    .route('/', statsRoutes(deps))
    .route('/', summaryApi(deps))
    .route('/', searchRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', decisionRoutes(deps))
    .route('/', notificationRoutes(deps))
    .route('/', pageRouter(deps, addStylesheets));
}
