import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NIGHT_CHECKS_PER_MONTH, nightCheckPace, nightCheckReminders, nightsInMonth } from './night-checks.ts';
import { qualityDuties, quarterOf } from './quality-duties.ts';
import { isNightTime, nightDateOf } from './scored-checks.ts';

/** Issue 15 item 1: when a night check counts, the reminders of a month falling behind, the quality department's checks owed. */
const month = fc.integer({ min: 0, max: 23 }).map((i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const dateIn = (m: string, d: number) => `${m}-${String(Math.min(d, nightsInMonth(m))).padStart(2, '0')}`;
const nextMonthsFirst = (m: string) =>
  m.endsWith('-12') ? `${Number(m.slice(0, 4)) + 1}-01-01` : `${m.slice(0, 5)}${String(Number(m.slice(5, 7)) + 1).padStart(2, '0')}-01`;

describe('night hours (20:00–06:00 local)', () => {
  it('an instant is at night exactly when its local hour is 20–23 or 0–5, and a night instant counts for the evening it belongs to', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 730 * 24 * 60 }), (minutes) => {
        const instant = new Date(Date.UTC(2025, 0, 1) + minutes * 60_000).toISOString();
        const localHour = new Date(Date.parse(instant) + 8 * 3_600_000).getUTCHours(); // Shanghai keeps UTC+8
        expect(isNightTime(instant, 'Asia/Shanghai')).toBe(localHour >= 20 || localHour < 6);
        if (isNightTime(instant, 'Asia/Shanghai')) {
          const evening = new Date(Date.parse(instant) + 8 * 3_600_000 - (localHour < 6 ? 86_400_000 : 0)).toISOString().slice(0, 10);
          expect(nightDateOf(instant, 'Asia/Shanghai')).toBe(evening);
        }
      }),
    );
    expect(isNightTime('2026-11-25T11:59:00.000Z', 'Asia/Shanghai')).toBe(false); // 19:59
    expect(isNightTime('2026-11-25T12:00:00.000Z', 'Asia/Shanghai')).toBe(true); // 20:00
    expect(isNightTime('2026-11-25T21:59:00.000Z', 'Asia/Shanghai')).toBe(true); // 05:59
    expect(isNightTime('2026-11-25T22:00:00.000Z', 'Asia/Shanghai')).toBe(false); // 06:00
  });
});

describe('night-check reminders (夜间查岗提醒)', () => {
  const input = month.chain((m) =>
    fc.record({
      m: fc.constant(m),
      done: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { maxLength: 8 }).map((ds) => [...new Set(ds.map((d) => dateIn(m, d)))]),
      warning: fc.option(
        fc.record({ from: fc.integer({ min: 1, max: 31 }), span: fc.integer({ min: 0, max: 5 }) }).map((w) => ({
          id: 'w',
          fromDate: dateIn(m, w.from),
          toDate: dateIn(m, w.from + w.span),
        })),
      ),
      current: fc.integer({ min: 1, max: 33 }),
    }),
  );

  it('name only warning nights that are over and were not checked, and fall behind only below the pace', () => {
    fc.assert(
      fc.property(input, ({ m, done, warning, current }) => {
        // a night past the month's last is the next month's first
        const night = current > nightsInMonth(m) ? nextMonthsFirst(m) : dateIn(m, current);
        const told = nightCheckReminders(m, done, warning ? [warning] : [], night);
        expect(new Set(told.map((r) => r.subject)).size).toBe(told.length);
        for (const r of told) {
          if (r.kind === 'warning_night_missed') {
            expect(done).not.toContain(r.night);
            expect(r.night < night && r.night >= warning!.fromDate && r.night <= warning!.toDate).toBe(true);
          } else {
            expect(r.done).toBe(done.length);
            expect(r.expected).toBe(nightCheckPace(m, night));
            expect(r.done).toBeLessThan(r.expected);
          }
        }
        // four nights checked: never behind
        if (done.length >= NIGHT_CHECKS_PER_MONTH) expect(told.some((r) => r.kind === 'behind')).toBe(false);
      }),
    );
  });

  it('the pace rises from none on the first night to the full four once the month is over', () => {
    fc.assert(
      fc.property(month, (m) => {
        const days = nightsInMonth(m);
        let last = -1;
        for (let d = 1; d <= days; d++) {
          const pace = nightCheckPace(m, dateIn(m, d));
          expect(pace).toBeGreaterThanOrEqual(last);
          last = pace;
        }
        expect(nightCheckPace(m, dateIn(m, 1))).toBe(0);
        expect(last).toBeLessThan(NIGHT_CHECKS_PER_MONTH);
        expect(nightCheckPace(m, nextMonthsFirst(m))).toBe(NIGHT_CHECKS_PER_MONTH);
      }),
    );
    // November: by the night of the 9th, 8 nights are past — one check is due; none done, one reminder
    expect(nightCheckReminders('2026-11', [], [], '2026-11-09')).toEqual([
      { subject: 'night_pace:2026-11:1', kind: 'behind', month: '2026-11', expected: 1, done: 0 },
    ]);
    expect(nightCheckReminders('2026-11', ['2026-11-03'], [], '2026-11-09')).toEqual([]);
    // a typhoon on the 5th and 6th, the 5th checked: the 6th is told once its night is over
    const typhoon = [{ id: 't', fromDate: '2026-11-05', toDate: '2026-11-06' }];
    expect(nightCheckReminders('2026-11', ['2026-11-05'], typhoon, '2026-11-06')).toEqual([]);
    expect(nightCheckReminders('2026-11', ['2026-11-05'], typhoon, '2026-11-07')).toEqual([
      { subject: 'night_warning:2026-11-06', kind: 'warning_night_missed', month: '2026-11', night: '2026-11-06' },
    ]);
  });
});

describe('the quality department’s checks owed (月检/季检)', () => {
  it('one a month and one a quarter: met once done, owed while the period lasts, missed after', () => {
    fc.assert(
      fc.property(month, fc.array(month, { maxLength: 4 }), fc.array(month, { maxLength: 4 }), month, (m, monthly, quarterly, current) => {
        const d = qualityDuties(m, monthly, quarterly, current);
        const q = quarterOf(m);
        expect(m >= q.firstMonth && m <= q.lastMonth).toBe(true);
        expect(d.monthly.done).toBe(monthly.filter((x) => x === m).length);
        expect(d.quarterly.done).toBe(quarterly.filter((x) => x >= q.firstMonth && x <= q.lastMonth).length);
        for (const duty of [d.monthly, d.quarterly]) expect(duty.state).toBe(duty.done > 0 ? 'met' : current > duty.lastMonth ? 'missed' : 'owed');
      }),
    );
    expect(quarterOf('2026-11')).toEqual({ quarter: '2026-Q4', firstMonth: '2026-10', lastMonth: '2026-12' });
    expect(quarterOf('2026-01').quarter).toBe('2026-Q1');
  });
});
