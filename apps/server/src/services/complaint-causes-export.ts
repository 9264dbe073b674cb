import type { ExportFormat } from '@guanjia/api-contract';
import type { StaffActor } from '@guanjia/core';
import { listProjects } from '@guanjia/storage';
import { COMPLAINT_CAUSE_STATE_LABELS, type Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { complaintCausesReport } from './complaint-measures.service.ts';
import { sendTableExport } from './export-delivery.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * GET /api/exports/complaint-causes (issue 16 item 1, decision 0039): the report GET /api/reports/complaint-causes
 * answers (same scope and period) as a file — a row per corrective measure, a cause without one a row of its own,
 * the causes in their rank order. The report checks access (report.read, the reader's projects) before the file begins.
 */
type Query = Parameters<typeof complaintCausesReport>[2] & { format: ExportFormat };
type Report = Awaited<ReturnType<typeof complaintCausesReport>>;
type Cause = Report['causes'][number];
type Row = { cause: Cause; measure: Cause['measures'][number] | null };

const pick = (lang: Locale, zh: string, en: string) => (lang === 'en' ? en : zh);

export async function exportComplaintCauses(reply: FastifyReply, deps: AppDeps, actor: StaffActor, q: Query, lang: Locale) {
  const { format, ...query } = q;
  const report = await complaintCausesReport(deps, actor, query);
  const projects = new Map((await listProjects(deps.database.db, actor.organizationId, null)).map((p) => [p.id, p.name]));
  const rows: Row[] = report.causes.flatMap((cause): Row[] =>
    cause.measures.length ? cause.measures.map((measure) => ({ cause, measure })) : [{ cause, measure: null }],
  );
  const i = lang === 'en' ? 1 : 0;
  const measureStatus = (m: Row['measure']) =>
    !m ? null : m.status === 'done' ? pick(lang, '已完成', 'Done') : m.overdue ? pick(lang, '逾期', 'Overdue') : pick(lang, '进行中', 'In progress');
  const columns: ExportColumn<Row>[] = [
    { header: pick(lang, '排名', 'Rank'), kind: 'integer', value: (r) => r.cause.rank },
    { header: pick(lang, '投诉原因', 'Cause'), kind: 'text', width: 16, value: (r) => r.cause.category ?? pick(lang, '未分类', 'Uncategorized') },
    { header: pick(lang, '投诉数', 'Complaints'), kind: 'integer', value: (r) => r.cause.count },
    { header: pick(lang, '占比', 'Share'), kind: 'percent', value: (r) => r.cause.share },
    { header: pick(lang, '累计占比', 'Cumulative'), kind: 'percent', value: (r) => r.cause.cumulativeShare },
    { header: pick(lang, '主要原因', 'Main cause'), kind: 'text', value: (r) => (r.cause.main ? pick(lang, '是', 'Yes') : '') },
    {
      header: pick(lang, '措施状态', 'Measures'),
      kind: 'text',
      width: 12,
      value: (r) => (r.cause.state ? COMPLAINT_CAUSE_STATE_LABELS[r.cause.state][i] : ''),
    },
    {
      header: pick(lang, '管理处', 'Office'),
      kind: 'text',
      width: 14,
      value: (r) => (r.measure ? (projects.get(r.measure.projectId) ?? r.measure.projectId) : ''),
    },
    { header: pick(lang, '月份', 'Month'), kind: 'text', value: (r) => r.measure?.month ?? '' },
    { header: pick(lang, '纠正措施', 'Corrective measure'), kind: 'text', width: 40, value: (r) => r.measure?.measure ?? '' },
    { header: pick(lang, '责任人', 'Responsible'), kind: 'text', width: 12, value: (r) => r.measure?.responsibleName ?? '' },
    { header: pick(lang, '完成期限', 'Due date'), kind: 'date', value: (r) => r.measure?.dueDate ?? null },
    { header: pick(lang, '状态', 'Status'), kind: 'text', value: (r) => measureStatus(r.measure) },
    { header: pick(lang, '完成情况', 'Result'), kind: 'text', width: 40, value: (r) => r.measure?.resultNote ?? '' },
    // the quality department's verification (效果验证) and the cause's count in the measure's month and the next
    { header: pick(lang, '当月投诉数', 'Complaints that month'), kind: 'integer', value: (r) => r.measure?.monthCount ?? null },
    { header: pick(lang, '次月投诉数', 'Complaints next month'), kind: 'integer', value: (r) => r.measure?.nextMonthCount ?? null },
    {
      header: pick(lang, '效果验证', 'Verification'),
      kind: 'text',
      width: 12,
      value: (r) =>
        r.measure?.effective === true
          ? pick(lang, '已验证·有效', 'Verified · effective')
          : r.measure?.effective === false
            ? pick(lang, '已验证·无效', 'Verified · ineffective')
            : '',
    },
    { header: pick(lang, '验证说明', 'Verification note'), kind: 'text', width: 40, value: (r) => r.measure?.verification ?? '' },
    { header: pick(lang, '验证人', 'Verified by'), kind: 'text', width: 12, value: (r) => r.measure?.verifiedByName ?? '' },
    { header: pick(lang, '验证时间', 'Verified at'), kind: 'datetime', value: (r) => r.measure?.verifiedAt ?? null },
  ];
  const title = pick(lang, '投诉原因与纠正措施', 'Complaint causes');
  return sendTableExport(reply, deps, actor, {
    format,
    fileName: `${title}-${report.from}~${report.to}`,
    table: { title, columns, rows },
    audit: { table: 'complaint_causes', filters: { ...query, from: report.from, to: report.to }, projectId: q.projectId ?? null },
  });
}
