/** Instants are ISO-8601 UTC strings ('2026-11-25T03:00:00.000Z') everywhere; these helpers stay pure. */
export function toInstant(ms: number): string {
  return new Date(ms).toISOString();
}

export function addMinutes(instant: string, minutes: number): string {
  return toInstant(Date.parse(instant) + minutes * 60_000);
}

export function isAfter(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

/** Normalizes any ISO-8601 instant with an offset to the canonical UTC form, or null if invalid. */
export function normalizeInstant(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : toInstant(ms);
}
