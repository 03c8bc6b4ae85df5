import * as z from 'zod';
import { CERTIFICATE_FIELDS, DOCUMENT_FORMATS, type DocumentFormat, type DocumentSigner } from '../documents/document-types.ts';
import { messageKey } from '../messages.ts';
import { AREAS, KINDS, LEVELS } from '../model.ts';

/**
 * A board's recognition decision of a year (Quyết định công nhận ... năm 2026): the recognitions
 * its appraisals publish gather into the board's open decision of that year; the last role of
 * the chain issues it in one step (number, date, signer), and from then on its list is closed:
 * the next recognitions of the year gather into the next decision.
 */
export const DECISION_STATUSES = ['OPEN', 'ISSUED'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** `{boardId}.{year}.{seq}`: board ids are lowercase letters, digits and dashes, so the dots split it back. */
export const batchDecisionId = (boardId: string, year: number, seq: number) => `${boardId}.${year}.${seq}`;
export function parseBatchDecisionId(id: string): { boardId: string; year: number; seq: number } | undefined {
  const match = /^([a-z0-9-]{2,60})\.(\d{4})\.(\d{1,4})$/.exec(id);
  return match ? { boardId: match[1]!, year: Number(match[2]), seq: Number(match[3]) } : undefined;
}

export type IssuedFields = {
  number: string;
  /** The date it was signed (YYYY-MM-DD). */
  date: string;
  format: DocumentFormat;
  parentBody?: string;
  issuingBody: string;
  place: string;
  subject: string;
  grounds: string[];
  recipients: string[];
  signer: DocumentSigner;
  issuedBy: string;
  issuedAt: string;
};

export type BatchDecision = {
  id: string;
  boardId: string;
  year: number;
  seq: number;
  status: DecisionStatus;
  openedAt: string;
} & Partial<IssuedFields>;

/** One recognized model or exemplar on a decision's list, as it was when its appraisal was published. */
export type DecisionMember = {
  decisionId: string;
  modelId: string;
  name: string;
  unitId: string;
  unitName: string;
  area: (typeof AREAS)[number];
  kind: (typeof KINDS)[number];
  level: (typeof LEVELS)[number];
  publishedAt: string;
};

const text = (max: number) => z.string().trim().min(1).max(max);
const lines = (max: number) => z.array(text(500)).max(max);

/**
 * How a board's recognition decisions are made and printed, set by an administrator: BATCH
 * gathers a year's recognitions into one decision; PER_MODEL (the default, and how every
 * recognition before this setting was made) numbers each recognition as it is published.
 */
export const DECISION_MODES = ['PER_MODEL', 'BATCH'] as const;
export const DocumentSettingsSchema = z.strictObject({
  mode: z.enum(DECISION_MODES).default('BATCH'),
  format: z.enum(DOCUMENT_FORMATS).describe('PARTY: Hướng dẫn 36-HD/VPTW; STATE: Nghị định 30/2020/NĐ-CP'),
  parentBody: text(200).optional().describe('The body above the issuer, e.g. "TỈNH ỦY QUẢNG NINH" or "UBND TỈNH QUẢNG TRỊ"'),
  issuingBody: text(200).describe('The issuing body as printed, e.g. "BAN TUYÊN GIÁO VÀ DÂN VẬN"'),
  symbol: z
    .string()
    .trim()
    .regex(/^QĐ[-/][A-ZĐ0-9-]{2,30}$/, messageKey('reason.decisionSymbol'))
    .describe('The symbol after the number: "QĐ/BTGDVTU" (PARTY: 01-QĐ/BTGDVTU) or "QĐ-UBND" (STATE: 01/QĐ-UBND)'),
  place: text(100).describe('The place before the date, e.g. "Quảng Ninh"'),
  signer: z.strictObject({ authority: text(100).optional(), title: text(100), name: text(100) }).optional(),
  grounds: lines(10).default([]),
  recipients: lines(15).default([]),
  certificateLayout: z
    .partialRecord(
      z.enum(CERTIFICATE_FIELDS),
      z.strictObject({
        x: z.number().min(0).max(297),
        y: z.number().min(0).max(210),
        size: z.number().min(6).max(48).optional(),
        width: z.number().min(10).max(297).optional(),
      }),
    )
    .optional()
    .describe('Where each field is printed on pre-printed blank certificates (mm from the top left of A4 landscape)'),
});
export type DocumentSettings = z.output<typeof DocumentSettingsSchema>;

/** The printed number: PARTY "01-QĐ/BTGDVTU", STATE "01/QĐ-UBND" (numbers below 10 with a leading zero, as both rules print them). */
export function formatDecisionNumber(n: number, settings: Pick<DocumentSettings, 'format' | 'symbol'>): string {
  const padded = String(n).padStart(2, '0');
  return settings.format === 'PARTY' ? `${padded}-${settings.symbol}` : `${padded}/${settings.symbol}`;
}

/** What the issuer types when issuing: the date and signer, and the grounds and recipients if they differ from the board's. */
export const IssueDecisionSchema = z.strictObject({
  date: z.iso.date().describe('The date it is signed (YYYY-MM-DD), today or earlier'),
  signer: z.strictObject({ authority: text(100).optional(), title: text(100), name: text(100) }).optional(),
  subject: text(300).optional(),
  grounds: lines(10).optional(),
  recipients: lines(15).optional(),
});

export const defaultSubject = (year: number) => `Về việc công nhận mô hình, điển hình “Dân vận khéo” năm ${year}`;
