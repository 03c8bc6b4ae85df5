import type { Hono } from 'hono';
import type { Model } from '../../core/model.ts';
import { scoreSheet, scoringSheet, type SheetEntry } from '../../core/use-cases/scoring-sheet.ts';
import { message } from '../i18n/dictionary.ts';
import { httpStatus } from '../platform/http-errors.ts';
import { issuesByField } from '../ui/forms.tsx';
import { formValues, render, requirePage, viewOf, type PageContext, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { rowField, SHEET_PATH, type SheetState } from './scoring-sheet-fields.ts';

// The sheet's page loads on its first request: a chunk of its own in the Lambda bundle.
const sheetPage = () => import('./scoring-sheet-page.tsx');

const kindOf = (c: PageContext): Model['kind'] => (c.req.query('kind') === 'EXEMPLAR' ? 'EXEMPLAR' : 'MODEL');

/** The scoring sheet: the first role of the chain scores several appraisals of a kind at once. */
export function addScoringSheetPages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get(SHEET_PATH, requirePage(deps, 'board'), async (c) => {
    const [sheet, { ScoringSheetPage }] = await Promise.all([scoringSheet(deps, c.var.actor, kindOf(c)), sheetPage()]);
    return render(c, <ScoringSheetPage view={viewOf(c)} sheet={sheet} />);
  });

  app.post(SHEET_PATH, requirePage(deps, 'board'), async (c) => {
    const lang = viewOf(c).lang;
    const values = await formValues(c);
    const before = await scoringSheet(deps, c.var.actor, kindOf(c));
    // Each row's scores in its criteria set's order, as typed.
    const entries: SheetEntry[] = before.groups.flatMap((group) =>
      group.rows.map((row) => ({
        modelId: row.modelId,
        scores: Object.fromEntries(group.set.criteria.map((cr) => [cr.id, values[rowField(row.modelId, `scores.${cr.id}`)] ?? ''])),
        proposal: values[rowField(row.modelId, 'proposal')] ?? '',
      })),
    );
    const result = await scoreSheet(deps, c.var.actor, entries);
    const errors: Record<string, string> = {};
    for (const [i, issues] of Object.entries(result.errors)) {
      const modelId = entries[Number(i)]!.modelId;
      for (const [field, reason] of Object.entries(issuesByField(lang, issues))) errors[rowField(modelId, field)] = reason;
    }
    for (const [i, error] of Object.entries(result.failed)) {
      errors[rowField(entries[Number(i)]!.modelId, 'proposal')] = message(lang, error.key, error.params);
    }
    const failedRows = Object.keys(result.errors).length + Object.keys(result.failed).length;
    const state: SheetState = { values, errors, scored: result.scored.length, failedRows };
    const after = await scoringSheet(deps, c.var.actor, kindOf(c));
    const firstFailed = Object.values(result.failed)[0];
    const status = Object.keys(result.errors).length > 0 ? 400 : firstFailed ? httpStatus(firstFailed) : 200;
    const { ScoringSheetPage } = await sheetPage();
    return render(c, <ScoringSheetPage view={viewOf(c)} sheet={after} state={state} />, status);
  });
}
