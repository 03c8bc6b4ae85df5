import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { draftRuleAllows, type Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { PERSON_FIELDS, periodOf, type Model } from '../model.ts';
import { RegistrationSchema } from '../registration.ts';
import { getCatalogueEntry } from '../store/catalogue-store.ts';
import { commitWrites } from '../store/writes.ts';
import type { CopyLink } from '../records.ts';
import { getCopyLink, listCopyLinks, modelSummaries, replicationItems, unitNameMap } from '../store/lineage-store.ts';
import { auditEventItem, getModel, newModelItem } from '../store/model-store.ts';
import { getUnit } from '../store/org-store.ts';
import { idFromRequestKey } from '../store/idempotency-store.ts';
import { currentRequestKey } from '../request-key.ts';
import { assertRegistrationYear, levelIssue, registrationYears } from '../rules.ts';
import { parseOrThrow } from '../validation.ts';
import { loadVisibleModel } from './complete-task.ts';

export const ReplicateSchema = z.strictObject({
  /** The cycle year of the copy; by default the later of this year and the year after the source's last recognition. */
  year: z
    .number()
    .int()
    .min(2009)
    .max(2100)
    .optional()
    .describe(
      "The copy's cycle year: this cycle year or the next (Vietnam time). Default: the year after the source's last recognition, kept within those two years",
    ),
});

/**
 * The default cycle year of a copy: the year after the source's last recognition, within the
 * registration window (this cycle year or the next, Vietnam time).
 */
export function defaultReplicaYear(source: { recognitions: { year: number }[] }, now: Date): number {
  const [thisYear, nextYear] = registrationYears(now);
  const lastRecognized = Math.max(0, ...source.recognitions.map((r) => r.year));
  return Math.min(nextYear, Math.max(thisYear, lastRecognized + 1));
}

/**
 * A unit replicates (nhân rộng) a recognized model of another unit: a new DRAFT for the
 * actor's unit, prefilled from the source's registration, linked both ways, in one
 * transaction with the source's counters. The unit reviews the draft, then submits it.
 * Not listed (never recognized, stopped) or outside the catalogue: 404, like any model
 * the actor may not see. Its own model, or a second copy of the same source: 409.
 */
export async function replicateModel(deps: Deps, actor: Actor, sourceId: string, body: unknown): Promise<Model> {
  const { year: askedYear } = parseOrThrow(ReplicateSchema, body ?? {});
  if (actor.kind !== 'user' || actor.role !== 'unit') throw new ForbiddenError('error.unitsReplicateOnly');
  if (sourceId.length > 100) throw new NotFoundError('error.noSuchRecognizedModel');
  const [entry, source, existing, unit] = await Promise.all([
    getCatalogueEntry(deps, sourceId),
    getModel(deps, sourceId),
    getCopyLink(deps, sourceId, actor.unitId),
    getUnit(deps, actor.unitId),
  ]);
  if (!entry || entry.delisted || !source) throw new NotFoundError('error.noRecognizedModel', { modelId: sourceId });
  if (source.unitId === actor.unitId) throw new ConflictError('error.ownUnitModel');
  const requestKey = currentRequestKey();
  const copyId = requestKey ? idFromRequestKey(requestKey, 'replica') : randomUUID();
  // A retried request whose first attempt made the copy but never answered: answer it now.
  if (existing && existing.copyModelId === copyId) return loadVisibleModel(deps, actor, copyId);
  if (existing) throw new ConflictError('error.alreadyReplicated', { copyModelId: existing.copyModelId });
  if (!unit) throw new NotFoundError('error.unitNotFound', { unitId: actor.unitId });

  const year = askedYear ?? defaultReplicaYear(source, deps.now());
  assertRegistrationYear(year, deps.now());
  const registration = parseOrThrow(RegistrationSchema, {
    name: source.name,
    situation: source.situation,
    objectives: source.objectives,
    content: source.content,
    targetGroup: source.targetGroup,
    forces: source.forces,
    resources: source.resources,
    outputs: source.outputs,
    sustainability: source.sustainability,
    kind: source.kind,
    area: source.area,
    tags: source.tags ?? [],
    indicators: source.indicators ?? [],
    // A level gone since (the district level, before 1 July 2025) is not copied: the copy aims at the default.
    targetLevel: source.targetLevel && !levelIssue(source.targetLevel, deps.now()) ? source.targetLevel : 'COMMUNE',
    // An exemplar's person questions, when it answered them.
    ...Object.fromEntries(PERSON_FIELDS.flatMap((field) => (source[field] ? [[field, source[field]]] : []))),
    year,
  });
  const at = deps.now().toISOString();
  const model: Model = {
    ...registration,
    period: periodOf(year),
    id: copyId,
    unitId: unit.id,
    boardId: unit.boardId,
    status: 'DRAFT',
    cycleYear: year,
    version: 1,
    createdAt: at,
    updatedAt: at,
    recognitions: [],
    sourceModelId: source.id,
  };
  await commitWrites(
    deps,
    [
      newModelItem(deps.tableName, model),
      auditEventItem(deps.tableName, {
        modelId: model.id,
        at,
        type: 'TRANSITION',
        to: 'DRAFT',
        actor: actor.username,
        stage: 'REPLICATE',
        reason: source.name,
        year,
      }),
      ...replicationItems(deps.tableName, { sourceModelId: source.id, copyModelId: model.id, unitId: unit.id, at, actor: actor.username }),
    ],
    'error.alreadyReplicatedOrUnlisted',
  );
  return model;
}

export type LineageRef = { id: string; name: string; unitId: string; unitName?: string };
export type LineageCopy = LineageRef & { status: Model['status']; recognized: boolean; at: string };
export type Lineage = { source?: LineageRef; copies: LineageCopy[]; replicationCount: number };

/**
 * Where a model was copied from and who copied it, with unit names resolved, as `viewer` may
 * see it (undefined: the public): a copy still in DRAFT is listed to its own unit only (the
 * draft rule). The count is of replications started, drafts included: a number, no draft's content.
 */
export async function lineageOf(deps: Deps, model: Model, viewer: Actor | undefined): Promise<Lineage> {
  const links = await listCopyLinks(deps, model.id);
  const summaries = await modelSummaries(deps, [...links.map((l) => l.copyModelId), ...(model.sourceModelId ? [model.sourceModelId] : [])]);
  const linked = model.sourceModelId ? summaries.get(model.sourceModelId) : undefined;
  const sourceSummary = linked && draftRuleAllows(viewer, linked) ? linked : undefined;
  const names = await unitNameMap(deps, [...links.map((l) => l.unitId), ...(sourceSummary ? [sourceSummary.unitId] : [])]);
  const copies = links.flatMap((link) => {
    const copy = summaries.get(link.copyModelId);
    return copy && draftRuleAllows(viewer, copy)
      ? [
          {
            id: copy.id,
            name: copy.name,
            unitId: copy.unitId,
            unitName: names.get(copy.unitId),
            status: copy.status,
            recognized: copy.recognized,
            at: link.at,
          },
        ]
      : [];
  });
  const source = sourceSummary
    ? { id: sourceSummary.id, name: sourceSummary.name, unitId: sourceSummary.unitId, unitName: names.get(sourceSummary.unitId) }
    : undefined;
  return { source, copies, replicationCount: model.replicationCount ?? links.length };
}

/** The lineage of a model the actor may see (its unit, its board, administrators). */
export async function modelLineage(deps: Deps, actor: Actor, modelId: string): Promise<Lineage> {
  return lineageOf(deps, await loadVisibleModel(deps, actor, modelId), actor);
}

/** The copy a unit made of a source model, if it replicated it. */
export const copyOf = (deps: Deps, sourceModelId: string, unitId: string): Promise<CopyLink | undefined> =>
  getCopyLink(deps, sourceModelId, unitId);
