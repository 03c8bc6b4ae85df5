import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { MAX_EVIDENCE_FILES, checkEvidenceFile, type EvidenceStore } from '../evidence.ts';
import { cleanFileName } from '../file-names.ts';
import type { Model } from '../model.ts';
import type { Evidence } from '../records.ts';
import { addEvidenceRecord, getEvidenceRecord, listEvidenceRecords, removeEvidenceRecord } from '../store/evidence-store.ts';
import { loadVisibleModel } from './complete-task.ts';

export type EvidenceDeps = Deps & { evidence: EvidenceStore };
export type { Evidence };
/** An evidence file as the API answers it: `id` is the file id (`fileId`, the same, is kept for older clients). */
export type EvidenceFile = Evidence & { id: string };

/**
 * An evidence item as it leaves the store. Names are cleaned when uploaded; one stored before
 * that (with bidi or control characters) is cleaned here, so no page, list or download shows it.
 */
export function evidenceOf(evidence: Evidence): EvidenceFile {
  return { ...evidence, id: evidence.fileId, name: cleanFileName(evidence.name) || evidence.fileId };
}

const objectKey = (modelId: string, fileId: string) => `models/${modelId}/${fileId}`;
/** Evidence can be added until the model's story ends. */
const CLOSED: readonly Model['status'][] = ['REJECTED', 'STOPPED'];
const REMOVABLE: readonly Model['status'][] = ['DRAFT', 'RETURNED'];

function assertOwner(actor: Actor, model: Model): void {
  if (!(actor.kind === 'user' && actor.role === 'unit' && actor.unitId === model.unitId)) {
    throw new ForbiddenError('error.ownerManagesEvidence');
  }
}

/**
 * Stores the bytes first, then the metadata and the model's count in one transaction;
 * if that fails the bytes are removed again, so nothing is left half-written.
 */
export async function addEvidence(
  deps: EvidenceDeps,
  actor: Actor,
  modelId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<EvidenceFile> {
  const model = await loadVisibleModel(deps, actor, modelId);
  assertOwner(actor, model);
  if (CLOSED.includes(model.status)) throw new ConflictError('error.modelClosed', { status: model.status });
  const checked = checkEvidenceFile(file.name, file.bytes);
  const evidence: Evidence = {
    fileId: randomUUID(),
    modelId,
    name: checked.name,
    size: file.bytes.byteLength,
    contentType: checked.contentType,
    uploadedAt: deps.now().toISOString(),
    uploadedBy: actor.username,
  };
  await deps.evidence.put(objectKey(modelId, evidence.fileId), file.bytes, checked.contentType);
  try {
    await addEvidenceRecord(deps, evidence, MAX_EVIDENCE_FILES, 'error.tooManyEvidenceFiles', { max: MAX_EVIDENCE_FILES });
  } catch (error) {
    await deps.evidence.delete(objectKey(modelId, evidence.fileId));
    throw error;
  }
  return { id: evidence.fileId, ...evidence };
}

export async function listEvidence(deps: Deps, modelId: string): Promise<EvidenceFile[]> {
  return (await listEvidenceRecords(deps, modelId)).map(evidenceOf).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt));
}

async function loadEvidence(deps: Deps, actor: Actor, modelId: string, fileId: string) {
  const model = await loadVisibleModel(deps, actor, modelId);
  const stored = await getEvidenceRecord(deps, modelId, fileId);
  if (!stored) throw new NotFoundError('error.fileNotFound', { fileId });
  return { model, evidence: evidenceOf(stored) };
}

/** The file's bytes for anyone who may see the model. */
export async function readEvidence(deps: EvidenceDeps, actor: Actor, modelId: string, fileId: string) {
  const { evidence } = await loadEvidence(deps, actor, modelId, fileId);
  const bytes = await deps.evidence.get(objectKey(modelId, fileId));
  if (!bytes) throw new NotFoundError('error.fileNotFound', { fileId });
  return { evidence, bytes };
}

/** The owner may remove a file while the registration is still being prepared or revised. */
export async function removeEvidence(deps: EvidenceDeps, actor: Actor, modelId: string, fileId: string): Promise<void> {
  const { model } = await loadEvidence(deps, actor, modelId, fileId);
  assertOwner(actor, model);
  if (!REMOVABLE.includes(model.status)) throw new ConflictError('error.onlyDraftsLoseFiles');
  await removeEvidenceRecord(deps, modelId, fileId, 'error.fileAlreadyRemoved');
  await deps.evidence.delete(objectKey(modelId, fileId));
}
