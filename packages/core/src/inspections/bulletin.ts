import { SPECIALTIES, type Specialty } from '@guanjia/vocabulary';
import type { CheckScore, InspectionKind } from './checklists.ts';
import type { DefectSeverity, DefectStatus } from './defects.ts';

/**
 * The monthly bulletin (月检通报, issue 15 item 3; seed 001: "品质部在当月月检后分专业将不合格项进行分析，
 * 以月检通报的形式发给各单位"; the quarter's property check goes out with that month's): per project
 * and specialty, the checks made, their scores, the defects found, closed on time, late, still open and
 * verified; patrols' punctuality. Pure and one pass over its rows, so a year of checks stays fast.
 */

export interface BulletinCheckRow {
  projectId: string;
  kind: InspectionKind;
  score: Pick<CheckScore, 'bySpecialty'>;
}

export interface BulletinDefectRow {
  projectId: string;
  specialty: Specialty;
  severity: DefectSeverity;
  status: DefectStatus;
  deadline: string;
  closedAt: string | null;
  causedByStaff: boolean;
}

export interface BulletinPatrolRow {
  projectId: string;
  early: number;
  onTime: number;
  late: number;
  missed: number;
}

export interface BulletinSpecialtyLine {
  specialty: Specialty;
  checks: number;
  possible: number;
  awarded: number;
  percent: number | null;
  defects: number;
  serious: number;
  causedByStaff: number;
  closedOnTime: number;
  closedLate: number;
  open: number;
  overdue: number;
  verified: number;
}

export interface BulletinProject {
  projectId: string;
  lines: BulletinSpecialtyLine[];
  patrol: { checks: number; early: number; onTime: number; late: number; missed: number; punctuality: number | null };
  byKind: Partial<Record<InspectionKind, number>>;
}

function blank(specialty: Specialty): BulletinSpecialtyLine {
  return {
    specialty,
    checks: 0,
    possible: 0,
    awarded: 0,
    percent: null,
    defects: 0,
    serious: 0,
    causedByStaff: 0,
    closedOnTime: 0,
    closedLate: 0,
    open: 0,
    overdue: 0,
    verified: 0,
  };
}

export function monthlyBulletin(input: {
  checks: Iterable<BulletinCheckRow>;
  defects: Iterable<BulletinDefectRow>;
  patrols: Iterable<BulletinPatrolRow>;
  now: string;
}): BulletinProject[] {
  const projects = new Map<string, { lines: Map<Specialty, BulletinSpecialtyLine>; patrol: BulletinProject['patrol']; byKind: BulletinProject['byKind'] }>();
  const of = (projectId: string) => {
    let p = projects.get(projectId);
    if (!p) projects.set(projectId, (p = { lines: new Map(), patrol: { checks: 0, early: 0, onTime: 0, late: 0, missed: 0, punctuality: null }, byKind: {} }));
    return p;
  };
  const line = (p: ReturnType<typeof of>, s: Specialty) => {
    let l = p.lines.get(s);
    if (!l) p.lines.set(s, (l = blank(s)));
    return l;
  };
  for (const c of input.checks) {
    const p = of(c.projectId);
    p.byKind[c.kind] = (p.byKind[c.kind] ?? 0) + 1;
    for (const [s, v] of Object.entries(c.score.bySpecialty) as [Specialty, { possible: number; awarded: number }][]) {
      const l = line(p, s);
      l.checks++;
      l.possible += v.possible;
      l.awarded += v.awarded;
    }
  }
  const now = Date.parse(input.now);
  for (const d of input.defects) {
    const l = line(of(d.projectId), d.specialty);
    l.defects++;
    if (d.severity === 'serious') l.serious++;
    if (d.causedByStaff) l.causedByStaff++;
    if (d.status === 'verified') l.verified++;
    if (d.status === 'open') {
      l.open++;
      if (now > Date.parse(d.deadline)) l.overdue++;
    } else if (d.closedAt) {
      if (Date.parse(d.closedAt) <= Date.parse(d.deadline)) l.closedOnTime++;
      else l.closedLate++;
    }
  }
  for (const r of input.patrols) {
    const t = of(r.projectId).patrol;
    t.early += r.early;
    t.onTime += r.onTime;
    t.late += r.late;
    t.missed += r.missed;
    t.checks += r.early + r.onTime + r.late + r.missed;
  }
  const order = new Map(SPECIALTIES.map((s, i) => [s, i]));
  return [...projects.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([projectId, p]) => {
      const lines = [...p.lines.values()].sort((a, b) => order.get(a.specialty)! - order.get(b.specialty)!);
      for (const l of lines) l.percent = l.possible ? Math.round((l.awarded / l.possible) * 1000) / 10 : null;
      const t = p.patrol;
      t.punctuality = t.checks ? Math.round(((t.early + t.onTime) / t.checks) * 1000) / 1000 : null;
      return { projectId, lines, patrol: t, byKind: p.byKind };
    });
}
