/**
 * Login lockout (SPEC §13): after `maxFailures` wrong passwords in a row an account is locked for
 * `lockoutMinutes`; the count starts again after the lock. The same rule serves staff and owners.
 */
export interface LockoutRule {
  maxFailures: number;
  lockoutMinutes: number;
}

export interface LockoutState {
  failedLogins: number;
  lockedUntil: string | null;
}

/** Minutes left on a lock at `now` (rounded up), or 0 when the account is not locked. */
export function lockedMinutesLeft(state: LockoutState | null, now: string): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.ceil((Date.parse(state.lockedUntil) - Date.parse(now)) / 60_000);
}

/** The state after one more wrong password at `now`. */
export function afterFailedLogin(state: LockoutState | null, rule: LockoutRule, now: string): LockoutState & { locked: boolean } {
  const failed = (state?.failedLogins ?? 0) + 1;
  if (failed >= rule.maxFailures) {
    return { failedLogins: 0, lockedUntil: new Date(Date.parse(now) + rule.lockoutMinutes * 60_000).toISOString(), locked: true };
  }
  return { failedLogins: failed, lockedUntil: state?.lockedUntil ?? null, locked: false };
}
