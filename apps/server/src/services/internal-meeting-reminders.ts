import { actionReminderDue, addLocalDays, localDateOf, minutesReminderDue } from '@guanjia/core';
import {
  claimActionOverdueReminder,
  claimInternalMinutesReminder,
  findInternalMeetingsByIds,
  listInternalMeetingsMissingMinutes,
  listOverdueActionsUnreminded,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { tellMeeting } from './internal-meetings.service.ts';
import { inTransaction } from './transaction.ts';

/**
 * Late minutes of internal meetings (会议纪要逾期, decision 0038): a meeting whose minutes are still missing
 * after their due day (3 days after the meeting, in its time zone) tells its secretary and organizer
 * (`meeting_minutes_late`) once — the claim (a conditional update of the reminder's time, refused once
 * the minutes are written) is written with the notifications, so several processes never tell twice.
 * Run from the scheduler's inspection tick.
 */
export async function tellLateMinutes(deps: AppDeps, now = deps.now()): Promise<number> {
  // a day's margin for the time zones: the rule (in each meeting's own zone) decides
  const heldBefore = addLocalDays(localDateOf(now, 'UTC'), -2);
  let told = 0;
  for (const m of await listInternalMeetingsMissingMinutes(deps.database.db, heldBefore, 200)) {
    if (!minutesReminderDue(m, localDateOf(now, m.timeZone))) continue;
    const sent = await inTransaction(deps.database, async (db) => {
      if (!(await claimInternalMinutesReminder(db, m.id, now))) return false;
      await tellMeeting(deps, db, m, [m.secretaryId, m.organizerId], 'meeting_minutes_late', now);
      return true;
    });
    if (sent) told += 1;
  }
  return told;
}

/**
 * Overdue resolutions of internal meetings (会议决议事项逾期, decision 0038): a resolution still open the day
 * after its deadline (in its meeting's time zone) tells its responsible and the meeting's organizer
 * (`meeting_action_overdue`) once — the claim (a conditional update of the reminder's time, refused once
 * reminded or done) is written with the notifications, so several processes never tell twice and a
 * resolution done meanwhile is not told. Returns how many resolutions were told. Run from the scheduler's
 * inspection tick; at most 200 a tick (the earliest deadlines first; the rest on the next ticks).
 */
export async function tellOverdueActions(deps: AppDeps, now = deps.now()): Promise<number> {
  // a day's margin for the time zones (no zone's date is past UTC's date + 1): the rule decides in each meeting's zone
  const deadlineBefore = addLocalDays(localDateOf(now, 'UTC'), 1);
  const actions = await listOverdueActionsUnreminded(deps.database.db, deadlineBefore, 200);
  const meetings = new Map((await findInternalMeetingsByIds(deps.database.db, [...new Set(actions.map((a) => a.meetingId))])).map((m) => [m.id, m]));
  let told = 0;
  for (const a of actions) {
    const m = meetings.get(a.meetingId);
    if (!m || !actionReminderDue(a, localDateOf(now, m.timeZone))) continue;
    const sent = await inTransaction(deps.database, async (db) => {
      if (!(await claimActionOverdueReminder(db, a.id, now))) return false;
      await tellMeeting(deps, db, m, [a.responsibleId, m.organizerId], 'meeting_action_overdue', now, {
        actionId: a.id,
        text: a.text,
        deadlineOn: a.deadlineOn,
        responsibleId: a.responsibleId,
      });
      return true;
    });
    if (sent) told += 1;
  }
  return told;
}
