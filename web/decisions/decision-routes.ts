import { createRoute, z } from '@hono/zod-openapi';
import {
  decisionDocument,
  issueDecision,
  listDecisions,
  readDecision,
  readDocumentSettings,
  saveDocumentSettings,
} from '../../core/use-cases/batch-decisions.ts';
import { ConflictError, NotFoundError } from '../../core/errors.ts';
import { adminOnly, conflict, json, openApiRouter, readErrors, writeErrors } from '../api/openapi-app.ts';
import { requireActor } from '../platform/session.ts';
import { contentDisposition } from '../statistics/exports/download.ts';
import { pageRouter } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { addDecisionPages } from './decision-page-routes.tsx';
import {
  BoardParams,
  DecisionDetailSchema,
  DecisionParams,
  DecisionSchema,
  DocumentSettingsBody,
  IssueDecisionBody,
} from './decision-schemas.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

const binary = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } } },
  ...readErrors,
  409: conflict('the decision is not issued yet (certificates), or a blank layout is asked for but none is set'),
});
const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const CertificatesQuery = z.object({
  layout: z.enum(['full', 'blank']).optional().openapi({
    description: '`blank`: only the values, at the positions the board set, to print onto pre-printed certificates (phôi)',
  }),
});
/** The file name of a decision's downloads: its number without slashes ("01-QD-BTGDVTU"), or the id of a draft. */
const fileStem = (decision: { id: string; number?: string }) =>
  (decision.number ?? `du-thao-${decision.id}`)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/Đ/g, 'D')
    .replace(/[^\w.-]+/g, '-');

/** Batch recognition decisions: a board's settings, its decisions, issuing one, its document and certificates. */
function decisionApi(deps: WebDeps) {
  return openApiRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/boards/{boardId}/document-settings',
        operationId: 'getDocumentSettings',
        tags: ['decisions'],
        summary: 'How the board’s decisions are made and printed (404 while none is set: each recognition is numbered on its own)',
        middleware: [requireActor(deps)],
        request: { params: BoardParams },
        responses: { 200: json(DocumentSettingsBody, 'The settings'), ...readErrors },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param');
        const settings = await readDocumentSettings(deps, c.get('actor'), boardId);
        if (!settings) throw new NotFoundError('error.decisionNeedsSettings');
        return c.json(settings, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/api/boards/{boardId}/document-settings',
        operationId: 'putDocumentSettings',
        tags: ['decisions'],
        summary:
          'Set the board’s document settings: BATCH or PER_MODEL, the format (PARTY / STATE), bodies, symbol, place, signer, grounds, recipients, blank-certificate positions (administrators)',
        middleware: [requireActor(deps), adminOnly],
        request: { params: BoardParams, body: { content: { 'application/json': { schema: DocumentSettingsBody } }, required: true } },
        responses: { 200: json(DocumentSettingsBody, 'Saved'), ...writeErrors },
      }),
      async (c) => c.json(await saveDocumentSettings(deps, c.get('actor'), c.req.valid('param').boardId, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/boards/{boardId}/decisions',
        operationId: 'listBoardDecisions',
        tags: ['decisions'],
        summary: 'The board’s batch decisions, newest first, each with its count (the board and administrators)',
        middleware: [requireActor(deps)],
        request: { params: BoardParams, query: YearQuery },
        responses: { 200: json(z.object({ decisions: z.array(DecisionSchema) }), 'The decisions'), ...readErrors },
      }),
      async (c) =>
        c.json({ decisions: await listDecisions(deps, c.get('actor'), c.req.valid('param').boardId, c.req.valid('query').year) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/decisions/{decisionId}',
        operationId: 'getBatchDecision',
        tags: ['decisions'],
        summary: 'A decision with its attached list in print order',
        middleware: [requireActor(deps)],
        request: { params: DecisionParams },
        responses: { 200: json(DecisionDetailSchema, 'The decision'), ...readErrors },
      }),
      async (c) => {
        const { decision, members, canIssue } = await readDecision(deps, c.get('actor'), c.req.valid('param').decisionId);
        return c.json(
          { decision: { ...decision, count: members.length }, members: members.map((m, i) => ({ no: i + 1, ...m })), canIssue },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/api/decisions/{decisionId}/issue',
        operationId: 'issueBatchDecision',
        tags: ['decisions'],
        summary:
          'Issue the decision in one step: its number (unique per board and year), date, signer; its list closes (the last role of the chain)',
        description:
          'Every listed recognition, its certificate and the public catalogue carry the number from then on. Recognitions published later that year join the next decision.',
        middleware: [requireActor(deps)],
        request: { params: DecisionParams, body: { content: { 'application/json': { schema: IssueDecisionBody } }, required: true } },
        responses: { 200: json(DecisionSchema, 'Issued'), ...writeErrors },
      }),
      async (c) => c.json(await issueDecision(deps, c.get('actor'), c.req.valid('param').decisionId, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/decisions/{decisionId}/document.docx',
        operationId: 'decisionDocx',
        tags: ['decisions'],
        summary: 'The decision as a Word document with its attached list (a draft without number while it is open)',
        middleware: [requireActor(deps)],
        request: { params: DecisionParams },
        responses: binary(DOCX_TYPE, 'The .docx'),
      }),
      async (c) => {
        const { decision, document } = await decisionDocument(deps, c.get('actor'), c.req.valid('param').decisionId);
        return c.body(new Uint8Array(await (await import('./documents/decision-docx.ts')).buildDecisionDocx(document)), 200, {
          'Content-Type': DOCX_TYPE,
          'Content-Disposition': contentDisposition(`quyet-dinh-${fileStem(decision)}.docx`),
        });
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/decisions/{decisionId}/certificates.pdf',
        operationId: 'decisionCertificates',
        tags: ['decisions'],
        summary: 'Every certificate of an issued decision, one A4 landscape page each (409 while it is open)',
        middleware: [requireActor(deps)],
        request: { params: DecisionParams, query: CertificatesQuery },
        responses: binary(PDF_TYPE, 'The PDF'),
      }),
      async (c) => {
        const { decision, document, layout } = await decisionDocument(deps, c.get('actor'), c.req.valid('param').decisionId, {
          requireIssued: true,
        });
        const blank = c.req.valid('query').layout === 'blank';
        if (blank && !layout) throw new ConflictError('error.decisionNoBlankLayout');
        const pdf = await (
          await import('./documents/certificates-pdf.ts')
        ).buildCertificatesPdf(document, blank && layout ? { layout } : {});
        return c.body(new Uint8Array(pdf), 200, {
          'Content-Type': PDF_TYPE,
          'Content-Disposition': contentDisposition(`giay-chung-nhan-${fileStem(decision)}${blank ? '-phoi' : ''}.pdf`),
        });
      },
    );
}

export function decisionRoutes(deps: WebDeps) {
  return decisionApi(deps).route('/', pageRouter(deps, addDecisionPages));
}
