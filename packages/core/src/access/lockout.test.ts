import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailedLogin, lockedMinutesLeft, type LockoutState } from './lockout.ts';

const rule = { maxFailures: 5, lockoutMinutes: 15 };
const now = '2026-11-25T02:00:00.000Z';

describe('login lockout', () => {
  it('the fifth wrong password in a row locks for 15 minutes and restarts the count', () => {
    let state: LockoutState | null = null;
    for (let i = 1; i <= 4; i += 1) {
      const next = afterFailedLogin(state, rule, now);
      expect(next).toEqual({ failedLogins: i, lockedUntil: null, locked: false });
      state = next;
    }
    const locked = afterFailedLogin(state, rule, now);
    expect(locked).toEqual({ failedLogins: 0, lockedUntil: '2026-11-25T02:15:00.000Z', locked: true });
    expect(lockedMinutesLeft(locked, now)).toBe(15);
    expect(lockedMinutesLeft(locked, '2026-11-25T02:14:01.000Z')).toBe(1);
    expect(lockedMinutesLeft(locked, '2026-11-25T02:15:00.000Z')).toBe(0);
    expect(lockedMinutesLeft(null, now)).toBe(0);
  });

  it('property: an account locks exactly on every maxFailures-th consecutive failure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 40 }), (maxFailures, attempts) => {
        let state: LockoutState | null = null;
        let locks = 0;
        for (let i = 1; i <= attempts; i += 1) {
          const next = afterFailedLogin(state, { maxFailures, lockoutMinutes: 15 }, now);
          expect(next.locked).toBe(i % maxFailures === 0);
          if (next.locked) locks += 1;
          expect(next.failedLogins).toBeLessThan(maxFailures);
          state = next;
        }
        expect(locks).toBe(Math.floor(attempts / maxFailures));
      }),
    );
  });
});
