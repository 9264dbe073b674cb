import { formatShort } from '../../shared/format';
import { WEATHER_WARNING_KIND_LABELS } from '@guanjia/vocabulary';
import { it, levelText, word } from './inspection-text';

/**
 * The inspection notifications in the console's drawer (issue 15): what each says — its kind, the
 * defect, point, notice or day it is about, the deadline or figures — and the page it opens. The
 * server's records carry ids and a few words, never a sentence: the words are put together here.
 */
const KIND_LABELS = {
  defect_assigned: ['不合格项待整改', 'Defect to fix'],
  defect_reopened: ['消项未通过验证', 'Closure not verified'],
  defect_escalated: ['不合格项逾期升级', 'Defect escalated'],
  rectification_issued: ['整改通知', 'Rectification notice'],
  rectification_measures: ['整改措施已提交', 'Measures submitted'],
  rectification_reported: ['整改报告待复查', 'Report to re-inspect'],
  rectification_escalated: ['整改通知逾期升级', 'Rectification notice escalated'],
  patrol_point_due: ['巡检点到时', 'Point due'],
  patrol_transferred: ['巡检任务转交给您', 'Patrol handed to you'],
  patrol_day_summary: ['巡检日报', 'Patrol day summary'],
  patrol_unassigned: ['巡检无人值班', 'Patrol with nobody on duty'],
  night_checks_scheduled: ['恶劣天气夜间查岗', 'Night checks scheduled'],
  night_checks_behind: ['夜间查岗提醒', 'Night checks behind'],
} as const satisfies Record<string, readonly [string, string]>;

type Data = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
/** 夜间查岗 of a project's month (`?projectId=&month=`), what the night-check notifications open. */
const nightMonthPath = (projectId: unknown, month: string) => {
  const query = new URLSearchParams({ ...(text(projectId) ? { projectId: text(projectId) } : {}), ...(month ? { month } : {}) }).toString();
  return `/night-checks${query ? `?${query}` : ''}`;
};

/** The drawer's lines of an inspection notification, and where it leads; null for any other kind. */
export function inspectionNotice(kind: string, data: Data, lang: 'zh-CN' | 'en'): { label: string; title: string; detail: string; path: string | null } | null {
  if (!(kind in KIND_LABELS)) return null;
  const label = word(KIND_LABELS, kind, lang);
  const due = (v: unknown) => (text(v) ? `${it('deadline', lang)} ${formatShort(text(v), undefined, lang)}` : '');
  switch (kind) {
    case 'defect_assigned':
    case 'defect_reopened':
    case 'defect_escalated':
      return {
        label,
        title: text(data.description),
        detail: [due(data.deadline), kind === 'defect_escalated' && data.level ? it('escalated', lang, { n: text(data.level) }) : '']
          .filter(Boolean)
          .join(' · '),
        path: data.defectId ? `/defects?id=${encodeURIComponent(text(data.defectId))}` : '/defects',
      };
    case 'rectification_issued':
    case 'rectification_measures':
    case 'rectification_reported':
    case 'rectification_escalated':
      return {
        label,
        title: text(data.title),
        detail: [due(data.deadline), kind === 'rectification_escalated' && data.level ? it('escalated', lang, { n: text(data.level) }) : '']
          .filter(Boolean)
          .join(' · '),
        path: '/rectifications',
      };
    case 'patrol_unassigned':
      // the rounds nobody of the plan's inspectors is on duty for: the day's tasks, to hand each to someone
      return {
        label,
        title: text(data.planName),
        detail: (Array.isArray(data.rounds) ? data.rounds : []).map(text).join('、'),
        path: '/patrol-tasks',
      };
    case 'patrol_point_due':
      return {
        label,
        title: text(data.pointName),
        detail: data.closesAt ? `${it('windowEnds', lang)} ${formatShort(text(data.closesAt), undefined, lang)}` : '',
        path: data.taskId ? `/patrol/${encodeURIComponent(text(data.taskId))}` : '/patrol',
      };
    case 'patrol_transferred':
      return {
        label,
        title: `${text(data.date).slice(5)} · ${it('roundAt', lang, { round: text(data.round) })}`,
        detail: [text(data.from), text(data.reason)].filter(Boolean).join('：'),
        path: data.taskId ? `/patrol/${encodeURIComponent(text(data.taskId))}` : '/patrol',
      };
    case 'patrol_day_summary':
      return {
        label,
        title: `${text(data.projectName)} ${text(data.date)}`,
        detail: it('daySummary', lang, {
          tasks: text(data.tasks),
          done: text(data.done),
          checked: text(data.checked),
          points: text(data.points),
          late: text(data.late),
          missed: text(data.missed),
          abnormal: text(data.abnormal),
        }),
        path: null,
      };
    case 'night_checks_scheduled': {
      // 夜间查岗 scheduled by a weather warning: its kind and nights, opening the project's month (of its first night scheduled)
      const nights = Array.isArray(data.nights) ? data.nights.map(text) : [];
      const month = (nights[0] || text(data.fromDate)).slice(0, 7);
      return {
        label,
        title: [data.warningKind ? word(WEATHER_WARNING_KIND_LABELS, text(data.warningKind), lang) : '', `${text(data.fromDate)} – ${text(data.toDate)}`]
          .filter(Boolean)
          .join(' '),
        detail: [data.level ? levelText(text(data.level), lang) : '', it('nightsScheduled', lang, { n: nights.length })].filter(Boolean).join(' · '),
        path: nightMonthPath(data.projectId, month),
      };
    }
    case 'night_checks_behind': {
      // 夜间查岗提醒 to the office managers: a warning night left unchecked, or the month behind its pace to 4 nights; opening the project's month
      const month = text(data.month) || text(data.night).slice(0, 7);
      const missed = data.kind === 'warning_night_missed';
      return {
        label,
        title: missed ? it('nightWarningMissed', lang, { night: text(data.night) }) : it('nightBehindTitle', lang, { month }),
        detail: missed ? '' : it('nightBehind', lang, { done: text(data.done), expected: text(data.expected) }),
        path: nightMonthPath(data.projectId, month),
      };
    }
    default:
      return { label, title: '', detail: '', path: null };
  }
}
