import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, NotFoundError } from '../../core/errors.ts';
import type { Board } from '../../core/store/org-store.ts';
import { listVisibleModels } from '../../core/use-cases/model-views.ts';
import { listBoards } from '../../core/use-cases/organisation.ts';
import { modelsNeedingAttention } from '../../core/use-cases/attention.ts';
import { reviewProgress, startYearlyReview } from '../../core/use-cases/yearly-review.ts';
import type { WebDeps } from '../web-deps.ts';
import { ALL_BOARDS, AdminPage, type AdminPageProps } from './admin-page.tsx';
import { parseYear } from './form-bodies.ts';
import { vietnamYear } from './format.ts';
import { failureState } from './forms.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from './page-support.tsx';

async function adminPage(c: PageContext, deps: WebDeps, review: AdminPageProps['review'], status: ContentfulStatusCode = 200) {
  const lang = viewOf(c).lang;
  const unitId = (c.req.query('unitId') ?? '').trim();
  const boardId = (c.req.query('boardId') ?? '').trim();
  const lookup: AdminPageProps['lookup'] = { unitId, boardId, errors: {} };
  if (unitId || boardId) {
    try {
      lookup.models = await listVisibleModels(deps, c.var.actor, unitId ? { unitId } : { boardId });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state = failureState(lang, error, {});
      lookup.errors = state.errors;
      lookup.message = state.message;
    }
  }
  const [boards, attention] = await Promise.all([listBoards(deps) as Promise<Board[]>, modelsNeedingAttention(deps, c.var.actor)]);
  return render(c, <AdminPage view={viewOf(c)} boards={boards} review={review} lookup={lookup} attention={attention} />, status);
}

/** The review opened last (from the query string) with its progress; none yet while its first step runs. */
async function shownReview(c: PageContext, deps: WebDeps): Promise<AdminPageProps['review']['shown']> {
  const year = c.req.query('review');
  const scope = c.req.query('scope') ?? ALL_BOARDS;
  if (!year || !/^\d{4}$/.test(year)) return undefined;
  try {
    return { year: Number(year), scope, progress: await reviewProgress(deps, c.var.actor, scope, Number(year)) };
  } catch (error) {
    if (error instanceof NotFoundError) return { year: Number(year), scope };
    throw error;
  }
}

/** The administrator's home: open the yearly review (and follow it), look models up. */
export function addAdminHome(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/admin', requirePage(deps, 'admin'), async (c) => {
    const shown = await shownReview(c, deps);
    return adminPage(c, deps, { year: String(shown?.year ?? vietnamYear(deps.now())), scope: shown?.scope ?? ALL_BOARDS, errors: {}, shown });
  });

  app.post('/admin/reviews', requirePage(deps, 'admin'), async (c) => {
    const values = await formValues(c);
    const scope = values.scope || ALL_BOARDS;
    try {
      const result = await startYearlyReview(deps, c.var.actor, { year: parseYear(values.year), scope });
      return c.redirect(`/admin?review=${result.year}&scope=${encodeURIComponent(result.scope)}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const state = failureState(viewOf(c).lang, error, values);
      return adminPage(c, deps, { year: values.year ?? '', scope, errors: state.errors, message: state.message }, error.status);
    }
  });
}
