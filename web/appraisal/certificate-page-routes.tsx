import type { Hono } from 'hono';
import { NotFoundError } from '../../core/errors.ts';
import { loadVisibleModel } from '../../core/use-cases/complete-task.ts';
import { findUnit } from '../../core/use-cases/organisation.ts';
import { render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { CertificatePage } from './certificate-page.tsx';

/** The printable certificate of a recognition, for a year the model was recognized. */
export function addCertificatePages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/models/:id/certificate/:year', requirePage(deps), async (c) => {
    const model = await loadVisibleModel(deps, c.var.actor, c.req.param('id'));
    const recognition = model.recognitions.find((r) => String(r.year) === c.req.param('year'));
    if (!recognition) throw new NotFoundError('error.notRecognizedThatYear');
    const unit = await findUnit(deps, model.unitId);
    return render(c, <CertificatePage view={viewOf(c)} model={model} recognition={recognition} unitName={unit?.name ?? model.unitId} />);
  });
}
