import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bj, calendar, engHead, local, story, supervisor, tech } from '../testing/clock-story.ts';
import { staff } from '../testing/factories.ts';
import { advance } from './clocks.ts';
import { afterAlert, escalationChain, nextAlert } from './escalation.ts';
import { resolveRule, type SlaRule } from './policies.ts';

describe('inquiry clocks (咨询)', () => {
  it('first reply within 15 minutes of calendar time: answered after 5 minutes is met', () => {
    const s = story({}, '2026-11-25T22:00'); // the 24-hour hotline: 22:00 counts
    expect(local(s.clock('first_reply').dueAt)).toBe('2026-11-25 22:15');
    s.give({ type: 'answer', content: '您好，已为您查询' }, '2026-11-25T22:05');
    expect(s.clock('first_reply')).toMatchObject({ result: 'met', lateMinutes: null, stoppedAt: bj('2026-11-25T22:05') });
  });

  it('transfer stops the first reply and starts the department’s 4 hours; a late answer is breached by its minutes', () => {
    const s = story({}, '2026-11-25T10:00').give({ type: 'transfer', departmentId: 'dept-eng', promisedAt: bj('2026-11-25T16:00') }, '2026-11-25T10:20');
    expect(s.clock('first_reply')).toMatchObject({ result: 'breached', lateMinutes: 5 });
    expect(local(s.clock('department_answer').dueAt)).toBe('2026-11-25 14:20');
    expect(local(s.clock('department_answer').warnAt)).toBe('2026-11-25 13:32'); // 80% of 4 h
    expect(local(s.clock('promised_time').dueAt)).toBe('2026-11-25 16:00');
    s.give({ type: 'accept', committedAt: bj('2026-11-25T15:00') }, '2026-11-25T10:30', engHead);
    s.give({ type: 'submit_answer', content: '部门答复' }, '2026-11-25T15:10', engHead);
    expect(s.clock('department_answer')).toMatchObject({ result: 'breached', lateMinutes: 50 });
    expect(s.clock('department_commitment')).toMatchObject({ result: 'breached', lateMinutes: 10 });
    expect(local(s.clock('reply_to_owner').dueAt)).toBe('2026-11-25 15:40');
    s.give({ type: 'inform_owner', content: '已答复业主' }, '2026-11-25T15:20');
    expect(s.clock('reply_to_owner').result).toBe('met');
    expect(s.clock('promised_time').result).toBe('met');
    expect(s.clocks.filter((k) => k.stoppedAt === null).map((k) => k.kind)).toEqual([]);
  });
});

describe('complaint clocks (投诉)', () => {
  it('the plan is due in 3 working days, across the 2026 spring festival and its make-up Saturday', () => {
    const s = story({ type: 'complaint', apologized: true, readBack: true }, '2026-02-13T09:55').give(
      { type: 'transfer', departmentId: 'dept-eng' },
      '2026-02-13T10:00',
      supervisor,
    );
    expect(s.clock('complaint_transfer').result).toBe('met');
    expect(local(s.clock('department_contact').dueAt)).toBe('2026-02-13 12:00');
    const plan = s.clock('complaint_plan');
    expect(plan.rule.target).toEqual({ unit: 'working_days', amount: 3, basis: 'working' });
    expect(local(plan.dueAt)).toBe('2026-02-25 10:00');
  });

  it('a returned plan restarts the plan clock; approval has its own clock', () => {
    const s = story({ type: 'complaint', apologized: true, readBack: true }, '2026-11-23T09:00')
      .give({ type: 'transfer', departmentId: 'dept-eng' }, '2026-11-23T09:05', supervisor)
      .give({ type: 'accept', committedAt: bj('2026-11-27T17:00') }, '2026-11-23T09:30', engHead)
      .give({ type: 'submit_plan', cause: '管道老化', steps: '更换', expectedCompletionAt: bj('2026-11-27T17:00') }, '2026-11-24T09:05', engHead);
    expect(s.clock('complaint_plan').result).toBe('met');
    expect(local(s.clock('plan_approval').dueAt)).toBe('2026-11-25 09:05');
    s.give({ type: 'return_plan', reason: '方案不完整' }, '2026-11-24T10:00', staff(['office_manager'], { id: 'mgr-1' })); // the head's own plan goes to the office manager
    expect(s.clock('plan_approval').result).toBe('met');
    const again = s.clock('complaint_plan');
    expect(again.stoppedAt).toBeNull();
    expect(local(again.startedAt)).toBe('2026-11-24 10:00');
    expect(local(again.dueAt)).toBe('2026-11-27 10:00');
    expect(s.clocks.filter((k) => k.kind === 'complaint_plan')).toHaveLength(2);
  });
});

describe('repair clocks (报修)', () => {
  it('very urgent 10 min, urgent 15 min, normal before the end of the working day', () => {
    expect(local(story({ type: 'repair', repairGrade: 'very_urgent' }, '2026-11-25T23:00').clock('repair_on_site').dueAt)).toBe('2026-11-25 23:10');
    expect(local(story({ type: 'repair', repairGrade: 'urgent' }, '2026-11-25T10:00').clock('repair_on_site').dueAt)).toBe('2026-11-25 10:15');
    expect(local(story({ type: 'repair', repairGrade: 'normal' }, '2026-11-25T10:00').clock('repair_on_site').dueAt)).toBe('2026-11-25 18:00');
    // received on Friday evening: the end of Monday
    expect(local(story({ type: 'repair', repairGrade: 'normal' }, '2026-11-27T19:00').clock('repair_on_site').dueAt)).toBe('2026-11-30 18:00');
  });

  it('an agreed appointment is the due time; regrading recomputes the open clock', () => {
    const s = story({ type: 'repair', repairGrade: 'normal' }, '2026-11-25T10:00');
    s.give({ type: 'schedule_appointment', appointmentAt: bj('2026-11-27T15:00'), ownerAgreed: true }, '2026-11-25T10:05');
    expect(s.clock('repair_on_site').rule.target.unit).toBe('fixed');
    expect(local(s.clock('repair_on_site').dueAt)).toBe('2026-11-27 15:00');
    s.give({ type: 'set_repair_grade', grade: 'very_urgent' }, '2026-11-25T10:06');
    expect(local(s.clock('repair_on_site').dueAt)).toBe('2026-11-25 10:10'); // counted from the case's start
    expect(s.clocks.filter((k) => k.kind === 'repair_on_site')).toHaveLength(1);
  });

  it('a pause while waiting on the owner moves a working-time clock by exactly the paused working minutes', () => {
    const s = story({ type: 'repair', repairGrade: 'normal' }, '2026-11-25T10:00');
    s.give({ type: 'pause_clocks', reason: '业主不在家，约定明早九点', until: bj('2026-11-26T09:00') }, '2026-11-25T11:00');
    const k = s.clock('repair_on_site');
    expect(k.pauses).toEqual([{ from: bj('2026-11-25T11:00'), to: bj('2026-11-26T09:00'), reason: '业主不在家，约定明早九点' }]);
    expect(local(k.dueAt)).toBe('2026-11-26 16:00');
    expect(calendar.workingMinutesBetween(Date.parse(bj('2026-11-25T18:00')), Date.parse(k.dueAt!))).toBe(360);
    expect(calendar.workingMinutesBetween(Date.parse(bj('2026-11-25T11:00')), Date.parse(bj('2026-11-26T09:00')))).toBe(360);
  });

  it('an open-ended pause has no due time until the owner answers', () => {
    const s = story({ type: 'repair', repairGrade: 'urgent' }, '2026-11-25T10:00');
    s.give({ type: 'pause_clocks', reason: '等待业主确认' }, '2026-11-25T10:05');
    expect(s.clock('repair_on_site').dueAt).toBeNull();
    s.give({ type: 'message', direction: 'inbound', content: '可以来了' }, '2026-11-25T11:05');
    const k = s.clock('repair_on_site');
    expect(k.pauses[0]!.to).toBe(bj('2026-11-25T11:05'));
    expect(local(k.dueAt)).toBe('2026-11-25 11:15'); // 15 min less the hour paused
    s.give({ type: 'dispatch', assigneeId: 'tech-1', departmentId: 'dept-eng' }, '2026-11-25T11:06');
    s.give({ type: 'arrive' }, '2026-11-25T11:14', tech);
    expect(s.clock('repair_on_site')).toMatchObject({ result: 'met' });
  });
});

describe('re-typing, closing and policies', () => {
  it('re-typing an inquiry as a complaint cancels the inquiry clock and starts the complaint’s', () => {
    const s = story({}, '2026-11-25T10:00').give({ type: 'retype', newType: 'complaint', reason: '业主要求投诉' }, '2026-11-25T10:03');
    expect(s.clock('first_reply')).toMatchObject({ result: 'cancelled' });
    expect(local(s.clock('complaint_transfer').dueAt)).toBe('2026-11-25 10:13');
  });

  it('closing stops every running clock', () => {
    const s = story({ promisedAt: bj('2026-11-26T10:00') }, '2026-11-25T10:00').give(
      { type: 'close_out_of_scope', reason: '非物业服务范围' },
      '2026-11-25T10:02',
    );
    expect(s.clocks.map((k) => [k.kind, k.result])).toEqual([
      ['first_reply', 'met'],
      ['promised_time', 'met'],
    ]);
  });

  it('the most specific project rule wins: VIP owners get a 5-minute first reply, on working time if asked', () => {
    const rules: SlaRule[] = [
      { clock: 'first_reply', target: { unit: 'minutes', amount: 20, basis: 'calendar' } },
      { clock: 'first_reply', customerGrade: 'vip', target: { unit: 'minutes', amount: 5, basis: 'calendar' } },
      { clock: 'first_reply', caseType: 'inquiry', category: '停车', target: { unit: 'minutes', amount: 30, basis: 'working' } },
    ];
    expect(local(story({}, '2026-11-25T10:00', { rules }).clock('first_reply').dueAt)).toBe('2026-11-25 10:20');
    expect(local(story({}, '2026-11-25T10:00', { rules, grade: 'vip' }).clock('first_reply').dueAt)).toBe('2026-11-25 10:05');
    expect(local(story({ category: '停车' }, '2026-11-25T11:50', { rules }).clock('first_reply').dueAt)).toBe('2026-11-25 13:50');
    expect(resolveRule('first_reply', { type: 'inquiry', category: null, repairGrade: null, customerGrade: null }, []).target).toEqual({
      unit: 'minutes',
      amount: 15,
      basis: 'calendar',
    });
  });
});

describe('warnings and escalation', () => {
  it('the chain: assignee → service supervisor → department head → office manager → quality; accused managers skipped; compensation to leadership', () => {
    expect(escalationChain({ accusedStaffId: null, compensationClaim: false, level: 'office' })).toEqual([
      'assignee',
      'service_supervisor',
      'department_head',
      'office_manager',
      'quality_department',
    ]);
    expect(escalationChain({ accusedStaffId: 'mgr-1', compensationClaim: false, level: 'leadership' })).toEqual([
      'assignee',
      'service_supervisor',
      'department_head',
      'quality_department',
      'leadership',
    ]);
    expect(escalationChain({ accusedStaffId: 'mgr-1', compensationClaim: false, level: 'office' })).toEqual([
      'assignee',
      'service_supervisor',
      'department_head',
      'quality_department',
    ]);
    expect(escalationChain({ accusedStaffId: null, compensationClaim: true, level: 'office' })).not.toContain('office_manager');
  });

  it('a warning at 80%, then each step at the breach plus its delay; each fires once', () => {
    const k = story({}, '2026-11-25T10:00').clock('first_reply');
    const chain = escalationChain({ accusedStaffId: null, compensationClaim: false, level: 'office' });
    let progress = { warned: false, escalations: 0 };
    const seen: string[] = [];
    for (let alert = nextAlert(k, progress, chain, calendar); alert; alert = nextAlert(k, progress, chain, calendar)) {
      seen.push(`${alert.kind}${'to' in alert ? `:${alert.to}` : ''}@${local(alert.at)}`);
      progress = afterAlert(progress, alert);
    }
    expect(seen).toEqual([
      'warning@2026-11-25 10:12',
      'escalation:assignee@2026-11-25 10:15',
      'escalation:service_supervisor@2026-11-25 10:25',
      'escalation:department_head@2026-11-25 10:45',
      'escalation:office_manager@2026-11-25 12:15',
      'escalation:quality_department@2026-11-25 14:15',
    ]);
  });

  it('a working-time clock escalates N working minutes after its breach', () => {
    const s = story({ type: 'complaint', apologized: true, readBack: true }, '2026-11-27T17:00').give(
      { type: 'transfer', departmentId: 'dept-eng' },
      '2026-11-27T17:05',
      supervisor,
    );
    const plan = { ...s.clock('complaint_plan'), rule: { ...s.clock('complaint_plan').rule, escalationDelays: [0, 600] } };
    expect(local(plan.dueAt)).toBe('2026-12-02 17:05');
    const second = nextAlert(plan, { warned: true, escalations: 1 }, ['assignee', 'department_head'], calendar)!;
    // 600 working minutes after 17:05: 55 that evening, a whole working day, 65 the day after
    expect(local(second.at)).toBe('2026-12-04 09:35');
  });

  it('stopped and indefinitely paused clocks raise nothing', () => {
    const s = story({}, '2026-11-25T10:00').give({ type: 'answer', content: '好的' }, '2026-11-25T10:01');
    expect(nextAlert(s.clock('first_reply'), { warned: false, escalations: 0 }, ['assignee'], calendar)).toBeNull();
    const p = story({ type: 'repair', repairGrade: 'urgent' }, '2026-11-25T10:00').give({ type: 'pause_clocks', reason: '等业主' }, '2026-11-25T10:01');
    expect(nextAlert(p.clock('repair_on_site'), { warned: false, escalations: 0 }, ['assignee'], calendar)).toBeNull();
  });
});

describe('clock properties', () => {
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00Z') / 60_000, max: Date.parse('2026-11-30T00:00Z') / 60_000 }).map((m) => m * 60_000);

  it('pauses of P working minutes move a working-time due instant by exactly P working minutes', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 5_000 })), { maxLength: 4 }),
        (start, amount, raw) => {
          // disjoint pauses after the start
          let cursor = start;
          const pauses = raw.map(([gap, length]) => {
            const from = cursor + gap * 60_000;
            cursor = from + length * 60_000;
            return { from, to: cursor };
          });
          const plain = advance(calendar, 'working', start, amount, []);
          const paused = advance(calendar, 'working', start, amount, pauses);
          const pausedBeforeDue = pauses.reduce((sum, p) => sum + (p.from < paused ? calendar.workingMinutesBetween(p.from, Math.min(p.to, paused)) : 0), 0);
          expect(calendar.workingMinutesBetween(plain, paused)).toBeCloseTo(pausedBeforeDue, 6);
          expect(calendar.workingMinutesBetween(start, paused) - pausedBeforeDue).toBeCloseTo(amount, 6);
        },
      ),
    );
  });

  it('on calendar time the same holds in plain minutes', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        (start, amount, gap, length) => {
          const from = start + gap * 60_000;
          const to = from + length * 60_000;
          const due = advance(calendar, 'calendar', start, amount, [{ from, to }]);
          expect(due).toBe(from < start + amount * 60_000 ? start + (amount + length) * 60_000 : start + amount * 60_000);
        },
      ),
    );
  });

  it('clocks are independent: answering one never moves another’s due instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), (minutesLater) => {
        const s = story({ promisedAt: bj('2026-11-26T10:00'), ownerDeadlineAt: bj('2026-11-27T10:00') }, '2026-11-25T10:00');
        const before = new Map(s.clocks.map((k) => [k.kind, k.dueAt]));
        s.give(
          { type: 'transfer', departmentId: 'dept-eng' },
          new Date(Date.parse(bj('2026-11-25T10:00')) + 8 * 3_600_000 + (minutesLater + 1) * 60_000).toISOString().slice(0, 16),
        );
        expect(s.clock('promised_time').dueAt).toBe(before.get('promised_time'));
        expect(s.clock('owner_deadline').dueAt).toBe(before.get('owner_deadline'));
      }),
      { numRuns: 30 },
    );
  });
});
