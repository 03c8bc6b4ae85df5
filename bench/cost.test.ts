import { describe, expect, it } from 'vitest';
import { costPerModelYear } from './cost.ts';

describe('AWS cost per model-year', () => {
  it('prices transitions, Lambda requests and GB-seconds, and DynamoDB units at the listed rates', () => {
    const cost = costPerModelYear({
      transitions: 1000,
      lambdas: [{ name: 'web', invocations: 1_000_000, avgMs: 100, memoryMb: 1024 }],
      writeUnits: 1_000_000,
      readUnits: 2_000_000,
    });
    expect(cost.stepFunctions).toBeCloseTo(0.025, 10);
    expect(cost.lambdaRequests).toBeCloseTo(0.2, 10);
    expect(cost.lambdaCompute).toBeCloseTo(100_000 * 0.0000133334, 10); // 1M × 0.1 s × 1 GB
    expect(cost.dynamoWrites).toBeCloseTo(0.625, 10);
    expect(cost.dynamoReads).toBeCloseTo(0.25, 10);
    expect(cost.total).toBeCloseTo(0.025 + 0.2 + 1.33334 + 0.625 + 0.25, 8);
  });

  it('bills each invocation at least a whole millisecond, scaled by memory', () => {
    const cost = costPerModelYear({
      transitions: 0,
      lambdas: [{ name: 'step', invocations: 1000, avgMs: 0.2, memoryMb: 512 }],
      writeUnits: 0,
      readUnits: 0,
    });
    expect(cost.lambdaCompute).toBeCloseTo(1000 * 0.001 * 0.5 * 0.0000133334, 14);
  });
});
