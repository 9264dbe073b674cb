import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordedTimeRefusal, RECORDED_TIME_LIMITS } from '../cases/recorded-time.ts';
import { addMinutes } from '../shared/time.ts';
import { agent, bj, calendar, engHead, local, story, supervisor, tech } from '../testing/clock-story.ts';
import { lateness, type SlaClock } from './clocks.ts';
import { afterAlert, escalationChain, fallThroughOrder, nextAlert, type EscalationStep } from './escalation.ts';
import { DEFAULT_ESCALATION_DELAYS } from './policies.ts';

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
