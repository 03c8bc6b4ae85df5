import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { AREAS, KINDS, type Model } from '../model.ts';
import { searchTokens } from '../search-text.ts';
import { CATALOGUE_PARTITION, getCatalogueEntry, listedEntries, searchCatalogue, type CatalogueEntry } from '../store/catalogue-store.ts';
import { unitNameMap } from '../store/lineage-store.ts';
import { getModel } from '../store/model-store.ts';
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

/** Searches the catalogue, with or without diacritics; all words of `q` must match. */
export async function searchPublicCatalogue(deps: Deps, query: unknown): Promise<{ items: PublicEntry[]; nextCursor?: string }> {
  const q = parseOrThrow(PublicSearchSchema, query);
  const { entries, nextKey } = await searchCatalogue(deps, {
    tokens: searchTokens(q.q ?? ''),
    area: q.area,
    kind: q.kind,
    limit: q.limit ?? 20,
    startKey: q.cursor ? decodeCursor(q.cursor, isCatalogueKey) : undefined,
  });
  const names = await unitNameMap(
    deps,
    entries.map((e) => e.unitId),
  );
  return { items: entries.map((e) => publicEntry(e, names.get(e.unitId))), nextCursor: nextKey ? encodeCursor(nextKey) : undefined };
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
  return {
    ...publicEntry(entry, names.get(entry.unitId)),
    ...registration,
    lineage: {
      source: lineage.source && listed.has(lineage.source.id) ? ref(lineage.source) : undefined,
      copies: lineage.copies.filter((c) => listed.has(c.id)).map((c) => ({ ...ref(c), at: c.at })),
      replicationCount: lineage.replicationCount,
    },
  };
}
