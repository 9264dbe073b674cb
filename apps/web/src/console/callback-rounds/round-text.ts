import type { Locale } from '@guanjia/vocabulary';

/** The texts of the 抽样回访 page (issue 14 item 1, decision 0028): zh-CN first, English second. */
const TEXT = {
  rounds: ['抽样回访', 'Weekly sample'],
  draw: ['生成本周抽样', 'Draw this week’s sample'],
  drawn: ['已生成抽样', 'Sample drawn'],
  week: ['周次', 'Week'],
  population: ['完工工单', 'Completed'],
  sampled: ['抽样', 'Sampled'],
  caller: ['回访人', 'Caller'],
  byScheduler: ['系统自动', 'Scheduler'],
  progress: ['进度', 'Progress'],
  noRounds: ['还没有抽样', 'No rounds yet'],
  summary: ['回访总结报告', 'Round summary'],
  reached: ['回访成功', 'Reached'],
  unreachable: ['无法联系', 'Unreachable'],
  pending: ['待回访', 'Pending'],
  qualityRate: ['质量满意率', 'Quality satisfied'],
  attitudeRate: ['态度满意率', 'Attitude satisfied'],
  resolvedRate: ['问题解决率', 'Resolved'],
  notSatisfied: ['不满意清单', 'Not satisfied'],
  followUps: ['跟进事项', 'Follow-ups'],
  ownerWords: ['业主原话', 'Owner’s words'],
  audit: ['核验抽样', 'Verify the sample'],
  auditOk: ['抽样可复现：由保存的种子重新抽样，结果一致', 'Reproducible: drawn again from the stored seed, the same sample'],
  auditBad: ['抽样与保存的记录不一致', 'The sample does not match its record'],
  liveChanged: ['本周完工工单此后有变动（返工）', 'The week’s completed work orders changed since (rework)'],
  seed: ['种子', 'Seed'],
  marks: ['质量评定统计', 'Quality marks'],
  month: ['月份', 'Month'],
  noMarks: ['这段时间没有质量评定', 'No quality marks in this period'],
  setCaller: ['指定回访人', 'Set the caller'],
  callerHint: ['仅限管理处以外的公司人员', 'Company staff outside the office only'],
  callerSet: ['已指定回访人，待回访的工单随之转交', 'Caller set: the callbacks still due go to them'],
} as const satisfies Record<string, readonly [string, string]>;

export type RoundTextKey = keyof typeof TEXT;
export const rt = (key: RoundTextKey, lang: Locale) => TEXT[key][lang === 'en' ? 1 : 0];
