import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { ValidationError } from '../../core/errors.ts';
import { MAX_EVIDENCE_BYTES } from '../../core/evidence.ts';
import { addEvidence, listEvidence, readEvidence, removeEvidence } from '../../core/use-cases/evidence-files.ts';
import { loadVisibleModel } from '../../core/use-cases/complete-task.ts';
import { contentDisposition } from '../statistics/exports/download.ts';
import { errorBody, requestLang } from '../platform/http-errors.ts';
import { NO_STORE } from '../platform/no-store.ts';
import { requireActor } from '../platform/session.ts';
import type { WebDeps } from '../web-deps.ts';
import { ModelIdParams, conflict, deleteErrors, json, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { EvidenceSchema } from '../api/schemas.ts';

const FileParams = ModelIdParams.extend({
  fileId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'fileId', in: 'path' }, description: 'The file’s `id`' }),
});
const TOO_LARGE = { key: 'reason.fileTooLarge', params: { megabytes: MAX_EVIDENCE_BYTES / (1024 * 1024) } } as const;

/** Reads the multipart `file` field (Hono caches the parsed body); anything else is a 400 naming the field. */
export async function uploadedFile(request: {
  parseBody(): Promise<Record<string, unknown>>;
}): Promise<{ name: string; bytes: Uint8Array }> {
  const form = await Promise.resolve()
    .then(() => request.parseBody())
    .catch(() => undefined);
  const file = form?.file;
  if (!(file instanceof File)) throw new ValidationError([{ field: 'file', key: 'reason.chooseFile' }]);
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The body limit answers before the upload is read whole: 413 with the usual error body. */
export const evidenceBodyLimit = bodyLimit({
  maxSize: MAX_EVIDENCE_BYTES + 64 * 1024,
  onError: (c) => c.json(errorBody(requestLang(c), 'PayloadTooLarge', TOO_LARGE, [{ field: 'file', ...TOO_LARGE }]), 413),
});

/** Evidence files of a model: images, PDF, office documents (limits in core/evidence.ts). */
export function evidenceApi(deps: WebDeps) {
  const app = openApiRouter();
  app.use('/api/models/:id/evidence', evidenceBodyLimit);
  const upload = {
    body: {
      content: {
        'multipart/form-data': {
          schema: z
            .object({
              file: z.any().openapi({
                type: 'string',
                format: 'binary',
                description: 'At most 10 MB: an image, PDF or office document (its content is checked against its type)',
              }),
            })
            .openapi('EvidenceUpload'),
        },
      },
      required: true,
    },
  };
  return app
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/models/{id}/evidence',
        operationId: 'uploadEvidence',
        tags: ['evidence'],
        summary: 'Attach an evidence file (owning unit; at most 10 MB; images, PDF, office documents)',
        description:
          'Multipart, field `file`. Answers the stored file: its `id` (also as `fileId`, deprecated). At most 20 files per model; not once the model is rejected or stopped.',
        middleware: [requireActor(deps)],
        request: { params: ModelIdParams, ...upload },
        responses: {
          201: json(EvidenceSchema, 'Stored'),
          ...writeErrors,
          409: conflict('the model is closed, or it has as many files as allowed'),
        },
      }),
      async (c) => c.json(await addEvidence(deps, c.get('actor'), c.req.valid('param').id, await uploadedFile(c.req)), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/models/{id}/evidence',
        operationId: 'listEvidence',
        tags: ['evidence'],
        summary: 'The evidence files of a model, oldest first',
        middleware: [requireActor(deps)],
        request: { params: ModelIdParams },
        responses: { 200: json(z.object({ evidence: z.array(EvidenceSchema) }), 'Files'), ...readErrors },
      }),
      async (c) => {
        const model = await loadVisibleModel(deps, c.get('actor'), c.req.valid('param').id);
        return c.json({ evidence: await listEvidence(deps, model.id) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/models/{id}/evidence/{fileId}',
        operationId: 'downloadEvidence',
        tags: ['evidence'],
        summary: 'Download an evidence file (its stored type; named with an RFC 5987 `filename*`)',
        middleware: [requireActor(deps)],
        request: { params: FileParams },
        responses: {
          200: {
            description: 'The file, with the content type it was stored with',
            content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } },
          },
          ...readErrors,
        },
      }),
      async (c) => {
        const { id, fileId } = c.req.valid('param');
        const { evidence, bytes } = await readEvidence(deps, c.get('actor'), id, fileId);
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': evidence.contentType,
          'Content-Disposition': contentDisposition(evidence.name),
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': NO_STORE,
        });
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/api/models/{id}/evidence/{fileId}',
        operationId: 'removeEvidence',
        tags: ['evidence'],
        summary: 'Remove an evidence file (owning unit; a draft or a returned registration)',
        middleware: [requireActor(deps)],
        request: { params: FileParams },
        responses: { 204: { description: 'Removed' }, ...deleteErrors, 409: deleteErrors[409] },
      }),
      async (c) => {
        const { id, fileId } = c.req.valid('param');
        await removeEvidence(deps, c.get('actor'), id, fileId);
        return c.body(null, 204);
      },
    );
}
