/**
 * How many events one execution (part) of the yearly review writes to its history on AWS,
 * read off the ASL itself (pure). An inline Map records every iteration and its task in the
 * parent's history, and a Standard execution fails at 25,000 events: this is what bounds
 * REVIEW_SHAPE.pagesPerExecution. The local engine records top-level states only, so the
 * count comes from the definition, not from a run.
 *
 * The states counted are found by walking the ASL, not named here: the page loop is the
 * shortest cycle through the (single) top-level Map state, the start is the longest path from
 * StartAt into that loop, the ending the longest path out of it to a terminal state, and an
 * iteration the longest path through the Map's ItemProcessor. Catch branches are not followed
 * (a caught batch is counted with the retried attempts). A transition to a state the ASL does
 * not have fails loudly.
 */
export const AWS_HISTORY_LIMIT = 25_000;

type Retrier = {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
};
type State = {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Retry?: Retrier[];
  Parameters?: Record<string, unknown>;
  ItemProcessor?: { StartAt: string; States: Record<string, State> };
};
export type Asl = { StartAt: string; States: Record<string, State> };

/** Events per state on AWS: entered + exited, and for a Task scheduled + started + succeeded. */
const EVENTS_OF: Record<string, number> = { Task: 5, Pass: 2, Choice: 2, Succeed: 2, Wait: 2, Fail: 1 };
/** A retried task attempt adds scheduled + started + failed. */
const EVENTS_PER_RETRY = 3;
/** MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateExited; per iteration started + succeeded. */
const MAP_EVENTS = 4;
const MAP_EVENTS_PER_ITERATION = 2;

const stateOf = (states: Record<string, State>, name: string): State => {
  const state = states[name];
  if (!state) throw new Error(`the review ASL has no state ${name}`);
  return state;
};

/** Where a state goes when nothing fails: Next, or a Choice's branches and Default. */
function successors(states: Record<string, State>, name: string): string[] {
  const s = stateOf(states, name);
  const next = [s.Next, ...(s.Choices ?? []).map((c) => c.Next), s.Default].filter((n): n is string => typeof n === 'string');
  for (const n of next) stateOf(states, n);
  return [...new Set(next)];
}

/** The longest simple path (by `weight`) from `from`, not through `avoid`, ending where `stop` says or at a terminal state. */
function longestPath(
  states: Record<string, State>,
  from: string,
  avoid: Set<string>,
  weight: (name: string) => number,
  stop: (name: string) => boolean,
): { names: string[]; weight: number } {
  let best = { names: [] as string[], weight: -1 };
  const walk = (name: string, path: string[], total: number) => {
    if (avoid.has(name) || path.includes(name)) return;
    const here = [...path, name];
    const sum = total + weight(name);
    const next = successors(states, name);
    if ((stop(name) || next.length === 0) && sum > best.weight) best = { names: here, weight: sum };
    for (const n of next) walk(n, here, sum);
  };
  walk(from, [], 0);
  return best;
}

/** The single top-level Map state of the review (the page's fan-out). */
function mapStateOf(asl: Asl): string {
  const maps = Object.entries(asl.States)
    .filter(([, s]) => s.Type === 'Map')
    .map(([name]) => name);
  if (maps.length !== 1) throw new Error(`the review ASL should have one top-level Map state, it has ${maps.length}`);
  return maps[0]!;
}

/** The page loop: the shortest cycle through the Map state, in order from the Map. */
function pageLoop(asl: Asl, map: string): string[] {
  const back = new Map<string, string>();
  const queue = [map];
  for (let i = 0; i < queue.length; i++) {
    for (const n of successors(asl.States, queue[i]!)) {
      if (n === map) {
        const loop = [queue[i]!];
        while (loop[0] !== map) loop.unshift(back.get(loop[0]!)!);
        return loop;
      }
      if (!back.has(n) && n !== map) {
        back.set(n, queue[i]!);
        queue.push(n);
      }
    }
  }
  throw new Error(`the review's Map state ${map} is not in a page loop`);
}

export type CountedStates = { start: string[]; page: string[]; iteration: string[]; end: string[] };

/** The states the history count is made of, found by walking the ASL. */
export function countedStates(asl: Asl): CountedStates {
  const map = mapStateOf(asl);
  const page = pageLoop(asl, map);
  const inLoop = new Set(page);
  const top = (name: string) => EVENTS_OF[stateOf(asl.States, name).Type] ?? 2;
  const start = longestPath(asl.States, asl.StartAt, inLoop, top, (name) => successors(asl.States, name).some((n) => inLoop.has(n)));
  const exits = page.flatMap((name) => successors(asl.States, name)).filter((n) => !inLoop.has(n));
  const ends = exits.map((n) => longestPath(asl.States, n, inLoop, top, () => false));
  const end = ends.reduce((a, b) => (b.weight > a.weight ? b : a), { names: [] as string[], weight: -1 });
  const inner = asl.States[map]!.ItemProcessor;
  if (!inner) throw new Error(`the review's Map state ${map} has no ItemProcessor`);
  const iteration = longestPath(
    inner.States,
    inner.StartAt,
    new Set(),
    (name) => EVENTS_OF[stateOf(inner.States, name).Type] ?? 2,
    () => false,
  );
  return { start: start.names, page, iteration: iteration.names, end: end.names };
}

/** The Map iteration's Retry on TransientError (what the simulation's Map retries follow). */
export function mapIterationRetry(asl: Asl): { intervalMs: number; backoffRate: number; maxDelayMs: number; maxAttempts: number } {
  const map = mapStateOf(asl);
  const inner = asl.States[map]!.ItemProcessor!;
  const retrier = stateOf(inner.States, inner.StartAt).Retry?.find(
    (r) => r.ErrorEquals.includes('TransientError') || r.ErrorEquals.includes('States.ALL'),
  );
  if (!retrier) throw new Error(`the review's Map iteration ${inner.StartAt} does not retry TransientError`);
  // ASL defaults: 1 s, 3 attempts, backoff 2; MaxDelaySeconds unset means no cap.
  return {
    intervalMs: (retrier.IntervalSeconds ?? 1) * 1000,
    backoffRate: retrier.BackoffRate ?? 2,
    maxDelayMs: (retrier.MaxDelaySeconds ?? 3600) * 1000,
    maxAttempts: retrier.MaxAttempts ?? 3,
  };
}

/** The `${...}` substitution keys of the Lambda functions the Map iteration invokes (to find its invocations in a run). */
export function mapIterationFunctionKeys(asl: Asl): string[] {
  const inner = asl.States[mapStateOf(asl)]!.ItemProcessor!;
  return Object.values(inner.States)
    .map((s) => s.Parameters?.FunctionName)
    .filter((f): f is string => typeof f === 'string')
    .map((f) => /^\$\{(.+)\}$/.exec(f)?.[1] ?? f);
}

export type PartHistory = { events: number; perPage: number; retriedAttempts: number; limit: number; states: CountedStates };

/**
 * The largest part: the longest start (the first part's: it also counts the waiting models),
 * its full pages (a Map iteration per batch of a page), and the longer of its endings (hand over
 * to the next part, or finish the review), plus `retriedAttempts` failed batch attempts.
 */
export function reviewPartHistory(
  asl: Asl,
  shape: { pageSize: number; batchSize: number; pagesPerExecution: number },
  retriedAttempts = 0,
): PartHistory {
  const states = countedStates(asl);
  const map = mapStateOf(asl);
  const inner = asl.States[map]!.ItemProcessor!;
  const top = (name: string) => EVENTS_OF[stateOf(asl.States, name).Type] ?? 2;
  const perIteration =
    MAP_EVENTS_PER_ITERATION + states.iteration.reduce((sum, name) => sum + (EVENTS_OF[stateOf(inner.States, name).Type] ?? 2), 0);
  const batches = Math.ceil(shape.pageSize / shape.batchSize);
  const perPage = states.page.reduce((sum, name) => sum + (name === map ? MAP_EVENTS + batches * perIteration : top(name)), 0);
  const execution = 2; // ExecutionStarted, ExecutionSucceeded
  const start = states.start.reduce((sum, name) => sum + top(name), 0);
  const end = states.end.reduce((sum, name) => sum + top(name), 0);
  return {
    events: execution + start + shape.pagesPerExecution * perPage + end + retriedAttempts * EVENTS_PER_RETRY,
    perPage,
    retriedAttempts,
    limit: AWS_HISTORY_LIMIT,
    states,
  };
}
