import type { CallbackFollowUp, CallbackResult, CallbackSource, CallbackVerdict } from '@guanjia/vocabulary';
import type { CaseRecord, Channel } from '../cases/case.ts';
import { dissatisfiedChanges } from '../cases/decide.ts';
import type { NewCaseEvent } from '../cases/events.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import { callbackOutcome } from './callback-attempts.ts';

/**
 * One call of a callback (回访记录表) and what it does to the case (decision 0027), pure:
 * - reached: quality and attitude (满意 / 基本满意 / 不满意) and the result (resolved or not) are
 *   required, the owner's words optional; the outcome is the worst of them (callbackOutcome);
 * - 不满意 never closes: the caller chooses the follow-up — a repair's rework (the case is reopened as
 *   at a failed sign-off: back to dispatch, the 24-hour rework follow-up starts) or a complaint
 *   linked to the case (opened by the server);
 * - every call is a `follow_up_recorded` event on the case (internal when the owner was not reached;
 *   such an event does not stop a follow-up clock).
 */
export interface CallbackAnswers {
  reached: boolean;
  quality?: CallbackVerdict | null;
  attitude?: CallbackVerdict | null;
  result?: CallbackResult | null;
  ownerWords?: string | null;
  note?: string | null;
  followUp?: CallbackFollowUp | null;
  channel?: Channel | null;
}

/** Complete answers of a reached call, or the field that is missing or wrong. */
export function callbackAnswersRefusal(a: CallbackAnswers, caseType: CaseRecord['type']): Refusal | null {
  if (!a.reached) return null;
  for (const field of ['quality', 'attitude', 'result'] as const) if (!a[field]) return refuse('FIELD_REQUIRED', field);
  const outcome = callbackOutcome({ quality: a.quality!, attitude: a.attitude!, result: a.result! });
  if (outcome === 'not_satisfied' && !a.followUp) return refuse('FIELD_REQUIRED', 'followUp');
  if (outcome !== 'not_satisfied' && a.followUp) return refuse('FIELD_INVALID', 'followUp', { reason: 'only when not satisfied' });
  if (a.followUp === 'rework' && caseType !== 'repair') return refuse('CALLBACK_REWORK_NOT_REPAIR', 'followUp');
  return null;
}

/** Whether a rework reopens the repair now: only once its work was done (a rework under way is not started again). */
export function reworkReopens(c: Pick<CaseRecord, 'type' | 'status'>): boolean {
  return c.type === 'repair' && (c.status === 'work_done' || c.status === 'resolved' || c.status === 'closed');
}

/** The case events of one call: the follow-up, then (不满意, rework) the repair reopened. */
export function callbackCaseEvents(
  c: CaseRecord,
  callback: { id: string; source: CallbackSource },
  attempt: number,
  a: CallbackAnswers,
  actorId: string,
  now: string,
): NewCaseEvent[] {
  const outcome = a.reached ? callbackOutcome({ quality: a.quality!, attitude: a.attitude!, result: a.result! }) : null;
  const base = { actorKind: 'staff' as const, actorId, attachmentIds: [], at: now };
  const events: NewCaseEvent[] = [
    {
      ...base,
      type: 'follow_up_recorded',
      channel: a.channel ?? 'hotline',
      direction: 'outbound',
      content: a.ownerWords ?? a.note ?? null,
      internal: !a.reached,
      changes: {},
      data: {
        command: 'callback',
        callbackId: callback.id,
        source: callback.source,
        attempt,
        reached: a.reached,
        ...(a.reached ? { quality: a.quality, attitude: a.attitude, result: a.result, outcome, followUp: a.followUp ?? null } : {}),
      },
    },
  ];
  if (outcome === 'not_satisfied' && a.followUp === 'rework' && reworkReopens(c)) {
    events.push({
      ...base,
      type: 'satisfaction_recorded',
      channel: a.channel ?? 'hotline',
      direction: 'inbound',
      content: a.ownerWords ?? null,
      internal: false,
      changes: dissatisfiedChanges(c, now),
      data: { command: 'callback', callbackId: callback.id, satisfied: false, rating: null },
    });
  }
  return events;
}
