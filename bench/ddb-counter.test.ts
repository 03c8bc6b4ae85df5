import { describe, expect, it } from 'vitest';
import { machineOfEventKey, statesEnteredIn } from './ddb-counter.ts';

describe('the DynamoDB counter', () => {
  it("reads the state machine off a history event's key", () => {
    expect(machineOfEventKey('EXEC#arn:aws:states:ap-southeast-1:000000000000:execution:yearly-review:annual-review-ALL-2026')).toBe(
      'yearly-review',
    );
    expect(machineOfEventKey('EXEC#arn:aws:states:ap-southeast-1:000000000000:execution:model-lifecycle:m1-y2026')).toBe('model-lifecycle');
    expect(machineOfEventKey(undefined)).toBe('?');
  });

  it('counts the states entered in a packed history item and in a one-event item of an earlier version', () => {
    const events = [{ type: 'ExecutionStarted' }, { type: 'TaskStateEntered' }, { type: 'TaskScheduled' }, { type: 'ChoiceStateEntered' }];
    expect(statesEnteredIn({ pk: 'EXEC#x', sk: 'EV#00000001', lastId: 4, events })).toBe(2);
    expect(statesEnteredIn({ pk: 'EXEC#x', sk: 'EV#00000002', id: 2, type: 'PassStateEntered' })).toBe(1);
    expect(statesEnteredIn({ pk: 'EXEC#x', sk: 'TASK#a', status: 'SUCCEEDED' })).toBe(0);
    expect(statesEnteredIn(undefined)).toBe(0);
  });
});
