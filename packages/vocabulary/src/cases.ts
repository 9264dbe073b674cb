/** Case types of SPEC §3: 咨询 inquiry, 投诉 complaint, 建议 suggestion, 报修 repair. */
export const CASE_TYPES = ['inquiry', 'complaint', 'suggestion', 'repair'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** Every channel a case or a message can arrive on (SPEC §3). */
export const CHANNELS = [
  'hotline', // 客服热线
  'online_chat', // 在线客服
  'wechat_group', // 业主微信群
  'counter', // 前台/现场
  'suggestion_box', // 意见箱
  'email',
  'letter',
  'forum', // 网上论坛
  'door_visit', // 上门走访
  'owner_meeting', // 座谈会
  'portal', // 业主端
  'internal', // 系统内部（备注、转派）
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Repair grades (维修分级): 特急 very urgent, 急 urgent, 一般 normal, or an agreed appointment (预约). */
export const REPAIR_GRADES = ['very_urgent', 'urgent', 'normal', 'appointment'] as const;
export type RepairGrade = (typeof REPAIR_GRADES)[number];

export const REPAIR_SCOPES = ['indoor', 'public_area'] as const;
export type RepairScope = (typeof REPAIR_SCOPES)[number];

/**
 * The union of workflow states. Each type uses a subset (see workflows/*.ts).
 */
export const CASE_STATUSES = [
  'new', // 已登记
  'transferred', // 已转部门，待接单
  'in_progress', // 部门处理中
  'answer_ready', // 部门已答复（咨询）
  'plan_submitted', // 方案待审批（投诉）
  'plan_approved', // 方案已批准（投诉）
  'evaluated', // 已评估（建议）
  'dispatched', // 已派工（报修）
  'on_site', // 已到场（报修）
  'work_done', // 已完工，待业主确认（报修）
  'owner_informed', // 已告知业主，待确认满意
  'resolved', // 业主满意，待结案
  'closed', // 已结案
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Every event a case's history may hold (SPEC §6; the SLA scheduler writes the sla_* ones). */
export const CASE_EVENT_TYPES = [
  'created',
  'acknowledged',
  'answered',
  'transferred',
  'accepted',
  'owner_contacted',
  'answer_submitted',
  'plan_submitted',
  'plan_approved',
  'plan_returned',
  'evaluated',
  'owner_informed',
  'satisfaction_recorded',
  'closed',
  'closed_out_of_scope',
  'dispatched',
  'appointment_scheduled',
  'regraded',
  'arrived_on_site',
  'work_completed',
  'escalated',
  'marked_major',
  'corrective_action_recorded',
  'message',
  'note',
  'reassigned',
  'retyped',
  'deadline_extended',
  'rated',
  'clocks_paused',
  'clocks_resumed',
  'service_language_overridden', // an owner-facing text sent despite 服务忌语, with the reason (internal)
  'follow_up_recorded',
  'owner_linked',
  // written by the delivery worker (system actor): a progress message to the owner, its channel and status (issue 13)
  'owner_notified',
  // written by the SLA scheduler (system actor)
  'sla_warning',
  'sla_escalated',
  'sla_recomputed',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Every command a case takes; the workflows decide which apply when. */
export const CASE_COMMAND_TYPES = [
  'acknowledge',
  'answer',
  'transfer',
  'accept',
  'record_contact',
  'submit_answer',
  'submit_plan',
  'approve_plan',
  'return_plan',
  'evaluate',
  'inform_owner',
  'record_satisfaction',
  'close',
  'close_out_of_scope',
  'dispatch',
  'schedule_appointment',
  'arrive',
  'complete',
  'escalate',
  'mark_major',
  'record_corrective_action',
  'message',
  'add_note',
  'reassign',
  'retype',
  'set_repair_grade',
  'extend_deadline',
  'rate',
  'pause_clocks',
  'resume_clocks',
  'record_follow_up',
  'link_owner',
] as const;
export type CaseCommandName = (typeof CASE_COMMAND_TYPES)[number];

/**
 * Who wrote a complaint's plan, by rank (separation of duties, SPEC §4): department staff, the head of
 * the case's department, the office manager (管理处主任), the quality department (品质部), leadership.
 * Only someone of a higher rank approves it (leadership: another leader).
 */
export const PLAN_AUTHOR_RANKS = ['staff', 'department_head', 'office_manager', 'quality', 'leadership'] as const;
export type PlanAuthorRank = (typeof PLAN_AUTHOR_RANKS)[number];

/** Who answers for a complaint's handling at each level: the lowest rank deciding a plan not written by department staff. */
const LEVEL_APPROVER_RANK = { office: 'office_manager', company: 'quality', leadership: 'leadership' } as const satisfies Record<string, PlanAuthorRank>;

/**
 * The lowest rank that decides (approves or returns) a plan written at `author` rank on a complaint
 * handled at `level`: department staff's plan — the head of the case's department (or whoever answers
 * for the level); anyone else's — the rank above the author, never below the level's: a head's plan
 * goes to the office manager (company level: the quality department; leadership level: leadership),
 * the office manager's to the quality department, the quality department's to leadership, a
 * leader's to another leader. Core's approval rule and the console's hint both read this.
 */
export function planApproverRank(author: PlanAuthorRank, level: keyof typeof LEVEL_APPROVER_RANK): PlanAuthorRank {
  if (author === 'staff') return 'department_head';
  const above = PLAN_AUTHOR_RANKS[Math.min(PLAN_AUTHOR_RANKS.indexOf(author) + 1, PLAN_AUTHOR_RANKS.length - 1)]!;
  const least = LEVEL_APPROVER_RANK[level];
  return PLAN_AUTHOR_RANKS.indexOf(above) >= PLAN_AUTHOR_RANKS.indexOf(least) ? above : least;
}

/** The lowest rank answering for a level (approval.ts: whoever holds it decides a staff member's plan too). */
export function levelApproverRank(level: keyof typeof LEVEL_APPROVER_RANK): PlanAuthorRank {
  return LEVEL_APPROVER_RANK[level];
}

/**
 * The fields of a case that a list shows (a queue's row, a search hit): what the console's tables
 * and filters use, without the long texts and records of the case page (plan, evaluation,
 * analyses, compliance flags). Every field of an owner's case (OwnerCase) is among them. Lists read
 * only these columns (issue 11, decision 0019).
 */
export const CASE_SUMMARY_FIELDS = [
  'id',
  'organizationId',
  'projectId',
  'number',
  'type',
  'status',
  'channel',
  'category',
  'title',
  'description',
  'ownerId',
  'unitId',
  'departmentId',
  'assigneeId',
  'repairGrade',
  'repairScope',
  'level',
  'accusedParty',
  'major',
  'appointmentAt',
  'ownerDeadlineAt',
  'promisedAt',
  'committedAt',
  'answer',
  'reopenCount',
  'satisfied',
  'rating',
  'createdAt',
  'updatedAt',
  'closedAt',
  'version',
] as const;
export type CaseSummaryField = (typeof CASE_SUMMARY_FIELDS)[number];
