import * as z from 'zod';
import { withDecisionData, withDecisionDataMany } from './batch-decisions.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { AREAS, KINDS, type Model } from '../model.ts';
import { normalizeSearchText, searchTokens } from '../search-text.ts';
import { CATALOGUE_PARTITION, getCatalogueEntry, listedEntries, searchCatalogue, type CatalogueEntry } from '../store/catalogue-store.ts';
import { unitNameMap } from '../store/lineage-store.ts';
import { getModel } from '../store/model-store.ts';
import { unitsWithAncestors, type Unit } from '../store/org-store.ts';
import { parseOrThrow } from '../validation.ts';
import { lineageOf } from './replicate-model.ts';

/**
 * The public side of the catalogue: no sign-in, recognized (listed) models only, and only
 * what a published registration shows: never drafts, reports, decisions, tasks or tokens.
 */
export const PublicSearchSchema = z.object({
  q: z.string().max(200).optional(),
  area: z.enum(AREAS).optional(),
  kind: z.enum(KINDS).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
export type PublicSearch = z.infer<typeof PublicSearchSchema>;

export type PublicEntry = Pick<
  CatalogueEntry,
  'name' | 'kind' | 'area' | 'tags' | 'unitId' | 'level' | 'year' | 'recognitions' | 'replicationCount'
> & {
  id: string;
  unitName?: string;
};

function publicEntry(entry: CatalogueEntry, unitName: string | undefined): PublicEntry {
  const { modelId, name, kind, area, tags, unitId, level, year, recognitions, replicationCount } = entry;
  return {
    id: modelId,
    name,
    kind,
    area,
    tags: tags ?? [],
    unitId,
    unitName,
    level,
    year,
    recognitions,
    replicationCount: replicationCount ?? 0,
  };
}

/** Only catalogue keys are accepted as a cursor. */
const isCatalogueKey = ({ pk, sk, gsi1pk, gsi1sk, ...rest }: Record<string, unknown>) =>
  typeof pk === 'string' &&
  pk.startsWith('MODEL#') &&
  sk === 'CATALOGUE' &&
  gsi1pk === CATALOGUE_PARTITION &&
  typeof gsi1sk === 'string' &&
  Object.keys(rest).length === 0;

/**
 * What a search may find a unit by, normalized: its name and the names of the places above it
 * ("Phường Hạ Long", "Tỉnh Quảng Ninh"), not the central level every unit sits under.
 */
export function unitSearchText(unitId: string, units: ReadonlyMap<string, Unit>): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let unit = units.get(unitId); unit && !seen.has(unit.id); unit = unit.parentId ? units.get(unit.parentId) : undefined) {
    seen.add(unit.id);
    if (unit.id === unitId || unit.level !== 'CENTRAL') names.push(unit.name);
  }
  return normalizeSearchText(names.join(' '));
}

/**
 * Searches the catalogue, with or without diacritics; all words of `q` must match, each in the
 * model's name or tags or in its unit's name or places ("ha long" finds Phường Hạ Long's models).
 */
export async function searchPublicCatalogue(deps: Deps, query: unknown): Promise<{ items: PublicEntry[]; nextCursor?: string }> {
  const q = parseOrThrow(PublicSearchSchema, query);
  // Units read while searching, kept for the pages after and for the names shown.
  const units = new Map<string, Unit>();
  const { entries, nextKey } = await searchCatalogue(deps, {
    tokens: searchTokens(q.q ?? ''),
    area: q.area,
    kind: q.kind,
    limit: q.limit ?? 20,
    startKey: q.cursor ? decodeCursor(q.cursor, isCatalogueKey) : undefined,
    unitText: async (ids) => {
      await unitsWithAncestors(deps, ids, units);
      return new Map(ids.map((id) => [id, unitSearchText(id, units)]));
    },
  });
  const unread = entries.map((e) => e.unitId).filter((id) => !units.has(id));
  const names = unread.length > 0 ? await unitNameMap(deps, unread) : new Map<string, string>();
  const nameOf = (id: string) => units.get(id)?.name ?? names.get(id);
  const recognitions = await withDecisionDataMany(
    deps,
    entries.map((e) => e.recognitions),
  );
  return {
    items: entries.map((e, i) => publicEntry({ ...e, recognitions: recognitions[i]! }, nameOf(e.unitId))),
    nextCursor: nextKey ? encodeCursor(nextKey) : undefined,
  };
}

const REGISTRATION_PUBLIC_FIELDS = [
  'situation',
  'objectives',
  'content',
  'targetGroup',
  'forces',
  'resources',
  'outputs',
  'sustainability',
  'indicators',
  'period',
] as const;

export type PublicModel = PublicEntry &
  Pick<Model, (typeof REGISTRATION_PUBLIC_FIELDS)[number]> & {
    lineage: {
      source?: { id: string; name: string; unitName?: string };
      copies: { id: string; name: string; unitName?: string; at: string }[];
      replicationCount: number;
    };
  };

/** A listed model's published registration and its public lineage (listed relatives only). */
export async function getPublicModel(deps: Deps, id: string): Promise<PublicModel> {
  if (id.length > 100) throw new NotFoundError('error.noSuchRecognizedModel');
  const [entry, model] = await Promise.all([getCatalogueEntry(deps, id), getModel(deps, id)]);
  if (!entry || entry.delisted || !model) throw new NotFoundError('error.noRecognizedModel', { modelId: id });
  // The public: no viewer, so no draft (the draft rule); then only listed relatives.
  const lineage = await lineageOf(deps, model, undefined);
  const listed = await listedEntries(deps, [...lineage.copies.map((c) => c.id), ...(lineage.source ? [lineage.source.id] : [])]);
  const ref = (r: { id: string; name: string; unitName?: string }) => ({ id: r.id, name: r.name, unitName: r.unitName });
  const names = await unitNameMap(deps, [entry.unitId]);
  const registration = Object.fromEntries(REGISTRATION_PUBLIC_FIELDS.map((f) => [f, model[f]])) as Pick<
    Model,
    (typeof REGISTRATION_PUBLIC_FIELDS)[number]
  >;
  const recognitions = await withDecisionData(deps, entry.recognitions);
  return {
    ...publicEntry({ ...entry, recognitions }, names.get(entry.unitId)),
    ...registration,
    lineage: {
      source: lineage.source && listed.has(lineage.source.id) ? ref(lineage.source) : undefined,
      copies: lineage.copies.filter((c) => listed.has(c.id)).map((c) => ({ ...ref(c), at: c.at })),
      replicationCount: lineage.replicationCount,
    },
  };
}
