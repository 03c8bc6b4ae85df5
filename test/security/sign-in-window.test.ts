import { afterAll, describe, expect, it } from 'vitest';
import { TooManyRequestsError } from '../../core/errors.ts';
import { LIMITS, releaseAttempt, reserveAttempt, WINDOW_SECONDS, type Subject } from '../../core/store/sign-in-limits-store.ts';
import { freshTable } from '../support/fresh-table.ts';
import { recordCounts } from '../support/reliability-counts.ts';

/** Finding 11: fixed 15-minute windows let 8 tries through around a boundary. */
const counts = { attacksTried: 0, attacksDenied: 0 };
afterAll(() => recordCounts('security-sign-in-window', counts));

describe('failed sign-ins are counted in a sliding 15-minute window', () => {
  it('lets no more than 5 failures through in any 15 minutes, across what used to be a window boundary', async () => {
    const table = await freshTable('window');
    let clock = Date.UTC(2026, 11, 2, 8, 14, 0); // 08:14, a minute before the old 08:15 boundary
    const deps = { ...table, now: () => new Date(clock) };
    const user: Subject = { kind: 'USER', id: 'donvi.halong' };
    const tryOnce = async (id: string) => {
      counts.attacksTried++;
      try {
        await reserveAttempt(deps, [user], id); // counted, password wrong: it stays counted
        return true;
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) throw error;
        counts.attacksDenied++;
        return false;
      }
    };
    // Four guesses just before the old boundary, then every 10 s across it for two minutes.
    const passed: boolean[] = [];
    for (let i = 0; i < 4; i++) passed.push(await tryOnce(`a${i}`));
    for (let i = 0; i < 12; i++) {
      clock += 10_000;
      passed.push(await tryOnce(`b${i}`));
    }
    expect(passed.filter(Boolean)).toHaveLength(LIMITS.USER);
    // 15 minutes after the first four, those four may be tried again, not a fresh five (b0 still counts).
    clock = Date.UTC(2026, 11, 2, 8, 14, 0) + WINDOW_SECONDS * 1000 + 1000;
    for (let i = 0; i < 4; i++) expect(await tryOnce(`c${i}`)).toBe(true);
    expect(await tryOnce('c4')).toBe(false);
  });

  it('an attempt whose password was right is taken back from the address', async () => {
    const table = await freshTable('window');
    const deps = { ...table, now: () => new Date() };
    const office: Subject = { kind: 'IP', id: '10.0.0.1' };
    for (let i = 0; i < LIMITS.IP * 2; i++) {
      await reserveAttempt(deps, [office], `ok${i}`);
      await releaseAttempt(deps, office, `ok${i}`);
    }
    await expect(reserveAttempt(deps, [office], 'next')).resolves.toBeUndefined();
  });
});
