import * as z from 'zod/mini';
import { BOARD_ROLES, ROLES, type BoardRole, type Role } from './actor.ts';
import type { CriteriaSet, Score } from './criteria.ts';
import { STAGES, type AppraisalProposal, type Phase, type Stage, type YearlyReport } from './lifecycle.ts';
import { AREAS, KINDS, LEVELS, MODEL_STATUSES, STOP_REASONS, type AuditEvent, type Model, type Recognition } from './model.ts';

/**
 * What the app keeps, as it is read back: one schema per kind of stored record, derived from
 * the domain's enums. The store parses every item it reads with these (core/store/items.ts), so
 * a malformed item fails loudly, naming its key and field, instead of becoming a wrong page.
 * Schemas accept what older versions wrote: fields added later are optional or have defaults.
 * They are looser than the input schemas (no length limits, no strictness): an item that was
 * valid when written stays readable.
 */

const str = z.string();
const num = z.number();
const record = z.record(z.string(), z.unknown());

// --- models ---

const RecognitionRecord = z.object({
  year: num,
  level: z.enum(LEVELS),
  decisionId: str,
  number: z.optional(str),
  date: z.optional(str),
  issuingBody: z.optional(str),
  batchId: z.optional(str),
}) satisfies z.ZodMiniType<Recognition>;

export const ModelRecord = z.object({
  name: str,
  situation: str,
  objectives: str,
  content: str,
  targetGroup: str,
  forces: str,
  resources: str,
  outputs: str,
  sustainability: str,
  kind: z.enum(KINDS),
  // Optional since drafts keep whatever was typed (DraftSchema); every submitted model has one.
  area: z.optional(z.enum(AREAS)),
  year: num,
  tags: z._default(z.array(str), []),
  targetLevel: z._default(z.enum(LEVELS), 'COMMUNE'),
  period: z.optional(str),
  indicators: z._default(z.array(z.object({ name: str, unit: str, target: z.nullable(num) })), []),
  // An exemplar's person questions (added later: absent on older items and on models).
  position: z.optional(str),
  achievements: z.optional(str),
  mobilization: z.optional(str),
  id: str,
  unitId: str,
  boardId: str,
  status: z.enum(MODEL_STATUSES),
  cycleYear: num,
  version: num,
  createdAt: str,
  updatedAt: str,
  recognitions: z._default(z.array(RecognitionRecord), []),
  stopReason: z.optional(z.enum(STOP_REASONS)),
  overdueStage: z.optional(z.nullable(str)),
  report: z.optional(str),
  evidenceCount: z.optional(num),
  replicationCount: z.optional(num),
  sourceModelId: z.optional(str),
  registeredByUnitId: z.optional(str),
  importedBy: z.optional(str),
}) satisfies z.ZodMiniType<Model>;

export const AuditEventRecord = z.object({
  modelId: str,
  at: str,
  type: z.enum(['TRANSITION', 'OVERDUE', 'RECOVERED', 'IMPORTED', 'MOVED']),
  from: z.optional(z.enum(MODEL_STATUSES)),
  to: z.optional(z.enum(MODEL_STATUSES)),
  stage: z.optional(str),
  outcome: z.optional(str),
  actor: str,
  reason: z.optional(str),
  year: num,
  fromUnitId: z.optional(str),
  toUnitId: z.optional(str),
  changeId: z.optional(str),
}) satisfies z.ZodMiniType<AuditEvent>;

/** An immutable decision of one step and round. */
export type Decision = {
  modelId: string;
  year: number;
  stage: Stage;
  round: number;
  outcome: string;
  actor: string;
  at: string;
  details: Record<string, unknown>;
};
export const DecisionRecord = z.object({
  modelId: str,
  year: num,
  stage: z.enum(STAGES),
  round: num,
  outcome: str,
  actor: str,
  at: str,
  details: z._default(record, {}),
}) satisfies z.ZodMiniType<Decision>;

/** The one pending-task item of a waiting step; a newer token overwrites the older one. */
export type PendingTask = {
  modelId: string;
  year: number;
  stage: Stage;
  round: number;
  status: 'PENDING' | 'DECIDED';
  token: string;
  assignee: string;
  /** The model's board: the yearly review is opened per board (or for all boards). */
  boardId?: string;
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  overdueToken?: string;
  version: number;
  decidedAt?: string;
  /** The callback output, kept until Step Functions has it. */
  result?: { outcome: string; decisionId: string };
  /** The Idempotency-Key (user#key) of the request that decided it, to answer its retry. */
  decidedByRequest?: string;
  delivered?: boolean;
  deliveryError?: string;
  /** A resting model that joined a review already open (counted in its progress once). */
  joinedReview?: boolean;
};
export const PendingTaskRecord = z.object({
  modelId: str,
  year: num,
  stage: z.enum(STAGES),
  round: num,
  status: z.enum(['PENDING', 'DECIDED']),
  token: str,
  assignee: str,
  boardId: z.optional(str),
  openedAt: str,
  dueAt: str,
  overdue: z._default(z.boolean(), false),
  overdueToken: z.optional(str),
  version: num,
  decidedAt: z.optional(str),
  result: z.optional(z.object({ outcome: str, decisionId: str })),
  decidedByRequest: z.optional(str),
  delivered: z.optional(z.boolean()),
  deliveryError: z.optional(str),
  joinedReview: z.optional(z.boolean()),
}) satisfies z.ZodMiniType<PendingTask>;

// --- organisation ---

/** Units below a level: communes and wards, and agencies, enterprises, associations, party cells. */
export const UNIT_TYPES = ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'AGENCY', 'ENTERPRISE', 'ASSOCIATION', 'PARTY_CELL'] as const;
export type Unit = {
  id: string;
  name: string;
  type?: (typeof UNIT_TYPES)[number];
  level: (typeof LEVELS)[number];
  parentId?: string;
  boardId: string;
  historical?: boolean;
  /** Its official administrative code (QĐ 19/2025/QĐ-TTg: 2 digits a province, 5 a commune); absent on older items and on agencies, associations, party cells. */
  code?: string;
  /** The unit it was merged into (set by a recorded merge; absent otherwise). */
  successorId?: string;
  /** The date it ended (merged or split away, core/use-cases/unit-changes.ts). */
  endedAt?: string;
  /** Names it had before a rename, each with the date it was renamed (and the code it had then, if it changed). */
  formerNames?: { name: string; until: string; code?: string }[];
};
export type Board = {
  id: string;
  name: string;
  level: (typeof LEVELS)[number];
  unitId: string;
  /** Its unit was merged into a unit of another board on `mergedAt`: statistics by today's structure add it to that board. */
  mergedInto?: string;
  mergedAt?: string;
};
export type Account = {
  username: string;
  displayName: string;
  role: Role;
  unitId?: string;
  boardId?: string;
  boardRoles?: BoardRole[];
  passwordHash: string;
  /** Set while an administrator has deactivated the account: it cannot sign in (absent on older items: active). */
  deactivatedAt?: string;
  /** Where notifications go (absent: none are sent). */
  email?: string;
  /** IMMEDIATE (the default with an email), DIGEST (one message a day) or OFF. */
  notify?: (typeof NOTIFY_PREFERENCES)[number];
  /** The language of its messages (absent: Vietnamese). */
  lang?: 'vi' | 'en';
  /** Set when SES reported the address bounced or complained: nothing is sent until the email changes. */
  emailBouncedAt?: string;
};
export const NOTIFY_PREFERENCES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;
export const UnitRecord = z.object({
  id: str,
  name: str,
  type: z.optional(z.enum(UNIT_TYPES)),
  level: z.enum(LEVELS),
  parentId: z.optional(str),
  boardId: str,
  historical: z.optional(z.boolean()),
  code: z.optional(str),
  successorId: z.optional(str),
  endedAt: z.optional(str),
  formerNames: z.optional(z.array(z.object({ name: str, until: str, code: z.optional(str) }))),
}) satisfies z.ZodMiniType<Unit>;
export const BoardRecord = z.object({
  id: str,
  name: str,
  level: z.enum(LEVELS),
  unitId: str,
  mergedInto: z.optional(str),
  mergedAt: z.optional(str),
}) satisfies z.ZodMiniType<Board>;
export const AccountRecord = z.object({
  username: str,
  displayName: str,
  role: z.enum(ROLES),
  unitId: z.optional(str),
  boardId: z.optional(str),
  boardRoles: z.optional(z.array(z.enum(BOARD_ROLES))),
  passwordHash: str,
  deactivatedAt: z.optional(str),
  email: z.optional(str),
  notify: z.optional(z.enum(NOTIFY_PREFERENCES)),
  lang: z.optional(z.enum(['vi', 'en'])),
  emailBouncedAt: z.optional(str),
}) satisfies z.ZodMiniType<Account>;

// --- catalogue and replication ---

export type PublicRecognition = Omit<Recognition, 'decisionId'>;
export type CatalogueEntry = {
  modelId: string;
  name: string;
  kind: (typeof KINDS)[number];
  area: (typeof AREAS)[number];
  tags: string[];
  unitId: string;
  boardId: string;
  /** The latest recognition. */
  level: (typeof LEVELS)[number];
  year: number;
  /** Every recognition, with its public decision data (number, date, issuing body) when known. */
  recognitions: PublicRecognition[];
  replicationCount: number;
  searchText: string;
  /** Set when the model is stopped: it leaves the listing and cannot be replicated. */
  delisted?: boolean;
};
export const CatalogueEntryRecord = z.object({
  modelId: str,
  name: str,
  kind: z.enum(KINDS),
  area: z.enum(AREAS),
  tags: z._default(z.array(str), []),
  unitId: str,
  boardId: str,
  level: z.enum(LEVELS),
  year: num,
  recognitions: z._default(z.array(z.omit(RecognitionRecord, { decisionId: true })), []),
  replicationCount: z._default(num, 0),
  searchText: z._default(str, ''),
  delisted: z.optional(z.boolean()),
}) satisfies z.ZodMiniType<CatalogueEntry>;

export type CopyLink = { sourceModelId: string; copyModelId: string; unitId: string; at: string; actor: string };
export const CopyLinkRecord = z.object({
  sourceModelId: str,
  copyModelId: str,
  unitId: str,
  at: str,
  actor: str,
}) satisfies z.ZodMiniType<CopyLink>;

// --- reviews, reports, reminders, criteria ---

/** The scope of every board at once (statistics, the yearly review); otherwise a scope is a board id. */
export const ALL_SCOPE = 'ALL';

/** Progress of one yearly review (a scope: a board, or ALL), shown as a progress bar. */
export type ReviewProgress = {
  scope: string;
  year: number;
  status: 'RUNNING' | 'COMPLETED';
  total: number;
  done: number;
  failed: number;
  lastPage: number;
  startedAt: string;
  finishedAt?: string;
  executionArn?: string;
};
export const ReviewProgressRecord = z.object({
  scope: str,
  year: num,
  status: z.enum(['RUNNING', 'COMPLETED']),
  total: num,
  done: num,
  failed: num,
  lastPage: num,
  startedAt: str,
  finishedAt: z.optional(str),
  executionArn: z.optional(str),
}) satisfies z.ZodMiniType<ReviewProgress>;

/** One yearly report per model and year, kept for comparison with later years. */
export type StoredReport = YearlyReport & { modelId: string; boardId: string; year: number; submittedAt: string; submittedBy: string };
export const StoredReportRecord = z.object({
  report: str,
  indicators: z._default(z.array(z.object({ name: str, actual: num })), []),
  modelId: str,
  boardId: str,
  year: num,
  submittedAt: str,
  submittedBy: str,
}) satisfies z.ZodMiniType<StoredReport>;

/** A reminder to a unit whose revision or report is overdue. */
export type Reminder = { unitId: string; modelId: string; modelName: string; stage: string; year: number; dueAt: string; at: string };
export const ReminderRecord = z.object({
  unitId: str,
  modelId: str,
  modelName: str,
  stage: str,
  year: num,
  dueAt: str,
  at: str,
}) satisfies z.ZodMiniType<Reminder>;

export type StoredCriteriaSet = CriteriaSet & { updatedAt: string; updatedBy: string };
export const StoredCriteriaSetRecord = z.object({
  boardId: str,
  period: str,
  kind: z.enum(KINDS),
  criteria: z.array(z.object({ id: str, name: str, maxScore: num })),
  approvalChain: z.array(z.enum(BOARD_ROLES)),
  updatedAt: str,
  updatedBy: str,
}) satisfies z.ZodMiniType<StoredCriteriaSet>;

// --- attention (failed or orphaned executions) ---

/** How an execution ended behind the app's back while its model still needed it (TOKEN_GONE: a decision found its token dead). */
export const ORPHAN_ENDINGS = ['ABORTED', 'FAILED', 'TIMED_OUT', 'SUCCEEDED', 'TOKEN_GONE'] as const;
export type OrphanEnding = (typeof ORPHAN_ENDINGS)[number];

/**
 * A model whose execution failed for a reason that is not transient (one item per execution),
 * or an orphaned model: its status waits in a step but its execution ended behind the app's
 * back (`orphaned`, with how it ended and the phase that needs an execution). Both leave the
 * administrator's list when resolved: `resolvedAt`, and for a recovery the execution that took over.
 */
export type Attention = {
  modelId: string;
  year: number;
  executionName: string;
  error: string;
  cause: string;
  at: string;
  orphaned?: boolean;
  endedAs?: OrphanEnding;
  phase?: Phase;
  resolvedAt?: string;
  resolvedBy?: string;
  recoveredBy?: string;
};
export const AttentionRecord = z.object({
  modelId: str,
  year: num,
  executionName: str,
  error: str,
  cause: str,
  at: str,
  orphaned: z.optional(z.boolean()),
  endedAs: z.optional(z.enum(ORPHAN_ENDINGS)),
  phase: z.optional(z.enum(['REGISTRATION', 'CYCLE'])),
  resolvedAt: z.optional(str),
  resolvedBy: z.optional(str),
  recoveredBy: z.optional(str),
}) satisfies z.ZodMiniType<Attention>;

// --- security log ---

export const SECURITY_EVENT_TYPES = [
  'SIGN_IN_FAILED',
  'SIGN_IN_LOCKED',
  'SIGNED_OUT',
  'SESSIONS_ENDED',
  'ACCOUNT_CREATED',
  'ACCOUNT_CHANGED',
  'ACCOUNT_REMOVED',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** Who did what to which account; `detail` says what changed (never a password). */
export type SecurityEvent = { at: string; type: SecurityEventType; actor: string; subject: string; ip?: string; detail?: string };

// --- evidence, appraisals, proposals ---

export type Evidence = {
  fileId: string;
  modelId: string;
  name: string;
  size: number;
  contentType: string;
  uploadedAt: string;
  uploadedBy: string;
};
export const EvidenceRecord = z.object({
  fileId: str,
  modelId: str,
  // Cleaned when read (names stored before uploads were cleaned may hold bidi or control characters).
  name: z._default(str, ''),
  size: num,
  contentType: str,
  uploadedAt: str,
  uploadedBy: str,
}) satisfies z.ZodMiniType<Evidence>;

/** The appraisal of one model in one cycle, as it moves along the board's approval chain. */
export type Appraisal = {
  modelId: string;
  year: number;
  round: number;
  criteria: CriteriaSet['criteria'];
  approvalChain: BoardRole[];
  scores: Score[];
  total: number;
  maxTotal: number;
  proposal: AppraisalProposal;
  /** Index in approvalChain of the role that acts next. */
  step: number;
  status: 'IN_APPROVAL' | 'RETURNED' | 'PUBLISHED';
  trail: { role: BoardRole; action: 'SCORED' | 'APPROVED' | 'RETURNED' | 'PUBLISHED'; actor: string; at: string; reason?: string }[];
  version: number;
};
const ProposalOutcomeRecord = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('RECOGNIZE'), level: z.enum(LEVELS), comment: z.optional(str) }),
  z.object({ outcome: z.literal('CONTINUE'), comment: z.optional(str) }),
  z.object({ outcome: z.literal('STOP'), stopReason: z.enum(STOP_REASONS), reason: str }),
]) satisfies z.ZodMiniType<AppraisalProposal>;
export const AppraisalRecord = z.object({
  modelId: str,
  year: num,
  round: num,
  criteria: z.array(z.object({ id: str, name: str, maxScore: num })),
  approvalChain: z.array(z.enum(BOARD_ROLES)),
  scores: z.array(z.object({ criterionId: str, score: num, comment: z.optional(str) })),
  total: num,
  maxTotal: num,
  proposal: ProposalOutcomeRecord,
  step: num,
  status: z.enum(['IN_APPROVAL', 'RETURNED', 'PUBLISHED']),
  trail: z.array(
    z.object({
      role: z.enum(BOARD_ROLES),
      action: z.enum(['SCORED', 'APPROVED', 'RETURNED', 'PUBLISHED']),
      actor: str,
      at: str,
      reason: z.optional(str),
    }),
  ),
  version: num,
}) satisfies z.ZodMiniType<Appraisal>;

export const PROPOSAL_KINDS = ['NEXT_LEVEL', 'COMMENDATION'] as const;
/** A board's proposal of a model it recognized, to the next level's board or for a commendation. */
export type Proposal = {
  kind: (typeof PROPOSAL_KINDS)[number];
  year: number;
  note?: string;
  modelId: string;
  modelName: string;
  unitId: string;
  fromBoardId: string;
  toBoardId: string;
  level: (typeof LEVELS)[number];
  proposedBy: string;
  at: string;
  /** The receiving board's answer (absent until it answers, and on proposals stored before answers existed). */
  answer?: ProposalAnswer;
};
export const PROPOSAL_ANSWERS = ['ACCEPTED', 'DECLINED'] as const;
export type ProposalAnswer = { outcome: (typeof PROPOSAL_ANSWERS)[number]; note?: string; by: string; at: string };
export const ProposalRecord = z.object({
  kind: z.enum(PROPOSAL_KINDS),
  year: num,
  note: z.optional(str),
  modelId: str,
  modelName: str,
  unitId: str,
  fromBoardId: str,
  toBoardId: str,
  level: z.enum(LEVELS),
  proposedBy: str,
  at: str,
  answer: z.optional(z.object({ outcome: z.enum(PROPOSAL_ANSWERS), note: z.optional(str), by: str, at: str })),
}) satisfies z.ZodMiniType<Proposal>;
