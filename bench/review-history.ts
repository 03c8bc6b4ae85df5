/**
 * How many events one execution (part) of the yearly review writes to its history on AWS,
 * read off the ASL itself (pure). An inline Map records every iteration and its task in the
 * parent's history, and a Standard execution fails at 25,000 events: this is what bounds
 * REVIEW_SHAPE.pagesPerExecution. The local engine records top-level states only, so the
 * count comes from the definition, not from a run.
 */
export const AWS_HISTORY_LIMIT = 25_000;

type State = { Type: string; Next?: string; ItemProcessor?: { StartAt: string; States: Record<string, State> } };
type Asl = { StartAt: string; States: Record<string, State> };

/** Events per state on AWS: entered + exited, and for a Task scheduled + started + succeeded. */
const EVENTS_OF: Record<string, number> = { Task: 5, Pass: 2, Choice: 2, Succeed: 2 };
/** A retried task attempt adds scheduled + started + failed. */
const EVENTS_PER_RETRY = 3;
/** MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateExited; per iteration started + succeeded. */
const MAP_EVENTS = 4;
const MAP_EVENTS_PER_ITERATION = 2;

function eventsOf(asl: Asl, name: string, items: number): number {
  const state = asl.States[name];
  if (!state) throw new Error(`the review ASL has no state ${name}`);
  if (state.Type !== 'Map') return EVENTS_OF[state.Type] ?? 2;
  const inner = state.ItemProcessor!;
  const perItem = MAP_EVENTS_PER_ITERATION + EVENTS_OF[inner.States[inner.StartAt]!.Type]!;
  return MAP_EVENTS + items * perItem;
}

const sum = (asl: Asl, names: string[], items = 0) => names.reduce((total, name) => total + eventsOf(asl, name, items), 0);

export type PartHistory = { events: number; perPage: number; retriedAttempts: number; limit: number };

/**
 * The largest part: the first one (it also counts the waiting models), its full pages (a Map
 * iteration per batch of a page),
 * and the longer of its two endings (hand over to the next part, or finish the review),
 * plus `retriedAttempts` throttled releases retried by the ASL.
 */
export function reviewPartHistory(asl: Asl, shape: { pageSize: number; batchSize: number; pagesPerExecution: number }, retriedAttempts = 0): PartHistory {
  const execution = 2; // ExecutionStarted, ExecutionSucceeded
  const start = sum(asl, ['IsContinuation', 'InitReview', 'FirstPage']);
  const perPage = sum(asl, ['FetchPage', 'ReleasePage', 'RecordProgress', 'NextPage', 'HasMore'], Math.ceil(shape.pageSize / shape.batchSize));
  const end = Math.max(sum(asl, ['PrepareNextExecution', 'ContinueInNewExecution', 'ContinuedInNewExecution']), sum(asl, ['FinishReview']));
  return { events: execution + start + shape.pagesPerExecution * perPage + end + retriedAttempts * EVENTS_PER_RETRY, perPage, retriedAttempts, limit: AWS_HISTORY_LIMIT };
}
