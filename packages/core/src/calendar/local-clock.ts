/**
 * Local dates and times of one IANA time zone, fast: zones with a fixed offset (Asia/Shanghai) are
 * pure arithmetic; zones with daylight saving ask Intl once per UTC hour and remember.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

export class LocalClock {
  /** Fixed offset in ms (local − UTC), or null when the zone changes its offset. */
  private readonly fixedOffset: number | null;
  private readonly format: Intl.DateTimeFormat;
  private readonly offsetsByHour = new Map<number, number>();

  static isValidTimeZone(timeZone: string): boolean {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      return true;
    } catch {
      return false;
    }
  }

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // Sample the offset across two years (both solstices and equinoxes): the same everywhere → fixed.
    const samples = [0, 1, 2, 3, 4, 5, 6, 7].map((q) => this.measureOffset(Date.UTC(2025, 0, 15) + q * 91 * DAY));
    this.fixedOffset = samples.every((o) => o === samples[0]) ? samples[0]! : null;
  }

  /** Local minus UTC, in ms, at an instant. */
  offsetAt(at: number): number {
    if (this.fixedOffset !== null) return this.fixedOffset;
    const hour = Math.floor(at / HOUR);
    let offset = this.offsetsByHour.get(hour);
    if (offset === undefined) {
      offset = this.measureOffset(hour * HOUR);
      this.offsetsByHour.set(hour, offset);
    }
    return offset;
  }

  /** Days since 1970-01-01 of the local date of an instant. */
  dayNumberOf(at: number): number {
    return Math.floor((at + this.offsetAt(at)) / DAY);
  }

  dateOfDayNumber(day: number): string {
    return new Date(day * DAY).toISOString().slice(0, 10);
  }

  /** The instant of a local date and minute of day (a time skipped by a DST jump maps past the gap). */
  instantOf(date: string, minuteOfDay: number): number {
    const local = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
    if (this.fixedOffset !== null) return local - this.fixedOffset;
    let guess = local - this.offsetAt(local);
    guess = local - this.offsetAt(guess);
    return guess;
  }

  private measureOffset(at: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
    return asUtc - Math.floor(at / 1000) * 1000;
  }
}

const clocks = new Map<string, LocalClock>();
/** The instant (ISO) a local date begins in a time zone: report periods are local months and days. */
export function startOfLocalDate(date: string, timeZone: string): string {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new LocalClock(timeZone)));
  return new Date(clock.instantOf(date, 0)).toISOString();
}
