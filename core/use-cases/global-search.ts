import * as z from 'zod';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import type { Level } from '../model.ts';
import { matchesQuery, pageModelRows, type ModelRow } from '../model-list.ts';
import { searchTokens } from '../search-text.ts';
import { listUnits } from '../store/org-store.ts';
import { parseOrThrow } from '../validation.ts';
import { modelRowsInScope } from './model-views.ts';

export const GlobalSearchSchema = z.object({
  q: z.string().trim().max(200).optional().describe('Words of a model’s or unit’s name or a decision number, with or without diacritics'),
});

/** How many of each kind a search answers (the counts are of every match). */
export const SEARCH_SHOWN = 20;

export type UnitHit = { id: string; name: string; level: Level; modelCount: number };
export type DecisionHit = {
  modelId: string;
  modelName: string;
  unitName: string;
  year: number;
  level: Level;
  number?: string;
  date?: string;
  issuingBody?: string;
};
export type SearchResults = {
  q: string;
  models: ModelRow[];
  modelCount: number;
  units: UnitHit[];
  unitCount: number;
  decisions: DecisionHit[];
  decisionCount: number;
};

/**
 * The one search box: models (name, unit name), units (name) and recognition decisions
 * (number, issuing body, model and unit names) in the reader's scope: a unit its own, a board
 * its jurisdiction, an administrator everything. Diacritics-insensitive, every word must match.
 */
export async function searchEverything(deps: Deps, actor: Actor, query: unknown): Promise<SearchResults> {
  const q = parseOrThrow(GlobalSearchSchema, query).q ?? '';
  const tokens = searchTokens(q);
  const empty = { q, models: [], modelCount: 0, units: [], unitCount: 0, decisions: [], decisionCount: 0 };
  if (tokens.length === 0 || actor.kind !== 'user') return empty;
  const [rows, allUnits] = await Promise.all([modelRowsInScope(deps, actor), listUnits(deps)]);
  const models = pageModelRows(rows, { q, size: SEARCH_SHOWN });
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.unitId, (counts.get(row.unitId) ?? 0) + 1);
  const inScope = allUnits.filter((u) =>
    actor.role === 'unit' ? u.id === actor.unitId : actor.role === 'board' ? u.boardId === actor.boardId : true,
  );
  const units = inScope
    .filter((u) => matchesQuery(tokens, u.name))
    .map((u) => ({ id: u.id, name: u.name, level: u.level, modelCount: counts.get(u.id) ?? 0 }));
  const decisions = rows.flatMap((row) =>
    row.recognitions
      .filter((r) => matchesQuery(tokens, r.number ?? '', r.issuingBody ?? '', row.name, row.unitName))
      .map((r) => ({
        modelId: row.id,
        modelName: row.name,
        unitName: row.unitName,
        year: r.year,
        level: r.level,
        number: r.number,
        date: r.date,
        issuingBody: r.issuingBody,
      })),
  );
  decisions.sort((a, b) => b.year - a.year || (b.date ?? '').localeCompare(a.date ?? ''));
  return {
    q,
    models: models.rows,
    modelCount: models.matched,
    units: units.slice(0, SEARCH_SHOWN),
    unitCount: units.length,
    decisions: decisions.slice(0, SEARCH_SHOWN),
    decisionCount: decisions.length,
  };
}
