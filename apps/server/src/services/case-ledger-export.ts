import type { ExportFormat, RouteQuery, RouteResponse } from '@guanjia/api-contract';
import type { StaffActor } from '@guanjia/core';
import { listProjects } from '@guanjia/storage';
import { CASE_STATUS_LABELS, CASE_TYPE_LABELS, CHANNEL_LABELS, CLOCK_LABELS, REPAIR_GRADE_LABELS, type Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { listVisibleCases, type CaseListQuery } from './cases.service.ts';
import { sendTableExport } from './export-delivery.ts';
import { visibleProject } from './structure.service.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * 工单台账 and the queues as a file (issue 12, item 5): every case of the case list's own query —
 * queue, project, types, statuses, period, search — read page after page through the very function
 * that answers GET /api/cases, so the file holds exactly the rows and the masking (owners' names
 * 张* unless the role may reveal them) that the list shows this staff member.
 */

type Row = RouteResponse<'GET /api/cases'>['items'][number];
type Query = Omit<RouteQuery<'GET /api/cases'>, 'limit' | 'cursor'> & { withinMinutes: number; format: ExportFormat };

/** Rows per page read (keyset pages of the list; the at-risk and follow-up queues are one page of this many). */
const PAGE = 1_000;
const URGENT_QUEUE_LIMIT = 10_000;

const yesNo = (v: boolean | null, lang: Locale) => (v === null ? null : lang === 'en' ? (v ? 'Yes' : 'No') : v ? '是' : '否');
const labelOf = (labels: Record<string, [string, string]>, key: string | null, lang: Locale) =>
  key === null ? null : (labels[key]?.[lang === 'en' ? 1 : 0] ?? key);

function ledgerColumns(lang: Locale, projectNames: ReadonlyMap<string, string>): ExportColumn<Row>[] {
  const h = (zh: string, en: string) => (lang === 'en' ? en : zh);
  return [
    { header: h('工单号', 'Number'), kind: 'text', width: 22, value: (r) => r.number },
    { header: h('管理处', 'Project'), kind: 'text', width: 12, value: (r) => projectNames.get(r.projectId) ?? null },
    { header: h('类型', 'Type'), kind: 'text', width: 8, value: (r) => labelOf(CASE_TYPE_LABELS, r.type, lang) },
    { header: h('状态', 'Status'), kind: 'text', width: 12, value: (r) => labelOf(CASE_STATUS_LABELS, r.status, lang) },
    { header: h('渠道', 'Channel'), kind: 'text', width: 10, value: (r) => labelOf(CHANNEL_LABELS, r.channel, lang) },
    { header: h('类别', 'Category'), kind: 'text', width: 10, value: (r) => r.category },
    { header: h('标题', 'Title'), kind: 'text', width: 28, value: (r) => r.title },
    { header: h('内容', 'Description'), kind: 'text', width: 40, value: (r) => r.description },
    { header: h('业主/来电人', 'Owner or caller'), kind: 'text', width: 10, value: (r) => r.ownerName ?? r.callerName },
    { header: h('房号', 'Unit'), kind: 'text', width: 16, value: (r) => r.unitLabel },
    { header: h('责任部门', 'Department'), kind: 'text', width: 12, value: (r) => r.departmentName },
    { header: h('处理人', 'Assignee'), kind: 'text', width: 10, value: (r) => r.assigneeName },
    { header: h('维修等级', 'Repair grade'), kind: 'text', width: 9, value: (r) => labelOf(REPAIR_GRADE_LABELS, r.repairGrade, lang) },
    { header: h('受理时间', 'Received'), kind: 'datetime', value: (r) => r.createdAt },
    { header: h('最近时限', 'Nearest clock'), kind: 'text', width: 12, value: (r) => (r.nearestClock ? CLOCK_LABELS[r.nearestClock.kind][lang] : null) },
    { header: h('时限到期', 'Due'), kind: 'datetime', value: (r) => r.nearestClock?.dueAt ?? null },
    { header: h('已超时', 'Overdue'), kind: 'text', width: 8, value: (r) => (r.nearestClock ? yesNo(r.nearestClock.overdue, lang) : null) },
    { header: h('结案时间', 'Closed'), kind: 'datetime', value: (r) => r.closedAt },
    { header: h('业主满意', 'Satisfied'), kind: 'text', width: 9, value: (r) => yesNo(r.satisfied, lang) },
    { header: h('评分', 'Rating'), kind: 'integer', width: 6, value: (r) => r.rating },
    { header: h('返工次数', 'Reworked'), kind: 'integer', width: 9, value: (r) => r.reopenCount },
  ];
}

/** GET /api/exports/cases: the checks and the first page before the file begins (a refusal is still a problem answer). */
export async function exportCaseLedger(reply: FastifyReply, deps: AppDeps, actor: StaffActor, query: Query, lang: Locale) {
  const { format, ...listQuery } = query;
  // a project named must be one of the caller's (the list would answer an empty page; a file says why not)
  if (listQuery.projectId) await visibleProject(deps, actor, listQuery.projectId, 'query.projectId');
  const urgent = listQuery.queue === 'at_risk' || listQuery.queue === 'follow_up';
  const base: CaseListQuery = { ...listQuery, limit: urgent ? URGENT_QUEUE_LIMIT : PAGE };
  const first = await listVisibleCases(deps, actor, base);
  const projects = await listProjects(deps.database.db, actor.organizationId, null);
  const zones = new Map(projects.map((p) => [p.id, p.timeZone]));
  async function* rows(): AsyncGenerator<Row> {
    let page: { items: unknown[]; nextCursor: string | null } = first;
    for (;;) {
      yield* page.items as Row[];
      if (!page.nextCursor) return;
      page = await listVisibleCases(deps, actor, { ...base, cursor: page.nextCursor });
    }
  }
  const title = lang === 'en' ? 'Case ledger' : '工单台账';
  const period = [listQuery.createdFrom, listQuery.createdTo].filter(Boolean).join('~');
  return sendTableExport(reply, deps, actor, {
    format,
    fileName: period ? `${title}-${period}` : title,
    table: {
      title,
      columns: ledgerColumns(lang, new Map(projects.map((p) => [p.id, p.name]))),
      rows: rows(),
      timeZoneOf: (r) => zones.get(r.projectId),
      truncatedNote: lang === 'en' ? 'Only the first 1,000,000 cases: narrow the period.' : '仅导出前 1,000,000 条，请缩小日期范围。',
    },
    audit: { table: 'cases', filters: listQuery, projectId: listQuery.projectId ?? null },
  });
}
