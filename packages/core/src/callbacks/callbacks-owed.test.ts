import { describe, expect, it } from 'vitest';
import { evolveAll } from '../cases/evolve.ts';
import { buildCase, T0 } from '../testing/factories.ts';
import { addMinutes } from '../shared/time.ts';
import { callbackAnswersRefusal, callbackCaseEvents } from './callback-record.ts';
import { callbacksOwedBy, primaryCallbackWanted, unratedOwed } from './callbacks-owed.ts';

const at = addMinutes(T0, 60);
const event = (type: string) => ({ type, data: {} }) as Parameters<typeof callbacksOwedBy>[0];

describe('which callbacks a case owes (回访)', () => {
  it('a repair signed off: primary (by setting); after a rework: complained_repair; not satisfied: rework', () => {
    const signed = buildCase({ type: 'repair', status: 'resolved', satisfied: true });
    expect(callbacksOwedBy(event('satisfaction_recorded'), signed)).toEqual([{ source: 'primary_repair', bySetting: true }]);
    expect(callbacksOwedBy(event('satisfaction_recorded'), { ...signed, reopenCount: 1 })).toEqual([{ source: 'complained_repair', bySetting: false }]);
    expect(callbacksOwedBy(event('satisfaction_recorded'), { ...signed, satisfied: false })).toEqual([{ source: 'rework', bySetting: false }]);
    expect(callbacksOwedBy(event('closed'), { ...signed, status: 'closed' })).toEqual([]);
  });

  it('a complaint closed above the office owes the quality department’s callback; an office-level one does not', () => {
    const closed = buildCase({ type: 'complaint', status: 'closed' });
    expect(callbacksOwedBy(event('closed'), { ...closed, level: 'company' })).toEqual([{ source: 'company_complaint', bySetting: false }]);
    expect(callbacksOwedBy(event('closed'), { ...closed, level: 'leadership' })).toEqual([{ source: 'company_complaint', bySetting: false }]);
    expect(callbacksOwedBy(event('closed'), { ...closed, level: 'office' })).toEqual([]);
  });

  it('the category setting: always; skip when rated; never', () => {
    expect([primaryCallbackWanted('always', true), primaryCallbackWanted('skip_if_rated', true), primaryCallbackWanted('skip_if_rated', false)]).toEqual([
      true,
      false,
      true,
    ]);
    expect(primaryCallbackWanted('never', false)).toBe(false);
  });

  it('unrated 48 h after completion, not before; rated or out of scope never', () => {
    const done = buildCase({ type: 'repair', status: 'work_done', doneAt: T0 });
    expect(unratedOwed(done, addMinutes(T0, 48 * 60 - 1))).toBe(false);
    expect(unratedOwed(done, addMinutes(T0, 48 * 60))).toBe(true);
    expect(unratedOwed({ ...done, rating: 4 }, addMinutes(T0, 49 * 60))).toBe(false);
    expect(unratedOwed({ ...done, closeReason: 'out_of_scope' }, addMinutes(T0, 49 * 60))).toBe(false);
  });
});

describe('a call on the case', () => {
  const closedRepair = buildCase({ type: 'repair', status: 'closed', satisfied: true, closedAt: T0, closeReason: 'resolved', doneAt: T0, onSiteAt: T0 });
  const notSatisfied = { reached: true, quality: 'not_satisfied', attitude: 'satisfied', result: 'unresolved', ownerWords: '还在漏' } as const;

  it('answers are complete when reached; 不满意 needs a follow-up, rework only of a repair', () => {
    expect(callbackAnswersRefusal({ reached: false }, 'repair')).toBeNull();
    expect(callbackAnswersRefusal({ reached: true, quality: 'satisfied', result: 'resolved' }, 'repair')).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'attitude',
    });
    expect(callbackAnswersRefusal(notSatisfied, 'repair')).toMatchObject({ code: 'FIELD_REQUIRED', field: 'followUp' });
    expect(callbackAnswersRefusal({ ...notSatisfied, followUp: 'rework' }, 'complaint')).toMatchObject({ code: 'CALLBACK_REWORK_NOT_REPAIR' });
    expect(callbackAnswersRefusal({ ...notSatisfied, followUp: 'complaint' }, 'complaint')).toBeNull();
  });

  it('不满意 with rework reopens a closed repair for dispatch; an unanswered call is an internal follow-up and changes nothing', () => {
    const cb = { id: 'cb1', source: 'primary_repair' } as const;
    const events = callbackCaseEvents(closedRepair, cb, 1, { ...notSatisfied, followUp: 'rework' }, 'staff-1', at);
    expect(events.map((e) => e.type)).toEqual(['follow_up_recorded', 'satisfaction_recorded']);
    const after = evolveAll(closedRepair, events);
    expect(after).toMatchObject({ status: 'dispatched', satisfied: false, reopenCount: 1, closedAt: null, closeReason: null, doneAt: null, onSiteAt: null });
    expect(after.specialFollowUpDueAt).toBe(addMinutes(at, 24 * 60));
    const missed = callbackCaseEvents(closedRepair, cb, 1, { reached: false }, 'staff-1', at);
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ type: 'follow_up_recorded', internal: true, data: { reached: false } });
    expect(evolveAll(closedRepair, missed).status).toBe('closed');
    // a complaint chosen instead: only the follow-up (the complaint is opened by the server)
    expect(callbackCaseEvents(closedRepair, cb, 1, { ...notSatisfied, followUp: 'complaint' }, 'staff-1', at).map((e) => e.type)).toEqual([
      'follow_up_recorded',
    ]);
  });
});
