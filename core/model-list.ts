import * as z from 'zod';
import { AREAS, KINDS, MODEL_STATUSES, type Model } from './model.ts';
import { normalizeSearchText, searchTokens } from './search-text.ts';

/** What a list row holds of a model (the store reads only these attributes), plus its unit's name. */
export type ModelListItem = Pick<
  Model,
  'id' | 'name' | 'kind' | 'area' | 'status' | 'cycleYear' | 'unitId' | 'boardId' | 'createdAt' | 'recognitions'
>;
export type ModelRow = ModelListItem & { unitName: string };

export const MODEL_LIST_PAGE_SIZE = 50;

/** A model list's search, filters and page; every field optional (an empty form value is left out before parsing). */
export const ModelListFilterSchema = z.object({
  q: z.string().trim().max(200).optional().describe('Words of the model’s or its unit’s name, with or without diacritics ("ha long")'),
  area: z.enum(AREAS).optional(),
  kind: z.enum(KINDS).optional(),
  status: z.enum(MODEL_STATUSES).optional(),
  year: z.coerce.number().int().min(2009).max(2100).optional().describe('Cycle year'),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe('Page number, from 1 (default 1; past the last page: the last page)'),
  size: z.coerce.number().int().min(1).max(200).optional().describe('Models per page, 1-200 (default 50)'),
});
export type ModelListFilter = z.infer<typeof ModelListFilterSchema>;

export type ModelListPage = {
  rows: ModelRow[];
  /** Models in the reader's scope, and how many of them match the search and filters. */
  total: number;
  matched: number;
  page: number;
  pages: number;
  size: number;
};

/**
 * Every word of the query must begin a word of the model's name or its unit's name, both
 * without diacritics: "ha long" finds "Phường Hạ Long", and "ha" does not find "Thanh".
 */
export function matchesQuery(tokens: string[], ...texts: string[]): boolean {
  if (tokens.length === 0) return true;
  const words = normalizeSearchText(texts.join(' ')).split(' ');
  return tokens.every((token) => words.some((word) => word.startsWith(token)));
}

/** Filters, searches and pages the rows in memory, newest first; a page past the last is the last. */
export function pageModelRows(rows: ModelRow[], filter: ModelListFilter): ModelListPage {
  const tokens = searchTokens(filter.q ?? '');
  const matching = rows.filter(
    (row) =>
      (!filter.area || row.area === filter.area) &&
      (!filter.kind || row.kind === filter.kind) &&
      (!filter.status || row.status === filter.status) &&
      (filter.year === undefined || row.cycleYear === filter.year) &&
      matchesQuery(tokens, row.name, row.unitName),
  );
  matching.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  const size = filter.size ?? MODEL_LIST_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(matching.length / size));
  const page = Math.min(filter.page ?? 1, pages);
  return { rows: matching.slice((page - 1) * size, page * size), total: rows.length, matched: matching.length, page, pages, size };
}
