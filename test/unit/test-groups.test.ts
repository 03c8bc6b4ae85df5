import { globSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEAKS_STATE, OWN_MODULES, SHARED_MODULES } from '../support/test-groups.ts';

describe('test files that share their worker’s modules', () => {
  // This file names what leaks in its examples; it changes none of it.
  const self = 'test/unit/test-groups.test.ts';
  const shared = SHARED_MODULES.flatMap((pattern) => globSync(pattern)).filter((file) => file !== self && !OWN_MODULES.includes(file));

  it('change nothing that would leak into the next file (env, mocked modules, fake timers)', () => {
    expect(shared.length).toBeGreaterThan(50);
    const leaking = shared.filter((file) => LEAKS_STATE.test(readFileSync(file, 'utf8')));
    expect(leaking, 'add these to OWN_MODULES in test/support/test-groups.ts').toEqual([]);
  });

  it('the files run on their own are the ones that need it, and exist', () => {
    for (const file of OWN_MODULES) expect(LEAKS_STATE.test(readFileSync(file, 'utf8')), file).toBe(true);
  });

  it('the guard recognises what leaks', () => {
    for (const text of [
      "vi.mock('x')",
      'process.env.TABLE_NAME = "t"',
      "process.env['A'] = '1'",
      'vi.useFakeTimers()',
      'mockClient(X)',
      'delete process.env.A',
    ])
      expect(LEAKS_STATE.test(text), text).toBe(true);
    for (const text of ['process.env.TABLE_NAME === "t"', 'const a = process.env.A;', "inject('dynamoEndpoint')"])
      expect(LEAKS_STATE.test(text), text).toBe(false);
  });
});
