import { z } from '@hono/zod-openapi';
import { DECISION_STATUSES, DocumentSettingsSchema, IssueDecisionSchema } from '../../core/decisions/batch-decision.ts';
import { DOCUMENT_FORMATS } from '../../core/documents/document-types.ts';
import { AREAS, KINDS, LEVELS } from '../../core/model.ts';
import { named } from '../api/openapi-app.ts';

const Signer = z.object({ authority: z.string().optional(), title: z.string(), name: z.string() });

export const DecisionSchema = z
  .object({
    id: z.string().openapi({ description: '`{boardId}.{year}.{seq}`: the seq-th decision of the board that year' }),
    boardId: z.string(),
    year: z.number().int(),
    seq: z.number().int(),
    status: z.enum(DECISION_STATUSES).openapi({ description: 'OPEN: recognitions still join its list; ISSUED: signed, its list closed' }),
    count: z.number().int().openapi({ description: 'How many models and exemplars it lists' }),
    openedAt: z.string(),
    number: z.string().optional().openapi({ description: 'Once issued: "01-QĐ/BTGDVTU" (Party format) or "01/QĐ-UBND" (state format)' }),
    date: z.string().optional().openapi({ description: 'Once issued: the date signed (YYYY-MM-DD)' }),
    format: z.enum(DOCUMENT_FORMATS).optional(),
    parentBody: z.string().optional(),
    issuingBody: z.string().optional(),
    place: z.string().optional(),
    subject: z.string().optional(),
    grounds: z.array(z.string()).optional(),
    recipients: z.array(z.string()).optional(),
    signer: Signer.optional(),
    issuedBy: z.string().optional(),
    issuedAt: z.string().optional(),
  })
  .openapi('BatchDecision');

export const DecisionMemberSchema = z
  .object({
    no: z.number().int().openapi({ description: 'Its number on the attached list (kind, area, unit, name order)' }),
    modelId: z.string(),
    name: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    area: z.enum(AREAS),
    kind: z.enum(KINDS),
    level: z.enum(LEVELS),
    publishedAt: z.string(),
  })
  .openapi('DecisionMember');

export const DecisionDetailSchema = z
  .object({
    decision: DecisionSchema,
    members: z.array(DecisionMemberSchema),
    canIssue: z.boolean().openapi({ description: 'Whether the reader may issue it now' }),
  })
  .openapi('BatchDecisionDetail');

export const DocumentSettingsBody = named(DocumentSettingsSchema, 'DocumentSettings', {
  description: 'How a board’s recognition decisions are made (BATCH or PER_MODEL) and printed',
});
export const IssueDecisionBody = named(IssueDecisionSchema, 'IssueDecision');

export const BoardParams = z.object({
  boardId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'boardId', in: 'path' } }),
});
export const DecisionParams = z.object({
  decisionId: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: 'decisionId', in: 'path' }, description: '`{boardId}.{year}.{seq}`' }),
});
