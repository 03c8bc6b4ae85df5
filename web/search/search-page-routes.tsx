import type { Hono } from 'hono';
import { ModelListFilterSchema, pageModelRows } from '../../core/model-list.ts';
import { GlobalSearchSchema, searchEverything } from '../../core/use-cases/global-search.ts';
import { modelRowsInScope } from '../../core/use-cases/model-views.ts';
import { fieldIssues } from '../../core/validation.ts';
import { issuesByField } from '../ui/forms.tsx';
import { render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { LIST_PARAMS, MODEL_LIST_PATH, ModelListPage, type ListParams } from './model-list-page.tsx';
import { SearchPage } from './search-page.tsx';

/** The board's model list (administrators: every board's) and the one search box, for every signed-in account. */
export function addSearchPages(app: Hono<PageEnv>, deps: WebDeps) {
  // All models of the scope are read (list attributes only), then searched and paged here; a bad value is a 400 with its field marked.
  app.get(MODEL_LIST_PATH, requirePage(deps, 'board', 'admin'), async (c) => {
    const view = viewOf(c);
    const params: ListParams = {};
    for (const name of LIST_PARAMS) {
      const value = c.req.query(name)?.trim();
      if (value) params[name] = value;
    }
    const parsed = ModelListFilterSchema.safeParse(params);
    const errors = parsed.success ? {} : issuesByField(view.lang, fieldIssues(parsed.error.issues));
    const result = pageModelRows(await modelRowsInScope(deps, c.var.actor), parsed.success ? parsed.data : {});
    return render(c, <ModelListPage view={view} result={result} params={params} errors={errors} />, parsed.success ? 200 : 400);
  });

  app.get('/search', requirePage(deps), async (c) => {
    const view = viewOf(c);
    const q = c.req.query('q') ?? '';
    const parsed = GlobalSearchSchema.safeParse({ q });
    if (!parsed.success) {
      const errors = issuesByField(view.lang, fieldIssues(parsed.error.issues));
      return render(c, <SearchPage view={view} q={q} errors={errors} />, 400);
    }
    const results = await searchEverything(deps, c.var.actor, parsed.data);
    return render(c, <SearchPage view={view} q={q} results={results} errors={{}} />);
  });
}
