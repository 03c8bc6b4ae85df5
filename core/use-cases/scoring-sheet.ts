import type { Actor } from '../actor.ts';
import type { CriteriaSet } from '../criteria.ts';
import type { Deps } from '../deps.ts';
import { DomainError, ForbiddenError, ValidationError, type FieldIssue } from '../errors.ts';
import { KINDS, LEVELS, periodOf, type Level, type Model } from '../model.ts';
import { listCriteriaSets } from '../store/criteria-store.ts';

type Kind = Model['kind'];
import { levelRank } from '../rules.ts';
import { unitNameMap } from '../store/lineage-store.ts';
import { getModels } from '../store/model-store.ts';
import { getBoard } from '../store/org-store.ts';
import { scoreAppraisal } from './appraisal.ts';
import { boardQueue } from './board-queue.ts';

export type SheetRow = { modelId: string; name: string; unitName: string; year: number };
export type SheetGroup = { set: CriteriaSet; rows: SheetRow[] };
export type ScoringSheet = { kind: Kind; groups: SheetGroup[]; levels: Level[] };

/**
 * The first role of a board's chain scores several models of a kind in one sheet: every
 * appraisal waiting to be scored (none yet, or returned), grouped by the criteria set that
 * applies (a period's set for the kind), with the levels the board may propose.
 */
export async function scoringSheet(deps: Deps, actor: Actor, kind: Kind = 'MODEL'): Promise<ScoringSheet> {
  if (!(actor.kind === 'user' && actor.role === 'board')) throw new ForbiddenError('error.notBoardMember');
  if (!KINDS.includes(kind)) throw new ValidationError([{ field: 'kind', key: 'reason.notInList', params: { values: KINDS.join(', ') } }]);
  const [{ tasks }, board, sets] = await Promise.all([
    boardQueue(deps, actor),
    getBoard(deps, actor.boardId),
    listCriteriaSets(deps, actor.boardId),
  ]);
  const waiting = tasks.filter((t) => t.stage === 'APPRAISAL' && t.waitsOn);
  const models = (
    await getModels(
      deps,
      waiting.map((t) => t.modelId),
    )
  ).filter((m) => m.kind === kind);
  const names = await unitNameMap(deps, [...new Set(models.map((m) => m.unitId))]);
  const groups = new Map<string, SheetGroup>();
  for (const model of models.sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
    // The set appraisalSetFor would pick (the board's, read once): only one with criteria has a sheet row.
    const period = model.period ?? periodOf(model.cycleYear);
    const set = sets.find((s) => s.period === period && s.kind === model.kind);
    // Only where this role scores first (waitsOn is the chain's first role, the sheet's job).
    const task = waiting.find((t) => t.modelId === model.id);
    if (!set || set.criteria.length === 0 || task?.waitsOn !== set.approvalChain[0]) continue;
    const key = `${set.period}#${set.kind}`;
    const group = groups.get(key) ?? { set, rows: [] };
    group.rows.push({ modelId: model.id, name: model.name, unitName: names.get(model.unitId) ?? model.unitId, year: model.cycleYear });
    groups.set(key, group);
  }
  const levels = board ? LEVELS.filter((l) => l !== 'DISTRICT' && levelRank(l) <= levelRank(board.level)) : [];
  return { kind, groups: [...groups.values()], levels };
}

/** One row of the sheet as posted: the model, a score per criterion as typed, the proposal. */
export type SheetEntry = { modelId: string; scores: Record<string, string>; proposal: string };
export type SheetResult = { scored: string[]; errors: Record<number, FieldIssue[]>; failed: Record<number, DomainError> };

/** "RECOGNIZE:PROVINCE" or "CONTINUE" (stopping needs a reason: it is done on the model's page). */
export function proposalOf(value: string): Record<string, unknown> | undefined {
  const [outcome, level] = value.split(':');
  if (outcome === 'CONTINUE' && level === undefined) return { outcome };
  if (outcome === 'RECOGNIZE' && level) return { outcome, level };
  return undefined;
}

function sheetField(issue: FieldIssue, scores: { criterionId: string }[]): FieldIssue {
  const index = /^scores\.(\d+)\.score$/.exec(issue.field)?.[1];
  if (index !== undefined) return { ...issue, field: `scores.${scores[Number(index)]?.criterionId ?? index}` };
  return issue.field.startsWith('proposal') ? { ...issue, field: 'proposal' } : issue;
}

/**
 * Scores every row that has something typed, each its own appraisal (scoreAppraisal's checks:
 * role, every criterion, each within its maximum). Rows left blank are skipped; a row in error
 * keeps its reasons by field (`scores.<criterionId>`, `proposal`) and the others go through.
 */
export async function scoreSheet(deps: Deps, actor: Actor, entries: SheetEntry[]): Promise<SheetResult> {
  const result: SheetResult = { scored: [], errors: {}, failed: {} };
  for (const [i, entry] of entries.entries()) {
    const typed = Object.entries(entry.scores).filter(([, v]) => v.trim() !== '');
    if (typed.length === 0 && !entry.proposal) continue;
    const issues: FieldIssue[] = [];
    const scores = Object.entries(entry.scores).map(([criterionId, raw]) => {
      const value = raw.trim();
      if (value === '') issues.push({ field: `scores.${criterionId}`, key: 'reason.required' });
      else if (!/^\d+$/.test(value)) issues.push({ field: `scores.${criterionId}`, key: 'reason.wholeScore' });
      return { criterionId, score: Number(value) };
    });
    const proposal = proposalOf(entry.proposal);
    if (!proposal) issues.push({ field: 'proposal', key: 'reason.required' });
    if (issues.length === 0) {
      try {
        await scoreAppraisal(deps, actor, entry.modelId, { scores, proposal });
        result.scored.push(entry.modelId);
        continue;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // scoreIssues names a criterion by its index in the set; the sheet posts them in the set's order.
        if (error instanceof ValidationError) issues.push(...error.issues.map((issue) => sheetField(issue, scores)));
        else result.failed[i] = error;
      }
    }
    if (issues.length > 0) result.errors[i] = issues;
  }
  return result;
}
