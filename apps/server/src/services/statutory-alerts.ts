import { nextStatutoryAlert, statutoryAlertAt, type StatutoryAlertKind } from '@guanjia/core';
import {
  appendAudit,
  appendOutbox,
  claimDueStatutorySchedules,
  findProject,
  insertNotification,
  listStaff,
  recordStatutoryAlert,
  type Schema,
  type StatutoryScheduleRecord,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { inTransaction } from './transaction.ts';

/**
 * The statutory postings' clock (法定公示, issue 13 item 6), run at the end of every SLA tick: each
 * schedule tells its project's office manager(s) once when it falls due soon (warn_days before its
 * due date) and once when it is overdue — an in-app notification each, and one outbox row (topic
 * `statutory.due`) the delivery worker may turn into messages. Schedules owing an alert are found
 * through their index on `next_alert_at`; on PostgreSQL they are locked and those another process
 * holds skipped (SKIP LOCKED), and the alert is recorded only if the schedule still owes it, so each
 * alert is sent exactly once across processes. With no office manager in the project, the company's
 * administrators and leadership are told; with nobody at all, an audit entry (`statutory.unreached`).
 */
export const STATUTORY_OUTBOX_TOPIC = 'statutory.due';

export async function runStatutoryAlerts(deps: AppDeps, options: { limit?: number } = {}): Promise<number> {
  const now = deps.now();
  return inTransaction(deps.database, async (db) => {
    const due = await claimDueStatutorySchedules(db, now, options.limit ?? 500);
    const zones = new Map<string, string>();
    let sent = 0;
    for (const s of due) {
      if (!zones.has(s.projectId)) zones.set(s.projectId, (await findProject(db, s.projectId))?.timeZone ?? 'Asia/Shanghai');
      const timeZone = zones.get(s.projectId)!;
      const alert = statutoryAlertAt({ ...s, timeZone }, now);
      const after = alert?.after ?? { warnedAt: s.warnedAt, overdueNotifiedAt: s.overdueNotifiedAt };
      const nextAlertAt = nextStatutoryAlert({ ...s, ...after, timeZone })?.at ?? null;
      // recorded only if still owed as read: a schedule another process handled meanwhile is left alone
      if (!(await recordStatutoryAlert(db, s, { ...after, nextAlertAt })) || !alert) continue;
      await tell(deps, db, s, alert.kind, now);
      sent += 1;
    }
    return sent;
  });
}

/** The office managers of the project, else the company's administrators and leadership (active accounts). */
async function recipientsOf(db: Kysely<Schema>, s: StatutoryScheduleRecord): Promise<string[]> {
  const staff = (await listStaff(db, s.organizationId, [s.projectId])).filter((p) => p.active);
  const managers = staff.filter((p) => p.roles.includes('office_manager') && !p.companyWide);
  if (managers.length) return managers.map((p) => p.id);
  return staff.filter((p) => p.companyWide && (p.roles.includes('admin') || p.roles.includes('leadership'))).map((p) => p.id);
}

async function tell(deps: AppDeps, db: Kysely<Schema>, s: StatutoryScheduleRecord, alert: StatutoryAlertKind, now: string): Promise<void> {
  const recipients = await recipientsOf(db, s);
  const data = { scheduleId: s.id, projectId: s.projectId, subject: s.subject, title: s.title, dueOn: s.nextDueOn, alert };
  for (const recipientId of recipients)
    await insertNotification(db, {
      id: deps.newId(),
      organizationId: s.organizationId,
      recipientId,
      caseId: null,
      kind: alert === 'due_soon' ? 'statutory_due_soon' : 'statutory_overdue',
      data,
      createdAt: now,
      readAt: null,
    });
  await appendOutbox(db, { organizationId: s.organizationId, topic: STATUTORY_OUTBOX_TOPIC, payload: { ...data, recipients }, createdAt: now });
  if (!recipients.length)
    await appendAudit(db, {
      organizationId: s.organizationId,
      actorKind: 'system',
      actorId: null,
      action: 'statutory.unreached',
      targetType: 'statutory_schedule',
      targetId: s.id,
      projectId: s.projectId,
      detail: data,
      at: now,
    });
}
