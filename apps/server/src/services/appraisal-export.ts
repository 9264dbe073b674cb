import type { StaffActor } from '@guanjia/core';
import { APPRAISAL_MEASURE_LABELS, APPRAISAL_STATUS_LABELS, type AppraisalMeasure, type Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { getSheet, type AppraisalSheetView } from './appraisals.service.ts';
import { sendTableExport } from './export-delivery.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * 员工考核表 as .xlsx: the person, period and state in the first rows, then one row per measure with
 * the figures it was counted from, its measure (0..1), weight, share and points, the score, and the
 * supervisor's comment and the person's acknowledgement; logged like every export.
 */
const pick = (lang: Locale, zh: string, en: string) => (lang === 'en' ? en : zh);

interface Row {
  item: string;
  figures: string;
  value: number | null;
  weight: number | null;
  share: number | null;
  points: number | null;
}

/** The figures a measure was counted from, as words. */
export function figureText(s: AppraisalSheetView, m: AppraisalMeasure, lang: Locale): string {
  const f = s.figures;
  const t = (zh: string, en: string) => pick(lang, zh, en);
  switch (m) {
    case 'timeliness':
      return t(`按时 ${f.clocks.met}，超时 ${f.clocks.breached}`, `met ${f.clocks.met}, breached ${f.clocks.breached}`);
    case 'reopen':
      return t(`结案 ${f.cases.closed}，其中重开 ${f.cases.reopened}`, `closed ${f.cases.closed}, reopened ${f.cases.reopened}`);
    case 'language':
      return t(`${f.languageOverrides} 次（上限 ${s.languageAllowance}）`, `${f.languageOverrides} (allowance ${s.languageAllowance})`);
    case 'callbacks':
      return t(`完成 ${f.callbacks.done}，应回访 ${f.callbacks.due}`, `done ${f.callbacks.done}, due ${f.callbacks.due}`);
    case 'visits':
      return t(`完成 ${f.visits.done}，应走访 ${f.visits.planned}`, `done ${f.visits.done}, planned ${f.visits.planned}`);
    case 'defects':
      return t(
        `员工造成 ${f.defects.causedByStaff}（上限 ${s.defectAllowance}），责任不合格项 ${f.defects.attributed}`,
        `caused by staff ${f.defects.causedByStaff} (allowance ${s.defectAllowance}), attributed ${f.defects.attributed}`,
      );
    case 'caseRating':
      return f.caseRatings.rated
        ? t(
            `评价 ${f.caseRatings.rated} 次，平均 ${(f.caseRatings.sum / f.caseRatings.rated).toFixed(2)} 分`,
            `${f.caseRatings.rated} ratings, mean ${(f.caseRatings.sum / f.caseRatings.rated).toFixed(2)}`,
          )
        : t('无评价', 'no ratings');
    case 'stewardRating':
      return t(
        `满意 ${f.stewardRatings.satisfied}，评价 ${f.stewardRatings.answers}`,
        `satisfied ${f.stewardRatings.satisfied} of ${f.stewardRatings.answers}`,
      );
  }
}

export async function exportAppraisal(reply: FastifyReply, deps: AppDeps, actor: StaffActor, id: string, lang: Locale) {
  const s = await getSheet(deps, actor, id);
  const line = (item: string, figures: string): Row => ({ item, figures, value: null, weight: null, share: null, points: null });
  const l = lang === 'en' ? 1 : 0;
  const rows: Row[] = [
    line(pick(lang, '员工', 'Staff'), s.departmentName ? `${s.staffName}（${s.departmentName}）` : s.staffName),
    line(pick(lang, '考核期间', 'Period'), `${s.from} – ${s.to}`),
    line(pick(lang, '状态', 'Status'), APPRAISAL_STATUS_LABELS[s.status][l]),
    ...s.parts.map((p) => ({
      item: APPRAISAL_MEASURE_LABELS[p.measure][l],
      figures: p.value === null ? `${figureText(s, p.measure, lang)}${pick(lang, '（无数据，不计）', ' (no data, left out)')}` : figureText(s, p.measure, lang),
      value: p.value,
      weight: p.weight,
      share: p.share,
      points: p.points,
    })),
    { ...line(pick(lang, '总分', 'Score'), s.score === null ? pick(lang, '无数据', 'no data') : ''), points: s.score },
    line(pick(lang, '主管评语', 'Supervisor’s comment'), s.comment ?? ''),
    line(pick(lang, '评语人', 'Commented by'), s.commentedBy ?? ''),
    line(pick(lang, '本人确认', 'Acknowledged'), s.acknowledgedAt ? pick(lang, '已确认', 'Yes') : pick(lang, '未确认', 'Not yet')),
  ];
  const columns: ExportColumn<Row>[] = [
    { header: pick(lang, '项目', 'Item'), kind: 'text', width: 20, value: (r) => r.item },
    { header: pick(lang, '数据', 'Figures'), kind: 'text', width: 48, value: (r) => r.figures },
    { header: pick(lang, '得分率', 'Measure'), kind: 'percent', value: (r) => r.value },
    { header: pick(lang, '权重', 'Weight'), kind: 'integer', value: (r) => r.weight },
    { header: pick(lang, '占比', 'Share'), kind: 'percent', value: (r) => r.share },
    { header: pick(lang, '得分', 'Points'), kind: 'decimal', value: (r) => r.points },
  ];
  const title = pick(lang, '员工考核表', 'Staff appraisal');
  return sendTableExport(reply, deps, actor, {
    format: 'xlsx',
    fileName: `${title}-${s.staffName}-${s.from}`,
    table: { title, columns, rows },
    audit: { table: 'appraisal', filters: { appraisalId: id } },
  });
}
