import {
  DomainError,
  monthlyBulletin,
  startOfLocalDate,
  type Actor,
  type BulletinProject,
  type CheckScore,
  type InspectionKind,
  type StaffActor,
} from '@guanjia/core';
import { findProject, listProjects } from '@guanjia/storage';
import { DEFECT_SEVERITY_LABELS, SPECIALTY_LABELS, type Locale, type Specialty } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { sendTableExport } from './export-delivery.ts';
import { inScope, inspectionProjects, requireInspectionReader } from './patrol-access.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * The monthly bulletin (月检通报, issue 15 item 3; seed 001: the quality department's analysis of the
 * month's defects by specialty, sent to every office; the quarter's property check goes with that
 * month's): per project and specialty, the checks and their scores, the defects found that month —
 * serious ones, caused by staff, closed on time or late, still open and overdue, verified — and the
 * patrols' punctuality. Read through three indexed range queries of one month (projects, month), so a
 * year of history does not slow it; folded by core's monthlyBulletin. JSON for the console (which
 * prints it) and .xlsx/CSV.
 */

const DAY = 86_400_000;

function monthRange(month: string, timeZone: string): { from: string; to: string; fromDate: string; toDate: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const last = new Date(Date.parse(`${next}-01T00:00:00Z`) - DAY).toISOString().slice(0, 10);
  return { from: startOfLocalDate(`${month}-01`, timeZone), to: startOfLocalDate(`${next}-01`, timeZone), fromDate: `${month}-01`, toDate: last };
}

export interface BulletinQuery {
  month: string;
  projectId?: string;
}

export async function inspectionBulletin(deps: AppDeps, actor: Actor, q: BulletinQuery) {
  requireInspectionReader(actor);
  const staff = actor as StaffActor;
  const db = deps.database.db;
  if (q.projectId) {
    const p = await findProject(db, q.projectId);
    if (!p || !inScope(staff, { organizationId: p.organizationId, projectId: p.id })) throw new DomainError('PROJECT_NOT_FOUND', 'projectId');
  }
  const scope = inspectionProjects(staff);
  const projects = (await listProjects(db, staff.organizationId, q.projectId ? [q.projectId] : scope === 'all' ? null : scope)).filter((p) =>
    q.projectId ? p.id === q.projectId : scope === 'all' || scope.includes(p.id),
  );
  if (!projects.length) return { month: q.month, projects: [] };
  // one time zone for the month's bounds: the projects' (a company keeps its projects in one zone; each project's own where they differ)
  const zones = new Map<string, string[]>();
  for (const p of projects) zones.set(p.timeZone, [...(zones.get(p.timeZone) ?? []), p.id]);
  const checks: { projectId: string; kind: InspectionKind; score: Pick<CheckScore, 'bySpecialty'> }[] = [];
  const defects: Parameters<typeof monthlyBulletin>[0]['defects'] extends Iterable<infer R> ? R[] : never = [];
  const patrols: { projectId: string; early: number; onTime: number; late: number; missed: number }[] = [];
  for (const [zone, ids] of zones) {
    const r = monthRange(q.month, zone);
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      const [inspections, found, tasks] = await Promise.all([
        db
          .selectFrom('inspections')
          .select(['projectId', 'kind', 'score'])
          .where('projectId', 'in', slice)
          .where('status', '=', 'submitted')
          .where('submittedAt', '>=', r.from)
          .where('submittedAt', '<', r.to)
          .execute(),
        db
          .selectFrom('defects')
          .select(['projectId', 'specialty', 'severity', 'status', 'deadline', 'closedAt', 'causedByStaff'])
          .where('projectId', 'in', slice)
          .where('foundAt', '>=', r.from)
          .where('foundAt', '<', r.to)
          .execute(),
        db
          .selectFrom('patrolTasks')
          .select(['projectId', 'early', 'onTime', 'late', 'missed'])
          .where('projectId', 'in', slice)
          .where('date', '>=', r.fromDate)
          .where('date', '<=', r.toDate)
          .where('status', '!=', 'open')
          .execute(),
      ]);
      for (const x of inspections) if (x.score) checks.push({ projectId: x.projectId, kind: x.kind as InspectionKind, score: JSON.parse(x.score) });
      for (const d of found)
        defects.push({
          ...d,
          specialty: d.specialty as Specialty,
          severity: d.severity as never,
          status: d.status as never,
          causedByStaff: Number(d.causedByStaff) === 1,
        });
      for (const t of tasks) patrols.push(t);
    }
  }
  const names = new Map(projects.map((p) => [p.id, p.name]));
  const bulletin = monthlyBulletin({ checks, defects, patrols, now: deps.now() });
  return { month: q.month, projects: bulletin.map((b: BulletinProject) => ({ ...b, projectName: names.get(b.projectId) ?? '' })) };
}

const pick = (lang: Locale, zh: string, en: string) => (lang === 'en' ? en : zh);

/** The bulletin as a file: one row per project and specialty, then the project's patrol line. Logged like every export. */
export async function exportInspectionBulletin(reply: FastifyReply, deps: AppDeps, actor: StaffActor, q: BulletinQuery, format: 'xlsx' | 'csv', lang: Locale) {
  const b = await inspectionBulletin(deps, actor, q);
  type Row = {
    project: string;
    specialty: string;
    checks: number | null;
    percent: number | null;
    defects: number | null;
    serious: number | null;
    staff: number | null;
    onTime: number | null;
    late: number | null;
    open: number | null;
    overdue: number | null;
    verified: number | null;
  };
  const rows: Row[] = [];
  for (const p of b.projects) {
    for (const l of p.lines)
      rows.push({
        project: p.projectName,
        specialty: SPECIALTY_LABELS[l.specialty][lang === 'en' ? 1 : 0],
        checks: l.checks,
        percent: l.percent === null ? null : l.percent / 100,
        defects: l.defects,
        serious: l.serious,
        staff: l.causedByStaff,
        onTime: l.closedOnTime,
        late: l.closedLate,
        open: l.open,
        overdue: l.overdue,
        verified: l.verified,
      });
    rows.push({
      project: p.projectName,
      specialty: pick(
        lang,
        `巡检（${p.patrol.checks} 点次，漏检 ${p.patrol.missed}，迟到 ${p.patrol.late}）`,
        `Patrols (${p.patrol.checks} point checks, ${p.patrol.missed} missed, ${p.patrol.late} late)`,
      ),
      checks: null,
      percent: p.patrol.punctuality,
      defects: null,
      serious: null,
      staff: null,
      onTime: null,
      late: null,
      open: null,
      overdue: null,
      verified: null,
    });
  }
  const n = (header: string, value: (r: Row) => number | null): ExportColumn<Row> => ({ header, kind: 'integer', width: 10, value });
  const columns: ExportColumn<Row>[] = [
    { header: pick(lang, '项目', 'Project'), kind: 'text', width: 16, value: (r) => r.project },
    { header: pick(lang, '专业', 'Specialty'), kind: 'text', width: 30, value: (r) => r.specialty },
    n(pick(lang, '检查次数', 'Checks'), (r) => r.checks),
    { header: pick(lang, '得分率', 'Score'), kind: 'percent', value: (r) => r.percent },
    n(pick(lang, '不合格项', 'Defects'), (r) => r.defects),
    n(pick(lang, DEFECT_SEVERITY_LABELS.serious[0], 'Serious'), (r) => r.serious),
    n(pick(lang, '员工责任', 'Caused by staff'), (r) => r.staff),
    n(pick(lang, '按期消项', 'Closed on time'), (r) => r.onTime),
    n(pick(lang, '逾期消项', 'Closed late'), (r) => r.late),
    n(pick(lang, '未消项', 'Open'), (r) => r.open),
    n(pick(lang, '已超期', 'Overdue'), (r) => r.overdue),
    n(pick(lang, '已验证', 'Verified'), (r) => r.verified),
  ];
  const title = pick(lang, '月检通报', 'Monthly inspection bulletin');
  return sendTableExport(reply, deps, actor, {
    format,
    fileName: `${title}-${q.month}`,
    table: { title, columns, rows },
    audit: { table: 'inspection-bulletin', filters: { month: q.month, projectId: q.projectId ?? null }, projectId: q.projectId ?? null },
  });
}
