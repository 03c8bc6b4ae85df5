import { secureHeaders } from 'hono/secure-headers';
import { catalogueRoutes } from './catalogue-routes.ts';
import { csrfProtection } from './csrf.ts';
import { apiErrorHandler, noRoute } from './http-errors.ts';
import { idempotency } from './idempotency.ts';
import { noStoreForApi } from './no-store.ts';
import { requestBodyLimit, sameOriginApi } from './request-guards.ts';
import { refreshSession } from './session.ts';
import { adminRoutes } from './api/admin-routes.ts';
import { reviewRoutes } from './api/review-routes.ts';
import { appraisalRoutes } from './api/appraisal-routes.ts';
import { evidenceRoutes } from './api/evidence-routes.ts';
import { modelRoutes } from './api/model-routes.ts';
import { openApiRouter } from './api/openapi-app.ts';
import { DOCUMENT_CONFIG, registerSharedComponents, withIdempotency } from './api/openapi-document.ts';
import { sessionRoutes } from './api/session-routes.ts';
import { signalRoutes } from './api/signal-routes.ts';
import { statsRoutes } from './api/stats-routes.ts';
import { pageRoutes } from './pages/page-routes.tsx';
import type { WebDeps } from './web-deps.ts';

/** Pages load scripts and styles only from /static; the stats data block is JSON, which CSP does not run. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The whole web app: JSON API (documented at /openapi.json) and the Vietnamese pages. */
export function createApp(deps: WebDeps) {
  const app = openApiRouter();
  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  app.use('/api/*', noStoreForApi());
  app.use('*', requestBodyLimit());
  app.use('*', sameOriginApi());
  app.use('*', refreshSession(deps));
  app.use('*', csrfProtection(deps));
  // Before the routes, so a retried POST/PUT is answered from the stored response.
  app.use('/api/*', idempotency(deps));
  app.route('/', sessionRoutes(deps));
  app.route('/', modelRoutes(deps));
  app.route('/', signalRoutes(deps));
  app.route('/', evidenceRoutes(deps));
  app.route('/', appraisalRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', reviewRoutes(deps));
  app.route('/', catalogueRoutes(deps));
  app.route('/', statsRoutes(deps));
  app.route('/', pageRoutes(deps));
  registerSharedComponents(app);
  app.get('/openapi.json', (c) => c.json(withIdempotency(app.getOpenAPI31Document(DOCUMENT_CONFIG))));
  app.notFound(noRoute);
  // One place maps errors to HTTP (web/http-errors.ts), in the request's language: messages are shown only below 500.
  app.onError(apiErrorHandler);
  return app;
}
