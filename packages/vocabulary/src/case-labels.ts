import type { CaseStatus, CaseType, Channel, RepairGrade } from './cases.ts';

/**
 * Labels of the cases' closed word lists, [zh-CN, en]: the console shows them and the exports
 * (工单台账, issue 12) write them. One list for both sides.
 */

export const CASE_TYPE_LABELS: Record<CaseType, [string, string]> = {
  inquiry: ['咨询', 'Inquiry'],
  complaint: ['投诉', 'Complaint'],
  suggestion: ['建议', 'Suggestion'],
  repair: ['报修', 'Repair'],
};
export const CASE_STATUS_LABELS: Record<CaseStatus, [string, string]> = {
  new: ['已登记', 'New'],
  transferred: ['已转部门', 'Transferred'],
  in_progress: ['处理中', 'In progress'],
  answer_ready: ['部门已答复', 'Answer ready'],
  plan_submitted: ['方案待审批', 'Plan submitted'],
  plan_approved: ['方案已批准', 'Plan approved'],
  evaluated: ['已评估', 'Evaluated'],
  dispatched: ['已派工', 'Dispatched'],
  on_site: ['已到场', 'On site'],
  work_done: ['已完工待确认', 'Work done'],
  owner_informed: ['已告知业主', 'Owner informed'],
  resolved: ['业主满意', 'Resolved'],
  closed: ['已结案', 'Closed'],
};
export const CHANNEL_LABELS: Record<Channel, [string, string]> = {
  hotline: ['客服热线', 'Hotline'],
  online_chat: ['在线客服', 'Online chat'],
  wechat_group: ['业主微信群', 'WeChat group'],
  counter: ['前台/现场', 'Counter'],
  suggestion_box: ['意见箱', 'Suggestion box'],
  email: ['邮件', 'Email'],
  letter: ['信函', 'Letter'],
  forum: ['网上论坛', 'Forum'],
  door_visit: ['上门走访', 'Door visit'],
  owner_meeting: ['座谈会', 'Owner meeting'],
  portal: ['业主端', 'Portal'],
  internal: ['内部', 'Internal'],
};
export const REPAIR_GRADE_LABELS: Record<RepairGrade, [string, string]> = {
  very_urgent: ['特急', 'Very urgent'],
  urgent: ['急', 'Urgent'],
  normal: ['一般', 'Normal'],
  appointment: ['预约', 'Appointment'],
};
