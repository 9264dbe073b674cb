/**
 * Values kept a few seconds by key, for things nearly every request needs and that change a few
 * times a year (projects, calendars and SLA rules). An edit in this process clears the cache at once;
 * another process sees the edit within `ttlMs` (decision 0004). Missing values are not cached.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; validUntilMs: number }>();
  constructor(
    private readonly ttlMs = 5_000,
    private readonly max = 5_000,
  ) {}

  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.entries.get(key);
    if (hit && hit.validUntilMs > Date.now()) return hit.value;
    const value = await load();
    if (value !== null) {
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, validUntilMs: Date.now() + this.ttlMs });
    }
    return value;
  }

  /** Many keys at once: the hits from the cache, the rest by one `loadMany` (a page's units or owners). */
  async getMany(keys: readonly string[], loadMany: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
    const now = Date.now();
    const out = new Map<string, V>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const hit = this.entries.get(key);
      if (hit && hit.validUntilMs > now) out.set(key, hit.value);
      else missing.push(key);
    }
    if (missing.length === 0) return out;
    const loaded = await loadMany(missing);
    for (const [key, value] of loaded) {
      out.set(key, value);
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, validUntilMs: now + this.ttlMs });
    }
    return out;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
