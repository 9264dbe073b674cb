import { addLocalDays, localDateOf, startOfLocalDate } from '@guanjia/core';
import { findProject, insertNotification } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { officeManagersOf } from './patrol-access.ts';
import { inTransaction } from './transaction.ts';

/**
 * The end-of-day summary of patrols (巡检日报, issue 15 item 2): once a project's day is over — every
 * task of that local date ended, and it is 21:00 there or later — its office managers get one console
 * message with the day's tasks (done, incomplete, overdue), the points checked, late and missed, and
 * the abnormal findings. Each task is counted once (its summary_sent_at is set in the same write, on
 * the condition that it was not set before), so two processes never send a day twice.
 */

export const DAY_SUMMARY_LOCAL_TIME = '21:00';

export async function sendPatrolDaySummaries(deps: AppDeps, now = deps.now()): Promise<number> {
  const db = deps.database.db;
  const groups = await db
    .selectFrom('patrolTasks')
    .select(['organizationId', 'projectId', 'date'])
    .where('status', '!=', 'open')
    .where('summarySentAt', 'is', null)
    // a local date is at most a day ahead of the UTC one
    .where('date', '<=', addLocalDays(now.slice(0, 10), 1))
    .groupBy(['organizationId', 'projectId', 'date'])
    // the oldest days first: today's, not over yet, never keep an older one waiting
    .orderBy('date')
    .limit(200)
    .execute();
  let sent = 0;
  for (const g of groups) {
    const project = await findProject(db, g.projectId);
    const zone = project?.timeZone ?? 'Asia/Shanghai';
    const today = localDateOf(now, zone);
    const evening = Date.parse(startOfLocalDate(g.date, zone)) + 21 * 3_600_000;
    if (g.date > today || (g.date === today && Date.parse(now) < evening)) continue;
    const open = await db
      .selectFrom('patrolTasks')
      .select('id')
      .where('projectId', '=', g.projectId)
      .where('date', '=', g.date)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) continue;
    sent += await inTransaction(deps.database, async (tx) => {
      const tasks = await tx
        .selectFrom('patrolTasks')
        .select(['id', 'status', 'points', 'checked', 'late', 'missed'])
        .where('projectId', '=', g.projectId)
        .where('date', '=', g.date)
        .where('summarySentAt', 'is', null)
        .execute();
      if (!tasks.length) return 0;
      const r = await tx
        .updateTable('patrolTasks')
        .set({ summarySentAt: now })
        .where(
          'id',
          'in',
          tasks.map((t) => t.id),
        )
        .where('summarySentAt', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== tasks.length) throw new Error('patrol day summary: raced; retried on the next tick');
      const abnormal = await tx
        .selectFrom('patrolChecks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(
          'taskId',
          'in',
          tasks.map((t) => t.id),
        )
        .where('result', '=', 'abnormal')
        .executeTakeFirst();
      const count = (s: string) => tasks.filter((t) => t.status === s).length;
      const data = {
        projectId: g.projectId,
        projectName: project?.name ?? '',
        date: g.date,
        tasks: tasks.length,
        done: count('done'),
        incomplete: count('incomplete'),
        overdue: count('overdue'),
        points: tasks.reduce((a, t) => a + t.points, 0),
        checked: tasks.reduce((a, t) => a + t.checked, 0),
        late: tasks.reduce((a, t) => a + t.late, 0),
        missed: tasks.reduce((a, t) => a + t.missed, 0),
        abnormal: Number(abnormal?.n ?? 0),
      };
      const managers = await officeManagersOf(tx, g.organizationId, g.projectId);
      for (const m of managers)
        await insertNotification(tx, {
          id: deps.newId(),
          organizationId: g.organizationId,
          recipientId: m.id,
          caseId: null,
          kind: 'patrol_day_summary',
          data,
          createdAt: now,
          readAt: null,
        });
      return 1;
    }).catch((e: Error) => {
      if (e.message.includes('raced')) return 0;
      throw e;
    });
  }
  return sent;
}
