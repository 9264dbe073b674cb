import type { CaseStatus, CaseType, Channel, PlanAuthorRank, RepairGrade, RepairScope } from '@guanjia/vocabulary';

// The closed word lists of a case live in the vocabulary package (shared with the API contract and the web).
export {
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  PLAN_AUTHOR_RANKS,
  REPAIR_GRADES,
  REPAIR_SCOPES,
  type CaseStatus,
  type CaseType,
  type Channel,
  type PlanAuthorRank,
  type RepairGrade,
  type RepairScope,
} from '@guanjia/vocabulary';

/** Where a complaint is handled: the office (管理处), the company's quality department, or leadership. */
export type HandlingLevel = 'office' | 'company' | 'leadership';

/**
 * Whom a complaint is against: one staff member (accusedStaffId), or the office's management as such
 * (管理处领导: every office manager of the project counts as accused).
 */
export type AccusedParty = 'staff' | 'office_management';

export interface ComplaintPlan {
  cause: string;
  steps: string;
  expectedCompletionAt: string;
  submittedBy: string;
  submittedAt: string;
  /** Whether the head of the case's department wrote it (submittedByRank 'department_head'): then the office manager approves (SPEC §4). */
  submittedByHead: boolean;
  /** The author's rank when submitted (core's planAuthorRankOf): only a higher rank approves it. */
  submittedByRank: PlanAuthorRank;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface SuggestionEvaluation {
  feasible: boolean;
  plan: string | null;
  expectedAt: string | null;
  reason: string | null;
}

/** The current state of a case: a projection of its events, stored for fast reads. */
export interface CaseRecord {
  id: string;
  organizationId: string;
  projectId: string;
  /** Human case number, e.g. TS-20261125-0007. */
  number: string;
  type: CaseType;
  status: CaseStatus;
  channel: Channel;
  category: string | null;
  title: string;
  description: string;
  ownerId: string | null;
  unitId: string | null;
  /** 首问负责人: the staff member who first received the request. */
  firstReceiverId: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  repairGrade: RepairGrade | null;
  repairScope: RepairScope | null;
  appointmentAt: string | null;
  /** The owner's requested deadline (binding). */
  ownerDeadlineAt: string | null;
  /** The first receiver's promised time told to the owner. */
  promisedAt: string | null;
  /** Department's firm committed time on accepting a transfer. */
  committedAt: string | null;
  level: HandlingLevel;
  /** A complaint against someone (被投诉人): 'staff' with accusedStaffId, or the office's management. */
  accusedParty: AccusedParty | null;
  /** Complaint against this staff member (e.g. the office manager): they never see the case. */
  accusedStaffId: string | null;
  compensationClaim: boolean;
  apologized: boolean;
  readBack: boolean;
  major: boolean;
  correctiveActionReport: string | null;
  plan: ComplaintPlan | null;
  evaluation: SuggestionEvaluation | null;
  answer: string | null;
  causeAnalysis: string | null;
  preventiveMeasures: string | null;
  closeReason: 'resolved' | 'out_of_scope' | null;
  reopenCount: number;
  satisfied: boolean | null;
  rating: number | null;
  ratingComment: string | null;
  specialFollowUpDueAt: string | null;
  onSiteAt: string | null;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Optimistic concurrency: +1 with every event. */
  version: number;
}
