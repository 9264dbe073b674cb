import type { Actor } from '@guanjia/core';

/**
 * Resolved actors by token hash, kept a few seconds so that a busy client does not cost three
 * queries a request. Any change to accounts, sessions or tokens in this process clears it at once;
 * another process sees such a change within `ttlMs` (docs/decisions/0004). The seconds are the app's
 * clock (`now`, as the sessions' expiry is): an entry never outlives the moment its session should
 * have slid, whatever the clock (a test's clock moves hours in a few real seconds).
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor; validUntilMs: number; sessionExpiresAt: string | null }>();
  constructor(
    private readonly ttlMs = 5_000,
    private readonly max = 10_000,
  ) {}

  get(tokenHash: string, now: string): Actor | null {
    const e = this.entries.get(tokenHash);
    if (!e) return null;
    if (e.validUntilMs < Date.parse(now) || (e.sessionExpiresAt !== null && e.sessionExpiresAt <= now)) {
      this.entries.delete(tokenHash);
      return null;
    }
    return e.actor;
  }

  set(tokenHash: string, actor: Actor, sessionExpiresAt: string | null, now: string): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { actor, validUntilMs: Date.parse(now) + this.ttlMs, sessionExpiresAt });
  }

  clear(): void {
    this.entries.clear();
  }
}
