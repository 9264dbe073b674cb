import { addLocalDays, localDateOf, minutesReminderDue } from '@guanjia/core';
import { claimInternalMinutesReminder, listInternalMeetingsMissingMinutes } from '@guanjia/storage';
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
