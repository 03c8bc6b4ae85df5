import { draftRuleAllows, type Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ForbiddenError } from '../errors.ts';
import type { AuditEvent, Model } from '../model.ts';
import { computeSignals, type Signal } from '../signals/signals.ts';
import { getModel, modelTimeline } from '../store/model-store.ts';
import { boardReports, getReport } from '../store/report-store.ts';
import { getTask } from '../store/task-store.ts';
import { loadVisibleModel } from './complete-task.ts';

/**
 * Peer reports compared per request: the first ones of the board's year by model id (ids are
 * random UUIDs, so a stable sample). Bounds the read (reports are up to 8,000 characters) and
 * the work; a board with more reports gets `peerCheck.truncated` and a partial comparison.
 */
export const MAX_PEER_REPORTS = 50;

export type ModelSignals = {
  signals: Signal[];
  peerCheck: { compared: number; limit: number; truncated: boolean };
};

/** Signals help the board judge a unit's work: the unit itself does not see them. */
export function assertMayReadSignals(actor: Actor): void {
  if (actor.kind === 'user' && actor.role === 'unit') {
    throw new ForbiddenError('error.signalsForBoardsAndAdmins');
  }
}

/** The formalism signals of a model's current cycle year (board of its jurisdiction, administrators). */
export async function getSignals(deps: Deps, actor: Actor, modelId: string): Promise<ModelSignals> {
  assertMayReadSignals(actor);
  const model = await loadVisibleModel(deps, actor, modelId);
  const { events } = await modelTimeline(deps, model.id);
  return signalsOf(deps, model, events, actor);
}

/**
 * For a model already loaded within the caller's scope, with its audit events (the model page
 * has both). Reads: two report Gets, one task Get, at most one bounded Query, a Get per similar peer.
 */
export async function signalsOf(deps: Deps, model: Model, events: AuditEvent[], viewer: Actor): Promise<ModelSignals> {
  const year = model.cycleYear;
  const withPeers = getReport(deps, model.id, year).then(async (report) => ({
    report,
    // +1: the model's own report is in the same index partition. No report, nothing to compare.
    peers: report ? await boardReports(deps, model.boardId, year, { limit: MAX_PEER_REPORTS + 1 }) : [],
  }));
  const [{ report, peers }, previousReport, reportTask] = await Promise.all([
    withPeers,
    getReport(deps, model.id, year - 1),
    getTask(deps, model.id, year, 'YEARLY_REPORT'),
  ]);
  const peerReports = peers.filter((p) => p.modelId !== model.id).slice(0, MAX_PEER_REPORTS);
  // The task's dueAt moves on each re-open after a timeout; the first OVERDUE event keeps the first due date.
  const reportOverdueAt = events
    .filter((e) => e.type === 'OVERDUE' && e.stage === 'YEARLY_REPORT' && e.year === year)
    .map((e) => e.at)
    .sort()[0];
  const signals = computeSignals({
    // Models stored before indicators existed have none.
    model: { ...model, indicators: model.indicators ?? [] },
    report,
    previousReport,
    peerReports,
    reportTask,
    reportOverdueAt,
    now: deps.now(),
  });
  return {
    signals: await withPeerNames(deps, signals, viewer),
    peerCheck: { compared: peerReports.length, limit: MAX_PEER_REPORTS, truncated: peers.length > MAX_PEER_REPORTS },
  };
}

/**
 * The board recognizes a peer by its name, not its id (at most MAX_PEER_SIGNALS Gets). A peer
 * the viewer may not read by the draft rule is not named, nor listed at all.
 */
async function withPeerNames(deps: Deps, signals: Signal[], viewer: Actor): Promise<Signal[]> {
  const named = await Promise.all(
    signals.map(async (signal) => {
      if (signal.code !== 'REPORT_SIMILAR_TO_PEER') return signal;
      const peer = await getModel(deps, signal.params.peerModelId);
      if (peer && !draftRuleAllows(viewer, peer)) return undefined;
      return peer ? { ...signal, params: { ...signal.params, peerModelName: peer.name } } : signal;
    }),
  );
  return named.filter((signal): signal is Signal => signal !== undefined);
}
