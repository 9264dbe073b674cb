import type { CaseEventType, CaseStatus, CaseType, Channel, RepairGrade } from './cases.ts';

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

/** 工单事件: what happened to a case, as the history and messages name it (zh-CN, English). */
export const CASE_EVENT_LABELS: Record<CaseEventType, [string, string]> = {
  created: ['受理登记', 'Registered'],
  acknowledged: ['致歉并复述', 'Acknowledged'],
  answered: ['已答复', 'Answered'],
  transferred: ['转部门', 'Transferred'],
  accepted: ['部门接单', 'Accepted'],
  owner_contacted: ['部门联系业主', 'Owner contacted'],
  answer_submitted: ['部门答复', 'Answer submitted'],
  plan_submitted: ['提交方案', 'Plan submitted'],
  plan_approved: ['方案批准', 'Plan approved'],
  plan_returned: ['方案退回', 'Plan returned'],
  evaluated: ['建议评估', 'Evaluated'],
  owner_informed: ['告知业主', 'Owner informed'],
  satisfaction_recorded: ['满意度', 'Satisfaction'],
  closed: ['结案', 'Closed'],
  closed_out_of_scope: ['非服务范围结案', 'Closed (out of scope)'],
  dispatched: ['派工', 'Dispatched'],
  appointment_scheduled: ['预约', 'Appointment'],
  regraded: ['调整分级', 'Re-graded'],
  arrived_on_site: ['到场', 'On site'],
  work_completed: ['完工', 'Work done'],
  escalated: ['升级', 'Escalated'],
  marked_major: ['重大投诉', 'Major'],
  corrective_action_recorded: ['纠正措施', 'Corrective action'],
  message: ['留言', 'Message'],
  note: ['内部备注', 'Note'],
  reassigned: ['改派', 'Reassigned'],
  retyped: ['更改类型', 'Re-typed'],
  deadline_extended: ['延期', 'Extended'],
  rated: ['评分', 'Rated'],
  clocks_paused: ['暂停计时', 'Clocks paused'],
  clocks_resumed: ['恢复计时', 'Clocks resumed'],
  service_language_overridden: ['含忌语仍然发送', 'Sent despite barred phrases'],
  follow_up_recorded: ['回访', 'Follow-up'],
  owner_linked: ['已关联业主', 'Owner linked'],
  sla_warning: ['时限预警', 'SLA warning'],
  sla_escalated: ['超时升级', 'SLA escalation'],
  sla_recomputed: ['时限重算', 'SLA recomputed'],
  owner_notified: ['已通知业主', 'Owner notified'],
};
