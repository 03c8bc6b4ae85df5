import type { Hono } from 'hono';
import { NotFoundError } from '../../core/errors.ts';
import { loadVisibleModel } from '../../core/use-cases/complete-task.ts';
import { findUnit } from '../../core/use-cases/organisation.ts';
import { readDocumentSettings, withDecisionData } from '../../core/use-cases/batch-decisions.ts';
import { SYSTEM } from '../../core/actor.ts';
import { render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';

/** The printable certificate of a recognition, for a year the model was recognized. */
export function addCertificatePages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/models/:id/certificate/:year', requirePage(deps), async (c) => {
    const model = await loadVisibleModel(deps, c.var.actor, c.req.param('id'));
    const stored = model.recognitions.find((r) => String(r.year) === c.req.param('year'));
    if (!stored) throw new NotFoundError('error.notRecognizedThatYear');
    const [[recognition], unit, settings] = await Promise.all([
      withDecisionData(deps, [stored]),
      findUnit(deps, model.unitId),
      readDocumentSettings(deps, SYSTEM, model.boardId),
    ]);
    // The page's module loads on its first request: a chunk of its own in the Lambda bundle.
    const { CertificatePage } = await import('./certificate-page.tsx');
    return render(
      c,
      <CertificatePage
        view={viewOf(c)}
        model={model}
        recognition={recognition!}
        unitName={unit?.name ?? model.unitId}
        settings={settings}
      />,
    );
  });
}
