import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NoticeStatus } from '@guanjia/vocabulary';
import {
  applyNoticeAction,
  canEditNotice,
  decideNoticeAction,
  FINAL_NOTICE_STATUSES,
  NOTICE_ACTIONS,
  NOTICE_CONTENT_FIELDS,
  NOTICE_UNDO_WINDOW_MS,
  type NoticeAction,
  type NoticeActor,
  type NoticeFacts,
} from './notice-lifecycle.ts';

/**
 * The notice state machine under random sequences of actions by random people (with or without the
 * rights to write and approve), the system, and the clock moving on: a notice is never published
 * but by someone else's approval, never edited once published but for its expiry, and nothing leaves
 * withdrawn, superseded or expired.
 */

const START = Date.parse('2026-11-25T02:00:00Z');
const PEOPLE = ['author', 'colleague', 'manager', 'leader'];

const actorArb: fc.Arbitrary<NoticeActor> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('staff' as const), id: fc.constantFrom(...PEOPLE), canWrite: fc.boolean(), canApprove: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'system' as const }) },
);
const stepArb = fc.record({
  action: fc.constantFrom(...NOTICE_ACTIONS),
  actor: actorArb,
  /** minutes the clock moves before the step */
  wait: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 60, max: 60 * 24 * 40 })),
});

const draft = (): NoticeFacts => ({ status: 'draft', createdBy: 'author', submittedBy: null, approvedBy: null, publishedAt: null, expiresAt: null });

interface Trace {
  from: NoticeStatus;
  to: NoticeStatus | null;
  action: NoticeAction;
  actor: NoticeActor;
  notice: NoticeFacts;
}

function run(steps: { action: NoticeAction; actor: NoticeActor; wait: number }[]): Trace[] {
  let n = draft();
  let now = START;
  const trace: Trace[] = [];
  for (const step of steps) {
    now += step.wait * 60_000;
    const expiry = step.action === 'approve' || step.action === 'set_expiry' ? now + 7 * 86_400_000 : n.expiresAt;
    const result = applyNoticeAction(n, step.action, step.actor, now, expiry);
    trace.push({ from: n.status, to: result.ok ? result.notice.status : null, action: step.action, actor: step.actor, notice: n });
    if (result.ok) n = result.notice;
  }
  return trace;
}

describe('the notice state machine', () => {
  it('no sequence of actions reaches published without approval by someone other than the author and the submitter', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        for (const s of run(steps)) {
          if (s.to !== 'published' || s.from === 'published') continue;
          expect(s.action).toBe('approve');
          expect(s.actor.kind).toBe('staff');
          const id = s.actor.kind === 'staff' ? s.actor.id : '';
          expect(s.actor.kind === 'staff' && s.actor.canApprove).toBe(true);
          expect(id).not.toBe(s.notice.createdBy);
          expect(id).not.toBe(s.notice.submittedBy);
          expect(s.from).toBe('pending_approval');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a published notice is never edited: only its expiry moves, and only while it is published', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        for (const s of run(steps)) {
          if (s.from !== 'published') continue;
          if (s.action === 'edit') expect(s.to).toBeNull();
          if (s.to === 'published') expect(['set_expiry', 'supersede']).toContain(s.action);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.subarray([...NOTICE_CONTENT_FIELDS], { minLength: 1 }), (fields) => {
        expect(canEditNotice('published', fields)).toBe(fields.every((f) => f === 'expiresAt'));
        expect(canEditNotice('draft', fields)).toBe(true);
        for (const status of ['pending_approval', 'withdrawn', 'rejected', 'superseded', 'expired'] as const) expect(canEditNotice(status, fields)).toBe(false);
      }),
    );
  });

  it('withdrawn, superseded and expired are final: no action by anyone at any time leaves them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FINAL_NOTICE_STATUSES),
        fc.constantFrom(...NOTICE_ACTIONS),
        actorArb,
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        (status, action, actor, later) => {
          const n: NoticeFacts = { ...draft(), status, submittedBy: 'author', approvedBy: 'manager', publishedAt: START, expiresAt: START + 86_400_000 };
          expect(decideNoticeAction(n, action, actor, START + later).ok).toBe(false);
        },
      ),
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        let ended: NoticeStatus | null = null;
        for (const s of run(steps)) {
          if (ended) expect(s.from).toBe(ended);
          if (s.to && FINAL_NOTICE_STATUSES.includes(s.to)) ended = s.to;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('undo is allowed within the window after publication and refused after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * NOTICE_UNDO_WINDOW_MS }), (after) => {
        const n: NoticeFacts = {
          ...draft(),
          status: 'published',
          submittedBy: 'author',
          approvedBy: 'manager',
          publishedAt: START,
          expiresAt: START + 86_400_000,
        };
        const d = decideNoticeAction(n, 'undo', { kind: 'staff', id: 'author', canWrite: true, canApprove: false }, START + after);
        if (after <= NOTICE_UNDO_WINDOW_MS) expect(d).toEqual({ ok: true, status: 'withdrawn' });
        else expect(d).toMatchObject({ ok: false, code: 'NOTICE_UNDO_WINDOW_PASSED', params: { minutes: 5 } });
      }),
    );
  });

  it('the system only expires (once the expiry has come) and marks superseded; people never do either', () => {
    const n: NoticeFacts = { ...draft(), status: 'published', submittedBy: 'author', approvedBy: 'manager', publishedAt: START, expiresAt: START + 3_600_000 };
    expect(decideNoticeAction(n, 'expire', { kind: 'system' }, START + 3_599_999).ok).toBe(false);
    expect(decideNoticeAction(n, 'expire', { kind: 'system' }, START + 3_600_000)).toEqual({ ok: true, status: 'expired' });
    expect(decideNoticeAction(n, 'mark_superseded', { kind: 'system' }, START)).toEqual({ ok: true, status: 'superseded' });
    const admin: NoticeActor = { kind: 'staff', id: 'leader', canWrite: true, canApprove: true };
    expect(decideNoticeAction(n, 'expire', admin, START + 3_600_000)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decideNoticeAction({ ...n, status: 'draft' }, 'submit', { kind: 'system' }, START)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('the author cannot approve their own notice, even holding both rights; a colleague without the right cannot either', () => {
    const pending: NoticeFacts = { ...draft(), status: 'pending_approval', submittedBy: 'author' };
    expect(decideNoticeAction(pending, 'approve', { kind: 'staff', id: 'author', canWrite: true, canApprove: true }, START)).toMatchObject({
      ok: false,
      code: 'NOTICE_SELF_APPROVAL',
    });
    expect(decideNoticeAction(pending, 'approve', { kind: 'staff', id: 'colleague', canWrite: true, canApprove: false }, START)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(decideNoticeAction(pending, 'approve', { kind: 'staff', id: 'manager', canWrite: false, canApprove: true }, START)).toEqual({
      ok: true,
      status: 'published',
    });
    // only the author edits their draft
    expect(decideNoticeAction(draft(), 'edit', { kind: 'staff', id: 'colleague', canWrite: true, canApprove: true }, START)).toMatchObject({
      ok: false,
      code: 'NOTICE_NOT_AUTHOR',
    });
  });
});
