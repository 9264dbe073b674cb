import { PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, type MonthlyPack } from '@guanjia/api-contract';
import { DomainError, monthInstants, requireCapability, type StaffActor } from '@guanjia/core';
import { callbackFigures, departmentNamesOf, staffNamesOf, visitFigures } from '@guanjia/storage';
import type { Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { sendDocumentExport } from './export-delivery.ts';
import { packPdf, packTables, packWorkbook } from './report-pack-files.ts';
import { complaintCausesReport } from './complaint-measures.service.ts';
import { inspectionBulletin } from './inspection-bulletin.ts';
import { outcomesReport, timelinessReport } from './sla-admin.service.ts';
import { visibleProject } from './structure.service.ts';
import { surveySatisfaction } from './survey-satisfaction.ts';

/**
 * 月度报告包 (issue 16 item 1): a project's month from the reports themselves — the very timeliness,
 * outcomes and complaint-cause reports the dashboard reads (same rules, same reader: report.read in
 * the project; the accused do not see the complaints against them), the month's callbacks and visits,
 * the latest survey closed by the month's end, and the month's inspection bulletin (if the reader may
 * read inspections). One read of each; the files (report-pack-files.ts) lay out the same data.
 */

type Grouping = 'staff' | 'department' | 'month';
type KpiRow = MonthlyPack['total'];

const monthsBack = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};
const nextMonth = (month: string) => monthsBack(month, -1);

/** Timeliness and outcomes of one grouping, joined by key (a row for every key either report has). */
async function kpiRows(deps: AppDeps, actor: StaffActor, projectId: string, groupBy: Grouping, from: string, to: string) {
  const [timeliness, outcomes] = await Promise.all([
    timelinessReport(deps, actor, { groupBy, from, to, projectId }),
    outcomesReport(deps, actor, { groupBy, from, to, projectId }),
  ]);
  // the reports name "nobody" differently: timeliness null, outcomes '-'
  const keyOf = (key: string | null) => (key === null || key === '-' ? null : key);
  const rows = new Map<string | null, KpiRow>();
  const row = (key: string | null): KpiRow => rows.get(key) ?? rows.set(key, emptyRow(key)).get(key)!;
  for (const t of timeliness.rows) Object.assign(row(keyOf(t.key)), { met: t.met, breached: t.breached, timelinessRate: t.rate });
  for (const o of outcomes.rows)
    Object.assign(row(keyOf(o.key)), {
      closed: o.closed,
      outOfScope: o.outOfScope,
      reopened: o.reopened,
      successRate: o.successRate,
      satisfactionRate: o.satisfactionRate,
      averageRating: o.averageRating,
    });
  return { rows: [...rows.values()].sort((a, b) => ((a.key ?? '\uffff') < (b.key ?? '\uffff') ? -1 : 1)), timeliness, outcomes };
}

export async function monthlyReportPack(deps: AppDeps, actor: StaffActor, q: { projectId: string; month: string }): Promise<MonthlyPack> {
  // the reports' readers first (403), then their projects (404)
  requireCapability(actor, 'report.read');
  const project = await visibleProject(deps, actor, q.projectId);
  const db = deps.database.db;
  const from = `${q.month}-01`;
  const to = `${nextMonth(q.month)}-01`;
  const instants = monthInstants(q.month, project.timeZone);
  const [byStaff, byDepartment, trend, causes, callbacks, visits, surveys, bulletin] = await Promise.all([
    kpiRows(deps, actor, project.id, 'staff', from, to),
    kpiRows(deps, actor, project.id, 'department', from, to),
    kpiRows(deps, actor, project.id, 'month', `${monthsBack(q.month, 11)}-01`, to),
    complaintCausesReport(deps, actor, { from, to, projectId: project.id }),
    callbackFigures(db, project.id, instants.from, instants.to),
    visitFigures(db, project.id, from, to),
    surveySatisfaction(deps, [project.id], instants.to),
    inspectionBulletin(deps, actor, { month: q.month, projectId: project.id }).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'FORBIDDEN') return null;
      throw e;
    }),
  ]);
  // names once the keys are known
  const keysOf = (rows: KpiRow[]) => rows.flatMap((r) => (r.key ? [r.key] : []));
  const [staffNames, departmentNames] = await Promise.all([staffNamesOf(db, keysOf(byStaff.rows)), departmentNamesOf(db, keysOf(byDepartment.rows))]);
  const named = (rows: KpiRow[], names: Map<string, string>) => rows.map((r) => ({ ...r, name: r.key ? (names.get(r.key) ?? r.key) : '—' }));
  // the month's total: the month row of the trend (every clock and case of the project's month)
  const total = trend.rows.find((r) => r.key === q.month) ?? emptyRow(q.month);
  const survey = surveys[0] ?? null;
  return {
    projectId: project.id,
    projectName: project.name,
    month: q.month,
    from,
    to,
    generatedAt: deps.now(),
    total: { ...total, name: q.month },
    survey: survey && {
      title: survey.title,
      closedAt: survey.closedAt,
      answers: survey.answers,
      rate: survey.rate,
      low: survey.low,
      high: survey.high,
      target: survey.target,
      belowTarget: survey.belowTarget,
    },
    byStaff: named(byStaff.rows, staffNames),
    byDepartment: named(byDepartment.rows, departmentNames),
    trend: fillMonths(trend.rows, q.month),
    causes: causes.causes.map((c) => ({
      rank: c.rank,
      category: c.category,
      count: c.count,
      share: c.share,
      main: c.main,
      measures: c.measures.map((m) => ({
        measure: m.measure,
        responsibleName: m.responsibleName,
        dueDate: m.dueDate,
        status: m.overdue ? 'overdue' : m.status,
        resultNote: m.resultNote,
        effective: m.effective,
      })),
    })),
    callbacks,
    visits,
    inspections:
      bulletin &&
      (bulletin.projects[0]?.lines ?? []).map((l) => ({
        specialty: l.specialty,
        checks: l.checks,
        scorePercent: l.percent,
        defects: l.defects,
        serious: l.serious,
        causedByStaff: l.causedByStaff,
        closedOnTime: l.closedOnTime,
        closedLate: l.closedLate,
        openOverdue: l.overdue,
      })),
  };
}

function emptyRow(key: string | null): KpiRow {
  return {
    key,
    name: key ?? '—',
    met: 0,
    breached: 0,
    timelinessRate: null,
    closed: 0,
    outOfScope: 0,
    reopened: 0,
    successRate: null,
    satisfactionRate: null,
    averageRating: null,
  };
}

/** The twelve months ending with `month`, each present (an empty month reads zeros). */
function fillMonths(rows: KpiRow[], month: string): KpiRow[] {
  const byMonth = new Map(rows.map((r) => [r.key, r]));
  return Array.from({ length: 12 }, (_, i) => monthsBack(month, 11 - i)).map((m) => ({ ...(byMonth.get(m) ?? emptyRow(m)), name: m }));
}

/** GET /api/exports/monthly-pack: the pack as .xlsx (a sheet per section) or a printable PDF, logged like every export. */
export async function exportMonthlyPack(
  reply: FastifyReply,
  deps: AppDeps,
  actor: StaffActor,
  q: { projectId: string; month: string; format: 'xlsx' | 'pdf' },
  lang: Locale,
) {
  const pack = await monthlyReportPack(deps, actor, q);
  const tables = packTables(pack, lang);
  const bytes = q.format === 'pdf' ? await packPdf(pack, tables, lang) : await packWorkbook(tables);
  return sendDocumentExport(reply, deps, actor, {
    bytes,
    contentType: q.format === 'pdf' ? PDF_CONTENT_TYPE : XLSX_CONTENT_TYPE,
    format: q.format,
    fileName: `${lang === 'en' ? 'monthly-report' : '月度报告'}-${pack.projectName}-${pack.month}`,
    audit: { table: 'monthly_pack', filters: { projectId: q.projectId, month: q.month }, projectId: q.projectId },
  });
}
