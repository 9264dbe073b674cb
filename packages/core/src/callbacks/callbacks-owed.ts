import type { CallbackMode, CallbackSource } from '@guanjia/vocabulary';
import type { CaseRecord } from '../cases/case.ts';
import type { NewCaseEvent } from '../cases/events.ts';
import { addMinutes } from '../shared/time.ts';

/**
 * Which callbacks a case's events make owed (回访, SPEC §4 and §7, decision 0027), pure:
 * - a repair signed off satisfied: its primary callback (per its category's setting), or, when it was
 *   reworked before (the owner was not satisfied at an earlier sign-off), the complained-about
 *   repair's callback (always);
 * - a repair whose owner is not satisfied: the rework's special follow-up (within 24 hours);
 * - a complaint closed above the office (company or leadership level): the quality department's callback.
 * A repair completed and not rated within UNRATED_AFTER_MINUTES joins by the sweep (`unratedOwed`).
 */
export const UNRATED_AFTER_MINUTES = 48 * 60;

/** The span of each source's callback when nothing else (a running clock) says when it is due. */
export const CALLBACK_DUE_MINUTES: Record<CallbackSource, number> = {
  primary_repair: 48 * 60,
  complained_repair: 24 * 60,
  rework: 24 * 60,
  company_complaint: 72 * 60,
  quality_monthly: 14 * 24 * 60,
  unrated: 24 * 60,
  weekly_sample: 7 * 24 * 60,
};

export function defaultCallbackDueAt(source: CallbackSource, from: string): string {
  return addMinutes(from, CALLBACK_DUE_MINUTES[source]);
}

/** Whether a repair's primary (or unrated) callback is made under its category's setting. */
export function primaryCallbackWanted(mode: CallbackMode, rated: boolean): boolean {
  return mode === 'always' || (mode === 'skip_if_rated' && !rated);
}

export interface OwedCallback {
  source: CallbackSource;
  /** Subject to the repair category's setting (primary and unrated only). */
  bySetting: boolean;
}

/** The callbacks one committed event makes owed; `after` is the case after it. */
export function callbacksOwedBy(e: Pick<NewCaseEvent, 'type' | 'data'>, after: CaseRecord): OwedCallback[] {
  if (after.type === 'repair' && e.type === 'satisfaction_recorded') {
    if (after.satisfied === false) return [{ source: 'rework', bySetting: false }];
    if (after.satisfied === true)
      return after.reopenCount > 0 ? [{ source: 'complained_repair', bySetting: false }] : [{ source: 'primary_repair', bySetting: true }];
  }
  if (after.type === 'complaint' && e.type === 'closed' && after.level !== 'office') return [{ source: 'company_complaint', bySetting: false }];
  return [];
}

/** Whether a completed repair joins the queue as unrated: done at least 48 h ago and still without a rating. */
export function unratedOwed(c: Pick<CaseRecord, 'type' | 'doneAt' | 'rating' | 'closeReason'>, now: string): boolean {
  if (c.type !== 'repair' || !c.doneAt || c.rating !== null || c.closeReason === 'out_of_scope') return false;
  return Date.parse(now) >= Date.parse(c.doneAt) + UNRATED_AFTER_MINUTES * 60_000;
}
