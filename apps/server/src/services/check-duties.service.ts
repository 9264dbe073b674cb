import { localDateOf, nightCheckMonth, quarterOf, qualityDuties, type Actor } from '@guanjia/core';
import { listProjects } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { monthBounds } from './checks.service.ts';
import { nightMonthOf, projectInScope } from './night-checks.service.ts';
import { inspectionProjects, requireInspectionReader } from './patrol-access.ts';

/**
 * The checks owed to each office in a month (应检, issue 15 item 1): its night checks (夜间查岗, at least 4
 * and every warning night), the quality department's unannounced management check of the month (月检)
 * and property check of the quarter (季检) — done once a submitted check of the kind was begun in the
 * period where the project is (core qualityDuties). Inspection readers, their projects.
 */
export async function checkDuties(deps: AppDeps, actor: Actor, q: { month?: string; projectId?: string }) {
  requireInspectionReader(actor);
  const db = deps.database.db;
  const projects = q.projectId
    ? [await projectInScope(deps, actor, q.projectId)]
    : await listProjects(
        db,
        actor.organizationId,
        (() => {
          const mine = inspectionProjects(actor);
          return mine === 'all' ? null : mine;
        })(),
      );
  const now = deps.now();
  const month = q.month ?? localDateOf(now, projects[0]?.timeZone ?? 'Asia/Shanghai').slice(0, 7);
  const quarter = quarterOf(month);
  const items = [];
  for (const project of projects) {
    const today = localDateOf(now, project.timeZone);
    const nights = await nightMonthOf(db, project, month);
    const night = nightCheckMonth(month, nights.doneDates, nights.warnings, today);
    const from = monthBounds(quarter.firstMonth, project.timeZone).from;
    const to = monthBounds(quarter.lastMonth, project.timeZone).to;
    const submitted = await db
      .selectFrom('inspections')
      .select(['kind', 'startedAt'])
      .where('projectId', '=', project.id)
      .where('kind', 'in', ['monthly_management', 'quarterly_property'])
      .where('status', '=', 'submitted')
      .where('startedAt', '>=', from)
      .where('startedAt', '<', to)
      .execute();
    const monthsOf = (kind: string) => submitted.filter((s) => s.kind === kind).map((s) => localDateOf(s.startedAt!, project.timeZone).slice(0, 7));
    const duties = qualityDuties(month, monthsOf('monthly_management'), monthsOf('quarterly_property'), today.slice(0, 7));
    items.push({
      projectId: project.id,
      projectName: project.name,
      night: { required: night.required, done: night.done, owed: night.owed, state: night.state },
      ...duties,
    });
  }
  return { month, items };
}
