import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { DomainError, ValidationError } from '../core/errors.ts';
import { logError } from '../core/redact.ts';
import { catalogueRoutes } from './catalogue-routes.ts';
import { csrfProtection } from './csrf.ts';
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
  app.notFound((c) =>
    c.json({ error: { code: 'NotFound', message: `Không có đường dẫn này / no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  // One place maps errors to HTTP: messages are shown only below 500.
  app.onError((error, c) => {
    if (error instanceof DomainError) {
      const fields = error instanceof ValidationError ? error.issues : undefined;
      return c.json({ error: { code: error.name, message: error.message, fields } }, error.status);
    }
    // The JSON validator's parse failure: the same 400 body as any invalid input.
    if (error instanceof HTTPException && error.status === 400 && /malformed json/i.test(error.message)) {
      return c.json(
        {
          error: {
            code: 'ValidationError',
            message: 'Dữ liệu không hợp lệ / invalid input',
            fields: [{ field: '(body)', reason: 'JSON không hợp lệ / malformed JSON' }],
          },
        },
        400,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: { code: 'BadRequest', message: error.message || 'bad request' } }, error.status);
    }
    logError('[web]', error);
    return c.json({ error: { code: 'InternalError', message: 'Lỗi hệ thống / internal error' } }, 500);
  });
  return app;
}
