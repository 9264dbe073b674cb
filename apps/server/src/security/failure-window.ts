/**
 * Failed sign-ins per account across the sources it has not signed in from before (issue 9): a
 * guesser spreading attempts over many addresses is slowed down, while the account's own familiar
 * source (where it last signed in successfully) is never held back by a stranger's failures.
 * In memory, per process: a fixed window per key, forgotten when it ends.
 */
export class FailureWindow {
  private readonly windows = new Map<string, { startMs: number; count: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly capacity = 100_000,
  ) {}

  /** Seconds until the key may try again (0: it may try now). */
  retryAfterSeconds(key: string, nowMs: number): number {
    const w = this.windows.get(key);
    if (!w || nowMs - w.startMs >= this.windowMs) return 0;
    return w.count >= this.max ? Math.ceil((w.startMs + this.windowMs - nowMs) / 1000) : 0;
  }

  private lastPruneMs = 0;

  /** True at most once an hour: time to forget old failure counts in the database. */
  pruneDue(nowMs: number): boolean {
    if (nowMs - this.lastPruneMs < 3_600_000) return false;
    this.lastPruneMs = nowMs;
    return true;
  }

  record(key: string, nowMs: number): void {
    const w = this.windows.get(key);
    if (!w || nowMs - w.startMs >= this.windowMs) {
      if (this.windows.size >= this.capacity) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(key, { startMs: nowMs, count: 1 });
    } else w.count++;
  }
}
