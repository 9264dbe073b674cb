import { localCallTime } from '@guanjia/core';
import { findProject, insertNotification, listVisitsToRemind, markVisitReminded } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { inTransaction } from './transaction.ts';

/**
 * Reminders of the day's visits (走访, issue 14 item 2): on the day a visit is planned, from 07:00 in its
 * project's time zone, its visitor and companion are told in the console (`visit_reminder`), once per
 * visit and day (moving the visit to another day reminds again). Run from the scheduler's loop, at most
 * every 15 minutes.
 */
const EVERY_MINUTES = 15;
const FROM_MINUTE = 7 * 60;
const BATCH = 200;
const lastRun = new WeakMap<AppDeps, number>();

export async function runVisitReminders(deps: AppDeps, options: { force?: boolean } = {}): Promise<number> {
  const now = deps.now();
  const nowMs = Date.parse(now);
  const last = lastRun.get(deps);
  if (!options.force && last !== undefined && nowMs - last < EVERY_MINUTES * 60_000) return 0;
  lastRun.set(deps, nowMs);
  // every local "today" on earth lies within a day of UTC's
  const days = [-1, 0, 1].map((d) => new Date(nowMs + d * 86_400_000).toISOString().slice(0, 10));
  const zones = new Map<string, string>();
  let sent = 0;
  let skipped = new Set<string>();
  for (;;) {
    const candidates = (await listVisitsToRemind(deps.database.db, days, BATCH + skipped.size)).filter((v) => !skipped.has(v.id));
    if (!candidates.length) return sent;
    const progress = sent;
    for (const v of candidates) {
      if (!zones.has(v.projectId)) zones.set(v.projectId, (await findProject(deps.database.db, v.projectId))?.timeZone ?? 'Asia/Shanghai');
      const zone = zones.get(v.projectId)!;
      const local = localCallTime(now, zone); // 'YYYY-MM-DD HH:MM'
      if (v.plannedOn !== local.slice(0, 10) || Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)) < FROM_MINUTE) {
        skipped.add(v.id); // another day (or too early) where its project is
        continue;
      }
      const reminded = await inTransaction(deps.database, async (db) => {
        if (!(await markVisitReminded(db, v.id, now))) return false;
        for (const recipientId of [v.assigneeId, v.companionId].filter((x): x is string => !!x))
          await insertNotification(db, {
            id: deps.newId(),
            organizationId: v.organizationId,
            recipientId,
            caseId: null,
            kind: 'visit_reminder',
            data: { visitId: v.id, projectId: v.projectId, unitId: v.unitId, plannedOn: v.plannedOn, plannedTime: v.plannedTime },
            createdAt: now,
            readAt: null,
          });
        return true;
      });
      if (reminded) sent += 1;
      skipped.add(v.id);
    }
    if (sent === progress && candidates.length < BATCH) return sent;
    if (skipped.size > 50_000) skipped = new Set(); // a pathological backlog: start over next run
  }
}
