import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, NotFoundError } from '../../core/errors.ts';
import { listVisibleModels } from '../../core/use-cases/model-views.ts';
import { listBoards, listUnits } from '../../core/use-cases/organisation.ts';
import { modelsNeedingAttention } from '../../core/use-cases/attention.ts';
import { startYearlyReview } from '../../core/use-cases/start-review.ts';
import { listReviews, reviewProgress } from '../../core/use-cases/yearly-review.ts';
import { recoverOrphanedModel } from '../../core/use-cases/recover-model.ts';
import { errorMessage, httpStatus } from '../platform/http-errors.ts';
import { t } from '../i18n/dictionary.ts';
import { RECOVER_ACTION, type RecoveryNotice } from './attention-section.tsx';
import type { WebDeps } from '../web-deps.ts';
import { ALL_BOARDS, AdminPage, type AdminPageProps } from './admin-page.tsx';
import { parseYear } from '../ui/form-bodies.ts';
import { vietnamYear } from '../ui/format.ts';
import { failureState } from '../ui/forms.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';

async function adminPage(
  c: PageContext,
  deps: WebDeps,
  review: AdminPageProps['review'],
  status: ContentfulStatusCode = 200,
  recovery = recoveryNotice(c),
) {
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
  const [boards, units, attention, reviews] = await Promise.all([
    listBoards(deps),
    listUnits(deps),
    modelsNeedingAttention(deps, c.var.actor),
    listReviews(deps, c.var.actor),
  ]);
  return render(
    c,
    <AdminPage
      view={viewOf(c)}
      boards={boards}
      units={units}
      review={review}
      reviews={reviews}
      lookup={lookup}
      attention={attention}
      recovery={recovery}
    />,
    status,
  );
}

/** After a recovery (POST, then redirect): what it did, from the query string. */
function recoveryNotice(c: PageContext): RecoveryNotice | undefined {
  const id = c.req.query('recovered');
  if (!id) return undefined;
  const lang = viewOf(c).lang;
  const execution = c.req.query('execution');
  if (c.req.query('outcome') === 'none') return { kind: 'ok', message: t(lang, 'attention.notNeeded', { id }) };
  return {
    kind: 'ok',
    message: execution ? t(lang, 'attention.recovered', { id, execution }) : t(lang, 'attention.recoveredNextCycle', { id }),
  };
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
    return adminPage(c, deps, {
      year: String(shown?.year ?? vietnamYear(deps.now())),
      scope: shown?.scope ?? ALL_BOARDS,
      errors: {},
      shown,
    });
  });

  // One action resumes an orphaned model; a second click (or a reload) answers what the first did.
  app.post(RECOVER_ACTION, requirePage(deps, 'admin'), async (c) => {
    const { modelId = '' } = await formValues(c);
    try {
      const done = await recoverOrphanedModel(deps, c.var.actor, modelId.trim());
      const query = new URLSearchParams({
        recovered: done.modelId,
        ...(done.execution ? { execution: done.execution } : {}),
        ...(done.recovered ? {} : { outcome: 'none' }),
      });
      return c.redirect(`/admin?${query.toString()}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const lang = viewOf(c).lang;
      return adminPage(c, deps, { year: String(vietnamYear(deps.now())), scope: ALL_BOARDS, errors: {} }, httpStatus(error), {
        kind: 'error',
        message: errorMessage(lang, error),
      });
    }
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
      return adminPage(c, deps, { year: values.year ?? '', scope, errors: state.errors, message: state.message }, httpStatus(error));
    }
  });
}
