import { z } from '@hono/zod-openapi';
import { BOARD_ROLES, ROLES } from '../../core/actor.ts';
import { CriteriaSetSchema } from '../../core/criteria.ts';
import { STAGES } from '../../core/lifecycle.ts';
import { BoardDecisionSchema, YearlyReportSchema } from '../../core/step-inputs.ts';
import { AREAS, KINDS, LEVELS, MODEL_STATUSES, STOP_REASONS } from '../../core/model.ts';
import { RegistrationEditSchema, RegistrationSchema } from '../../core/registration.ts';
import { ReturnSchema, ScoringSchema } from '../../core/use-cases/appraisal.ts';
import { BatchAcceptSchema } from '../../core/use-cases/board-queue.ts';
import { PasswordResetSchema } from '../../core/use-cases/account-admin.ts';
import { AccountInputSchema, BoardInputSchema, UNIT_TYPES, UnitInputSchema } from '../../core/use-cases/organisation.ts';
import { ImportOfficialSchema } from '../../core/use-cases/official-units.ts';
import { PROPOSAL_KINDS, ProposalAnswerSchema, ProposalSchema } from '../../core/use-cases/proposals.ts';
import { PROPOSAL_ANSWERS } from '../../core/records.ts';
import { ReplicateSchema } from '../../core/use-cases/replicate-model.ts';
import { StartSchema } from '../../core/use-cases/start-review.ts';
import { named } from './openapi-app.ts';

/*
 * The schemas of the JSON API. Requests are core's own zod schemas, named for the document:
 * the routes validate with them, the use cases parse the same. Responses describe what the
 * use cases return (the handlers' types are checked against them); objects stay open, so a
 * field added later does not break a client, and no internal field (a task token, a password
 * hash, the key that decided a step) is answered.
 */

// --- requests ---

export const RegistrationInput = named(RegistrationSchema, 'Registration', {
  description:
    'The nine fields of the registration form, kind, area, cycle year and what is measured. `period`, when given, must be the five-year period of `year`. Field 6: a MODEL (a collective) needs `forces`; an EXEMPLAR (a person) answers `position`, `achievements` and `mobilization` instead (or, as before, `forces`).',
});
export const RegistrationEditInput = named(RegistrationEditSchema, 'RegistrationEdit', {
  description: 'A revision or a draft edit: the registration without its cycle year',
});
export const BoardDecisionInput = named(BoardDecisionSchema, 'BoardDecision', {
  description:
    'REGISTRATION_REVIEW: ACCEPT (optional `comment`), RETURN or REJECT (`reason` required). APPRAISAL, only for a board without an approval chain: RECOGNIZE (`level`, optional `comment`), CONTINUE (optional `comment`), STOP (`stopReason` and `reason`). A note on ACCEPT, RECOGNIZE or CONTINUE is `comment`: `reason` there is refused (400).',
});
export const YearlyReportInput = named(YearlyReportSchema, 'YearlyReport', {
  description: 'What was done this year, and the value reached for registered indicators (matched by name; others are ignored)',
});
export const ScoringInput = named(ScoringSchema, 'AppraisalScoring', {
  description: 'Every criterion of the set scored (0 to its maximum) and the outcome proposed',
});
export const AppraisalReturnInput = named(ReturnSchema, 'AppraisalReturn');
export const ProposalInput = named(ProposalSchema, 'ProposalInput');
export const UnitInput = named(UnitInputSchema, 'UnitInput', {
  description: 'A unit of the tree: communes and wards, agencies, enterprises, associations, party cells',
});
export const ImportOfficialUnitsInput = named(ImportOfficialSchema, 'ImportOfficialUnitsInput', {
  description: 'The official list of administrative units (QĐ 19/2025/QĐ-TTg): all 34 provinces and their communes, or one province',
});
export const BoardInput = named(BoardInputSchema, 'BoardInput');
export const AccountInput = named(AccountInputSchema, 'AccountInput', {
  description: 'An account with its role and scope. A change of password, role, unit, board or chain roles ends its live sessions.',
});
export const CriteriaSetInput = named(CriteriaSetSchema, 'CriteriaSetInput', {
  description: 'What a board scores in a five-year period for a kind, and its approval chain (the first role scores, the last publishes)',
});
export const ReviewStartInput = named(StartSchema, 'ReviewStart');
export const PasswordResetInput = named(PasswordResetSchema, 'PasswordReset', {
  description: 'A new password set by an administrator; the account’s live sessions end',
});
export const ReplicateInput = named(ReplicateSchema, 'ReplicateInput');

// --- responses ---

const at = (description?: string) => z.string().openapi({ format: 'date-time', ...(description ? { description } : {}) });
const year = z.number().int();

export const Indicator = z
  .object({ name: z.string(), unit: z.string(), target: z.number().nullable().openapi({ description: 'null: not measurable yet' }) })
  .openapi('Indicator');
export const Recognition = z
  .object({
    year,
    level: z.enum(LEVELS),
    decisionId: z.string(),
    number: z.string().optional().openapi({ description: 'Decision number per board and year, e.g. 12/QĐ-BDV' }),
    date: at('Decision date').optional(),
    issuingBody: z.string().optional(),
    batchId: z.string().optional().openapi({
      description: 'The board’s batch decision whose list it is on (`{board}.{year}.{seq}`); its number and date once issued',
    }),
    awaitingDecision: z.boolean().optional().openapi({ description: 'On a batch decision not yet issued: no number yet' }),
  })
  .openapi('Recognition');

export const ModelSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    boardId: z.string(),
    status: z.enum(MODEL_STATUSES),
    kind: z.enum(KINDS),
    area: z.enum(AREAS).optional().openapi({ description: 'Absent only on a draft saved before its area was chosen' }),
    year: year.openapi({ description: 'The cycle year it was registered for' }),
    cycleYear: year.openapi({ description: 'Its current cycle year (moves on each year it continues)' }),
    period: z.string().optional().openapi({ description: 'Five-year period of the registration, e.g. 2026-2030' }),
    name: z.string(),
    situation: z.string(),
    objectives: z.string(),
    content: z.string(),
    targetGroup: z.string(),
    forces: z
      .string()
      .openapi({ description: 'A model’s implementing forces (empty for an exemplar that answers the person’s questions)' }),
    position: z.string().optional().openapi({ description: 'An exemplar: the person’s position and role' }),
    achievements: z.string().optional().openapi({ description: 'An exemplar: the person’s achievements' }),
    mobilization: z.string().optional().openapi({ description: 'An exemplar: how the person mobilized people' }),
    resources: z.string(),
    outputs: z.string(),
    sustainability: z.string(),
    // Stored since the first version; guarded as optional by the code for older items.
    tags: z.array(z.string()).optional(),
    targetLevel: z.enum(LEVELS).optional().openapi({ description: 'The level the unit aims at (COMMUNE when absent)' }),
    indicators: z.array(Indicator).optional(),
    recognitions: z.array(Recognition),
    stopReason: z.enum(STOP_REASONS).optional(),
    overdueStage: z.string().nullable().optional().openapi({ description: 'The step that is overdue, if any' }),
    report: z.string().optional().openapi({ description: 'The latest yearly report' }),
    evidenceCount: z.number().int().optional(),
    replicationCount: z.number().int().optional().openapi({ description: 'Replications started from this model, drafts included' }),
    sourceModelId: z.string().optional().openapi({ description: 'The recognized model this one was replicated from' }),
    registeredByUnitId: z
      .string()
      .optional()
      .openapi({ description: 'The unit that registered it, when it is now under another (its unit was merged)' }),
    importedBy: z.string().optional().openapi({ description: 'The import that brought it in from a spreadsheet (`{jobId}#{row}`)' }),
    version: z.number().int(),
    createdAt: at(),
    updatedAt: at(),
  })
  .openapi('Model');

export const ModelPage = z
  .object({
    models: z.array(ModelSchema),
    nextCursor: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page; absent on the last page' }),
  })
  .openapi('ModelPage');

export const AuditEventSchema = z
  .object({
    modelId: z.string(),
    at: at(),
    type: z.enum(['TRANSITION', 'OVERDUE', 'RECOVERED', 'IMPORTED', 'MOVED']).openapi({
      description: 'MOVED: its unit was merged or split; `fromUnitId` → `toUnitId` by the unit change `changeId`',
    }),
    from: z.enum(MODEL_STATUSES).optional(),
    to: z.enum(MODEL_STATUSES).optional(),
    stage: z.string().optional().openapi({ description: 'A lifecycle step, or REGISTER, SUBMIT, REPLICATE, NEXT_CYCLE' }),
    outcome: z.string().optional(),
    actor: z.string(),
    reason: z.string().optional(),
    year,
    fromUnitId: z.string().optional(),
    toUnitId: z.string().optional(),
    changeId: z.string().optional(),
  })
  .openapi('AuditEvent');

export const DecisionSchema = z
  .object({
    modelId: z.string(),
    year,
    stage: z.enum(STAGES),
    round: z.number().int(),
    outcome: z.string(),
    actor: z.string(),
    at: at(),
    details: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'What was decided with it: comment, reason, level, the recognition, the appraisal scores and trail' }),
  })
  .openapi('Decision');

export const TaskSchema = z
  .object({
    modelId: z.string(),
    year,
    stage: z.enum(STAGES),
    round: z.number().int(),
    status: z.enum(['PENDING', 'DECIDED']),
    assignee: z.string().openapi({ description: 'Who acts: BOARD#<boardId>, UNIT#<unitId> or REVIEW#<year> (the yearly review)' }),
    boardId: z.string().optional(),
    openedAt: at(),
    dueAt: at(),
    overdue: z.boolean(),
    decidedAt: at().optional(),
    result: z.object({ outcome: z.string(), decisionId: z.string() }).optional(),
    delivered: z.boolean().optional().openapi({ description: 'The decision reached the workflow' }),
    deliveryError: z.string().optional(),
    joinedReview: z.boolean().optional().openapi({ description: 'A resting model that joined a review already open' }),
  })
  .openapi('Task');

export const TaskPage = z
  .object({
    tasks: z.array(TaskSchema),
    nextCursor: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page; absent on the last page' }),
  })
  .openapi('TaskPage');

export const EvidenceSchema = z
  .object({
    id: z.string().openapi({ description: 'The file id (use it in /api/models/{id}/evidence/{fileId})' }),
    fileId: z.string().openapi({ deprecated: true, description: 'The same as `id`, kept for older clients' }),
    modelId: z.string(),
    name: z.string().openapi({ description: 'The file name, without bidi or control characters' }),
    size: z.number().int(),
    contentType: z.string(),
    uploadedAt: at(),
    uploadedBy: z.string(),
  })
  .openapi('EvidenceFile');

export const ModelDetail = z
  .object({
    model: ModelSchema,
    events: z.array(AuditEventSchema),
    decisions: z.array(DecisionSchema),
    tasks: z.array(TaskSchema).openapi({ description: 'Its steps of every year, waiting (PENDING) or decided' }),
    evidence: z.array(EvidenceSchema),
  })
  .openapi('ModelDetail');

export const BatchAcceptInput = named(BatchAcceptSchema, 'BatchAccept', {
  description: 'Registrations to accept at once (each waiting for its registration review), with one optional comment',
});
export const BatchAcceptResult = z
  .object({
    accepted: z.array(z.string()).openapi({ description: 'Models accepted (their review decided ACCEPT)' }),
    refused: z
      .array(
        z.object({
          modelId: z.string(),
          code: z.string().openapi({ description: 'The message key of the reason, e.g. error.stepNotWaiting' }),
          message: z.string().openapi({ description: 'The reason, in the reader’s language' }),
        }),
      )
      .openapi({ description: 'Models that could not be accepted, each with its reason; the others went through' }),
  })
  .openapi('BatchAcceptResult');

export const DecisionResult = z
  .object({
    decisionId: z.string(),
    outcome: z.string(),
    status: z.enum(MODEL_STATUSES).openapi({ description: 'The model’s status after the decision' }),
    delivery: z.enum(['delivered', 'pending', 'none', 'gone']).openapi({
      description:
        'delivered: the workflow has it; pending: it waits in the outbox and is retried; none: no execution waited; gone: the execution had ended (the model is listed for an administrator)',
    }),
  })
  .openapi('DecisionResult');

export const ReminderSchema = z
  .object({ unitId: z.string(), modelId: z.string(), modelName: z.string(), stage: z.string(), year, dueAt: at(), at: at() })
  .openapi('Reminder');

const CriterionSchema = z.object({ id: z.string(), name: z.string(), maxScore: z.number().int() });
export const CriteriaSetSchemaOut = z
  .object({
    boardId: z.string(),
    period: z.string(),
    kind: z.enum(KINDS),
    criteria: z.array(CriterionSchema),
    approvalChain: z.array(z.enum(BOARD_ROLES)),
    updatedAt: at().optional(),
    updatedBy: z.string().optional(),
  })
  .openapi('CriteriaSet');

const ProposalOut = z.union([
  z.object({ outcome: z.literal('RECOGNIZE'), level: z.enum(LEVELS), comment: z.string().optional() }),
  z.object({ outcome: z.literal('CONTINUE'), comment: z.string().optional() }),
  z.object({ outcome: z.literal('STOP'), stopReason: z.enum(STOP_REASONS), reason: z.string() }),
]);
export const AppraisalSchema = z
  .object({
    modelId: z.string(),
    year,
    round: z.number().int(),
    criteria: z.array(CriterionSchema),
    approvalChain: z.array(z.enum(BOARD_ROLES)),
    scores: z.array(z.object({ criterionId: z.string(), score: z.number().int(), comment: z.string().optional() })),
    total: z.number().int(),
    maxTotal: z.number().int(),
    proposal: ProposalOut,
    step: z.number().int().openapi({ description: 'Index in approvalChain of the role that acts next' }),
    status: z.enum(['IN_APPROVAL', 'RETURNED', 'PUBLISHED']),
    trail: z.array(
      z.object({
        role: z.enum(BOARD_ROLES),
        action: z.enum(['SCORED', 'APPROVED', 'RETURNED', 'PUBLISHED']),
        actor: z.string(),
        at: at(),
        reason: z.string().optional(),
      }),
    ),
    version: z.number().int(),
  })
  .openapi('Appraisal');

export const AppraisalView = z
  .object({
    criteriaSet: CriteriaSetSchemaOut.nullable().openapi({
      description: 'null: the board decides directly (POST /api/models/{id}/decisions)',
    }),
    appraisal: AppraisalSchema.nullable(),
  })
  .openapi('AppraisalView');

export const AppraisalStep = z
  .object({
    appraisal: AppraisalSchema,
    published: DecisionResult.optional().openapi({ description: 'Present when this step published the decision' }),
  })
  .openapi('AppraisalStep');

export const ProposalSchemaOut = z
  .object({
    kind: z.enum(PROPOSAL_KINDS),
    year,
    note: z.string().optional(),
    modelId: z.string(),
    modelName: z.string(),
    unitId: z.string(),
    fromBoardId: z.string(),
    toBoardId: z.string(),
    level: z.enum(LEVELS),
    proposedBy: z.string(),
    at: at(),
    answer: z
      .object({ outcome: z.enum(PROPOSAL_ANSWERS), note: z.string().optional(), by: z.string(), at: at() })
      .optional()
      .openapi({ description: 'The receiving board’s answer, once given' }),
  })
  .openapi('Proposal');
export const ProposalAnswerInput = named(ProposalAnswerSchema, 'ProposalAnswer', {
  description: 'ACCEPTED, or DECLINED with a note saying why',
});

export const UnitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(UNIT_TYPES).optional(),
    level: z.enum(LEVELS),
    parentId: z.string().optional(),
    boardId: z.string(),
    historical: z.boolean().optional(),
    code: z.string().optional().openapi({ description: 'Official administrative code (2 digits a province, 5 a commune)' }),
    successorId: z.string().optional().openapi({ description: 'Merged or split away: the unit its models and accounts went to' }),
    endedAt: z.string().optional().openapi({ description: 'The day it was merged or split away (yyyy-mm-dd)' }),
    formerNames: z
      .array(z.object({ name: z.string(), until: z.string(), code: z.string().optional() }))
      .optional()
      .openapi({ description: 'Names it had before a rename, with the day each ended' }),
  })
  .openapi('Unit');
export const ImportOfficialUnitsResult = z
  .object({
    created: z.number().int().openapi({ description: 'Units created (id `dvhc-<code>`)' }),
    updated: z.number().int().openapi({ description: 'Units that existed (by code, or by id `dvhc-<code>`) and got their code or name' }),
    unchanged: z.number().int().openapi({ description: 'Units already as the list says' }),
  })
  .openapi('ImportOfficialUnitsResult');
export const BoardSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    unitId: z.string(),
    mergedInto: z
      .string()
      .optional()
      .openapi({ description: 'Its unit was merged into a unit of this board (statistics by today’s structure add it there)' }),
    mergedAt: z.string().optional(),
  })
  .openapi('Board');
export const AccountSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    unitId: z.string().optional(),
    boardId: z.string().optional(),
    boardRoles: z.array(z.enum(BOARD_ROLES)).optional(),
    deactivatedAt: z
      .string()
      .optional()
      .openapi({ format: 'date-time', description: 'Present while deactivated: the account cannot sign in' }),
  })
  .openapi('Account');

export const ReviewProgressSchema = z
  .object({
    scope: z.string(),
    year,
    status: z.enum(['RUNNING', 'COMPLETED']),
    total: z.number().int().openapi({ description: 'Models waiting for the review when it opened, and those that joined it since' }),
    done: z.number().int(),
    failed: z.number().int().openapi({ description: 'Models that no longer waited when released' }),
    lastPage: z.number().int(),
    startedAt: at(),
    finishedAt: at().optional(),
    executionArn: z.string().optional(),
  })
  .openapi('ReviewProgress');
export const ReviewStarted = z
  .object({
    year,
    scope: z.string(),
    started: z.boolean().openapi({ description: 'false: the review of this scope and year was open already (nothing started twice)' }),
    progress: ReviewProgressSchema.nullable().openapi({ description: 'null until the review has counted what waits' }),
  })
  .openapi('ReviewStarted');

const Counts = (description: string) => z.record(z.string(), z.number()).openapi({ description });
const IndicatorTotal = z.object({
  key: z.string().openapi({ description: 'The unit and the name’s search text (case and marks ignored): how reports are matched' }),
  unit: z.string(),
  name: z.string().openapi({ description: 'The name as first typed, with its marks' }),
  total: z.number().openapi({ description: 'Sum of the reported values' }),
  reports: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'How many reports gave a value (null: counted before versions that kept it)' }),
  aggregation: z
    .enum(['SUM', 'AVERAGE'])
    .openapi({ description: 'A rate ("%", "tỷ lệ") is averaged over the reports; anything else is summed' }),
  value: z
    .number()
    .nullable()
    .openapi({ description: 'The figure to show: the total, or the average of a rate (null when the report count is unknown)' }),
});
const Breakdown = {
  funnel: Counts('Events: REGISTERED (submitted), ACCEPTED, RECOGNIZED, STOPPED, REPLICATED (a replica once submitted)'),
  byArea: Counts('Registered, by area'),
  byKind: Counts('Registered, by kind'),
  byLevel: Counts('Registered, by target level'),
  recognizedByKind: Counts('Recognized, by kind'),
};
export const StatisticsSchema = z
  .object({
    scope: z.string().openapi({ description: 'A board id, or ALL' }),
    period: z.string(),
    filter: z.object({
      areas: z.array(z.enum(AREAS)).optional(),
      kinds: z.array(z.enum(KINDS)).optional(),
      levels: z.array(z.enum(LEVELS)).optional(),
    }),
    years: z.array(
      z.object({
        year,
        byStatus: Counts('Models in each status at the end of that cycle year'),
        ...Breakdown,
        indicators: z.array(IndicatorTotal),
      }),
    ),
    rollup: z
      .object({ ...Breakdown, indicators: z.array(IndicatorTotal) })
      .openapi({ description: 'The five years added up (statuses are not: each year has its own)' }),
  })
  .openapi('Statistics');

export const MeSchema = z.object({ username: z.string(), role: z.enum([...ROLES, 'system']), displayName: z.string() }).openapi('Me');
