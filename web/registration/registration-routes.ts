import { pageRouter } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { evidenceApi } from './evidence-routes.ts';
import { addEvidencePages } from './evidence-page-routes.tsx';
import { addUnitPages } from './unit-page-routes.tsx';

/**
 * Registration: the evidence API, the unit's page with the registration form and the evidence
 * forms of the model page (registering, drafts and the report go through the lifecycle API,
 * web/models/model-routes.ts, whose use cases these pages call).
 */
export function registrationRoutes(deps: WebDeps) {
  return evidenceApi(deps).route('/', pageRouter(deps, addUnitPages, addEvidencePages));
}
