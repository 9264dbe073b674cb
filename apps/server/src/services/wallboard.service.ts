import { maskName, startOfLocalDate } from '@guanjia/core';
import { listDepartments, listDutyShifts, listProjects, listPublishedNotices, unitLabelsOf, type DisplayTokenRecord } from '@guanjia/storage';
import type { CaseType, ClockKind, NoticeKind } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';

/**
 * The wallboard (大屏, issue 16 item 4, decision 0036) of a display token's projects, as of now:
 *
 *   - clocks running (not stopped, with a due time) past their warning time: `at_risk` while not yet
 *     due, `breached` once due — counted per department (the clock's), the 20 most urgent listed;
 *   - today's intake: cases registered since the start of today in each project's time zone, by type;
 *   - who is on duty now (the duty roster), their names masked (张*);
 *   - the notices in force (published, not expired), emergencies first.
 *
 * Nothing personal leaves: no owner, no phone, no description or title of a case; a case shows its
 * number, type and unit label.
 */

const LISTED = 20;

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export async function wallboardOf(deps: AppDeps, token: DisplayTokenRecord) {
  const db = deps.database.db;
  const now = deps.now();
  const ids = token.projectIds;
  const projects = (await listProjects(db, token.organizationId, ids)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const projectIds = projects.map((p) => p.id);
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const departments = new Map((await listDepartments(db, token.organizationId, projectIds)).map((d) => [d.id, d.name]));

  const clocks = projectIds.length
    ? await db
        .selectFrom('slaClocks')
        .innerJoin('cases', 'cases.id', 'slaClocks.caseId')
        .select(['slaClocks.kind', 'slaClocks.dueAt', 'slaClocks.departmentId', 'slaClocks.projectId', 'cases.number', 'cases.type', 'cases.unitId'])
        .where('slaClocks.projectId', 'in', projectIds)
        .where('slaClocks.organizationId', '=', token.organizationId)
        .where('slaClocks.stoppedAt', 'is', null)
        .where('slaClocks.dueAt', 'is not', null)
        .where((eb) => eb.or([eb('slaClocks.warnAt', '<=', now), eb('slaClocks.dueAt', '<=', now)]))
        .orderBy('slaClocks.dueAt')
        .orderBy('slaClocks.id')
        .execute()
    : [];
  const units = await unitLabelsOf(
    db,
    clocks.map((c) => c.unitId),
  );
  const byDepartment = new Map<string | null, { atRisk: number; breached: number; clocks: ReturnType<typeof clockView>[] }>();
  function clockView(c: (typeof clocks)[number]) {
    return {
      caseNumber: c.number,
      caseType: c.type as CaseType,
      kind: c.kind as ClockKind,
      projectName: projectName.get(c.projectId) ?? '',
      unitLabel: c.unitId ? (units.get(c.unitId)?.label ?? null) : null,
      dueAt: c.dueAt!,
      state: (c.dueAt! <= now ? 'breached' : 'at_risk') as 'at_risk' | 'breached',
    };
  }
  for (const c of clocks) {
    const key = c.departmentId;
    const group = byDepartment.get(key) ?? { atRisk: 0, breached: 0, clocks: [] };
    const v = clockView(c);
    if (v.state === 'breached') group.breached += 1;
    else group.atRisk += 1;
    if (group.clocks.length < LISTED) group.clocks.push(v);
    byDepartment.set(key, group);
  }
  const departmentRows = [...byDepartment.entries()]
    .map(([departmentId, g]) => ({ departmentId, departmentName: departmentId ? (departments.get(departmentId) ?? null) : null, ...g }))
    .sort((a, b) => b.breached - a.breached || b.atRisk - a.atRisk || (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'zh-CN'));

  // today's intake, each project counted from the start of its own today
  const byType: Record<CaseType, number> = { inquiry: 0, complaint: 0, suggestion: 0, repair: 0 };
  const projectViews = [];
  for (const p of projects) {
    const today = localDate(now, p.timeZone);
    projectViews.push({ id: p.id, name: p.name, today });
    const rows = await db
      .selectFrom('cases')
      .select(['type', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('projectId', '=', p.id)
      .where('createdAt', '>=', startOfLocalDate(today, p.timeZone))
      .where('createdAt', '<=', now)
      .groupBy('type')
      .execute();
    for (const r of rows) if (r.type in byType) byType[r.type as CaseType] += Number(r.n);
  }

  // on duty now
  const shifts = (await listDutyShifts(db, projectIds, now, new Date(Date.parse(now) + 1).toISOString())).filter((s) => s.startsAt <= now && s.endsAt > now);
  const staffIds = [...new Set(shifts.map((s) => s.staffId))];
  const staff = staffIds.length ? await db.selectFrom('staff').select(['id', 'name', 'active']).where('id', 'in', staffIds).execute() : [];
  const staffName = new Map(staff.filter((s) => !!s.active).map((s) => [s.id, s.name]));
  const onDuty = shifts
    .filter((s) => staffName.has(s.staffId))
    .map((s) => ({
      name: maskName(staffName.get(s.staffId)!),
      departmentName: s.departmentId ? (departments.get(s.departmentId) ?? null) : null,
      projectName: projectName.get(s.projectId) ?? '',
      endsAt: s.endsAt,
    }));

  // notices in force
  const notices = (await listPublishedNotices(db, projectIds))
    .filter((n) => n.organizationId === token.organizationId && (!n.expiresAt || n.expiresAt > now))
    .sort((a, b) => Number(b.emergency) - Number(a.emergency) || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
    .map((n) => ({
      id: n.id,
      projectName: projectName.get(n.projectId) ?? '',
      kind: n.kind as NoticeKind,
      title: n.title,
      emergency: !!n.emergency,
      endsAt: n.endsAt,
    }));

  return {
    label: token.label,
    now,
    projects: projectViews,
    departments: departmentRows,
    totals: {
      atRisk: departmentRows.reduce((s, d) => s + d.atRisk, 0),
      breached: departmentRows.reduce((s, d) => s + d.breached, 0),
    },
    intake: { total: Object.values(byType).reduce((s, n) => s + n, 0), byType },
    onDuty,
    notices,
  };
}
