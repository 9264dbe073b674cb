import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  awaitingResponse,
  decideEscalation,
  ESCALATION_STATUSES,
  escalationLate,
  escalationLatenessToTell,
  type EscalationCommand,
  type EscalationState,
} from './escalation-forms.ts';

/** Issue 16 item 3's rules: the escalation form's steps (sent → responded → verified | reopened → responded …) and its lateness. */
const T0 = Date.parse('2026-11-25T02:00:00.000Z');
const HOUR = 3_600_000;
const instant = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const text = fc.oneof(fc.constant(''), fc.constant('  '), fc.string({ minLength: 1, maxLength: 8 }));

const command: fc.Arbitrary<EscalationCommand> = fc.oneof(
  fc.record({ kind: fc.constant('respond' as const), at: fc.integer({ min: 0, max: 500 }).map(instant), response: text }),
  fc.record({
    kind: fc.constant('verify' as const),
    at: fc.integer({ min: 0, max: 500 }).map(instant),
    fixed: fc.boolean(),
    note: text,
    newDueAt: fc.option(fc.integer({ min: -50, max: 800 }).map(instant)),
  }),
);

describe('fault escalation forms (故障转呈单)', () => {
  it('a form is verified only after a response; every refusal names a field; not fixed sends it back for a later round', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let f: EscalationState = { status: 'sent', dueAt: instant(72), round: 1 };
        let responded = false;
        for (const c of commands) {
          const d = decideEscalation(f, c);
          if (!d.ok) {
            expect(d.field.length).toBeGreaterThan(0);
            if (c.kind === 'respond' && awaitingResponse(f.status)) expect(d.problem).toBe('text_required');
            if (c.kind === 'verify' && f.status !== 'responded') expect(d.problem).toBe('wrong_step');
            continue;
          }
          const prev = f;
          f = d.next;
          expect(ESCALATION_STATUSES).toContain(f.status);
          if (c.kind === 'respond') {
            expect(awaitingResponse(prev.status)).toBe(true);
            expect(c.response.trim()).not.toBe('');
            expect(f.status).toBe('responded');
            responded = true;
          } else {
            expect(prev.status).toBe('responded');
            if (c.fixed) expect(f.status).toBe('verified');
            else {
              expect(f.status).toBe('reopened');
              expect(f.round).toBe(prev.round + 1);
              expect(c.note.trim()).not.toBe('');
              expect(Date.parse(f.dueAt)).toBeGreaterThan(Date.parse(c.at));
              responded = false;
            }
          }
          if (f.status === 'verified') expect(responded).toBe(true);
        }
        // verified is final: nothing moves it
        if (f.status === 'verified') for (const c of commands) expect(decideEscalation(f, c).ok).toBe(false);
      }),
    );
  });

  it('late exactly while awaiting a response past its due instant; told once per round', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ESCALATION_STATUSES),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (status, due, now, round, toldRound) => {
          const f = { status, dueAt: instant(due), round, lateToldRound: Math.min(toldRound, round) };
          const late = escalationLate(f, instant(now));
          expect(late).toBe((status === 'sent' || status === 'reopened') && now > due);
          expect(escalationLatenessToTell(f, instant(now))).toBe(late && f.lateToldRound < round);
          // once told in this round, never again until it is sent back
          expect(escalationLatenessToTell({ ...f, lateToldRound: round }, instant(now))).toBe(false);
        },
      ),
    );
  });

  it('refuses a response without text and a send-back without a note or a future date', () => {
    const sent: EscalationState = { status: 'sent', dueAt: instant(24), round: 1 };
    expect(decideEscalation(sent, { kind: 'respond', at: instant(1), response: ' ' })).toEqual({ ok: false, problem: 'text_required', field: 'response' });
    const responded: EscalationState = { ...sent, status: 'responded' };
    expect(decideEscalation(responded, { kind: 'verify', at: instant(2), fixed: false, note: '', newDueAt: instant(48) })).toMatchObject({
      problem: 'text_required',
      field: 'note',
    });
    expect(decideEscalation(responded, { kind: 'verify', at: instant(2), fixed: false, note: '仍漏水', newDueAt: null })).toMatchObject({
      problem: 'date_required',
    });
    expect(decideEscalation(responded, { kind: 'verify', at: instant(2), fixed: false, note: '仍漏水', newDueAt: instant(1) })).toMatchObject({
      problem: 'date_past',
    });
    expect(decideEscalation(responded, { kind: 'verify', at: instant(2), fixed: false, note: '仍漏水', newDueAt: instant(48) })).toEqual({
      ok: true,
      next: { status: 'reopened', dueAt: instant(48), round: 2 },
    });
  });
});
