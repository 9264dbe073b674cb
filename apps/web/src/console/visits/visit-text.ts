import { VISIT_KIND_LABELS, VISIT_METHOD_LABELS, VISIT_REASON_LABELS, VISIT_TOPIC_LABELS, type Locale } from '@guanjia/vocabulary';

/** The texts of the 走访 page (issue 14 item 2): zh-CN first, English second. Words of the vocabulary come from its label tables. */
const TEXT = {
  visits: ['走访', 'Visits'],
  plan: ['走访计划', 'Visit plan'],
  month: ['月份', 'Month'],
  thisMonth: ['本月', 'This month'],
  nextMonth: ['下月', 'Next month'],
  generate: ['按规则生成计划', 'Generate by rule'],
  regenerate: ['重新生成未走访的', 'Regenerate those not made'],
  generated: ['计划已生成', 'Plan generated'],
  noPlan: ['这个月还没有走访计划', 'No visit plan for this month yet'],
  households: ['入住户数', 'Occupied households'],
  planned: ['已排', 'Planned'],
  done: ['已走访', 'Done'],
  quota: ['指标', 'Quota'],
  unscheduled: ['免打扰时段内无法安排', 'No time outside do-not-disturb'],
  person: ['走访人', 'Visitor'],
  unassigned: ['（未分配）', '(unassigned)'],
  building: ['楼栋', 'Building'],
  progress: ['完成情况', 'Progress'],
  perBuilding: ['各楼栋指标', 'Quotas per building'],
  planVisits: ['计划明细', 'Planned visits'],
  myVisits: ['我的待走访', 'My visits to make'],
  unit: ['房屋', 'Unit'],
  owner: ['业主', 'Owner'],
  companion: ['陪同人', 'Companion'],
  when: ['预定时间', 'Planned for'],
  kind: ['类别', 'Kind'],
  reason: ['原因', 'Why'],
  status: ['状态', 'Status'],
  due: ['待走访', 'To make'],
  statusDone: ['已走访', 'Done'],
  cancelled: ['已移出', 'Removed'],
  record: ['填写访问记录', 'Record the visit'],
  open: ['查看', 'Open'],
  requestReason: ['业主要求', 'Owner’s request'],
  nothing: ['没有待走访的', 'Nothing to make'],
  recordTitle: ['客户访问记录', 'Visit record'],
  visitedAt: ['走访时间', 'Visited at'],
  appointmentAt: ['预约时间', 'Appointment made at'],
  method: ['方式', 'Method'],
  topics: ['走访内容（按项目阶段）', 'Topics (by the project’s phase)'],
  rating: ['评分', 'Rating'],
  remark: ['记录', 'Remark'],
  summary: ['总体情况', 'Summary'],
  privateNotes: ['私人观察（保密）', 'Private observations (restricted)'],
  privateHint: ['仅有权限的人员可见', 'Only those allowed can read it'],
  privateRestricted: ['保密内容，您无权查看', 'Restricted: you may not read it'],
  opinions: ['业主意见', 'Opinions raised'],
  addOpinion: ['添加意见', 'Add an opinion'],
  opinionText: ['意见内容', 'The opinion'],
  opinionType: ['转为', 'Becomes'],
  toCase: ['转为工单', 'Turn into a case'],
  turned: ['已转为工单', 'Became case'],
  evaluation: ['新业主回访评价', 'New-owner evaluation'],
  evaluationScore: ['评价分', 'Score'],
  evaluationText: ['评价说明', 'Evaluation'],
  save: ['保存访问记录', 'Save the record'],
  saved: ['访问记录已保存', 'Record saved'],
  caseMade: ['已生成工单', 'Case created'],
  removeVisit: ['移出计划', 'Remove from plan'],
  removed: ['已移出计划', 'Removed from the plan'],
  complaint: ['投诉', 'Complaint'],
  suggestion: ['建议', 'Suggestion'],
  inquiry: ['咨询', 'Inquiry'],
  repair: ['报修', 'Repair'],
} satisfies Record<string, [string, string]>;

export type VisitTextKey = keyof typeof TEXT;
const pick = (lang: string) => (lang === 'en' ? 1 : 0);

/** A text of the page in the language shown. */
export const vt = (key: VisitTextKey, lang: string) => TEXT[key][pick(lang)];

const word = (table: Record<string, Record<Locale, string>>, key: string | null | undefined, lang: string) =>
  (key && table[key]?.[lang === 'en' ? 'en' : 'zh-CN']) || '—';
export const topicText = (key: string, lang: string) => word(VISIT_TOPIC_LABELS, key, lang);
export const kindText = (key: string | null, lang: string) => word(VISIT_KIND_LABELS, key, lang);
export const reasonText = (key: string | null, lang: string) => word(VISIT_REASON_LABELS, key, lang);
export const methodText = (key: string | null, lang: string) => word(VISIT_METHOD_LABELS, key, lang);
