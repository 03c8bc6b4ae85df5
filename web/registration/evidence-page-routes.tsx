import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DomainError } from '../../core/errors.ts';
import { MAX_EVIDENCE_BYTES } from '../../core/evidence.ts';
import { addEvidence, readEvidence, removeEvidence } from '../../core/use-cases/evidence-files.ts';
import { uploadedFile } from './evidence-routes.ts';
import { contentDisposition } from '../statistics/exports/download.ts';
import { t } from '../i18n/dictionary.ts';
import { NO_STORE } from '../platform/no-store.ts';
import type { WebDeps } from '../web-deps.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { modelPage, pageState } from '../models/model-page-routes.tsx';
import { requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import { modelHref } from '../ui/tables.tsx';

/**
 * Evidence on the model page: a multipart upload (same limits as the API), a download served
 * as an attachment, and removal while the registration is prepared or revised.
 */
export function addEvidencePages(app: Hono<PageEnv>, deps: WebDeps) {
  // Like the API's evidenceBodyLimit, but the answer is the model page with the message, not JSON.
  const limit = bodyLimit({
    maxSize: MAX_EVIDENCE_BYTES + 64 * 1024,
    onError: (c) => {
      const page = c as unknown as PageContext;
      const message = t(viewOf(page).lang, 'evidence.tooLarge');
      return modelPage(
        page,
        deps,
        page.req.param('id') ?? '',
        { state: { form: 'evidence', values: {}, errors: { file: message }, message } },
        413,
      );
    },
  });

  app.post('/models/:id/evidence', requirePage(deps), limit, async (c) => {
    const id = c.req.param('id');
    try {
      await addEvidence(deps, c.var.actor, id, await uploadedFile(c.req));
      return c.redirect(`${modelHref(id)}?done=evidence#evidence`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return modelPage(c, deps, id, { state: pageState(c, 'evidence', error, {}) }, httpStatus(error));
    }
  });

  app.get('/models/:id/evidence/:fileId', requirePage(deps), async (c) => {
    const { evidence, bytes } = await readEvidence(deps, c.var.actor, c.req.param('id'), c.req.param('fileId'));
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': evidence.contentType,
      'Content-Disposition': contentDisposition(evidence.name),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': NO_STORE,
    });
  });

  app.post('/models/:id/evidence/:fileId/remove', requirePage(deps), async (c) => {
    const id = c.req.param('id');
    try {
      await removeEvidence(deps, c.var.actor, id, c.req.param('fileId'));
      return c.redirect(`${modelHref(id)}?done=evidenceRemoved#evidence`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return modelPage(c, deps, id, { state: pageState(c, 'evidence', error, {}) }, httpStatus(error));
    }
  });
}
