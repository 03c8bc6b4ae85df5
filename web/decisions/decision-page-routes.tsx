import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { httpStatus } from '../platform/http-errors.ts';
import { DomainError } from '../../core/errors.ts';
import { issueDecision, listDecisions, readDecision, readDocumentSettings, vietnamToday } from '../../core/use-cases/batch-decisions.ts';
import { listBoards } from '../../core/use-cases/organisation.ts';
import { t } from '../i18n/dictionary.ts';
import { byName, failureState } from '../ui/forms.tsx';
import { Layout } from '../ui/layout.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import type { DecisionPageProps } from './decision-pages.tsx';
import { addDocumentSettingsPages } from './document-settings-page.tsx';

/** The board whose decisions a page shows: a board member's own, an administrator's choice (`?board=`, else the first). */
async function boardOfPage(deps: WebDeps, c: PageContext) {
  const boards = byName(await listBoards(deps));
  const actor = c.var.actor;
  const wanted = actor.role === 'board' ? actor.boardId : (c.req.query('board') ?? boards[0]?.id);
  return { boards, board: boards.find((b) => b.id === wanted) };
}

// The decision pages' module loads on its first request: a chunk of its own in the Lambda bundle
// (boards open these a few times a year), not read at every cold start of the web function.
const decisionPages = () => import('./decision-pages.tsx');

async function decisionPage(deps: WebDeps, c: PageContext, extra: Partial<DecisionPageProps> = {}, status: ContentfulStatusCode = 200) {
  const view = viewOf(c);
  const id = c.req.param('id') ?? '';
  const { decision, members, canIssue } = await readDecision(deps, c.var.actor, id);
  const settings = await readDocumentSettings(deps, c.var.actor, decision.boardId);
  const { DecisionPage, issueDefaults } = await decisionPages();
  const props: DecisionPageProps = {
    lang: view.lang,
    decision: { ...decision, count: members.length },
    members,
    canIssue,
    hasBlankLayout: Object.keys(settings?.certificateLayout ?? {}).length > 0,
    form: { values: issueDefaults(settings, vietnamToday(deps.now())), errors: {} },
    ...extra,
  };
  const title = decision.number ?? t(view.lang, 'decisions.draft', { seq: decision.seq });
  return render(
    c,
    <Layout view={view} title={`${t(view.lang, 'decisions.title')} · ${title}`}>
      <DecisionPage {...props} />
    </Layout>,
    status,
  );
}

/** The decisions pages: a board's list, one decision with its issue form and files, and the settings (admin). */
export function addDecisionPages(pages: Hono<PageEnv>, deps: WebDeps) {
  const page = requirePage(deps, 'board', 'admin');
  pages.get('/decisions', page, async (c) => {
    const view = viewOf(c);
    const { boards, board } = await boardOfPage(deps, c);
    const decisions = board ? await listDecisions(deps, c.var.actor, board.id) : [];
    const settings = board ? await readDocumentSettings(deps, c.var.actor, board.id) : undefined;
    const { DecisionListPage } = await decisionPages();
    return render(
      c,
      <Layout view={view} title={t(view.lang, 'decisions.title')}>
        {c.var.actor.role === 'admin' ? (
          <form method="get" action="/decisions" class="row">
            <div>
              <label for="decisions-board">{t(view.lang, 'decisions.board')}</label>
              <select id="decisions-board" name="board">
                {boards.map((b) => (
                  <option value={b.id} selected={b.id === board?.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
            <p>
              <button type="submit">{t(view.lang, 'decisions.show')}</button>
            </p>
          </form>
        ) : null}
        <DecisionListPage lang={view.lang} boardName={board?.name ?? ''} decisions={decisions} hasSettings={Boolean(settings)} />
        {c.var.actor.role === 'admin' && board ? (
          <p>
            <a href={`/admin/boards/${encodeURIComponent(board.id)}/documents`}>{t(view.lang, 'decisions.settingsLink')}</a>
          </p>
        ) : null}
      </Layout>,
    );
  });
  pages.get('/decisions/:id', page, async (c) => decisionPage(deps, c, { issued: c.req.query('issued') === '1' }));
  pages.post('/decisions/:id/issue', page, async (c) => {
    const values = await formValues(c);
    const { decisionHref, issueBody } = await decisionPages();
    try {
      await issueDecision(deps, c.var.actor, c.req.param('id'), issueBody(values));
      return c.redirect(`${decisionHref(c.req.param('id'))}?issued=1`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return decisionPage(deps, c, { form: failureState(viewOf(c).lang, error, values) }, httpStatus(error));
    }
  });
  addDocumentSettingsPages(pages, deps);
}
