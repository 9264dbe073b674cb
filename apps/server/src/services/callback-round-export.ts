import type { StaffActor } from '@guanjia/core';
import { CALLBACK_FOLLOW_UP_LABELS, CALLBACK_RESULT_LABELS, CALLBACK_STATUS_LABELS, CALLBACK_VERDICT_LABELS, type Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { roundSummaryData } from './callback-rounds.service.ts';
import { sendTableExport } from './export-delivery.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * 回访总结报告 as a file (.xlsx or CSV): one row per sampled work order — its callback's status, the
 * owner's verdicts, words, and the follow-up 不满意 opened — after the round's figures in the first
 * rows (a figure's name, then its value); logged like every export.
 */
const pick = (lang: Locale, zh: string, en: string) => (lang === 'en' ? en : zh);

interface Row {
  number: string;
  title: string;
  status: string;
  quality: string;
  attitude: string;
  result: string;
  ownerWords: string;
  followUp: string;
  followUpCase: string;
  completedAt: string | null;
}

export async function exportRoundSummary(reply: FastifyReply, deps: AppDeps, actor: StaffActor, id: string, format: 'xlsx' | 'csv', lang: Locale) {
  const s = await roundSummaryData(deps, actor, id);
  const label = <K extends string>(labels: Record<K, Record<Locale, string>>, key: K | null) => (key ? labels[key][lang] : '');
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  const f = s.figures;
  const figureRow = (name: string, value: string): Row => ({
    number: name,
    title: value,
    status: '',
    quality: '',
    attitude: '',
    result: '',
    ownerWords: '',
    followUp: '',
    followUpCase: '',
    completedAt: null,
  });
  const figures: Row[] = [
    figureRow(pick(lang, '抽样数', 'Sampled'), `${f.sampled} / ${s.round.populationSize}`),
    figureRow(pick(lang, '回访成功', 'Reached'), `${f.reached} (${pct(f.reachedRate)})`),
    figureRow(pick(lang, '无法联系', 'Unreachable'), String(f.unreachable)),
    figureRow(pick(lang, '质量满意率', 'Quality satisfied'), pct(f.quality.satisfiedRate)),
    figureRow(pick(lang, '态度满意率', 'Attitude satisfied'), pct(f.attitude.satisfiedRate)),
    figureRow(pick(lang, '问题解决率', 'Resolved'), pct(f.result.resolvedRate)),
  ];
  const rows: Row[] = s.facts.map((x) => {
    const c = s.cases.get(x.callback.caseId);
    const follow = x.callback.followUpCaseId ? s.cases.get(x.callback.followUpCaseId) : undefined;
    return {
      number: c?.number ?? '',
      title: c?.title ?? '',
      status: label(CALLBACK_STATUS_LABELS, x.callback.status),
      quality: label(CALLBACK_VERDICT_LABELS, x.quality),
      attitude: label(CALLBACK_VERDICT_LABELS, x.attitude),
      result: label(CALLBACK_RESULT_LABELS, x.result),
      ownerWords: x.record?.ownerWords ?? '',
      followUp: label(CALLBACK_FOLLOW_UP_LABELS, x.callback.followUp),
      followUpCase: follow?.number ?? '',
      completedAt: x.callback.completedAt,
    };
  });
  const columns: ExportColumn<Row>[] = [
    { header: pick(lang, '工单号', 'Case'), kind: 'text', width: 22, value: (r) => r.number },
    { header: pick(lang, '标题', 'Title'), kind: 'text', width: 30, value: (r) => r.title },
    { header: pick(lang, '回访状态', 'Status'), kind: 'text', width: 10, value: (r) => r.status },
    { header: pick(lang, '服务质量', 'Quality'), kind: 'text', width: 10, value: (r) => r.quality },
    { header: pick(lang, '服务态度', 'Attitude'), kind: 'text', width: 10, value: (r) => r.attitude },
    { header: pick(lang, '处理结果', 'Result'), kind: 'text', width: 10, value: (r) => r.result },
    { header: pick(lang, '业主原话', 'Owner’s words'), kind: 'text', width: 36, value: (r) => r.ownerWords },
    { header: pick(lang, '跟进', 'Follow-up'), kind: 'text', width: 8, value: (r) => r.followUp },
    { header: pick(lang, '跟进工单', 'Follow-up case'), kind: 'text', width: 22, value: (r) => r.followUpCase },
    { header: pick(lang, '完成时间', 'Completed'), kind: 'datetime', value: (r) => r.completedAt },
  ];
  const title = pick(lang, '回访总结报告', 'Callback round summary');
  return sendTableExport(reply, deps, actor, {
    format,
    fileName: `${title}-${s.round.projectName}-${s.round.weekStart}`,
    table: { title, columns, rows: [...figures, ...rows] },
    audit: { table: 'callback-round-summary', filters: { roundId: id }, projectId: s.round.projectId },
  });
}
