import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REVIEW_ASL_PATH, REVIEW_SHAPE } from '../workflows/review-functions.ts';
import { AWS_HISTORY_LIMIT, reviewPartHistory } from './review-history.ts';

const asl = JSON.parse(readFileSync(fileURLToPath(REVIEW_ASL_PATH), 'utf8'));
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

  it('stays under 25,000 events per part with the shipped shape, with room for a retry of every batch', () => {
    const batches = Math.ceil(REVIEW_SHAPE.pageSize / REVIEW_SHAPE.batchSize) * REVIEW_SHAPE.pagesPerExecution;
    expect(reviewPartHistory(asl, REVIEW_SHAPE).events).toBeLessThan(AWS_HISTORY_LIMIT);
    expect(reviewPartHistory(asl, REVIEW_SHAPE, batches).events).toBeLessThan(AWS_HISTORY_LIMIT);
    // One model per iteration and no parts: one execution would hold a board of only about 3,500 models.
    expect(reviewPartHistory(asl, shape(200, 1, 20_000 / 200)).events).toBeGreaterThan(AWS_HISTORY_LIMIT);
  });

  it('fails loudly when the ASL no longer has a state it counts', () => {
    const renamed = { ...asl, States: Object.fromEntries(Object.entries(asl.States).map(([name, s]) => [name === 'FetchPage' ? 'GetPage' : name, s])) };
    expect(() => reviewPartHistory(renamed, shape(200, 5, 1))).toThrow(/no state FetchPage/);
  });
});
