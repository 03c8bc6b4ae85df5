import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { MAX_EVIDENCE_FILES, checkEvidenceFile, type EvidenceStore } from '../evidence.ts';
import { cleanFileName } from '../file-names.ts';
import type { Model } from '../model.ts';
import { transact } from '../store/dynamo.ts';
import { modelKey, withoutKeys } from '../store/keys.ts';
import { loadVisibleModel } from './complete-task.ts';

export type EvidenceDeps = Deps & { evidence: EvidenceStore };
export type Evidence = {
  fileId: string;
  modelId: string;
  name: string;
  size: number;
  contentType: string;
  uploadedAt: string;
  uploadedBy: string;
};
/** An evidence file as the API answers it: `id` is the file id (`fileId`, the same, is kept for older clients). */
export type EvidenceFile = Evidence & { id: string };

/**
 * An evidence item as it leaves the store. Names are cleaned when uploaded; one stored before
 * that (with bidi or control characters) is cleaned here, so no page, list or download shows it.
 */
export function evidenceOf(item: Record<string, unknown>): EvidenceFile {
  const evidence = withoutKeys(item) as unknown as Evidence;
  return { ...evidence, id: evidence.fileId, name: cleanFileName(String(evidence.name ?? '')) || evidence.fileId };
}

const evidenceKey = (modelId: string, fileId: string) => ({ pk: `MODEL#${modelId}`, sk: `EVIDENCE#${fileId}` });
const objectKey = (modelId: string, fileId: string) => `models/${modelId}/${fileId}`;
/** Evidence can be added until the model's story ends. */
const CLOSED: readonly Model['status'][] = ['REJECTED', 'STOPPED'];
const REMOVABLE: readonly Model['status'][] = ['DRAFT', 'RETURNED'];

function assertOwner(actor: Actor, model: Model): void {
  if (!(actor.kind === 'user' && actor.role === 'unit' && actor.unitId === model.unitId)) {
    throw new ForbiddenError('Chỉ đơn vị chủ quản được cập nhật minh chứng / only the owning unit manages evidence');
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
  if (CLOSED.includes(model.status))
    throw new ConflictError(`Mô hình đã kết thúc (${model.status}) / the model is closed (${model.status})`);
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
    await transact(
      deps.db,
      [
        {
          Put: {
            TableName: deps.tableName,
            Item: { ...evidenceKey(modelId, evidence.fileId), ...evidence },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: deps.tableName,
            Key: modelKey(modelId),
            UpdateExpression: 'ADD evidenceCount :one',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(evidenceCount) OR evidenceCount < :max)',
            ExpressionAttributeValues: { ':one': 1, ':max': MAX_EVIDENCE_FILES },
          },
        },
      ],
      `Tối đa ${MAX_EVIDENCE_FILES} tệp minh chứng / at most ${MAX_EVIDENCE_FILES} evidence files`,
    );
  } catch (error) {
    await deps.evidence.delete(objectKey(modelId, evidence.fileId));
    throw error;
  }
  return { id: evidence.fileId, ...evidence };
}

export async function listEvidence(deps: Deps, modelId: string): Promise<EvidenceFile[]> {
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': `MODEL#${modelId}`, ':e': 'EVIDENCE#' },
    }),
  );
  return Items.map(evidenceOf).sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt));
}

async function loadEvidence(deps: Deps, actor: Actor, modelId: string, fileId: string) {
  const model = await loadVisibleModel(deps, actor, modelId);
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: evidenceKey(modelId, fileId) }));
  if (!Item) throw new NotFoundError(`Không tìm thấy tệp / file not found: ${fileId}`);
  return { model, evidence: evidenceOf(Item) };
}

/** The file's bytes for anyone who may see the model. */
export async function readEvidence(deps: EvidenceDeps, actor: Actor, modelId: string, fileId: string) {
  const { evidence } = await loadEvidence(deps, actor, modelId, fileId);
  const bytes = await deps.evidence.get(objectKey(modelId, fileId));
  if (!bytes) throw new NotFoundError(`Không tìm thấy tệp / file not found: ${fileId}`);
  return { evidence, bytes };
}

/** The owner may remove a file while the registration is still being prepared or revised. */
export async function removeEvidence(deps: EvidenceDeps, actor: Actor, modelId: string, fileId: string): Promise<void> {
  const { model } = await loadEvidence(deps, actor, modelId, fileId);
  assertOwner(actor, model);
  if (!REMOVABLE.includes(model.status))
    throw new ConflictError('Chỉ xóa được khi là bản nháp hoặc đang bổ sung / only drafts and returned registrations can lose files');
  await transact(
    deps.db,
    [
      { Delete: { TableName: deps.tableName, Key: evidenceKey(modelId, fileId), ConditionExpression: 'attribute_exists(pk)' } },
      {
        Update: {
          TableName: deps.tableName,
          Key: modelKey(modelId),
          UpdateExpression: 'ADD evidenceCount :minus',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
    ],
    'Tệp đã bị xóa / the file was already removed',
  );
  await deps.evidence.delete(objectKey(modelId, fileId));
}
