import type { Hono } from 'hono';
import { acceptRegistrations, boardQueue } from '../../core/use-cases/board-queue.ts';
import { listVisibleModels, queueModels } from '../../core/use-cases/model-views.ts';
import { answerProposal, namedProposals, receivedProposals } from '../../core/use-cases/proposals.ts';
import { holdsBoardRole } from '../../core/actor.ts';
import { DomainError, ValidationError } from '../../core/errors.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorMessage, httpStatus } from '../platform/http-errors.ts';
import { message, t } from '../i18n/dictionary.ts';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { BoardPage, type BatchOutcome } from './board-page.tsx';
import { filterQueue, readQueueFilter } from './board-queue.tsx';

/** The board's page: its queue of steps to review and decide, and the proposals it received. */
export function addBoardPages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/board', requirePage(deps, 'board'), (c) => boardPage(c, deps));

  // Several registrations accepted at once, each its own decision: the page lists the refused ones with their reason.
  app.post('/board/accept', requirePage(deps, 'board'), async (c) => {
    const form = await c.req.parseBody({ all: true });
    const ids = [form.modelIds ?? []].flat().filter((id): id is string => typeof id === 'string');
    if (ids.length === 0) return boardPage(c, deps, { accepted: 0, refused: [], noneSelected: true }, 400);
    const comment = typeof form.comment === 'string' && form.comment.trim() ? form.comment : undefined;
    const result = await acceptRegistrations(deps, c.var.actor, { modelIds: ids.slice(0, 100), ...(comment ? { comment } : {}) });
    const lang = viewOf(c).lang;
    const names = new Map((await queueModels(deps, result.refused, [])).map((m) => [m.id, m.name]));
    const batch: BatchOutcome = {
      accepted: result.accepted.length,
      refused: result.refused.map((r) => ({ name: names.get(r.modelId) ?? r.modelId, reason: message(lang, r.key, r.params) })),
    };
    return boardPage(c, deps, batch);
  });

  // The leader answers a proposal received; the proposing board reads the answer on the model's page.
  app.post('/board/proposals/answer', requirePage(deps, 'board'), async (c) => {
    const { modelId = '', kind = '', year = '', outcome = '', note = '' } = await formValues(c);
    try {
      await answerProposal(deps, c.var.actor, { modelId, kind, year: Number(year) }, { outcome, ...(note.trim() ? { note } : {}) });
      return c.redirect('/board?answered=1#proposals-title', 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const lang = viewOf(c).lang;
      const reasons = error instanceof ValidationError ? error.issues.map((i) => message(lang, i.key, i.params)).join('; ') : '';
      const text = `${errorMessage(lang, error)}${reasons ? `: ${reasons}` : ''}`;
      return boardPage(c, deps, undefined, httpStatus(error), { kind: 'error', text });
    }
  });
}

// The queue, filtered here over the board's tasks joined with its models (a few hundred rows at most).
async function boardPage(
  c: PageContext,
  deps: WebDeps,
  batch?: BatchOutcome,
  status: ContentfulStatusCode = 200,
  proposalNotice?: { kind: 'ok' | 'error'; text: string },
) {
  const actor = c.var.actor;
  const view = viewOf(c);
  const [models, queue, proposals] = await Promise.all([
    listVisibleModels(deps, actor, {}),
    boardQueue(deps, actor),
    receivedProposals(deps, actor).then((p) => namedProposals(deps, p)),
  ]);
  const { filter, errors } = readQueueFilter(view.lang, (name) => c.req.query(name));
  const invalid = Object.keys(errors).length > 0;
  const rows = filterQueue(
    queue.tasks,
    await queueModels(deps, queue.tasks, models),
    invalid ? { area: '', kind: '', stage: '', due: '' } : filter,
    deps.now(),
  );
  const boardId = actor.role === 'board' ? actor.boardId : '';
  const page = (
    <BoardPage
      view={view}
      boardId={boardId}
      models={models}
      rows={rows}
      total={queue.tasks.length}
      filter={filter}
      errors={errors}
      proposals={proposals}
      now={deps.now()}
      forRoles={queue.forRoles}
      hidden={queue.hidden}
      batch={batch}
      canAnswer={actor.role === 'board' && holdsBoardRole(actor, actor.boardId, 'LEADER')}
      proposalNotice={proposalNotice ?? (c.req.query('answered') ? { kind: 'ok', text: t(view.lang, 'proposal.answerDone') } : undefined)}
    />
  );
  return render(c, page, invalid ? 400 : status);
}
