import { describe, expect, it } from 'vitest';
import { machineOfEventKey } from './ddb-counter.ts';

describe('the DynamoDB counter', () => {
  it("reads the state machine off a history event's key", () => {
    expect(machineOfEventKey('EXEC#arn:aws:states:ap-southeast-1:000000000000:execution:yearly-review:annual-review-ALL-2026')).toBe(
      'yearly-review',
    );
    expect(machineOfEventKey('EXEC#arn:aws:states:ap-southeast-1:000000000000:execution:model-lifecycle:m1-y2026')).toBe('model-lifecycle');
    expect(machineOfEventKey(undefined)).toBe('?');
  });
});
