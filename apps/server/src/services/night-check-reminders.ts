import { nightCheckReminders, nightDateOf, type NightCheckReminder } from '@guanjia/core';
import { claimInspectionReminder, insertNotification, listProjectZones } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { nightMonthOf } from './night-checks.service.ts';
import { officeManagersOf } from './patrol-access.ts';
import { inTransaction } from './transaction.ts';

/**
 * Reminders of night checks owed (夜间查岗提醒, issue 15 item 1): each project's office managers are told
 * in the console (`night_checks_behind`) when a warning night is over with no check made that night,
 * and when the month falls behind its pace towards its 4 nights (core nightCheckReminders) — each once
 * per project and subject (the reminder's row, written with its notifications, refuses a second, so
 * several processes never tell twice). The month of tonight is looked at, and in the first two nights
 * of a month the month before too (its last nights end then). Run from the scheduler's loop, at most
 * every 15 minutes.
 */
const EVERY_MINUTES = 15;
const lastRun = new WeakMap<AppDeps, number>();

export async function runNightCheckReminders(deps: AppDeps, options: { force?: boolean } = {}): Promise<number> {
  const now = deps.now();
  const nowMs = Date.parse(now);
  const last = lastRun.get(deps);
  if (!options.force && last !== undefined && nowMs - last < EVERY_MINUTES * 60_000) return 0;
  lastRun.set(deps, nowMs);
  let sent = 0;
  for (const project of await listProjectZones(deps.database.db)) {
    const tonight = nightDateOf(now, project.timeZone);
    const months = [tonight.slice(0, 7)];
    if (tonight.slice(8, 10) <= '02') months.push(previousMonth(months[0]!));
    for (const month of months) {
      const { doneDates, warnings } = await nightMonthOf(deps.database.db, project, month);
      for (const reminder of nightCheckReminders(month, doneDates, warnings, tonight)) if (await tell(deps, project, reminder, now)) sent += 1;
    }
  }
  return sent;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y! - 1}-12` : `${y}-${String(m! - 1).padStart(2, '0')}`;
}

async function tell(deps: AppDeps, project: { id: string; organizationId: string }, reminder: NightCheckReminder, now: string): Promise<boolean> {
  return inTransaction(deps.database, async (db) => {
    const claimed = await claimInspectionReminder(db, {
      projectId: project.id,
      subject: reminder.subject,
      organizationId: project.organizationId,
      sentAt: now,
    });
    if (!claimed) return false;
    const { subject: _subject, ...data } = reminder;
    for (const m of await officeManagersOf(db, project.organizationId, project.id))
      await insertNotification(db, {
        id: deps.newId(),
        organizationId: project.organizationId,
        recipientId: m.id,
        caseId: null,
        kind: 'night_checks_behind',
        data: { projectId: project.id, ...data },
        createdAt: now,
        readAt: null,
      });
    return true;
  });
}
