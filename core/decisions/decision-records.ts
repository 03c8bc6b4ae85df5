import * as z from 'zod';
import { DOCUMENT_FORMATS } from '../documents/document-types.ts';
import { AREAS, KINDS, LEVELS } from '../model.ts';
import {
  DECISION_STATUSES,
  DocumentSettingsSchema,
  type BatchDecision,
  type DecisionMember,
  type DocumentSettings,
} from './batch-decision.ts';

const str = z.string();
const signer = z.object({ authority: str.optional(), title: str, name: str });

/** Stored forms of a batch decision, its members and a board's document settings (parsed at the store's boundary). */
export const BatchDecisionRecord = z.object({
  id: str,
  boardId: str,
  year: z.number(),
  seq: z.number(),
  status: z.enum(DECISION_STATUSES),
  openedAt: str,
  number: str.optional(),
  date: str.optional(),
  format: z.enum(DOCUMENT_FORMATS).optional(),
  parentBody: str.optional(),
  issuingBody: str.optional(),
  place: str.optional(),
  subject: str.optional(),
  grounds: z.array(str).optional(),
  recipients: z.array(str).optional(),
  signer: signer.optional(),
  issuedBy: str.optional(),
  issuedAt: str.optional(),
}) satisfies z.ZodType<BatchDecision>;

export const DecisionMemberRecord = z.object({
  decisionId: str,
  modelId: str,
  name: str,
  unitId: str,
  unitName: str,
  area: z.enum(AREAS),
  kind: z.enum(KINDS),
  level: z.enum(LEVELS),
  publishedAt: str,
}) satisfies z.ZodType<DecisionMember>;

/** Stored settings are the validated input; later fields get their defaults. */
export const DocumentSettingsRecord = DocumentSettingsSchema.strip() satisfies z.ZodType<DocumentSettings>;
