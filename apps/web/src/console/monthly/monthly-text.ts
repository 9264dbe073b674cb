import {
  CASE_TYPE_LABELS,
  MEETING_KIND_LABELS,
  MONTHLY_CLOCK_LABELS,
  MONTHLY_CONTACT_CHANNEL_LABELS,
  MONTHLY_CONTACT_RESULT_LABELS,
  MONTHLY_CONTACT_STATUS_LABELS,
  MONTHLY_OPINION_STATUS_LABELS,
  MONTHLY_SUMMARY_STATUS_LABELS,
  type Locale,
} from '@guanjia/vocabulary';

/** The texts of the 月度沟通 page (issue 14 item 3): zh-CN first, English second. Words of the vocabulary come from its label tables. */
const TEXT = {
  monthly: ['月度沟通', 'Monthly contact'],
  month: ['月份', 'Month'],
  contacts: ['沟通名单', 'Contact list'],
  summary: ['月度沟通总结', 'Monthly summary'],
  opinions: ['意见跟踪', 'Opinions tracked'],
  meetings: ['座谈会', 'Meetings'],
  generate: ['生成/补充名单', 'Generate / complete list'],
  generated: ['名单已更新，新增 {n} 位业主', 'List updated, {n} owners added'],
  dueOn: ['截止日期', 'Due by'],
  owner: ['业主', 'Owner'],
  raised: ['本月投诉/建议', 'Raised this month'],
  status: ['状态', 'Status'],
  clock: ['时限', 'Clock'],
  attempts: ['联系次数', 'Attempts'],
  record: ['记录沟通', 'Record contact'],
  notReached: ['未接通', 'Not reached'],
  unreachable: ['标记无法联系', 'Mark unreachable'],
  channel: ['方式', 'Channel'],
  ownerWords: ['业主意见', 'What the owner said'],
  result: ['结果', 'Result'],
  note: ['说明', 'Note'],
  save: ['保存', 'Save'],
  emptyList: ['本月还没有名单，请先生成', 'No list for this month yet: generate it'],
  sources: ['来源：投诉、建议、走访意见、问卷意见', 'Sources: complaints, suggestions, visit opinions, survey comments'],
  createSummary: ['生成本月总结草稿', 'Create the draft summary'],
  noSummary: ['本月还没有总结', 'No summary for this month yet'],
  figures: ['本月数据', 'The month’s figures'],
  figuresAt: ['数据生成于', 'Figures built at'],
  refresh: ['重新生成数据', 'Rebuild figures'],
  overview: ['总体情况', 'Overview'],
  mainProblems: ['主要问题', 'Main problems'],
  improvements: ['改进措施', 'Improvements'],
  submit: ['提交审阅', 'Submit for review'],
  submitted: ['已提交', 'Submitted'],
  casesByType: ['受理情况', 'Cases received'],
  categories: ['投诉原因', 'Complaint causes'],
  timeliness: ['沟通及时率', 'Timeliness'],
  success: ['问题处理成功率', 'Resolution success'],
  callbacks: ['回访：应回访/已回访/无法联系/不满意', 'Callbacks: due / done / unreachable / not satisfied'],
  visits: ['走访：计划/完成', 'Visits: planned / done'],
  openAtEnd: ['月末未结案', 'Open at month end'],
  contactProgress: ['名单完成：已沟通/无法联系/待沟通/逾期', 'List: contacted / unreachable / open / overdue'],
  review: ['审阅', 'Review'],
  accept: ['审阅通过并分派', 'Accept and assign'],
  return: ['退回修改', 'Return'],
  returnReason: ['退回原因', 'Reason for returning'],
  reviewNote: ['审阅意见', 'Review note'],
  assignee: ['处理人', 'Assignee'],
  deadline: ['完成期限', 'Deadline'],
  opinion: ['意见', 'Opinion'],
  overdue: ['已逾期', 'Overdue'],
  markDone: ['标记完成', 'Mark done'],
  done: ['已完成', 'Done'],
  newMeeting: ['登记座谈会', 'Record a meeting'],
  kind: ['类别', 'Kind'],
  heldOn: ['日期', 'Date'],
  title: ['主题', 'Title'],
  attendees: ['参会人（每行一位）', 'Attendees (one per line)'],
  topics: ['议题（每行一项）', 'Topics (one per line)'],
  minutes: ['会议纪要', 'Minutes'],
  minutesDue: ['纪要截止', 'Minutes due'],
  minutesLate: ['纪要逾期', 'Minutes late'],
  writeMinutes: ['保存纪要', 'Save minutes'],
  actions: ['决议事项', 'Actions'],
  addAction: ['添加决议事项', 'Add action'],
  responsible: ['责任人', 'Responsible'],
  none: ['暂无', 'None'],
  visitOpinion: ['走访意见', 'Visit opinion'],
  surveyComment: ['问卷意见', 'Survey comment'],
  exportXlsx: ['导出 Excel', 'Export to Excel'],
} satisfies Record<string, [string, string]>;

export type MonthlyTextKey = keyof typeof TEXT;

/** A text of the page in the language shown ({n} replaced when given). */
export const mt = (key: MonthlyTextKey, lang: string, n?: number) => TEXT[key][lang === 'en' ? 1 : 0].replace('{n}', String(n ?? ''));

const word = (table: Record<string, Record<Locale, string>>, key: string | null | undefined, lang: string) =>
  (key && table[key]?.[lang === 'en' ? 'en' : 'zh-CN']) || '—';
export const caseTypeText = (key: string, lang: string): string =>
  key === 'visit_opinion'
    ? mt('visitOpinion', lang)
    : key === 'survey_comment'
      ? mt('surveyComment', lang)
      : (CASE_TYPE_LABELS[key as keyof typeof CASE_TYPE_LABELS]?.[lang === 'en' ? 1 : 0] ?? key);
export const channelText = (key: string | null, lang: string) => word(MONTHLY_CONTACT_CHANNEL_LABELS, key, lang);
export const resultText = (key: string | null, lang: string) => word(MONTHLY_CONTACT_RESULT_LABELS, key, lang);
export const contactStatusText = (key: string, lang: string) => word(MONTHLY_CONTACT_STATUS_LABELS, key, lang);
export const clockText = (key: string, lang: string) => word(MONTHLY_CLOCK_LABELS, key, lang);
export const summaryStatusText = (key: string, lang: string) => word(MONTHLY_SUMMARY_STATUS_LABELS, key, lang);
export const opinionStatusText = (key: string, lang: string) => word(MONTHLY_OPINION_STATUS_LABELS, key, lang);
export const meetingKindText = (key: string, lang: string) => word(MEETING_KIND_LABELS, key, lang);
export const CLOCK_COLORS: Record<string, string> = { on_time: 'blue', at_risk: 'orange', overdue: 'red', done: 'green', done_late: 'volcano' };
