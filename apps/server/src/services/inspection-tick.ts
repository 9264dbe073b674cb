import type { AppDeps } from '../context.ts';
import { escalateLateDefects, escalateLateRectifications } from './defects.service.ts';
import { tellLateEscalations } from './escalation-lateness.ts';
import { tellLateMinutes, tellOverdueActions } from './internal-meeting-reminders.ts';
import { runNightCheckReminders } from './night-check-reminders.ts';
import { sendPatrolDaySummaries } from './patrol-day-summary.ts';
import { sweepPatrolTasks } from './patrol-tasks.service.ts';
import { generatePatrolTasks } from './patrols.service.ts';

/**
 * The scheduler's inspection work (issue 15, decision 0034), each step idempotent and safe with several
 * processes: patrol tasks made through tomorrow (per plan, under its row lock), ended tasks finished
 * (done / incomplete / overdue) and each point's inspector reminded as its window opens, each project's
 * day summed up for its office managers once it is over, late defects and rectification notices escalated once per level,
 * night checks owed reminded (at most every 15 minutes), late escalation forms told once per round (decision 0035),
 * internal meetings' late minutes and overdue resolutions told once (decision 0038).
 */
export async function runInspectionTick(deps: AppDeps): Promise<void> {
  await generatePatrolTasks(deps);
  await sweepPatrolTasks(deps);
  await sendPatrolDaySummaries(deps);
  await escalateLateDefects(deps);
  await escalateLateRectifications(deps);
  await runNightCheckReminders(deps);
  await tellLateEscalations(deps);
  await tellLateMinutes(deps);
  await tellOverdueActions(deps);
}
