import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordedTimeRefusal, RECORDED_TIME_LIMITS } from '../cases/recorded-time.ts';
import { addMinutes } from '../shared/time.ts';
import { agent, bj, calendar, engHead, local, story, supervisor, tech } from '../testing/clock-story.ts';
import type { CaseCommand } from '../cases/commands.ts';
import { decide } from '../cases/decide.ts';
import { localizeError } from '../i18n/messages.ts';
import { lateness, settlePause, type SlaClock } from './clocks.ts';
import { composeDigests, noticeDeadline, takeDue, windowClose, type NoticeItem, type QueuedNotice } from './digest.ts';
import { afterAlert, escalationChain, fallThroughOrder, lastResortRecipients, nextAlert, type EscalationStep } from './escalation.ts';
import { DEFAULT_ESCALATION_DELAYS, DEFAULT_LATE_INTAKE_HOURS } from './policies.ts';

/** Clocks that cannot be gamed (issue 10 item 4, SPEC §5): one property per rule. */

/** Local Beijing times in 2026 (minute precision), as "YYYY-MM-DDTHH:mm". */
const localTime = fc
  .integer({ min: Date.parse('2026-01-05T00:00Z') / 60_000, max: Date.parse('2026-11-30T00:00Z') / 60_000 })
  .map((m) => new Date(m * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16));
const plusMinutes = (at: string, m: number) => new Date(Date.parse(`${at}:00Z`) + m * 60_000).toISOString().slice(0, 16);

describe('1. a breach, once reached, stays', () => {
  it('pausing an overdue clock keeps its due time, its escalation and its breach; "met" only when stopped by the due time', () => {
    fc.assert(
      fc.property(localTime, fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 600 }), (at, lateBy, later) => {
        const s = story({ type: 'repair', repairGrade: 'very_urgent' }, at);
        const due = s.clock('repair_on_site').dueAt!;
        const pauseAt = plusMinutes(at, 10 + lateBy);
        s.give({ type: 'dispatch', assigneeId: 'tech-1', departmentId: 'dept-eng' }, plusMinutes(at, 1));
        s.give({ type: 'pause_clocks', reason: '业主不在家' }, pauseAt, tech);
        const k = s.clock('repair_on_site');
        expect(k.dueAt).toBe(due);
        expect(k.pauses).toEqual([]);
        const chain = escalationChain(s.case);
        // its escalation still fires: the whole chain is still ahead of a clock never alerted
        expect(nextAlert(k, { warned: true, escalations: 0 }, chain, calendar)).not.toBeNull();
        s.give({ type: 'arrive' }, plusMinutes(pauseAt, later), tech);
        expect(s.clock('repair_on_site')).toMatchObject({ result: 'breached', dueAt: due });
        expect(s.clock('repair_on_site').lateMinutes).toBeGreaterThanOrEqual(lateBy);
      }),
    );
  });

  it('a pause before the due time still moves it, and stopping before the moved due time is met', () => {
    fc.assert(
      fc.property(localTime, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 120 }), (at, pauseAfter, pausedFor) => {
        const s = story({ type: 'repair', repairGrade: 'very_urgent' }, at);
        s.give({ type: 'pause_clocks', reason: '等业主回家' }, plusMinutes(at, pauseAfter));
        expect(s.clock('repair_on_site').dueAt).toBeNull(); // open-ended: no due time while waiting
        s.give({ type: 'resume_clocks' }, plusMinutes(at, pauseAfter + pausedFor));
        expect(local(s.clock('repair_on_site').dueAt)).toBe(plusMinutes(at, 10 + pausedFor).replace('T', ' '));
      }),
    );
  });
});

describe('1c. a pause never reads as paused over an overdue clock', () => {
  it('the event names each clock it paused and each it left running overdue; with nothing to pause but overdue clocks it is refused, naming them', () => {
    fc.assert(
      fc.property(localTime, fc.constantFrom('repair', 'complaint'), fc.integer({ min: 0, max: 5 * 24 * 60 }), (at, kind, after) => {
        const s =
          kind === 'repair'
            ? story({ type: 'repair', repairGrade: 'very_urgent', promisedAt: bj(plusMinutes(at, 60)) }, at)
            : story({ type: 'complaint', apologized: true, readBack: true }, at).give({ type: 'transfer', departmentId: 'dept-eng' }, at, supervisor);
        const when = bj(plusMinutes(at, after));
        const d = decide(s.case, { type: 'pause_clocks', reason: '等业主' }, agent, when);
        if (!d.ok) throw new Error(d.refusal.code);
        const running = s.clocks.filter((k) => k.stoppedAt === null);
        const overdue = running.filter((k) => k.dueAt !== null && k.dueAt < when).map((k) => k.kind);
        const settled = settlePause(d.events[0]!, s.clocks, s.case);
        const pausable = running.filter((k) => k.kind !== 'promised_time' && !overdue.includes(k.kind)).map((k) => k.kind);
        if (pausable.length === 0 && overdue.length > 0) {
          expect(settled).toEqual({ ok: false, refusal: { code: 'CLOCKS_OVERDUE', field: undefined, params: { clocks: overdue.join(',') } } });
          return;
        }
        expect(settled.ok).toBe(true);
        if (!settled.ok) return;
        expect(settled.event.data.paused).toEqual(pausable);
        expect((settled.event.data.keptRunning as { clock: string }[]).map((k) => k.clock)).toEqual(overdue);
        s.give({ type: 'pause_clocks', reason: '等业主' }, plusMinutes(at, after));
        for (const k of s.clocks.filter((x) => overdue.includes(x.kind))) expect(k.pauses).toEqual([]);
      }),
    );
  });

  it('the refusal names the clocks in the reader’s language', () => {
    expect(localizeError('CLOCKS_OVERDUE', 'zh-CN', { clocks: 'repair_on_site,promised_time' })).toContain('维修到场、承诺时间');
    expect(localizeError('CLOCKS_OVERDUE', 'en', { clocks: 'repair_on_site' })).toContain('Repair on site');
  });
});

describe('2. escalation delays count in the clock’s own basis', () => {
  const workingClock = (dueMs: number): SlaClock => ({
    id: 'k',
    caseId: 'c',
    kind: 'complaint_plan',
    rule: { clock: 'complaint_plan', target: { unit: 'working_days', amount: 3, basis: 'working' } },
    startedAt: new Date(dueMs - 86_400_000).toISOString(),
    pauses: [],
    dueAt: new Date(dueMs).toISOString(),
    warnAt: null,
    stoppedAt: null,
    result: null,
    lateMinutes: null,
  });
  const chain = escalationChain({ accusedStaffId: null, compensationClaim: false, level: 'office' });

  it('step N comes exactly its delay in working minutes after the breach, in order, each in working time', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-05T00:00Z') / 60_000, max: Date.parse('2026-11-30T00:00Z') / 60_000 }), (m) => {
        const k = workingClock(m * 60_000);
        let progress = { warned: true, escalations: 0 };
        let previous = -Infinity;
        DEFAULT_ESCALATION_DELAYS.forEach((delay) => {
          const alert = nextAlert(k, progress, chain, calendar)!;
          const at = Date.parse(alert.at);
          expect(calendar.workingMinutesBetween(Date.parse(k.dueAt!), at)).toBeCloseTo(delay, 6);
          expect(calendar.isWorkingTime(at)).toBe(true);
          if (delay > 0) expect(at).toBeGreaterThan(previous);
          previous = at;
          progress = afterAlert(progress, alert);
        });
        expect(nextAlert(k, progress, chain, calendar)).toBeNull();
      }),
    );
  });

  it('Monday 08:30, one working minute late: the steps do not all fire at once', () => {
    const k = workingClock(Date.parse(bj('2026-11-27T17:59'))); // Friday; Monday 30 November 08:30 is 1 working minute later
    let progress = { warned: true, escalations: 0 };
    const seen: string[] = [];
    for (let alert = nextAlert(k, progress, chain, calendar); alert; alert = nextAlert(k, progress, chain, calendar)) {
      if (alert.kind === 'escalation') seen.push(`${alert.to}@${local(alert.at)}`);
      progress = afterAlert(progress, alert);
    }
    expect(seen).toEqual([
      'assignee@2026-11-27 17:59',
      'service_supervisor@2026-11-30 08:39', // 1 working minute on Friday, 9 on Monday from 08:30
      'department_head@2026-11-30 08:59',
      'office_manager@2026-11-30 10:29',
      'quality_department@2026-11-30 13:59', // across the lunch break
    ]);
  });
});

describe('3. a step with nobody to tell falls through to the next real person', () => {
  const step = fc.constantFrom<EscalationStep>('assignee', 'service_supervisor', 'department_head', 'office_manager', 'quality_department', 'leadership');
  it('the order starts with the step, then the service supervisor; never an excluded step; someone is told whenever anyone above the assignee can be', () => {
    fc.assert(
      fc.property(
        fc.record({
          accusedStaffId: fc.constantFrom(null, 'mgr-1'),
          compensationClaim: fc.boolean(),
          level: fc.constantFrom('office', 'company', 'leadership') as fc.Arbitrary<'office' | 'company' | 'leadership'>,
        }),
        fc.nat(),
        fc.uniqueArray(step),
        (routing, i, staffed) => {
          const chain = escalationChain(routing);
          const index = i % chain.length;
          const order = fallThroughOrder(chain, index);
          expect(order[0]).toBe(chain[index]);
          if (chain[index] !== 'service_supervisor') expect(order[1]).toBe('service_supervisor');
          for (const s of order) expect(chain).toContain(s);
          const told = order.find((s) => staffed.includes(s));
          if (chain.slice(1).some((s) => staffed.includes(s))) expect(told).toBeDefined();
        },
      ),
    );
  });

  it('the service supervisor is in every chain, right after the assignee', () => {
    for (const level of ['office', 'company', 'leadership'] as const)
      for (const compensationClaim of [false, true]) expect(escalationChain({ accusedStaffId: null, compensationClaim, level })[1]).toBe('service_supervisor');
  });
});

describe('5. a recorded time in the past is what the clock uses, within limits and with a reason', () => {
  const now = bj('2026-11-25T15:00');
  const created = bj('2026-11-25T08:00');
  it('accepted inside [max(creation, 24 h ago), now + skew] with a reason when over a minute ago; refused naming the field otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 10 }), fc.boolean(), (offset, withReason) => {
        const at = addMinutes(now, offset);
        const refusal = recordedTimeRefusal(at, withReason ? '现场没有信号' : undefined, [created], now);
        if (offset > RECORDED_TIME_LIMITS.skewMinutes || at < created) expect(refusal).toMatchObject({ code: 'FIELD_INVALID', field: 'at' });
        else if (offset < -RECORDED_TIME_LIMITS.reasonAfterMinutes && !withReason) expect(refusal).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
        else expect(refusal).toBeNull();
      }),
    );
    expect(recordedTimeRefusal(addMinutes(now, -25 * 60), '补录', [], now)).toMatchObject({ code: 'FIELD_INVALID', field: 'at' });
  });

  it('the on-site clock stops at the recorded arrival: met when that was in time, however late it was typed in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 2, max: 300 }), (arrivedAfter, typedAfter) => {
        const s = story({ type: 'repair', repairGrade: 'very_urgent' }, '2026-11-25T10:00');
        s.give({ type: 'dispatch', assigneeId: 'tech-1', departmentId: 'dept-eng' }, '2026-11-25T10:00');
        const arrived = bj(plusMinutes('2026-11-25T10:00', arrivedAfter));
        s.give({ type: 'arrive', at: arrived, reason: '现场没有信号' }, plusMinutes('2026-11-25T10:00', arrivedAfter + typedAfter), tech);
        expect(s.clock('repair_on_site')).toMatchObject({ stoppedAt: arrived, result: arrivedAfter <= 10 ? 'met' : 'breached' });
      }),
    );
  });

  it('an arrival before the case, in the future, or without a reason is refused naming the field', () => {
    const s = story({ type: 'repair', repairGrade: 'urgent' }, '2026-11-25T10:00').give({ type: 'dispatch', assigneeId: 'tech-1' }, '2026-11-25T10:01');
    expect(() => s.give({ type: 'arrive', at: bj('2026-11-25T09:59'), reason: '补录' }, '2026-11-25T10:30', tech)).toThrow('FIELD_INVALID (at)');
    expect(() => s.give({ type: 'arrive', at: bj('2026-11-25T10:40') }, '2026-11-25T10:30', tech)).toThrow('FIELD_INVALID (at)');
    expect(() => s.give({ type: 'arrive', at: bj('2026-11-25T10:10') }, '2026-11-25T10:30', tech)).toThrow('FIELD_REQUIRED (reason)');
    s.give({ type: 'arrive', at: bj('2026-11-25T10:10'), reason: '忘记点到场' }, '2026-11-25T10:30', tech);
    expect(() => s.give({ type: 'complete', summary: '修好', at: bj('2026-11-25T10:05'), reason: '补录' }, '2026-11-25T10:31', tech)).toThrow(
      'FIELD_INVALID (at)',
    );
  });
});

describe('6. lateness in calendar minutes too', () => {
  it('a working-time clock late after hours: 0 working minutes, the calendar minutes shown', () => {
    const s = story({ type: 'repair', repairGrade: 'normal' }, '2026-11-25T10:00');
    const k = s.clock('repair_on_site');
    expect(local(k.dueAt)).toBe('2026-11-25 18:00');
    expect(lateness(k, calendar, bj('2026-11-25T18:30'))).toEqual({ minutes: 0, calendarMinutes: 30 });
    s.give({ type: 'dispatch', assigneeId: 'tech-1' }, '2026-11-25T10:01').give({ type: 'arrive' }, '2026-11-25T18:30', tech);
    expect(lateness(s.clock('repair_on_site'), calendar, bj('2026-11-26T10:00'))).toEqual({ minutes: 0, calendarMinutes: 30 });
  });

  it('calendar lateness is never less than working lateness; equal on calendar time', () => {
    fc.assert(
      fc.property(localTime, fc.integer({ min: 1, max: 5000 }), (at, after) => {
        for (const grade of ['normal', 'urgent'] as const) {
          const k = story({ type: 'repair', repairGrade: grade }, at).clock('repair_on_site');
          const late = lateness(k, calendar, new Date(Date.parse(k.dueAt!) + after * 60_000).toISOString())!;
          expect(late.calendarMinutes).toBe(after);
          if (grade === 'urgent') expect(late.minutes).toBe(after);
          else expect(late.minutes).toBeLessThanOrEqual(after);
        }
      }),
    );
  });
});

describe('7. leadership and company complaints have a running clock without a department', () => {
  it('escalated to leadership or company without a department: the contact and plan clocks run', () => {
    for (const level of ['company', 'leadership'] as const) {
      const s = story({ type: 'complaint', apologized: true, readBack: true }, '2026-11-25T10:00');
      s.give(
        { type: 'escalate', level, reason: level === 'leadership' ? 'compensation' : 'beyond_office', note: '业主要求赔偿' },
        '2026-11-25T10:05',
        supervisor,
      );
      expect(s.case.departmentId).toBeNull();
      expect(s.running('department_contact')).toBeDefined();
      expect(s.running('complaint_plan')).toBeDefined();
    }
  });

  it('taken in at leadership level: running from the first instant', () => {
    const s = story({ type: 'complaint', accusedStaffId: 'mgr-1' }, '2026-11-25T10:00');
    expect(s.case.level).toBe('leadership');
    expect(s.running('department_contact')?.startedAt).toBe(bj('2026-11-25T10:00'));
    expect(s.running('complaint_plan')).toBeDefined();
  });
});

describe('8. normal repairs: the same day’s close, the next working day’s when received late or after hours', () => {
  it('due at a close; the same day when over the last 2 working hours remain, else the next working day', () => {
    fc.assert(
      fc.property(localTime, fc.constantFrom(undefined, 1, 2, 3), (at, lateIntakeHours) => {
        const rules =
          lateIntakeHours === undefined
            ? []
            : [{ clock: 'repair_on_site' as const, target: { unit: 'same_day' as const, basis: 'working' as const, lateIntakeHours } }];
        const start = Date.parse(bj(at));
        const due = Date.parse(story({ type: 'repair', repairGrade: 'normal' }, at, { rules }).clock('repair_on_site').dueAt!);
        expect(calendar.endOfWorkingDay(due)).toBe(due); // always a day's close
        const dayOfReceipt = calendar.endOfWorkingDay(calendar.nextWorkingMoment(start))!;
        const early = calendar.workingMinutesBetween(start, dayOfReceipt) > (lateIntakeHours ?? 2) * 60;
        expect(due).toBe(early ? dayOfReceipt : calendar.endOfWorkingDay(calendar.nextWorkingMoment(dayOfReceipt)));
      }),
    );
  });

  it('Wednesday 10:00 → Wednesday 18:00; 16:30 → Thursday 18:00; 20:00 → Thursday 18:00', () => {
    const due = (at: string) => local(story({ type: 'repair', repairGrade: 'normal' }, at).clock('repair_on_site').dueAt);
    expect(due('2026-11-25T10:00')).toBe('2026-11-25 18:00');
    expect(due('2026-11-25T16:30')).toBe('2026-11-26 18:00');
    expect(due('2026-11-25T20:00')).toBe('2026-11-26 18:00');
  });
});

describe('9. rework and follow-up tasks', () => {
  const reworked = () =>
    story({ type: 'repair', repairGrade: 'urgent' }, '2026-11-25T10:00')
      .give({ type: 'dispatch', assigneeId: 'tech-1', departmentId: 'dept-eng' }, '2026-11-25T10:01')
      .give({ type: 'arrive' }, '2026-11-25T10:10', tech)
      .give({ type: 'complete', summary: '更换水龙头' }, '2026-11-25T10:40', tech)
      .give({ type: 'record_satisfaction', satisfied: false, opinion: '还在滴水' }, '2026-11-25T11:00');

  it('not satisfied: a rework on-site clock on the repair’s grade and a follow-up due within 24 hours', () => {
    const s = reworked();
    expect(local(s.running('rework_on_site')!.dueAt)).toBe('2026-11-25 11:15');
    expect(local(s.running('rework_follow_up')!.dueAt)).toBe('2026-11-26 11:00');
    s.give({ type: 'arrive' }, '2026-11-25T11:20', tech);
    expect(s.clock('rework_on_site')).toMatchObject({ result: 'breached', lateMinutes: 5 });
  });

  it('the follow-up survives the close and is stopped by the recorded follow-up, on the closed case', () => {
    const s = reworked()
      .give({ type: 'arrive' }, '2026-11-25T11:10', tech)
      .give({ type: 'complete', summary: '更换阀芯' }, '2026-11-25T11:30', tech)
      .give({ type: 'record_satisfaction', satisfied: true }, '2026-11-25T11:40')
      .give({ type: 'close' }, '2026-11-25T11:45');
    expect(s.case.status).toBe('closed');
    expect(s.running('rework_follow_up')).toBeDefined();
    s.give({ type: 'record_follow_up', content: '业主确认不再滴水', channel: 'hotline' }, '2026-11-26T09:00');
    expect(s.clock('rework_follow_up')).toMatchObject({ result: 'met', stoppedAt: bj('2026-11-26T09:00') });
  });

  it('a company- or leadership-level complaint gets the quality department’s callback when closed; an office one does not', () => {
    for (const level of ['office', 'company', 'leadership'] as const) {
      const s = story({ type: 'complaint', apologized: true, readBack: true }, '2026-11-25T10:00', { patch: { level } })
        .give({ type: 'transfer', departmentId: 'dept-eng' }, '2026-11-25T10:05', supervisor)
        .give({ type: 'accept', committedAt: bj('2026-11-27T10:00') }, '2026-11-25T10:10', engHead)
        .give({ type: 'record_contact', content: '已联系业主' }, '2026-11-25T10:20', engHead)
        .give({ type: 'submit_plan', cause: '原因', steps: '步骤', expectedCompletionAt: bj('2026-11-27T10:00') }, '2026-11-25T11:00', tech)
        .give({ type: 'approve_plan' }, '2026-11-25T11:10', engHead)
        .give({ type: 'inform_owner', content: '已告知业主方案' }, '2026-11-25T11:20', agent)
        .give({ type: 'record_satisfaction', satisfied: true }, '2026-11-26T10:00', agent)
        .give({ type: 'close', causeAnalysis: '原因分析', preventiveMeasures: '预防措施' }, '2026-11-26T10:10', agent);
      expect(s.case.status).toBe('closed');
      if (level === 'office') {
        expect(s.running('quality_callback')).toBeUndefined();
        continue;
      }
      expect(local(s.running('quality_callback')!.dueAt)).toBe('2026-12-01 10:10'); // 3 working days
      expect(s.clocks.filter((k) => k.stoppedAt === null).map((k) => k.kind)).toEqual(['quality_callback']);
      s.give({ type: 'record_follow_up', content: '品质部回访，业主满意' }, '2026-11-27T15:00', supervisor);
      expect(s.clock('quality_callback').result).toBe('met');
    }
  });
});

describe('1b. nothing given after the breach moves it back into time', () => {
  it('a regrade, an appointment or a pause after the due instant keeps the due instant and the breach', () => {
    fc.assert(
      fc.property(
        localTime,
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom<'regrade' | 'appointment' | 'pause'>('regrade', 'appointment', 'pause'),
        (at, lateBy, what) => {
          const s = story({ type: 'repair', repairGrade: 'urgent' }, at);
          const due = s.clock('repair_on_site').dueAt!;
          const when = plusMinutes(at, 15 + lateBy);
          if (what === 'regrade') s.give({ type: 'set_repair_grade', grade: 'normal' }, when);
          if (what === 'appointment') s.give({ type: 'schedule_appointment', appointmentAt: bj(plusMinutes(when, 24 * 60)), ownerAgreed: true }, when);
          if (what === 'pause') s.give({ type: 'pause_clocks', reason: '等业主' }, when);
          expect(s.clock('repair_on_site').dueAt).toBe(due);
          s.give({ type: 'dispatch', assigneeId: 'tech-1', departmentId: 'dept-eng' }, plusMinutes(when, 1));
          s.give({ type: 'arrive' }, plusMinutes(when, 2), tech);
          expect(s.clock('repair_on_site').result).toBe('breached');
        },
      ),
    );
  });
});

describe('10. notices to one person: a digest, never late, a warning before its breach', () => {
  const WINDOW = 2;
  const T = Date.parse('2026-11-25T02:00:00.000Z');
  const at = (seconds: number) => new Date(T + seconds * 1000).toISOString();
  /** A burst of notices: who, when queued (seconds), a warning or an escalation, and its clock's due instant relative to then. */
  const notice = fc.record({
    recipient: fc.constantFrom('agent-1', 'sup-1', 'head-1'),
    queuedAt: fc.integer({ min: 0, max: 900 }),
    alert: fc.constantFrom<'warning' | 'escalation'>('warning', 'escalation'),
    dueIn: fc.option(fc.integer({ min: -600, max: 1200 }), { nil: null, freq: 8 }),
  });

  /**
   * The scheduler as the server runs it: a tick at each instant a notice is queued and at each
   * window's close (it wakes at the earliest `flush_at`); each tick queues, then sends what is due.
   */
  function simulate(burst: { recipient: string; queuedAt: number; alert: 'warning' | 'escalation'; dueIn: number | null }[], windowMinutes = WINDOW) {
    type Item = NoticeItem & { n: number };
    const arrivals = burst.map((b, n) => ({ ...b, n }));
    let queue: QueuedNotice<Item>[] = [];
    const sent: { at: number; recipientId: string; items: Item[] }[] = [];
    let now = -Infinity;
    for (;;) {
      const nextArrival = Math.min(...arrivals.filter((a) => a.queuedAt * 1000 > now).map((a) => a.queuedAt * 1000));
      const nextFlush = Math.min(...queue.map((q) => Date.parse(q.flushAt) - T));
      const tick = Math.min(nextArrival, nextFlush);
      if (!Number.isFinite(tick)) break;
      now = Math.max(tick, now === -Infinity ? tick : now);
      const nowIso = new Date(T + now).toISOString();
      const arriving = arrivals.filter((a) => a.queuedAt * 1000 === now);
      for (const recipient of new Set(arriving.map((a) => a.recipient))) {
        const mine = arriving.filter((a) => a.recipient === recipient);
        const items: Item[] = mine.map((a) => ({
          n: a.n,
          caseId: `case-${a.n}`,
          caseNumber: `N-${a.n}`,
          clock: 'repair_on_site',
          alert: a.alert,
          step: a.alert === 'warning' ? 0 : 1,
          dueAt: a.dueIn === null ? null : at(a.queuedAt + a.dueIn),
        }));
        const open = queue.filter((q) => q.recipientId === recipient).map((q) => q.flushAt);
        const close = windowClose(
          open.length ? open.reduce((x, y) => (x < y ? x : y)) : null,
          items.map((i) => noticeDeadline(i, nowIso, windowMinutes)),
        );
        // storage brings the waiting rows forward with the window (takeDue would take them anyway)
        queue = queue.map((q) => (q.recipientId === recipient && q.flushAt > close ? { ...q, flushAt: close } : q));
        queue.push(...items.map((item) => ({ recipientId: recipient, organizationId: 'org-1', flushAt: close, item })));
      }
      const { due, waiting } = takeDue(queue, nowIso);
      queue = waiting;
      for (const d of composeDigests(due)) {
        const items = d.kind === 'sla_digest' ? (d.data.items as Item[]) : [d.data as unknown as Item];
        sent.push({ at: now, recipientId: d.recipientId, items });
      }
    }
    return sent;
  }

  it('each notice goes out exactly once, no later than its window’s end, a warning before its clock falls due; one notification per recipient per flush', () => {
    fc.assert(
      fc.property(fc.array(notice, { minLength: 1, maxLength: 30 }), (burst) => {
        const sent = simulate(burst);
        const delivered = sent.flatMap((s) => s.items.map((i) => ({ n: i.n, at: s.at })));
        expect(delivered.map((d) => d.n).sort((a, b) => a - b)).toEqual(burst.map((_, n) => n)); // each exactly once
        for (const { n, at: sentAt } of delivered) {
          const b = burst[n]!;
          const queued = b.queuedAt * 1000;
          expect(sentAt).toBeGreaterThanOrEqual(queued);
          expect(sentAt).toBeLessThanOrEqual(queued + WINDOW * 60_000); // the window's end
          if (b.alert === 'warning' && b.dueIn !== null) {
            if (b.dueIn > 0)
              expect(sentAt).toBeLessThan(queued + b.dueIn * 1000); // before the breach
            else expect(sentAt).toBe(queued); // already due: at once
          }
        }
        const flushes = sent.map((s) => `${s.at}/${s.recipientId}`);
        expect(new Set(flushes).size).toBe(flushes.length); // at most one notification per recipient per flush
      }),
    );
  });

  it('a burst to one person within a window, with no warning to hurry it, leaves as one notification', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: WINDOW * 60 - 1 }), { minLength: 1, maxLength: 12 }), (offsets) => {
        const sent = simulate(offsets.map((queuedAt) => ({ recipient: 'agent-1', queuedAt, alert: 'escalation' as const, dueIn: -60 })));
        expect(sent).toHaveLength(1);
        expect(sent[0]!.at).toBe(Math.min(...offsets) * 1000 + WINDOW * 60_000);
        expect(sent[0]!.items).toHaveLength(offsets.length);
      }),
    );
  });

  it('a 10-minute clock warned at 8 minutes: the 2-minute window no longer holds the warning until the breach', () => {
    const warnedAt = at(8 * 60);
    const due = at(10 * 60);
    expect(noticeDeadline({ alert: 'warning', dueAt: due }, warnedAt, WINDOW)).toBe(at(9 * 60));
    expect(noticeDeadline({ alert: 'escalation', dueAt: due }, warnedAt, WINDOW)).toBe(at(10 * 60));
  });
});

describe('11. a complaint at company or leadership level always has a running clock', () => {
  type Level = 'company' | 'leadership';
  const escalation = fc.record({
    level: fc.constantFrom<Level>('company', 'leadership'),
    reason: fc.constantFrom('beyond_office', 'compensation', 'against_office_manager') as fc.Arbitrary<
      'beyond_office' | 'compensation' | 'against_office_manager'
    >,
    departmentId: fc.constantFrom(undefined, 'dept-quality', 'dept-eng'),
  });
  const before = fc.constantFrom<CaseCommand[]>(
    [],
    [{ type: 'transfer', departmentId: 'dept-eng' }],
    [
      { type: 'transfer', departmentId: 'dept-eng' },
      { type: 'accept', committedAt: bj('2026-12-20T10:00') },
    ],
    [
      { type: 'transfer', departmentId: 'dept-eng' },
      { type: 'accept', committedAt: bj('2026-12-20T10:00') },
      { type: 'record_contact', content: '已联系业主' },
    ],
  );
  const handlerClocks = (s: ReturnType<typeof story>) =>
    s.clocks.filter((k) => k.stoppedAt === null && k.dueAt !== null && ['department_contact', 'complaint_plan'].includes(k.kind));

  it('escalated there, for any level, reason and department, after any first steps: a handler’s clock runs with a due time', () => {
    fc.assert(
      fc.property(localTime, before, fc.array(escalation, { minLength: 1, maxLength: 2 }), (at, steps, escalations) => {
        const s = story({ type: 'complaint', apologized: true, readBack: true }, at);
        let minutes = 1;
        const actors = { transfer: supervisor, accept: engHead, record_contact: engHead } as const;
        for (const cmd of steps) s.give(cmd, plusMinutes(at, minutes++), actors[cmd.type as keyof typeof actors]);
        let escalated = false;
        for (const e of escalations) {
          const cmd: CaseCommand = {
            type: 'escalate',
            level: e.level,
            reason: e.reason,
            ...(e.departmentId ? { departmentId: e.departmentId } : {}),
            ...(e.reason === 'against_office_manager' ? { accusedStaffId: 'mgr-1' } : {}),
            note: '升级',
          };
          try {
            s.give(cmd, plusMinutes(at, minutes++), supervisor);
            escalated = true;
          } catch {
            // refused (e.g. compensation at company level, or a level going down): the case stays where it was
          }
        }
        fc.pre(escalated);
        expect(['company', 'leadership']).toContain(s.case.level);
        expect(handlerClocks(s).length).toBeGreaterThan(0);
      }),
    );
  });

  it('taken in there (against a staff member, the office’s management, or claiming compensation): running from the first instant', () => {
    fc.assert(
      fc.property(
        localTime,
        fc.constantFrom<Record<string, unknown>>(
          { accusedParty: 'staff', accusedStaffId: 'mgr-1' },
          { accusedParty: 'office_management' },
          { compensationClaim: true },
          { accusedParty: 'staff', accusedStaffId: 'tech-1', compensationClaim: true },
        ),
        fc.boolean(),
        (at, routing, acknowledged) => {
          const s = story({ type: 'complaint', apologized: acknowledged, readBack: acknowledged, ...routing }, at);
          expect(s.case.level).toBe('leadership');
          const running = handlerClocks(s);
          expect(running.length).toBeGreaterThan(0);
          for (const k of running) expect(k.startedAt).toBe(bj(at));
        },
      ),
    );
  });
});

describe('12. not satisfied with a repair: rework on the grade’s limit, a follow-up within 24 hours', () => {
  it('for any grade and time: a rework_on_site clock on the grade’s limit and a rework_follow_up due 24 h after', () => {
    fc.assert(
      fc.property(
        localTime,
        fc.constantFrom('very_urgent', 'urgent', 'normal', 'appointment') as fc.Arbitrary<'very_urgent' | 'urgent' | 'normal' | 'appointment'>,
        fc.integer({ min: 3, max: 3 * 24 * 60 }),
        (at, grade, after) => {
          const appointment = grade === 'appointment' ? { appointmentAt: bj(plusMinutes(at, 24 * 60)) } : {};
          const s = story({ type: 'repair', repairGrade: grade, ...appointment }, at)
            .give({ type: 'dispatch', assigneeId: 'tech-1', departmentId: 'dept-eng' }, plusMinutes(at, 0))
            .give({ type: 'arrive' }, plusMinutes(at, 1), tech)
            .give({ type: 'complete', summary: '已修复' }, plusMinutes(at, 2), tech);
          const when = plusMinutes(at, after);
          s.give({ type: 'record_satisfaction', satisfied: false, opinion: '还是坏的' }, when);
          const start = Date.parse(bj(when));
          const rework = s.running('rework_on_site')!;
          expect(rework).toBeDefined();
          expect(rework.startedAt).toBe(bj(when));
          const due = Date.parse(rework.dueAt!);
          if (grade === 'very_urgent') expect(due).toBe(start + 10 * 60_000);
          else if (grade === 'urgent') expect(due).toBe(start + 15 * 60_000);
          else {
            // 一般, and an appointment grade (its old appointment does not carry over): the same working day's close, or the next's
            const dayOfReceipt = calendar.endOfWorkingDay(calendar.nextWorkingMoment(start))!;
            const early = calendar.workingMinutesBetween(start, dayOfReceipt) > DEFAULT_LATE_INTAKE_HOURS * 60;
            expect(due).toBe(early ? dayOfReceipt : calendar.endOfWorkingDay(calendar.nextWorkingMoment(dayOfReceipt)));
          }
          const followUp = s.running('rework_follow_up')!;
          expect(followUp).toBeDefined();
          expect(Date.parse(followUp.dueAt!)).toBe(start + 24 * 3_600_000);
          expect(s.case.specialFollowUpDueAt).toBe(followUp.dueAt);
          expect(s.case.status).toBe('dispatched');
        },
      ),
    );
  });
});

describe('13. nobody in the chain: the last resort', () => {
  const person = (id: string, roles: ('admin' | 'leadership' | 'agent' | 'office_manager')[], companyWide = true, active = true) => ({
    id,
    roles,
    companyWide,
    active,
  });
  it('the company’s active administrators and leadership, never the accused, never project staff', () => {
    const people = [
      person('admin-1', ['admin']),
      person('leader-1', ['leadership']),
      person('leader-2', ['leadership'], true, false),
      person('agent-1', ['agent']),
      person('mgr-1', ['office_manager', 'leadership'], false),
    ];
    expect(lastResortRecipients(people, { accusedParty: null, accusedStaffId: null })).toEqual(['admin-1', 'leader-1']);
    expect(lastResortRecipients(people, { accusedParty: 'staff', accusedStaffId: 'leader-1' })).toEqual(['admin-1']);
    expect(lastResortRecipients([person('mgr-2', ['office_manager', 'admin'])], { accusedParty: 'office_management', accusedStaffId: null })).toEqual([]);
  });
});
