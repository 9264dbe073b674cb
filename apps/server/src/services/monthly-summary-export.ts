import type { StaffActor } from '@guanjia/core';
import { CASE_TYPE_LABELS, MONTHLY_OPINION_STATUS_LABELS, MONTHLY_SUMMARY_STATUS_LABELS, type Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { sendTableExport } from './export-delivery.ts';
import { getSummary } from './monthly-summary.service.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * 每月客户沟通总结 as a file (.xlsx or CSV): the month's figures and the three text sections in the
 * first rows (a name, then its value), then one row per opinion with its owner, deadline and state;
 * logged like every export.
 */
const pick = (lang: Locale, zh: string, en: string) => (lang === 'en' ? en : zh);

interface Row {
  item: string;
  value: string;
  assignee: string;
  deadlineOn: string | null;
  status: string;
  doneNote: string;
}

export async function exportMonthlySummary(reply: FastifyReply, deps: AppDeps, actor: StaffActor, id: string, format: 'xlsx' | 'csv', lang: Locale) {
  const s = await getSummary(deps, actor, id);
  const f = s.figures;
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  const line = (item: string, value: string): Row => ({ item, value, assignee: '', deadlineOn: null, status: '', doneNote: '' });
  const typeText = (key: string) =>
    key === 'visit_opinion'
      ? pick(lang, '走访意见', 'Visit opinion')
      : key === 'survey_comment'
        ? pick(lang, '问卷意见', 'Survey comment')
        : (CASE_TYPE_LABELS[key as keyof typeof CASE_TYPE_LABELS]?.[lang === 'en' ? 1 : 0] ?? key);
  const byType = f.casesByType.map((c) => `${typeText(c.type)} ${c.count}`).join('，');
  const head: Row[] = [
    line(pick(lang, '月份', 'Month'), s.month),
    line(pick(lang, '状态', 'Status'), MONTHLY_SUMMARY_STATUS_LABELS[s.status][lang]),
    line(pick(lang, '本月受理', 'Cases received'), byType || '0'),
    line(pick(lang, '沟通及时率', 'Timeliness'), `${pct(f.timeliness.rate)}（${f.timeliness.met} / ${f.timeliness.met + f.timeliness.breached}）`),
    line(pick(lang, '问题处理成功率', 'Resolution success'), `${pct(f.resolution.successRate)}（${f.resolution.resolvedFirstTime} / ${f.resolution.closed}）`),
    line(pick(lang, '回访', 'Callbacks'), `${f.callbacks.done} / ${f.callbacks.due}`),
    line(pick(lang, '走访', 'Visits'), `${f.visits.done} / ${f.visits.planned}`),
    line(pick(lang, '沟通名单', 'Contact list'), `${f.contacts.contacted} / ${f.contacts.total}`),
    line(pick(lang, '问卷意见', 'Survey comments'), String(f.surveyComments ?? 0)),
    line(pick(lang, '总体情况', 'Overview'), s.overview),
    line(pick(lang, '主要问题', 'Main problems'), s.mainProblems),
    line(pick(lang, '改进措施', 'Improvements'), s.improvements),
  ];
  const opinions: Row[] = s.opinions.map((o) => ({
    item: `${typeText(o.source)}${o.caseNumber ? ` ${o.caseNumber}` : ''}`,
    value: o.caseNumber && o.text.startsWith(o.caseNumber) ? o.text.slice(o.caseNumber.length).trim() : o.text,
    assignee: o.assigneeName ?? '',
    deadlineOn: o.deadlineOn,
    status: MONTHLY_OPINION_STATUS_LABELS[o.status][lang],
    doneNote: o.doneNote ?? '',
  }));
  const columns: ExportColumn<Row>[] = [
    { header: pick(lang, '项目', 'Item'), kind: 'text', width: 22, value: (r) => r.item },
    { header: pick(lang, '内容', 'Content'), kind: 'text', width: 60, value: (r) => r.value },
    { header: pick(lang, '责任人', 'Owner'), kind: 'text', width: 12, value: (r) => r.assignee },
    { header: pick(lang, '期限', 'Deadline'), kind: 'date', value: (r) => r.deadlineOn },
    { header: pick(lang, '状态', 'Status'), kind: 'text', width: 10, value: (r) => r.status },
    { header: pick(lang, '完成说明', 'Done note'), kind: 'text', width: 30, value: (r) => r.doneNote },
  ];
  const title = pick(lang, '每月客户沟通总结', 'Monthly communication summary');
  return sendTableExport(reply, deps, actor, {
    format,
    fileName: `${title}-${s.month}`,
    table: { title, columns, rows: [...head, ...opinions] },
    audit: { table: 'monthly-summary', filters: { summaryId: id }, projectId: s.projectId },
  });
}
