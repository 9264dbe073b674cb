import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLocalDays } from '../notices/statutory.ts';
import { minutesDueOn } from '../monthly/contact-list.ts';
import { actionReminderDue, internalMeetingAccess, minutesReminderDue, type MeetingScope, type MeetingViewer } from './internal-meetings.ts';

/**
 * Internal meetings' rules against their plain reading: nobody of another organization reads one; holding
 * implies reading; a staff member of none of its projects or departments and named nowhere in it reads
 * nothing; whoever is named (attendee, organizer, secretary, a resolution's responsible) reads it; the
 * minutes are reminded only after their due day (3 days after the meeting), when still missing, once; a
 * resolution is reminded only from the day after its deadline, while open, once.
 */
const person = fc.constantFrom('s1', 's2', 's3', 's4');
const project = fc.constantFrom('p1', 'p2');
const department = fc.constantFrom('d1', 'd2');
const viewer: fc.Arbitrary<MeetingViewer> = fc.record({
  id: person,
  organizationId: fc.constantFrom('o1', 'o2'),
  departmentId: fc.option(department, { nil: null }),
  projects: fc.oneof(fc.constant('all' as const), fc.subarray(['p1', 'p2'])),
  holds: fc.boolean(),
});
const meeting: fc.Arbitrary<MeetingScope> = fc.record({
  organizationId: fc.constant('o1'),
  projectId: fc.option(project, { nil: null }),
  departmentId: fc.option(department, { nil: null }),
  organizerId: person,
  secretaryId: person,
  attendeeIds: fc.subarray(['s1', 's2', 's3', 's4']),
});
const responsibles = fc.subarray(['s1', 's2', 's3', 's4']);

describe('internal meeting access', () => {
  it('another organization never; holding implies reading; named people read', () => {
    fc.assert(
      fc.property(viewer, meeting, responsibles, (v, m, r) => {
        const access = internalMeetingAccess(v, m, r);
        if (v.organizationId !== m.organizationId) {
          expect(access).toBeNull();
          return;
        }
        if (access === 'hold') expect(v.holds).toBe(true);
        const named = [m.organizerId, m.secretaryId, ...m.attendeeIds, ...r].includes(v.id);
        if (named) expect(access).not.toBeNull();
        const unit =
          m.departmentId !== null ? v.departmentId === m.departmentId : m.projectId !== null && (v.projects === 'all' || v.projects.includes(m.projectId));
        const overseer =
          v.holds && m.departmentId !== null && (m.projectId !== null ? v.projects === 'all' || v.projects.includes(m.projectId) : v.projects === 'all');
        if (!named && !unit && !overseer) expect(access).toBeNull();
        // the holding unit's holders hold it; attendees and responsibles alone only read
        if (unit && v.holds) expect(access).toBe('hold');
        if (!unit && !overseer && v.id !== m.organizerId && v.id !== m.secretaryId && access !== null) expect(access).toBe('read');
      }),
    );
  });
});

describe('late minutes reminder', () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addLocalDays('2024-01-01', n));
  it('only after the due day, when still missing, once', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -5, max: 20 }), fc.boolean(), fc.boolean(), (heldOn, after, written, reminded) => {
        const today = addLocalDays(heldOn, after);
        const due = minutesReminderDue(
          { heldOn, minutesAt: written ? '2024-01-01T00:00:00.000Z' : null, minutesRemindedAt: reminded ? '2024-01-01T00:00:00.000Z' : null },
          today,
        );
        expect(due).toBe(!written && !reminded && today > minutesDueOn(heldOn));
        if (due) expect(after).toBeGreaterThan(3);
      }),
    );
  });
});

describe('overdue resolution reminder', () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => addLocalDays('2024-01-01', n));
  it('only from the day after its deadline, while open, once', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -5, max: 20 }), fc.constantFrom('open', 'done'), fc.boolean(), (deadlineOn, after, status, reminded) => {
        const today = addLocalDays(deadlineOn, after);
        const action = { status, deadlineOn, overdueRemindedAt: reminded ? '2024-01-01T00:00:00.000Z' : null };
        const due = actionReminderDue(action, today);
        expect(due).toBe(status === 'open' && !reminded && after >= 1);
        // never on or before the deadline day; a done or reminded one never again, whatever the day
        if (after <= 0 || status === 'done' || reminded) expect(due).toBe(false);
        // once reminded (the claim sets the time), never due again
        if (due) expect(actionReminderDue({ ...action, overdueRemindedAt: '2024-01-02T00:00:00.000Z' }, addLocalDays(today, 1))).toBe(false);
      }),
    );
  });
});
