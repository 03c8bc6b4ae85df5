import type { Hono, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, ValidationError } from '../../core/errors.ts';
import { AREAS, KINDS } from '../../core/model.ts';
import { getPublicModel, searchPublicCatalogue, type PublicEntry } from '../../core/use-cases/public-catalogue.ts';
import { submitDraft } from '../../core/use-cases/register-model.ts';
import { copyOf, defaultReplicaYear, replicateModel } from '../../core/use-cases/replicate-model.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { message } from '../i18n/dictionary.ts';
import { readSession } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { parseYear } from '../ui/form-bodies.ts';
import { failureState } from '../ui/forms.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import type { ReplicateOffer } from './public-model-page.tsx';
import type { PublicFilter } from './public-page.tsx';
import { modelHref } from '../ui/tables.tsx';

/** Public pages show who is signed in (and offer units to replicate), but never require it. */
function optionalUser(deps: WebDeps): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    const session = await readSession(c, deps);
    if (session?.actor.kind === 'user') {
      c.set('actor', session.actor);
      c.set('displayName', session.displayName);
    }
    await next();
  };
}

const oneOf = (codes: readonly string[], value: string | undefined) => (value && codes.includes(value) ? value : '');

async function offerFor(
  c: PageContext,
  deps: WebDeps,
  model: { id: string; unitId: string; recognitions: PublicEntry['recognitions'] },
): Promise<ReplicateOffer> {
  const actor = c.get('actor') as PageEnv['Variables']['actor'] | undefined;
  if (!actor) return { kind: 'anonymous' };
  if (actor.role !== 'unit') return { kind: 'not-a-unit' };
  if (actor.unitId === model.unitId) return { kind: 'own' };
  const link = await copyOf(deps, model.id, actor.unitId);
  if (link) return { kind: 'done', copyId: link.copyModelId };
  return { kind: 'form', year: String(defaultReplicaYear(model, deps.now())) };
}

type Failure = { year: string; message: string; yearError?: string };

/** The detail page; after a failed replicate, the form keeps the typed year and shows why. */
async function detailPage(c: PageContext, deps: WebDeps, id: string, failure?: Failure, status: ContentfulStatusCode = 200) {
  const model = await getPublicModel(deps, id);
  const offer = await offerFor(c, deps, model);
  const shown: ReplicateOffer = failure && offer.kind === 'form' ? { ...offer, year: failure.year, yearError: failure.yearError } : offer;
  // The catalogue's pages load on their first request: chunks of their own in the Lambda bundle.
  const { PublicModelPage } = await import('./public-model-page.tsx');
  return render(c, <PublicModelPage view={viewOf(c)} model={model} offer={shown} message={failure?.message} />, status);
}

/**
 * `/public` (search), `/public/models/:id` (detail) and the replicate form, plus the submit
 * button of a replicated draft. No sign-in to read; replicating needs a unit account.
 * Mounted by catalogue-routes.ts next to the catalogue's JSON API.
 */
export function addPublicPages(pages: Hono<PageEnv>, deps: WebDeps) {
  pages.get('/public', optionalUser(deps), async (c) => {
    const filter: PublicFilter = {
      q: (c.req.query('q') ?? '').trim().slice(0, 200),
      area: oneOf(AREAS, c.req.query('area')),
      kind: oneOf(KINDS, c.req.query('kind')),
    };
    const cursor = c.req.query('cursor') || undefined;
    const view = viewOf(c);
    const { PublicPage } = await import('./public-page.tsx');
    try {
      const page = await searchPublicCatalogue(deps, {
        q: filter.q,
        area: filter.area || undefined,
        kind: filter.kind || undefined,
        cursor,
      });
      return render(
        c,
        <PublicPage view={view} filter={filter} items={page.items} nextCursor={page.nextCursor} paged={cursor !== undefined} />,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const reasons = error.issues.map((i) => message(view.lang, i.key, i.params)).join('; ');
      return render(c, <PublicPage view={view} filter={filter} items={[]} paged={false} error={reasons} />, 400);
    }
  });

  pages.get('/public/models/:id', optionalUser(deps), (c) => detailPage(c, deps, c.req.param('id')));

  pages.post('/public/models/:id/replicate', requirePage(deps, 'unit'), async (c) => {
    const id = c.req.param('id');
    const values = await formValues(c);
    const year = (values.year ?? '').trim();
    try {
      const copy = await replicateModel(deps, c.var.actor, id, year ? { year: parseYear(year) } : {});
      return c.redirect(`${modelHref(copy.id)}?done=replicate`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state = failureState(viewOf(c).lang, error, values);
      return detailPage(c, deps, id, { year, message: state.message, yearError: state.errors.year }, httpStatus(error));
    }
  });

  // The lineage section's button on a replicated draft (its own path: the drafts feature may add its own).
  pages.post('/models/:id/replica/submit', requirePage(deps, 'unit'), async (c) => {
    const id = c.req.param('id');
    await submitDraft(deps, c.var.actor, id);
    return c.redirect(`${modelHref(id)}?done=register`, 303);
  });
}
