/**
 * Values kept a few seconds by key, for things nearly every request needs and that change a few
 * times a year (projects, calendars and SLA rules). An edit in this process clears the cache at once;
 * another process sees the edit within `ttlMs` (decision 0004). Missing values are not cached.
 * Callers that miss the same key together share one load (when an entry expires under load, one
 * query instead of one per waiting request); a load that was under way when the cache was cleared
 * answers its own callers but is not kept.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; validUntilMs: number }>();
  private readonly loading = new Map<string, Promise<V | null>>();
  /** Bumped by every delete and clear: a load started before one is not stored. */
  private generation = 0;
  constructor(
    private readonly ttlMs = 5_000,
    private readonly max = 5_000,
  ) {}

  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.entries.get(key);
    if (hit && hit.validUntilMs > Date.now()) return hit.value;
    const under = this.loading.get(key);
    if (under) return under;
    const generation = this.generation;
    const loaded = load().then(
      (value) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        if (value !== null && generation === this.generation) {
          if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(key, { value, validUntilMs: Date.now() + this.ttlMs });
        }
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
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
    const generation = this.generation;
    const loaded = await loadMany(missing);
    for (const [key, value] of loaded) {
      out.set(key, value);
      if (generation !== this.generation) continue;
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, validUntilMs: now + this.ttlMs });
    }
    return out;
  }

  delete(key: string): void {
    this.generation++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }
}
