import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REVIEW_ASL_PATH, REVIEW_SHAPE } from '../workflows/review-functions.ts';
import { AWS_HISTORY_LIMIT, reviewPartHistory } from './review-history.ts';

const asl = JSON.parse(readFileSync(fileURLToPath(REVIEW_ASL_PATH), 'utf8'));

describe("a review execution's history on AWS", () => {
  it('counts a page as its top-level states plus seven events per released model', () => {
    // FetchPage 5 + Map 4 + 200 × (2 + 5) + RecordProgress 5 + NextPage 2 + HasMore 2
    expect(reviewPartHistory(asl, 200, 1).perPage).toBe(5 + 4 + 200 * 7 + 5 + 2 + 2);
    const one = reviewPartHistory(asl, 200, 1).events;
    expect(reviewPartHistory(asl, 200, 2).events - one).toBe(1418);
    expect(reviewPartHistory(asl, 200, 1, 10).events - one).toBe(30);
  });

  it('stays under 25,000 events per part with the shipped shape, with room for a retry of every release', () => {
    const releases = REVIEW_SHAPE.pageSize * REVIEW_SHAPE.pagesPerExecution;
    expect(reviewPartHistory(asl, REVIEW_SHAPE.pageSize, REVIEW_SHAPE.pagesPerExecution).events).toBeLessThan(AWS_HISTORY_LIMIT);
    expect(reviewPartHistory(asl, REVIEW_SHAPE.pageSize, REVIEW_SHAPE.pagesPerExecution, releases).events).toBeLessThan(AWS_HISTORY_LIMIT);
    // Without parts, one execution would hold a board of only about 3,500 models.
    expect(reviewPartHistory(asl, REVIEW_SHAPE.pageSize, 20_000 / REVIEW_SHAPE.pageSize).events).toBeGreaterThan(AWS_HISTORY_LIMIT);
  });

  it('fails loudly when the ASL no longer has a state it counts', () => {
    const renamed = { ...asl, States: Object.fromEntries(Object.entries(asl.States).map(([name, s]) => [name === 'FetchPage' ? 'GetPage' : name, s])) };
    expect(() => reviewPartHistory(renamed, 200, 1)).toThrow(/no state FetchPage/);
  });
});
