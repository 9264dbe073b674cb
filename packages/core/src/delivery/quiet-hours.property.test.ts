import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalClock } from '../calendar/local-clock.ts';
import { isQuietAt, quietEndsAt, type QuietSpan } from './quiet-hours.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const clocks = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'].map((z) => new LocalClock(z));
const clock = fc.constantFrom(...clocks);

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
// whole hours and half hours often (so spans touch and chain), any minute sometimes
const timeOfDay = fc
  .oneof(
    fc.integer({ min: 0, max: 23 }).map((h) => h * 60),
    fc.integer({ min: 0, max: 47 }).map((h) => h * 30),
    fc.integer({ min: 0, max: 1439 }),
  )
  .map(hhmm);
const span: fc.Arbitrary<QuietSpan> = fc.record({ from: timeOfDay, to: timeOfDay });
const spans = fc.array(span, { maxLength: 4 });

// any instant of 2026, or one within two days of a daylight-saving change (New York, London, Sydney)
const transitions = [
  Date.UTC(2026, 2, 8, 7),
  Date.UTC(2026, 10, 1, 6),
  Date.UTC(2026, 2, 29, 1),
  Date.UTC(2026, 9, 25, 1),
  Date.UTC(2026, 3, 4, 16),
  Date.UTC(2026, 9, 3, 16),
];
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([t, d]) => t + d),
);

function coversWholeDay(s: readonly QuietSpan[], c: LocalClock): boolean {
  // a fixed-offset instant per minute of one local day
  const start = c.instantOf('2026-06-15', 0);
  for (let m = 0; m < 1440; m += 1) if (!isQuietAt(s, start + m * MINUTE, c)) return false;
  return true;
}

describe('免打扰: quiet spans in the owner’s local time', () => {
  it('the quiet time ends at or after the instant asked about', () => {
    fc.assert(
      fc.property(spans, instant, clock, (s, at, c) => {
        expect(quietEndsAt(s, at, c)).toBeGreaterThanOrEqual(at);
      }),
    );
  });

  it('the end of the quiet time is not quiet (unless the whole day is covered, then it is the instant itself)', () => {
    fc.assert(
      fc.property(spans, instant, clock, (s, at, c) => {
        const end = quietEndsAt(s, at, c);
        if (coversWholeDay(s, c)) expect(end).toBe(at);
        else expect(isQuietAt(s, end, c)).toBe(false);
      }),
    );
  });

  it('an instant outside every span is its own end', () => {
    fc.assert(
      fc.property(spans, instant, clock, (s, at, c) => {
        fc.pre(!isQuietAt(s, at, c));
        expect(quietEndsAt(s, at, c)).toBe(at);
      }),
    );
  });

  it('every minute between the instant and the end of the quiet time is quiet', () => {
    fc.assert(
      fc.property(spans, instant, clock, (s, at, c) => {
        const end = quietEndsAt(s, at, c);
        for (let t = at; t < end; t += MINUTE) expect(isQuietAt(s, t, c)).toBe(true);
        if (end > at) expect(isQuietAt(s, end - 1, c)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('a span wrapping past midnight behaves like its two halves', () => {
    fc.assert(
      fc.property(timeOfDay, timeOfDay, spans, instant, clock, (from, to, others, at, c) => {
        fc.pre(to < from && to !== '00:00');
        const whole = [...others, { from, to }];
        const halves = [...others, { from, to: '00:00' }, { from: '00:00', to }];
        expect(isQuietAt(halves, at, c)).toBe(isQuietAt(whole, at, c));
        expect(quietEndsAt(halves, at, c)).toBe(quietEndsAt(whole, at, c));
      }),
    );
  });
});

describe('免打扰: examples', () => {
  const shanghai = new LocalClock('Asia/Shanghai');
  const newYork = new LocalClock('America/New_York');
  const night = [{ from: '21:00', to: '08:00' }];

  it('21:00→08:00 in Shanghai: quiet at 22:30 until 08:00 the next morning, not at 08:00 or 20:59', () => {
    const at = Date.parse('2026-11-25T22:30:00+08:00');
    expect(isQuietAt(night, at, shanghai)).toBe(true);
    expect(quietEndsAt(night, at, shanghai)).toBe(Date.parse('2026-11-26T08:00:00+08:00'));
    expect(quietEndsAt(night, Date.parse('2026-11-26T07:59:30+08:00'), shanghai)).toBe(Date.parse('2026-11-26T08:00:00+08:00'));
    expect(isQuietAt(night, Date.parse('2026-11-26T08:00:00+08:00'), shanghai)).toBe(false);
    expect(isQuietAt(night, Date.parse('2026-11-25T20:59:59+08:00'), shanghai)).toBe(false);
  });

  it('spans that touch or overlap chain together', () => {
    const chained = [
      { from: '12:00', to: '14:00' },
      { from: '21:00', to: '23:00' },
      { from: '22:30', to: '07:00' },
      { from: '07:00', to: '08:30' },
    ];
    expect(quietEndsAt(chained, Date.parse('2026-11-25T21:10:00+08:00'), shanghai)).toBe(Date.parse('2026-11-26T08:30:00+08:00'));
    expect(quietEndsAt(chained, Date.parse('2026-11-25T13:00:00+08:00'), shanghai)).toBe(Date.parse('2026-11-25T14:00:00+08:00'));
  });

  it('from === to is no quiet time; a malformed span is ignored', () => {
    const at = Date.parse('2026-11-25T23:00:00+08:00');
    expect(isQuietAt([{ from: '22:00', to: '22:00' }], at, shanghai)).toBe(false);
    expect(isQuietAt([{ from: '9pm', to: '08:00' }], at, shanghai)).toBe(false);
    expect(quietEndsAt([{ from: '22:00', to: '24:00' }], at, shanghai)).toBe(at);
  });

  it('spans covering the whole day are quiet, yet do not hold a message back', () => {
    const always = [
      { from: '08:00', to: '20:00' },
      { from: '20:00', to: '08:00' },
    ];
    const at = Date.parse('2026-11-25T10:00:00+08:00');
    expect(isQuietAt(always, at, shanghai)).toBe(true);
    expect(quietEndsAt(always, at, shanghai)).toBe(at);
  });

  it('New York, spring forward: a span ending inside the skipped hour ends when the clock jumps', () => {
    // 2026-03-08 02:00 EST becomes 03:00 EDT (07:00 UTC)
    const span = [{ from: '01:00', to: '02:30' }];
    expect(quietEndsAt(span, Date.parse('2026-03-08T01:30:00-05:00'), newYork)).toBe(Date.parse('2026-03-08T07:00:00Z'));
  });

  it('New York, fall back: the repeated hour is quiet twice', () => {
    // 2026-11-01 02:00 EDT becomes 01:00 EST (06:00 UTC)
    const span = [{ from: '00:30', to: '01:30' }];
    expect(quietEndsAt(span, Date.parse('2026-11-01T01:10:00-04:00'), newYork)).toBe(Date.parse('2026-11-01T01:30:00-04:00'));
    expect(quietEndsAt(span, Date.parse('2026-11-01T01:10:00-05:00'), newYork)).toBe(Date.parse('2026-11-01T01:30:00-05:00'));
    expect(isQuietAt(span, Date.parse('2026-11-01T01:45:00-04:00'), newYork)).toBe(false);
  });
});
