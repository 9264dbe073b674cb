import type { ExportFormat } from '@guanjia/api-contract';
import type { StaffActor } from '@guanjia/core';
import { departmentNamesOf, listProjects, staffNamesOf } from '@guanjia/storage';
import { CASE_TYPE_LABELS, CLOCK_LABELS, type Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { sendTableExport } from './export-delivery.ts';
import { outcomesReport, timelinessReport } from './sla-admin.service.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * The dashboard's tables as files (issue 12, item 5): the very reports GET /api/reports/* answer
 * (same scope, period and grouping), each group named as the dashboard names it, rates as
 * percentages. The reports check access (report.read, the reader's projects) before the file begins.
 */

type TimelinessQuery = Parameters<typeof timelinessReport>[2] & { format: ExportFormat };
type OutcomesQuery = Parameters<typeof outcomesReport>[2] & { format: ExportFormat };
type Grouping = TimelinessQuery['groupBy'] | OutcomesQuery['groupBy'];

const GROUP_HEADERS: Record<Grouping, [string, string]> = {
  month: ['月份', 'Month'],
  department: ['部门', 'Department'],
  project: ['管理处', 'Project'],
  staff: ['员工', 'Staff member'],
  type: ['类型', 'Type'],
  clock: ['时限', 'Clock'],
};
const pick = (lang: Locale, zh: string, en: string) => (lang === 'en' ? en : zh);

/** A group's key as the dashboard shows it: a name, a label, or the month itself. */
async function groupNames(deps: AppDeps, actor: StaffActor, groupBy: Grouping, keys: (string | null)[], lang: Locale): Promise<(key: string | null) => string> {
  const db = deps.database.db;
  let names = new Map<string, string>();
  if (groupBy === 'project') names = new Map((await listProjects(db, actor.organizationId, null)).map((p) => [p.id, p.name]));
  if (groupBy === 'department') names = await departmentNamesOf(db, keys);
  if (groupBy === 'staff') names = await staffNamesOf(db, keys);
  if (groupBy === 'type') names = new Map(Object.entries(CASE_TYPE_LABELS).map(([k, v]) => [k, v[lang === 'en' ? 1 : 0]]));
  if (groupBy === 'clock') names = new Map(Object.entries(CLOCK_LABELS).map(([k, v]) => [k, v[lang]]));
  return (key) => (key === null || key === '-' ? '—' : (names.get(key) ?? key));
}

const fileName = (title: string, groupBy: string, r: { from: string; to: string }) => `${title}-${groupBy}-${r.from}~${r.to}`;
const filtersOf = ({ format: _format, ...filters }: { format: ExportFormat } & Record<string, unknown>) => filters;

/** GET /api/exports/timeliness: 沟通及时率 by the chosen grouping, and the total as a last row. */
export async function exportTimeliness(reply: FastifyReply, deps: AppDeps, actor: StaffActor, q: TimelinessQuery, lang: Locale) {
  const report = await timelinessReport(deps, actor, q);
  const nameOf = await groupNames(
    deps,
    actor,
    q.groupBy,
    report.rows.map((r) => r.key),
    lang,
  );
  type Row = { name: string; met: number; breached: number; total: number; rate: number | null };
  const rows: Row[] = [...report.rows.map((r) => ({ ...r, name: nameOf(r.key) })), { ...report.total, name: pick(lang, '合计', 'Total') }];
  const columns: ExportColumn<Row>[] = [
    { header: GROUP_HEADERS[q.groupBy][lang === 'en' ? 1 : 0], kind: 'text', width: 16, value: (r) => r.name },
    { header: pick(lang, '按时', 'Met'), kind: 'integer', value: (r) => r.met },
    { header: pick(lang, '超时', 'Breached'), kind: 'integer', value: (r) => r.breached },
    { header: pick(lang, '合计', 'Total'), kind: 'integer', value: (r) => r.total },
    { header: pick(lang, '及时率', 'Rate'), kind: 'percent', value: (r) => r.rate },
  ];
  const title = pick(lang, '沟通及时率', 'Timeliness');
  return sendTableExport(reply, deps, actor, {
    format: q.format,
    fileName: fileName(title, q.groupBy, report),
    table: { title, columns, rows },
    audit: { table: 'timeliness', filters: { ...filtersOf(q), from: report.from, to: report.to }, projectId: q.projectId ?? null },
  });
}

/** GET /api/exports/outcomes: 问题处理成功率, 满意率 and the average rating by the chosen grouping. */
export async function exportOutcomes(reply: FastifyReply, deps: AppDeps, actor: StaffActor, q: OutcomesQuery, lang: Locale) {
  const report = await outcomesReport(deps, actor, q);
  const nameOf = await groupNames(
    deps,
    actor,
    q.groupBy,
    report.rows.map((r) => r.key),
    lang,
  );
  type Row = (typeof report.rows)[number];
  const columns: ExportColumn<Row>[] = [
    { header: GROUP_HEADERS[q.groupBy][lang === 'en' ? 1 : 0], kind: 'text', width: 16, value: (r) => nameOf(r.key) },
    { header: pick(lang, '结案数', 'Closed'), kind: 'integer', value: (r) => r.closed },
    { header: pick(lang, '问题处理成功率', 'Resolution success'), kind: 'percent', width: 14, value: (r) => r.successRate },
    { header: pick(lang, '业主满意率', 'Satisfaction'), kind: 'percent', width: 12, value: (r) => r.satisfactionRate },
    { header: pick(lang, '平均评分', 'Average rating'), kind: 'decimal', value: (r) => r.averageRating },
    { header: pick(lang, '非物业范围', 'Out of scope'), kind: 'integer', width: 12, value: (r) => r.outOfScope },
    { header: pick(lang, '曾重开', 'Reopened'), kind: 'integer', value: (r) => r.reopened },
    { header: pick(lang, '一次解决', 'Resolved first time'), kind: 'integer', width: 12, value: (r) => r.resolvedFirstTime },
  ];
  const title = pick(lang, '处理成功率与满意率', 'Outcomes');
  return sendTableExport(reply, deps, actor, {
    format: q.format,
    fileName: fileName(title, q.groupBy, report),
    table: { title, columns, rows: report.rows },
    audit: { table: 'outcomes', filters: { ...filtersOf(q), from: report.from, to: report.to }, projectId: q.projectId ?? null },
  });
}

/** GET /api/exports/complaint-categories: complaints by category, the most frequent first. */
export async function exportComplaintCategories(reply: FastifyReply, deps: AppDeps, actor: StaffActor, q: Omit<OutcomesQuery, 'groupBy'>, lang: Locale) {
  const report = await outcomesReport(deps, actor, { ...q, groupBy: 'month' });
  type Row = (typeof report.complaintCategories)[number];
  const columns: ExportColumn<Row>[] = [
    { header: pick(lang, '投诉类别', 'Complaint category'), kind: 'text', width: 20, value: (r) => r.category ?? pick(lang, '未分类', 'Uncategorized') },
    { header: pick(lang, '件数', 'Complaints'), kind: 'integer', value: (r) => r.count },
  ];
  const title = pick(lang, '投诉类别', 'Complaint categories');
  return sendTableExport(reply, deps, actor, {
    format: q.format,
    fileName: `${title}-${report.from}~${report.to}`,
    table: { title, columns, rows: report.complaintCategories },
    audit: { table: 'complaint_categories', filters: { ...filtersOf(q), from: report.from, to: report.to }, projectId: q.projectId ?? null },
  });
}
