import { notify } from './notifications.ts';
import { notificationIds } from '../notifications/notification.ts';
import { holdsBoardRole, type Actor } from '../actor.ts';
import {
  DocumentSettingsSchema,
  IssueDecisionSchema,
  defaultSubject,
  formatDecisionNumber,
  parseBatchDecisionId,
  type BatchDecision,
  type DecisionMember,
  type DocumentSettings,
  type IssuedFields,
} from '../decisions/batch-decision.ts';
import type { DecisionDocument, DecisionListEntry } from '../documents/document-types.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../errors.ts';
import { AREAS, KINDS, type Model, type Recognition } from '../model.ts';
import {
  countDecisionMembers,
  getBatchDecision,
  getBatchDecisions,
  getDocumentSettings,
  issueDecisionItems,
  listBatchDecisions,
  listDecisionMembers,
  putDocumentSettings,
} from '../store/decision-store.ts';
import { takeDecisionNumber } from '../store/model-store.ts';
import { getBoard } from '../store/org-store.ts';
import { commitWrites } from '../store/writes.ts';
import { parseOrThrow } from '../validation.ts';
import { boardApprovalChain } from './appraisal.ts';
import { assertAdmin } from './organisation.ts';

/** A board's own members and administrators read its decisions and settings. */
function assertReadsBoard(actor: Actor, boardId: string): void {
  if (actor.kind === 'system') return;
  if (actor.role === 'admin' || (actor.role === 'board' && actor.boardId === boardId)) return;
  throw new ForbiddenError('error.decisionsForBoard');
}

async function requireBoard(deps: Deps, boardId: string) {
  const board = await getBoard(deps, boardId);
  if (!board) throw new NotFoundError('error.decisionBoardNotFound', { boardId });
  return board;
}

export async function readDocumentSettings(deps: Deps, actor: Actor, boardId: string): Promise<DocumentSettings | undefined> {
  assertReadsBoard(actor, boardId);
  await requireBoard(deps, boardId);
  return getDocumentSettings(deps, boardId);
}

/** An administrator sets how a board's decisions are made (one each or a batch) and printed. */
export async function saveDocumentSettings(deps: Deps, actor: Actor, boardId: string, body: unknown): Promise<DocumentSettings> {
  assertAdmin(actor);
  await requireBoard(deps, boardId);
  const settings = parseOrThrow(DocumentSettingsSchema, body);
  // The symbol's separator follows the format: "01-QĐ/BTGDVTU" (Party), "01/QĐ-UBND" (state).
  const expected = settings.format === 'PARTY' ? 'QĐ/' : 'QĐ-';
  if (!settings.symbol.startsWith(expected))
    throw new RuleViolationError([{ field: 'symbol', key: 'reason.decisionSymbolFormat', params: { format: settings.format, expected } }]);
  await putDocumentSettings(deps, boardId, settings);
  return settings;
}

/**
 * Who issues a board's decision: the last role of its approval chain (the committee that
 * publishes), or any member of a board that decides directly; administrators always.
 */
export async function mayIssue(deps: Deps, actor: Actor, boardId: string): Promise<boolean> {
  if (actor.kind === 'system') return false;
  if (actor.role === 'admin') return true;
  if (actor.role !== 'board' || actor.boardId !== boardId) return false;
  const chain = await boardApprovalChain(deps, boardId, 'MODEL');
  return !chain || holdsBoardRole(actor, boardId, chain.at(-1)!);
}

export type DecisionSummary = BatchDecision & { count: number };

/** A board's decisions (newest first), each with how many models it lists. */
export async function listDecisions(deps: Deps, actor: Actor, boardId: string, year?: number): Promise<DecisionSummary[]> {
  assertReadsBoard(actor, boardId);
  await requireBoard(deps, boardId);
  const decisions = await listBatchDecisions(deps, boardId, year);
  return Promise.all(decisions.map(async (d) => ({ ...d, count: await countDecisionMembers(deps, d.id) })));
}

const byListOrder = (a: DecisionMember, b: DecisionMember) =>
  KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) ||
  AREAS.indexOf(a.area) - AREAS.indexOf(b.area) ||
  a.unitName.localeCompare(b.unitName, 'vi') ||
  a.name.localeCompare(b.name, 'vi') ||
  a.modelId.localeCompare(b.modelId);

async function loadDecision(deps: Deps, actor: Actor, id: string, consistent = false): Promise<BatchDecision> {
  const parsed = parseBatchDecisionId(id);
  const decision = parsed && (await getBatchDecision(deps, id, consistent));
  if (!decision) throw new NotFoundError('error.decisionNotFound', { decisionId: id });
  assertReadsBoard(actor, decision.boardId);
  return decision;
}

/** A decision with its list in print order (kind, area, unit, name) and whether the reader may issue it. */
export async function readDecision(deps: Deps, actor: Actor, id: string) {
  const decision = await loadDecision(deps, actor, id);
  const members = (await listDecisionMembers(deps, id)).sort(byListOrder);
  return { decision, members, canIssue: decision.status === 'OPEN' && (await mayIssue(deps, actor, decision.boardId)) };
}

/** Today in Vietnam (YYYY-MM-DD): a decision cannot be dated later. */
export const vietnamToday = (now: Date) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * Issues a board's open decision in one step: its number (unique per board and year, taken
 * from the same counter as per-model decisions), date, signer and grounds; two items change
 * in one transaction whatever the length of its list, which is closed from then on.
 */
export async function issueDecision(deps: Deps, actor: Actor, id: string, body: unknown): Promise<DecisionSummary> {
  const input = parseOrThrow(IssueDecisionSchema, body);
  const decision = await loadDecision(deps, actor, id, true);
  if (!(await mayIssue(deps, actor, decision.boardId))) throw new ForbiddenError('error.decisionIssuedByLastRole');
  if (decision.status !== 'OPEN') throw new ConflictError('error.decisionAlreadyIssued', { number: decision.number ?? '' });
  const settings = await getDocumentSettings(deps, decision.boardId);
  if (!settings) throw new ConflictError('error.decisionNeedsSettings');
  const signer = input.signer ?? settings.signer;
  if (!signer) throw new ValidationError([{ field: 'signer', key: 'reason.decisionSignerRequired' }]);
  const today = vietnamToday(deps.now());
  if (input.date > today) throw new RuleViolationError([{ field: 'date', key: 'reason.decisionDateFuture', params: { today } }]);
  if (Number(input.date.slice(0, 4)) < decision.year)
    throw new RuleViolationError([{ field: 'date', key: 'reason.decisionDateBeforeYear', params: { year: decision.year } }]);
  const count = await countDecisionMembers(deps, id);
  if (count === 0) throw new ConflictError('error.decisionEmpty');
  const board = await requireBoard(deps, decision.boardId);
  const fields: IssuedFields = {
    number: formatDecisionNumber(await takeDecisionNumber(deps, decision.boardId, decision.year), settings),
    date: input.date,
    format: settings.format,
    ...(settings.parentBody ? { parentBody: settings.parentBody } : {}),
    issuingBody: settings.issuingBody || board.name,
    place: settings.place,
    subject: input.subject ?? defaultSubject(decision.year),
    grounds: input.grounds ?? settings.grounds,
    recipients: input.recipients ?? settings.recipients,
    signer,
    issuedBy: actor.username,
    issuedAt: deps.now().toISOString(),
  };
  await commitWrites(deps, issueDecisionItems(deps.tableName, decision, fields), 'error.decisionIssuedMeanwhile');
  // The units whose models it recognizes are told, once.
  const units = [...new Set((await listDecisionMembers(deps, id, true)).map((m) => m.unitId))];
  await notify(deps, {
    id: notificationIds.decisionIssued(id),
    type: 'DECISION_ISSUED',
    at: fields.issuedAt,
    audience: { unitIds: units, boardIds: [decision.boardId] },
    link: '/public',
    params: { number: fields.number, year: decision.year, count },
  });
  return { ...decision, ...fields, status: 'ISSUED', count };
}

/**
 * What the decision's document and certificates print. An open decision gives a draft (no
 * number, today's date, the board's current settings); certificates need an issued one.
 */
export async function decisionDocument(deps: Deps, actor: Actor, id: string, options: { requireIssued?: boolean } = {}) {
  const { decision, members } = await readDecision(deps, actor, id);
  if (options.requireIssued && decision.status !== 'ISSUED') throw new ConflictError('error.decisionNotIssued');
  const settings = await getDocumentSettings(deps, decision.boardId);
  const board = await requireBoard(deps, decision.boardId);
  const issued = decision.status === 'ISSUED';
  const format = decision.format ?? settings?.format ?? 'PARTY';
  const symbol = settings?.symbol ?? (format === 'PARTY' ? 'QĐ/BDV' : 'QĐ-UBND');
  const entries: DecisionListEntry[] = members.map((m, i) => ({
    no: i + 1,
    modelId: m.modelId,
    name: m.name,
    unitName: m.unitName,
    area: m.area,
    kind: m.kind,
    level: m.level,
  }));
  const document: DecisionDocument = {
    heading: {
      format,
      ...((decision.parentBody ?? settings?.parentBody) ? { parentBody: decision.parentBody ?? settings?.parentBody } : {}),
      issuingBody: decision.issuingBody ?? settings?.issuingBody ?? board.name,
      // A draft leaves the number for the office to fill in when it is signed.
      number: decision.number ?? (format === 'PARTY' ? `     -${symbol}` : `     /${symbol}`),
      place: decision.place ?? settings?.place ?? '',
      date: decision.date ?? vietnamToday(deps.now()),
    },
    year: decision.year,
    subject: decision.subject ?? defaultSubject(decision.year),
    grounds: decision.grounds ?? settings?.grounds ?? [],
    recipients: decision.recipients ?? settings?.recipients ?? [],
    signer: decision.signer ?? settings?.signer ?? { title: '', name: '' },
    entries,
  };
  const layout = Object.keys(settings?.certificateLayout ?? {}).length > 0 ? settings?.certificateLayout : undefined;
  return { decision, document, issued, layout };
}

type DecisionData = Pick<Recognition, 'batchId' | 'number' | 'date' | 'issuingBody'>;
/** A recognition as readers see it: a batch one takes its decision's number, date and issuing body once issued. */
export type Shown<R extends DecisionData> = R & { awaitingDecision?: boolean; signer?: IssuedFields['signer']; place?: string };
export type ShownRecognition = Shown<Recognition>;

/** Fills in the decision data of recognitions listed on batch decisions, in groups (a page of entries), in one round trip. */
export async function withDecisionDataMany<R extends DecisionData>(deps: Deps, groups: readonly (readonly R[])[]): Promise<Shown<R>[][]> {
  const ids = [...new Set(groups.flat().flatMap((r) => (r.batchId ? [r.batchId] : [])))];
  const decisions = await getBatchDecisions(deps, ids);
  return groups.map((recognitions) =>
    recognitions.map((r): Shown<R> => {
      if (!r.batchId) return r;
      const d = decisions.get(r.batchId);
      if (d?.status !== 'ISSUED') return { ...r, awaitingDecision: true };
      // Dated at noon in Vietnam, as the API's date-times of a day are (imports do the same).
      // The issuing body as a sentence names it (the board's name, kept on the recognition); the heading's capitals are the document's.
      return {
        ...r,
        number: d.number,
        date: `${d.date}T05:00:00.000Z`,
        issuingBody: r.issuingBody ?? d.issuingBody,
        signer: d.signer,
        place: d.place,
      };
    }),
  );
}

export async function withDecisionData<R extends DecisionData>(deps: Deps, recognitions: readonly R[]): Promise<Shown<R>[]> {
  return (await withDecisionDataMany(deps, [recognitions]))[0]!;
}

/** The model with its recognitions' decision data filled in. */
export async function modelWithDecisions<M extends Pick<Model, 'recognitions'>>(
  deps: Deps,
  model: M,
): Promise<Omit<M, 'recognitions'> & { recognitions: ShownRecognition[] }> {
  if (!model.recognitions.some((r) => r.batchId)) return model;
  return { ...model, recognitions: await withDecisionData(deps, model.recognitions) };
}
