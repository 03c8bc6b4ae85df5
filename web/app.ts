import { secureHeaders } from 'hono/secure-headers';
import { openApiRouter } from './api/openapi-app.ts';
import { DOCUMENT_CONFIG, registerSharedComponents, withIdempotency } from './api/openapi-document.ts';
import { csrfProtection } from './platform/csrf.ts';
import { apiErrorHandler, noRoute } from './platform/http-errors.ts';
import { idempotency } from './platform/idempotency.ts';
import { noStoreForApi } from './platform/no-store.ts';
import { requestBodyLimit, sameOriginApi } from './platform/request-guards.ts';
import { refreshSession } from './platform/session.ts';
import { compressAnswers } from './platform/compress-answers.ts';
import { featureRoutes } from './routes.ts';
import { pageErrorHandler } from './ui/page-support.tsx';
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
  // Outermost: gzip for what every other middleware answered (web/platform/compress-answers.ts).
  app.use('*', compressAnswers());
  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  app.use('/api/*', noStoreForApi());
  // The guards answer a refused page request with the pages' error page, an /api one with JSON.
  app.use('*', requestBodyLimit(pageErrorHandler));
  app.use('*', sameOriginApi());
  app.use('*', refreshSession(deps));
  app.use('*', csrfProtection(deps, pageErrorHandler));
  // Before the routes, so a retried POST/PUT is answered from the stored response.
  app.use('/api/*', idempotency(deps));
  // Every feature's API and pages (web/routes.ts).
  app.route('/', featureRoutes(deps));
  registerSharedComponents(app);
  app.get('/openapi.json', (c) => c.json(withIdempotency(app.getOpenAPI31Document(DOCUMENT_CONFIG))));
  app.notFound(noRoute);
  // One place maps errors to HTTP (web/platform/http-errors.ts), in the request's language: messages are shown only below 500.
  app.onError(apiErrorHandler);
  return app;
}
