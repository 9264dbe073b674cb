import type { Actor } from '@guanjia/core';
import { SURVEY_AREA_LABELS, type Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { sendTableExport } from './export-delivery.ts';
import { surveyStatisticsView } from './survey-results.service.ts';
import { getSurvey, requireSurveyReader } from './surveys.service.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * 客户满意率统计表 as a file (.xlsx or CSV, SPEC §8): the project's rate, then each item's and each
 * building's, each with its answers, satisfied answers, rate and 95% Wilson interval; logged like every export.
 */
const pick = (lang: Locale, zh: string, en: string) => (lang === 'en' ? en : zh);

interface Row {
  level: string;
  name: string;
  answers: number;
  satisfied: number;
  rate: number | null;
  low: number;
  high: number;
}

export async function exportSurveyStatistics(reply: FastifyReply, deps: AppDeps, actor: Actor, id: string, format: 'xlsx' | 'csv', lang: Locale) {
  requireSurveyReader(actor);
  const stats = await surveyStatisticsView(deps, actor, id);
  const survey = await getSurvey(deps, actor, id);
  const rows: Row[] = [
    { level: pick(lang, '项目', 'Project'), name: survey.projectName, ...stats.project },
    ...stats.byQuestion.map((q) => ({ level: `${pick(lang, '题目', 'Item')} · ${SURVEY_AREA_LABELS[q.area][lang]}`, name: q.text, ...q })),
    ...stats.byBuilding.map((b) => ({ level: pick(lang, '楼栋', 'Building'), name: b.buildingName, ...b })),
  ];
  const columns: ExportColumn<Row>[] = [
    { header: pick(lang, '统计范围', 'Level'), kind: 'text', width: 16, value: (r) => r.level },
    { header: pick(lang, '名称', 'Name'), kind: 'text', width: 36, value: (r) => r.name },
    { header: pick(lang, '答案数', 'Answers'), kind: 'integer', value: (r) => r.answers },
    { header: pick(lang, '满意数（4–5分）', 'Satisfied (4–5)'), kind: 'integer', value: (r) => r.satisfied },
    { header: pick(lang, '满意率', 'Rate'), kind: 'percent', value: (r) => r.rate },
    { header: pick(lang, '95%置信下限', '95% low'), kind: 'percent', value: (r) => (r.answers ? r.low : null) },
    { header: pick(lang, '95%置信上限', '95% high'), kind: 'percent', value: (r) => (r.answers ? r.high : null) },
  ];
  const title = pick(lang, '客户满意率统计表', 'Satisfaction statistics');
  return sendTableExport(reply, deps, actor, {
    format,
    fileName: `${title}-${survey.projectName}-${survey.startsOn}`,
    table: { title, columns, rows },
    audit: { table: 'survey-statistics', filters: { surveyId: id }, projectId: survey.projectId },
  });
}
