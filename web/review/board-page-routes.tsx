import type { Hono } from 'hono';
import { listVisibleModels, myTasks, queueModels } from '../../core/use-cases/model-views.ts';
import { receivedProposals } from '../../core/use-cases/proposals.ts';
import { render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { BoardPage } from './board-page.tsx';
import { filterQueue, readQueueFilter } from './board-queue.tsx';

/** The board's page: its queue of steps to review and decide, and the proposals it received. */
export function addBoardPages(app: Hono<PageEnv>, deps: WebDeps) {
  // The queue, filtered here over the board's tasks joined with its models (a few hundred rows at most).
  app.get('/board', requirePage(deps, 'board'), async (c) => {
    const actor = c.var.actor;
    const view = viewOf(c);
    const [models, tasks, proposals] = await Promise.all([
      listVisibleModels(deps, actor, {}),
      myTasks(deps, actor),
      receivedProposals(deps, actor),
    ]);
    const { filter, errors } = readQueueFilter(view.lang, (name) => c.req.query(name));
    const invalid = Object.keys(errors).length > 0;
    const rows = filterQueue(
      tasks,
      await queueModels(deps, tasks, models),
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
        total={tasks.length}
        filter={filter}
        errors={errors}
        proposals={proposals}
        now={deps.now()}
      />
    );
    return render(c, page, invalid ? 400 : 200);
  });
}
