import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REVIEW_ASL_PATH, REVIEW_FUNCTIONS, REVIEW_SHAPE } from '../workflows/review-functions.ts';
import { AWS_HISTORY_LIMIT, countedStates, mapIterationFunctionKeys, reviewPartHistory, type Asl } from './review-history.ts';

const asl = JSON.parse(readFileSync(fileURLToPath(REVIEW_ASL_PATH), 'utf8')) as Asl;
const stateOf = (name: string) => {
  const state = asl.States[name];
  if (!state) throw new Error(`the review ASL has no state ${name}`);
  return state;
};
const shape = (pageSize: number, batchSize: number, pagesPerExecution: number) => ({ pageSize, batchSize, pagesPerExecution });
describe("a review execution's history on AWS", () => {
  it('counts a page as its top-level states plus seven events per Map iteration (one per batch)', () => {
    // FetchPage 5 + Map 4 + 40 batches × (2 + 5) + RecordProgress 5 + NextPage 2 + HasMore 2
    expect(reviewPartHistory(asl, shape(200, 5, 1)).perPage).toBe(5 + 4 + 40 * 7 + 5 + 2 + 2);
    expect(reviewPartHistory(asl, shape(200, 1, 1)).perPage).toBe(5 + 4 + 200 * 7 + 5 + 2 + 2);
    const one = reviewPartHistory(asl, shape(200, 5, 1)).events;
    expect(reviewPartHistory(asl, shape(200, 5, 2)).events - one).toBe(298);
    expect(reviewPartHistory(asl, shape(200, 5, 1), 10).events - one).toBe(30);
  });

  it('finds the states it counts by walking the ASL: the longest start, the page loop, the Map iteration, the longest ending', () => {
    expect(countedStates(asl)).toEqual({
      start: ['IsContinuation', 'InitReview', 'FirstPage'],
      page: ['ReleasePage', 'RecordProgress', 'NextPage', 'HasMore', 'FetchPage'],
      iteration: ['ReleaseModels'],
      end: ['PrepareNextExecution', 'ContinueInNewExecution', 'ContinuedInNewExecution'],
    });
    expect(mapIterationFunctionKeys(asl).map((key) => (REVIEW_FUNCTIONS as Record<string, string>)[key])).toContain('review-release');
  });

  it('follows a Map iteration state renamed consistently, and counts a state added to the page loop', () => {
    const map = stateOf('ReleasePage');
    const inner = map.ItemProcessor!;
    const { ReleaseModels, ...rest } = inner.States;
    const iterationRenamed = {
      ...asl,
      States: {
        ...asl.States,
        ReleasePage: { ...map, ItemProcessor: { ...inner, StartAt: 'StartCycles', States: { ...rest, StartCycles: ReleaseModels! } } },
      },
    };
    expect(countedStates(iterationRenamed).iteration).toEqual(['StartCycles']);
    expect(reviewPartHistory(iterationRenamed, REVIEW_SHAPE).events).toBe(reviewPartHistory(asl, REVIEW_SHAPE).events);

    const withPause = {
      ...asl,
      States: { ...asl.States, NextPage: { ...stateOf('NextPage'), Next: 'Pause' }, Pause: { Type: 'Wait', Seconds: 1, Next: 'HasMore' } },
    };
    expect(countedStates(withPause).page).toContain('Pause');
    expect(reviewPartHistory(withPause, shape(200, 5, 1)).perPage - reviewPartHistory(asl, shape(200, 5, 1)).perPage).toBe(2);
  });

  it('stays under 25,000 events per part with the shipped shape, with room for a retry of every batch', () => {
    const batches = Math.ceil(REVIEW_SHAPE.pageSize / REVIEW_SHAPE.batchSize) * REVIEW_SHAPE.pagesPerExecution;
    expect(reviewPartHistory(asl, REVIEW_SHAPE).events).toBeLessThan(AWS_HISTORY_LIMIT);
    expect(reviewPartHistory(asl, REVIEW_SHAPE, batches).events).toBeLessThan(AWS_HISTORY_LIMIT);
    // One model per iteration and no parts: one execution would hold a board of only about 3,500 models.
    expect(reviewPartHistory(asl, shape(200, 1, 20_000 / 200)).events).toBeGreaterThan(AWS_HISTORY_LIMIT);
  });

  it('fails loudly when the ASL no longer has a state it counts', () => {
    const renamedKey = {
      ...asl,
      States: Object.fromEntries(Object.entries(asl.States).map(([name, s]) => [name === 'FetchPage' ? 'GetPage' : name, s])),
    };
    expect(() => reviewPartHistory(renamedKey, shape(200, 5, 1))).toThrow(/no state FetchPage/);
    const inner = stateOf('ReleasePage').ItemProcessor!;
    const danglingIteration = {
      ...asl,
      States: { ...asl.States, ReleasePage: { ...stateOf('ReleasePage'), ItemProcessor: { ...inner, StartAt: 'StartCycles' } } },
    };
    expect(() => reviewPartHistory(danglingIteration, shape(200, 5, 1))).toThrow(/no state StartCycles/);
    const noMap = { ...asl, States: { ...asl.States, ReleasePage: { Type: 'Pass', Next: 'RecordProgress' } } };
    expect(() => reviewPartHistory(noMap, shape(200, 5, 1))).toThrow(/one top-level Map state/);
  });
});
