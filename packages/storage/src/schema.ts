import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them (camelCase here, snake_case in the database via CamelCasePlugin).
 * Conventions: ids are text (UUID), instants are ISO-8601 UTC text, booleans are 0/1 integers and JSON
 * is text, so that SQLite and PostgreSQL run the same statements (docs/decisions/0002).
 */
type Bool = number;

/** isDemo: seeded demo data (banner 演示数据 in the UI). */
export interface OrganizationsTable {
  id: string;
  code: string;
  name: string;
  createdAt: string;
  isDemo: Generated<Bool>;
}

export interface ProjectsTable {
  id: string;
  organizationId: string;
  code: string;
  name: string;
  address: string | null;
  occupancyDate: string | null;
  phase: string;
  timeZone: string;
  createdAt: string;
  updatedAt: string;
}
export interface BuildingsTable {
  id: string;
  organizationId: string;
  projectId: string;
  code: string;
  name: string;
  floors: number | null;
  createdAt: string;
  updatedAt: string;
}
export interface UnitsTable {
  id: string;
  organizationId: string;
  projectId: string;
  buildingId: string;
  code: string;
  kind: string;
  floor: number | null;
  areaSqm: number | null;
  createdAt: string;
  updatedAt: string;
  /** 单元 (migration 0010); null when the building has no entrances. */
  entrance: Generated<string | null>;
}
export interface DepartmentsTable {
  id: string;
  organizationId: string;
  projectId: string | null;
  code: string;
  name: string;
  kind: string;
  isSupervising: Bool;
  headStaffId: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface StaffTable {
  id: string;
  organizationId: string;
  username: string;
  name: string;
  phone: string | null;
  email: string | null;
  passwordHash: string;
  roles: string;
  departmentId: string | null;
  companyWide: Bool;
  active: Bool;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  mustChangePassword: Generated<Bool>;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  recoveryCodes: Generated<string>;
  /** Where pages reach this person (migration 0022): their WeCom userid, and the channel they chose (sms, wecom, email). */
  wecomUserId: Generated<string | null>;
  alertChannel: Generated<string | null>;
}
export interface StaffProjectsTable {
  staffId: string;
  projectId: string;
  organizationId: string;
}

export interface OwnersTable {
  id: string;
  organizationId: string;
  name: string;
  kind: string;
  residency: string;
  party: string;
  grade: string;
  gender: string | null;
  birthday: string | null;
  idNumberEncrypted: string | null;
  idNumberMasked: string | null;
  specialNeeds: string | null;
  doNotDisturb: string;
  preferredChannel: string | null;
  responsibleAgentId: string | null;
  householdMembers: string;
  portalLogin: string | null;
  portalPasswordHash: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** What the owner muted: JSON [{ kind, channel }] (migration 0022). */
  messageMutes: Generated<string>;
}
export interface OwnerContactsTable {
  id: string;
  organizationId: string;
  ownerId: string;
  kind: string;
  value: string;
  label: string | null;
  isPrimary: Bool;
  createdAt: string;
  /** A phone's last four digits (migration 0012), indexed for 尾号 search; null for other kinds. */
  phoneLast4: Generated<string | null>;
}
export interface OwnerUnitsTable {
  ownerId: string;
  unitId: string;
  organizationId: string;
  projectId: string;
  relation: string;
  moveInDate: string | null;
  createdAt: string;
  /** 主业主: the unit's one primary owner (migration 0018). */
  isPrimary: Generated<Bool>;
  /** 迁出/过户: the day the tie ended (migration 0019); null while it lasts. Ended ties are history only. */
  movedOutOn: Generated<string | null>;
}
/** An uploaded workbook and what became of it (migration 0019, decision 0021). */
export interface ImportsTable {
  id: string;
  organizationId: string;
  /** units | owners | staff */
  kind: string;
  filename: string;
  sha256: string;
  sizeBytes: number;
  storageKey: string;
  /** JSON: the sheet's column → our column key (or null), in sheet order. */
  mapping: string;
  /** checked (dry run done) | applying | applied | failed */
  status: string;
  rowCount: number;
  /** JSON ImportCounts of the dry run. */
  counts: string;
  planDigest: string;
  skipProblemRows: Generated<Bool>;
  chunksTotal: Generated<number>;
  /** The apply's journal: chunks written, moved in the same transaction as each chunk. */
  chunksDone: Generated<number>;
  /** While an apply runs: until when it holds the import (renewed with each chunk); a killed apply's lease runs out. */
  leaseUntil: string | null;
  failure: string | null;
  createdBy: string;
  createdAt: string;
  appliedBy: string | null;
  appliedAt: string | null;
}
/** One saved column mapping per organization and import kind. */
export interface ImportMappingsTable {
  organizationId: string;
  kind: string;
  /** JSON: normalized sheet header → our column key. */
  mapping: string;
  updatedBy: string;
  updatedAt: string;
}
/** A visit due to an owner (migration 0020, decision 0023): the new-owner visit of a move-in, for now. */
export interface OwnerVisitsTable {
  id: string;
  organizationId: string;
  projectId: string;
  ownerId: string;
  unitId: string | null;
  kind: string;
  status: string;
  dueOn: string;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  closedReason: string | null;
  /** Issue 14 (migration 0026, decision 0029): the plan, who visits and with whom, when, and the record. */
  planId: Generated<string | null>;
  buildingId: Generated<string | null>;
  assigneeId: Generated<string | null>;
  companionId: Generated<string | null>;
  quotaRole: Generated<string | null>;
  reason: Generated<string | null>;
  plannedOn: Generated<string | null>;
  plannedTime: Generated<string | null>;
  requestReason: Generated<string | null>;
  appointmentAt: Generated<string | null>;
  method: Generated<string | null>;
  visitedAt: Generated<string | null>;
  topics: Generated<string | null>;
  summary: Generated<string | null>;
  privateNotes: Generated<string | null>;
  evaluationScore: Generated<number | null>;
  evaluationText: Generated<string | null>;
  /** Migration 0033: when the visitors were reminded on the visit's day. */
  remindedAt: Generated<string | null>;
}
/** A project's visit plan of a month (migration 0026); unscheduled is JSON [unitId]. */
export interface VisitPlansTable {
  id: string;
  organizationId: string;
  projectId: string;
  month: string;
  generatedAt: string;
  generatedBy: string | null;
  updatedAt: string;
  unscheduled: string;
  households: number;
  quotas: string;
}
/** An opinion raised at a visit (migration 0026), and the case it became. */
export interface VisitOpinionsTable {
  id: string;
  organizationId: string;
  projectId: string;
  visitId: string;
  seq: number;
  text: string;
  caseType: string;
  caseId: string | null;
  createdAt: string;
}
export interface OwnerEventsTable {
  id: string;
  organizationId: string;
  ownerId: string;
  type: string;
  actorKind: string;
  actorId: string | null;
  data: string;
  at: string;
}

export interface CasesTable {
  id: string;
  organizationId: string;
  projectId: string;
  number: string;
  type: string;
  status: string;
  channel: string;
  category: string | null;
  title: string;
  description: string;
  ownerId: string | null;
  unitId: string | null;
  firstReceiverId: string | null;
  departmentId: string | null;
  assigneeId: string | null;
  repairGrade: string | null;
  repairScope: string | null;
  appointmentAt: string | null;
  ownerDeadlineAt: string | null;
  promisedAt: string | null;
  committedAt: string | null;
  level: string;
  accusedParty: string | null;
  accusedStaffId: string | null;
  compensationClaim: Bool;
  apologized: Bool;
  readBack: Bool;
  major: Bool;
  correctiveActionReport: string | null;
  plan: string | null;
  evaluation: string | null;
  answer: string | null;
  causeAnalysis: string | null;
  preventiveMeasures: string | null;
  closeReason: string | null;
  reopenCount: number;
  satisfied: Bool | null;
  rating: number | null;
  ratingComment: string | null;
  specialFollowUpDueAt: string | null;
  onSiteAt: string | null;
  doneAt: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
}
/** The caller of a case as intake heard them (migration 0010): kept even when no owner archive matches. */
export interface CaseCallersTable {
  caseId: string;
  organizationId: string;
  projectId: string;
  name: string | null;
  phoneEncrypted: string | null;
  phoneMasked: string | null;
  phoneLast4: string | null;
  createdAt: string;
}
export interface CaseEventsTable {
  id: string;
  organizationId: string;
  projectId: string;
  caseId: string;
  seq: number;
  type: string;
  actorKind: string;
  actorId: string | null;
  channel: string | null;
  direction: string | null;
  content: string | null;
  internal: Bool;
  attachmentIds: string;
  changes: string;
  data: string;
  at: string;
}
export interface AttachmentsTable {
  id: string;
  organizationId: string;
  uploadedByKind: string;
  uploadedById: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  caseId: string | null;
  createdAt: string;
}
export interface IdempotencyKeysTable {
  actorId: string;
  key: string;
  organizationId: string;
  requestHash: string;
  statusCode: number;
  response: string;
  createdAt: string;
}
export interface SessionsTable {
  tokenHash: string;
  actorKind: string;
  actorId: string;
  organizationId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}
export interface ApiTokensTable {
  id: string;
  tokenHash: string;
  staffId: string;
  organizationId: string;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
export interface AuditLogTable {
  id: Generated<number>;
  organizationId: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: string;
  ip: string | null;
  at: string;
  /** The project the entry concerns; null for company-level entries. */
  projectId: string | null;
}
/** Failed sign-ins per (account kind, login name, source address); see migration 0005. */
export interface LoginFailuresTable {
  accountKind: string;
  login: string;
  source: string;
  failedLogins: number;
  lockedUntil: string | null;
  lastSuccessAt: string | null;
  updatedAt: string;
}
export interface OwnerPortalLockoutsTable {
  ownerId: string;
  failedLogins: number;
  lockedUntil: string | null;
}
export interface CalendarYearsTable {
  organizationId: string;
  year: string;
  holidays: string;
  makeupWorkdays: string;
  source: string | null;
  loadedBy: string | null;
  loadedAt: string;
}
export interface ProjectCalendarsTable {
  projectId: string;
  organizationId: string;
  week: string;
  makeupSpans: string | null;
  holidays: string;
  makeupWorkdays: string;
  updatedAt: string;
}
export interface ServiceLanguagePhrasesTable {
  organizationId: string;
  phrases: string;
  updatedBy: string | null;
  updatedAt: string;
}
export interface SlaRulesTable {
  id: string;
  organizationId: string;
  projectId: string;
  position: number;
  rule: string;
  updatedAt: string;
}
export interface SlaClocksTable {
  id: string;
  organizationId: string;
  projectId: string;
  caseId: string;
  kind: string;
  caseType: string;
  rule: string;
  startedAt: string;
  pauses: string;
  dueAt: string | null;
  dueLocalDate: string | null;
  warnAt: string | null;
  stoppedAt: string | null;
  result: string | null;
  lateMinutes: number | null;
  departmentId: string | null;
  assigneeId: string | null;
  warned: number;
  escalations: number;
  breachCounted: number;
  nextAlertAt: string | null;
  updatedAt: string;
}
export interface NotificationsTable {
  id: string;
  organizationId: string;
  recipientId: string;
  caseId: string | null;
  kind: string;
  data: string;
  createdAt: string;
  readAt: string | null;
}
export interface PendingNoticesTable {
  id: string;
  organizationId: string;
  recipientId: string;
  caseId: string | null;
  item: string;
  createdAt: string;
  flushAt: string;
}
export interface CountersTable {
  key: string;
  value: number;
}
/** 通知公告 (migration 0023): a notice from draft to its end; JSON: targetIds, channels, reach, original. */
export interface NoticesTable {
  id: string;
  organizationId: string;
  projectId: string;
  kind: string;
  title: string;
  body: string;
  emergency: Bool;
  emergencyReason: string | null;
  startsAt: string | null;
  endsAt: string | null;
  expiresAt: string | null;
  targetScope: string;
  targetIds: string;
  channels: string;
  paperPosting: Bool;
  status: string;
  supersedesId: string | null;
  supersededById: string | null;
  reach: string | null;
  original: string | null;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  rejectedReason: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  expiredAt: string | null;
  updatedAt: string;
  version: number;
}
/** A notice read by an owner in the portal (migration 0023). */
export interface NoticeReadsTable {
  noticeId: string;
  ownerId: string;
  readAt: string;
}
/** A paper notice's task for the area steward (migration 0023). */
export interface NoticePostingsTable {
  id: string;
  organizationId: string;
  noticeId: string;
  projectId: string;
  buildingId: string | null;
  task: string;
  assigneeId: string | null;
  dueAt: string;
  status: string;
  doneAt: string | null;
  doneBy: string | null;
  photoAttachmentId: string | null;
  note: string | null;
  damaged: Bool;
  createdAt: string;
}

export interface OutboxTable {
  id: Generated<number>;
  organizationId: string;
  topic: string;
  payload: string;
  createdAt: string;
  processedAt: string | null;
}

/** A requested change of an owner's customer grade, awaiting a manager's decision (migration 0007). */
export interface OwnerGradeRequestsTable {
  id: string;
  organizationId: string;
  ownerId: string;
  fromGrade: string;
  toGrade: string;
  reason: string;
  status: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/**
 * 检索索引 (migration 0012, derived: rebuilt, never backed up): one row per case with its number
 * reversed (a suffix is a prefix) and the search tokens of its texts. SQLite keeps the token text in
 * head (title, description), pub (replies the owner sees) and internal (staff notes), indexed by the
 * FTS5 table case_search_fts; PostgreSQL keeps one tsvector `doc` (weights A head, B pub, D internal)
 * under a GIN index.
 */
export interface CaseSearchTable {
  id: Generated<number>;
  caseId: string;
  organizationId: string;
  createdAt: string;
  numberRev: string;
  head: Generated<string>;
  pub: Generated<string>;
  internal: Generated<string>;
  doc: Generated<string>;
}
/** SQLite only: the FTS5 index over case_search (external content). */
export interface CaseSearchFtsTable {
  rowid: number;
  head: string;
  pub: string;
  internal: string;
}

/** One message × recipient × channel (migration 0022, decision 0025). */
export interface DeliveriesTable {
  id: string;
  organizationId: string;
  projectId: string | null;
  messageKey: string;
  kind: string;
  sourceType: string | null;
  sourceId: string | null;
  recipientType: string;
  recipientId: string;
  channel: string;
  addressEncrypted: string | null;
  addressMasked: string | null;
  urgent: Bool;
  title: string;
  body: string;
  fields: string;
  url: string | null;
  idempotencyKey: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  leaseUntil: string | null;
  reason: string | null;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
}
export interface ChannelSettingsTable {
  organizationId: string;
  channel: string;
  enabled: Bool;
  config: string;
  secretEncrypted: string | null;
  updatedBy: string | null;
  updatedAt: string;
}
export interface MessageTemplatesTable {
  organizationId: string;
  kind: string;
  locale: string;
  title: string;
  body: string;
  updatedBy: string | null;
  updatedAt: string;
}
export interface DutyShiftsTable {
  id: string;
  organizationId: string;
  projectId: string;
  departmentId: string | null;
  staffId: string;
  startsAt: string;
  endsAt: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}
/** 大屏的只读令牌 (migration 0038): the display token of a wallboard, its projects as a JSON array; only the token's hash. */
export interface DisplayTokensTable {
  id: string;
  organizationId: string;
  tokenHash: string;
  label: string;
  projectIds: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
/** 考核 (migration 0039): a company's appraisal weights (JSON). */
export interface AppraisalWeightsTable {
  organizationId: string;
  weights: string;
  updatedBy: string | null;
  updatedAt: string;
}
/** 考核表 (migration 0039): a person's appraisal sheet for a period; figures and weights frozen as JSON. */
export interface AppraisalsTable {
  id: string;
  organizationId: string;
  staffId: string;
  periodFrom: string;
  periodTo: string;
  figures: string;
  weights: string;
  score: number | null;
  status: string;
  drawnBy: string;
  drawnAt: string;
  comment: string | null;
  commentedBy: string | null;
  commentedAt: string | null;
  acknowledgedAt: string | null;
}
/** 法定公示 (migration 0024): a project's posting schedule, its postings, owners' objections (cases). */
export interface StatutorySchedulesTable {
  id: string;
  organizationId: string;
  projectId: string;
  subject: string;
  title: string;
  everyMonths: number;
  warnDays: number;
  dueDay: number;
  nextDueOn: string;
  lastPostedOn: string | null;
  lastNoticeId: string | null;
  active: Bool;
  warnedAt: string | null;
  overdueNotifiedAt: string | null;
  nextAlertAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface StatutoryPostingsTable {
  id: string;
  organizationId: string;
  projectId: string;
  scheduleId: string;
  postedOn: string;
  dueOn: string;
  noticeId: string | null;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string;
}
export interface StatutoryObjectionsTable {
  caseId: string;
  postingId: string;
  organizationId: string;
  projectId: string;
  createdAt: string;
}
/** The outage register (停水/停电/电梯停运, migration 0024); buildingIds is JSON (empty: the whole project). */
export interface OutagesTable {
  id: string;
  organizationId: string;
  projectId: string;
  kind: string;
  buildingIds: string;
  startsAt: string;
  endsAt: string | null;
  cause: string;
  callerScript: string;
  noticeId: string | null;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}
export interface CaseOutagesTable {
  caseId: string;
  outageId: string;
  organizationId: string;
  projectId: string;
  linkedBy: string | null;
  linkedAt: string;
}
/** 抽样回访 (migration 0028): a project's weekly sample; populationIds and sampledIds are JSON (sorted ids). */
export interface CallbackRoundsTable {
  id: string;
  organizationId: string;
  projectId: string;
  weekStart: string;
  seed: number;
  percent: number;
  populationSize: number;
  populationDigest: string;
  populationIds: string;
  sampledIds: string;
  callerId: string | null;
  createdBy: string | null;
  createdAt: string;
}
/** A case's latest owner rating on several scores and the staff's reply (migration 0028). */
export interface CaseRatingsTable {
  caseId: string;
  organizationId: string;
  projectId: string;
  ownerId: string | null;
  overall: number;
  speed: number | null;
  technician: number | null;
  comment: string | null;
  ratedAt: string;
  reply: string | null;
  repliedBy: string | null;
  repliedAt: string | null;
}
/** 质量评定 (migration 0028): a supervisor's quality mark on a case; reasons is JSON; month is local YYYY-MM. */
export interface QualityMarksTable {
  id: string;
  organizationId: string;
  projectId: string;
  caseId: string;
  reasons: string;
  note: string | null;
  month: string;
  markedBy: string;
  markedAt: string;
}
/** Callbacks (回访, migration 0025): one row per callback owed, its call records, the per-category setting. */
export interface CallbacksTable {
  id: string;
  organizationId: string;
  projectId: string;
  caseId: string;
  caseType: string;
  unitId: string | null;
  ownerId: string | null;
  source: string;
  status: string;
  roundId: string | null;
  assigneeId: string | null;
  period: string | null;
  dueAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  outcome: string | null;
  followUp: string | null;
  followUpCaseId: string | null;
  madeBy: string | null;
  completedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface CallbackRecordsTable {
  id: string;
  callbackId: string;
  organizationId: string;
  projectId: string;
  caseId: string;
  attempt: number;
  reached: Bool;
  quality: string | null;
  attitude: string | null;
  result: string | null;
  ownerWords: string | null;
  note: string | null;
  channel: string;
  nextAttemptAt: string | null;
  madeBy: string;
  madeAt: string;
}
/** A callback given to someone else by hand, and why (migration 0032). */
export interface CallbackReassignmentsTable {
  id: string;
  callbackId: string;
  organizationId: string;
  projectId: string;
  fromId: string | null;
  toId: string;
  reason: string;
  byId: string;
  at: string;
}
export interface CallbackSettingsTable {
  organizationId: string;
  projectId: string;
  category: string;
  mode: string;
  updatedBy: string | null;
  updatedAt: string;
}
/** 满意度调查 (migration 0027, decision 0030): the question bank; options are JSON [{ score, label }]. */
export interface SurveyQuestionsTable {
  id: string;
  organizationId: string;
  area: string;
  text: string;
  options: string;
  active: Bool;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
/** A campaign; items are JSON (the questionnaire as launched), seed the stored seed of its sample. */
/** The open letter answering a closed survey (公开信, migration 0030): promises as JSON. */
export interface OpenLettersTable {
  id: string;
  organizationId: string;
  projectId: string;
  surveyId: string;
  status: string;
  title: string;
  body: string;
  promises: string;
  draftedBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  returnedBy: string | null;
  returnedAt: string | null;
  returnedReason: string | null;
  approvedBy: string | null;
  publishedAt: string | null;
  noticeId: string | null;
  reportedBy: string | null;
  reportedAt: string | null;
}
export interface SurveysTable {
  id: string;
  organizationId: string;
  projectId: string;
  title: string;
  status: string;
  items: string;
  commentPrompt: string | null;
  startsOn: string;
  endsOn: string;
  sampling: string;
  sampleRate: number;
  seed: number | string;
  sampled: number;
  households: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  launchedAt: string | null;
  launchedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** owner_satisfaction | steward_rating (migration 0031). */
  kind: string;
}
/** One per sampled household (unit). */
export interface SurveyAnswersTable {
  id: string;
  surveyId: string;
  organizationId: string;
  projectId: string;
  buildingId: string;
  unitId: string;
  code: string;
  status: string;
  channel: string | null;
  answeredAt: string | null;
  /** The local date of answeredAt (recovery per day). */
  answeredOn: string | null;
  ownerId: string | null;
  enteredBy: string | null;
  comment: string | null;
  /** A steward rating's steward of the household, frozen at launch (migration 0031). */
  stewardId: string | null;
}
export interface SurveyScoresTable {
  answerId: string;
  questionId: string;
  surveyId: string;
  buildingId: string;
  score: number;
}
export interface SurveyRegisterTable {
  id: string;
  surveyId: string;
  answerId: string;
  organizationId: string;
  projectId: string;
  unitId: string;
  ownerId: string | null;
  text: string;
  status: string;
  note: string | null;
  createdAt: string;
  handledBy: string | null;
  handledAt: string | null;
}
export interface SurveyReviewsTable {
  id: string;
  surveyId: string;
  organizationId: string;
  projectId: string;
  rate: number;
  target: number;
  status: string;
  createdAt: string;
  /** Migration 0034: what the review found and decided, who closed it, when. */
  findings: Generated<string | null>;
  doneBy: Generated<string | null>;
  doneAt: Generated<string | null>;
}
export interface SurveyTargetsTable {
  projectId: string;
  organizationId: string;
  target: number;
  updatedBy: string | null;
  updatedAt: string;
}
/** The monthly contact list (每月客户沟通, migration 0029): one row per owner, project and month; caseIds and attempts are JSON. */
export interface MonthlyContactsTable {
  id: string;
  organizationId: string;
  projectId: string;
  month: string;
  ownerId: string;
  caseIds: string;
  dueOn: string;
  status: string;
  attempts: string;
  channel: string | null;
  ownerWords: string | null;
  result: string | null;
  closedBy: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
/** 每月客户沟通总结 (migration 0029): figures is JSON (the snapshot of the month's data). */
export interface MonthlySummariesTable {
  id: string;
  organizationId: string;
  projectId: string;
  month: string;
  status: string;
  figures: string;
  figuresAt: string;
  overview: string;
  mainProblems: string;
  improvements: string;
  version: number;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
/** An opinion of a monthly summary, assigned at review and tracked (migration 0029). */
export interface MonthlyOpinionsTable {
  id: string;
  organizationId: string;
  projectId: string;
  summaryId: string;
  month: string;
  source: string;
  caseId: string | null;
  ownerId: string | null;
  text: string;
  status: string;
  assigneeId: string | null;
  deadlineOn: string | null;
  assignedBy: string | null;
  assignedAt: string | null;
  doneBy: string | null;
  doneAt: string | null;
  doneNote: string | null;
  createdAt: string;
}
/** Meetings with the owners' committee or representatives (座谈, migration 0029); attendees and topics are JSON. */
export interface OwnerMeetingsTable {
  id: string;
  organizationId: string;
  projectId: string;
  kind: string;
  heldOn: string;
  title: string;
  attendees: string;
  topics: string;
  minutes: string | null;
  minutesBy: string | null;
  minutesAt: string | null;
  createdBy: string | null;
  createdAt: string;
}
export interface MeetingActionsTable {
  id: string;
  organizationId: string;
  projectId: string;
  meetingId: string;
  text: string;
  responsibleId: string;
  deadlineOn: string;
  status: string;
  doneBy: string | null;
  doneAt: string | null;
  doneNote: string | null;
  createdBy: string | null;
  createdAt: string;
}
/** The area steward (物业管家) of a building (migration 0031). */
export interface BuildingStewardsTable {
  buildingId: string;
  organizationId: string;
  projectId: string;
  staffId: string;
  assignedBy: string | null;
  assignedAt: string;
}
/** A round of staff self-evaluation forms (员工自评, migration 0031). */
export interface SelfEvaluationRoundsTable {
  id: string;
  organizationId: string;
  title: string;
  period: string;
  items: string;
  projectIds: string;
  dueOn: string;
  status: string;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}
/** One staff member's form in a round. */
export interface SelfEvaluationsTable {
  id: string;
  roundId: string;
  organizationId: string;
  staffId: string;
  status: string;
  scores: string;
  summary: string | null;
  shortcomings: string | null;
  plan: string | null;
  savedAt: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  reviewedAt: string | null;
}
/** A place or piece of equipment checked on patrols (巡检点, migration 0035). */
export interface InspectionPointsTable {
  id: string;
  organizationId: string;
  projectId: string;
  name: string;
  kind: string;
  specialty: string;
  place: string | null;
  buildingId: string | null;
  latitude: number | null;
  longitude: number | null;
  radiusM: number;
  codeGeneration: number;
  codeValidUntil: string;
  active: Bool;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
/** A patrol or maintenance plan (巡检计划 / 保养计划): JSON repeat, rounds, route and inspectors. */
export interface PatrolPlansTable {
  id: string;
  organizationId: string;
  projectId: string;
  name: string;
  kind: string;
  specialty: string;
  repeat: string;
  rounds: string;
  route: string;
  inspectors: string;
  leadMinutes: number;
  lateMinutes: number;
  makeupHours: number;
  acceptorId: string | null;
  routeId: string;
  active: Bool;
  generatedThrough: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
/** A version of a plan's route (its stops: point, offset, window), never changed. */
export interface PatrolRoutesTable {
  id: string;
  organizationId: string;
  planId: string;
  stops: string;
  createdAt: string;
}
/** One round of a plan on a local date (巡检任务). */
export interface PatrolTasksTable {
  id: string;
  organizationId: string;
  projectId: string;
  planId: string;
  kind: string;
  date: string;
  round: string;
  assigneeId: string | null;
  createAt: string;
  startsAt: string;
  endsAt: string;
  makeupUntil: string | null;
  routeId: string;
  points: number;
  checked: number;
  reminded: number;
  early: number;
  onTime: number;
  late: number;
  missed: number;
  status: string;
  finishedAt: string | null;
  transferredFrom: string | null;
  transferReason: string | null;
  transferredAt: string | null;
  acceptedBy: string | null;
  acceptedAt: string | null;
  acceptance: string | null;
  acceptanceNote: string | null;
  summarySentAt: string | null;
}
/** A task's check of one point. */
export interface PatrolChecksTable {
  id: string;
  taskId: string;
  organizationId: string;
  projectId: string;
  pointId: string;
  seq: number;
  opensAt: string;
  closesAt: string;
  checkedAt: string;
  recordedAt: string;
  grade: string;
  result: string;
  note: string | null;
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
  distanceM: number | null;
  photoIds: string;
  photoFlags: string;
  makeup: Bool;
  scanNonce: string | null;
  checkedBy: string | null;
  defectId: string | null;
}
/** A check's photo with its hashes (reuse flags). */
export interface InspectionPhotosTable {
  attachmentId: string;
  organizationId: string;
  projectId: string;
  pointId: string | null;
  sourceId: string;
  sha256: string;
  phash: string;
  reuseOf: string | null;
  takenBy: string | null;
  createdAt: string;
}
/** A checklist (检查表) of scored items. */
export interface ChecklistTemplatesTable {
  id: string;
  organizationId: string;
  name: string;
  kind: string;
  items: string;
  active: Bool;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
/** A scored check (日检 / 夜间查岗 / 月检 / 季检 / 沟通检查). */
export interface InspectionsTable {
  id: string;
  organizationId: string;
  projectId: string;
  templateId: string | null;
  kind: string;
  title: string;
  items: string;
  trigger: string;
  weatherWarningId: string | null;
  scheduledOn: string | null;
  inspectorId: string | null;
  inspectedStaffId: string | null;
  inspectedName: string | null;
  status: string;
  startedAt: string | null;
  submittedAt: string | null;
  results: string;
  score: string | null;
  photoIds: string;
  inspectorSignatureId: string | null;
  inspectedSignatureId: string | null;
  report: string | null;
  sample: string | null;
  createdBy: string | null;
  createdAt: string;
}
/** A typhoon or rainstorm warning in force for a project (its nights owe night checks). */
export interface WeatherWarningsTable {
  id: string;
  organizationId: string;
  projectId: string;
  kind: string;
  level: string | null;
  fromDate: string;
  toDate: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}
/** A reminder of checks owed, sent once per project and subject (e.g. `night_warning:2026-11-06`). */
export interface InspectionRemindersTable {
  projectId: string;
  subject: string;
  organizationId: string;
  sentAt: string;
}
/** A defect (不合格项) to closure (缺陷消项). */
export interface DefectsTable {
  id: string;
  organizationId: string;
  projectId: string;
  sourceType: string;
  sourceId: string | null;
  itemId: string | null;
  pointId: string | null;
  specialty: string;
  severity: string;
  causedByStaff: Bool;
  onDailySheet: Bool;
  description: string;
  photoIds: string;
  responsibleId: string | null;
  foundBy: string | null;
  foundAt: string;
  periodStart: string;
  deadline: string;
  status: string;
  closureNote: string | null;
  closurePhotoIds: string;
  closedAt: string | null;
  closedBy: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  verifiedIn: string | null;
  reopenCount: number;
  escalationLevel: number;
  escalatedAt: string | null;
  caseId: string | null;
  rectificationId: string | null;
}
/** A rectification notice (整改通知). */
export interface RectificationNoticesTable {
  id: string;
  organizationId: string;
  projectId: string;
  title: string;
  requirement: string;
  defectIds: string;
  issuedBy: string;
  issuedAt: string;
  responsibleId: string;
  deadline: string;
  round: number;
  status: string;
  measures: string | null;
  measuresAt: string | null;
  report: string | null;
  reportedAt: string | null;
  reinspectedBy: string | null;
  reinspectedAt: string | null;
  reinspectionNote: string | null;
  escalationLevel: number;
  escalatedAt: string | null;
}
/** 故障转呈单 / 工作联系函 (migration 0037, decision 0035): pastRounds is a JSON array. */
export interface EscalationFormsTable {
  id: string;
  organizationId: string;
  projectId: string;
  kind: string;
  severity: string;
  title: string;
  problem: string;
  departmentId: string;
  requestedDate: string;
  dueAt: string;
  round: number;
  status: string;
  sentBy: string;
  sentAt: string;
  response: string | null;
  respondedBy: string | null;
  feedbackAt: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  verificationNote: string | null;
  pastRounds: string;
  lateToldRound: number;
}
export interface EscalationFormCasesTable {
  formId: string;
  caseId: string;
  organizationId: string;
}
/** Internal meetings (内部会议, migration 0040): held by an office or a department; attendee ids are JSON. */
export interface InternalMeetingsTable {
  id: string;
  organizationId: string;
  projectId: string | null;
  departmentId: string | null;
  kind: string;
  heldOn: string;
  title: string;
  agenda: string | null;
  organizerId: string;
  secretaryId: string;
  attendeeIds: string;
  timeZone: string;
  minutes: string | null;
  minutesBy: string | null;
  minutesAt: string | null;
  minutesRemindedAt: string | null;
  createdAt: string;
}
/** An internal meeting's resolutions (决议), each tracked to done (migration 0040), reminded once when overdue (0044). */
export interface InternalMeetingActionsTable {
  id: string;
  organizationId: string;
  meetingId: string;
  text: string;
  responsibleId: string;
  deadlineOn: string;
  status: string;
  doneBy: string | null;
  doneAt: string | null;
  doneNote: string | null;
  createdBy: string;
  createdAt: string;
  overdueRemindedAt: string | null;
}
/** 纠正措施 of complaint causes (migration 0041, decision 0039). */
export interface ComplaintMeasuresTable {
  id: string;
  organizationId: string;
  projectId: string;
  category: string;
  month: string;
  measure: string;
  responsibleId: string;
  dueDate: string;
  status: 'planned' | 'done';
  createdBy: string;
  createdAt: string;
  doneBy: string | null;
  doneAt: string | null;
  resultNote: string | null;
  /** The quality department's verification (效果验证, migration 0045): null until verified. */
  verifiedBy: string | null;
  verifiedAt: string | null;
  verification: string | null;
  /** 1: the measure worked, 0: it did not. */
  effective: number | null;
}
export interface Schema {
  internalMeetings: InternalMeetingsTable;
  internalMeetingActions: InternalMeetingActionsTable;
  inspectionPoints: InspectionPointsTable;
  patrolPlans: PatrolPlansTable;
  patrolRoutes: PatrolRoutesTable;
  patrolTasks: PatrolTasksTable;
  patrolChecks: PatrolChecksTable;
  inspectionPhotos: InspectionPhotosTable;
  checklistTemplates: ChecklistTemplatesTable;
  inspections: InspectionsTable;
  weatherWarnings: WeatherWarningsTable;
  inspectionReminders: InspectionRemindersTable;
  defects: DefectsTable;
  rectificationNotices: RectificationNoticesTable;
  escalationForms: EscalationFormsTable;
  escalationFormCases: EscalationFormCasesTable;
  complaintMeasures: ComplaintMeasuresTable;
  buildingStewards: BuildingStewardsTable;
  selfEvaluationRounds: SelfEvaluationRoundsTable;
  selfEvaluations: SelfEvaluationsTable;
  monthlyContacts: MonthlyContactsTable;
  monthlySummaries: MonthlySummariesTable;
  monthlyOpinions: MonthlyOpinionsTable;
  ownerMeetings: OwnerMeetingsTable;
  meetingActions: MeetingActionsTable;
  surveyQuestions: SurveyQuestionsTable;
  surveys: SurveysTable;
  openLetters: OpenLettersTable;
  surveyAnswers: SurveyAnswersTable;
  surveyScores: SurveyScoresTable;
  surveyRegister: SurveyRegisterTable;
  surveyReviews: SurveyReviewsTable;
  surveyTargets: SurveyTargetsTable;
  callbacks: CallbacksTable;
  callbackRecords: CallbackRecordsTable;
  callbackReassignments: CallbackReassignmentsTable;
  callbackSettings: CallbackSettingsTable;
  callbackRounds: CallbackRoundsTable;
  caseRatings: CaseRatingsTable;
  qualityMarks: QualityMarksTable;
  deliveries: DeliveriesTable;
  notices: NoticesTable;
  noticeReads: NoticeReadsTable;
  noticePostings: NoticePostingsTable;
  channelSettings: ChannelSettingsTable;
  messageTemplates: MessageTemplatesTable;
  dutyShifts: DutyShiftsTable;
  displayTokens: DisplayTokensTable;
  appraisalWeights: AppraisalWeightsTable;
  appraisals: AppraisalsTable;
  statutorySchedules: StatutorySchedulesTable;
  statutoryPostings: StatutoryPostingsTable;
  statutoryObjections: StatutoryObjectionsTable;
  outages: OutagesTable;
  caseOutages: CaseOutagesTable;
  caseSearch: CaseSearchTable;
  caseSearchFts: CaseSearchFtsTable;
  organizations: OrganizationsTable;
  projects: ProjectsTable;
  buildings: BuildingsTable;
  units: UnitsTable;
  departments: DepartmentsTable;
  staff: StaffTable;
  staffProjects: StaffProjectsTable;
  owners: OwnersTable;
  ownerContacts: OwnerContactsTable;
  ownerUnits: OwnerUnitsTable;
  ownerEvents: OwnerEventsTable;
  ownerGradeRequests: OwnerGradeRequestsTable;
  ownerVisits: OwnerVisitsTable;
  visitPlans: VisitPlansTable;
  visitOpinions: VisitOpinionsTable;
  imports: ImportsTable;
  importMappings: ImportMappingsTable;
  cases: CasesTable;
  caseEvents: CaseEventsTable;
  caseCallers: CaseCallersTable;
  attachments: AttachmentsTable;
  idempotencyKeys: IdempotencyKeysTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  ownerPortalLockouts: OwnerPortalLockoutsTable;
  loginFailures: LoginFailuresTable;
  calendarYears: CalendarYearsTable;
  projectCalendars: ProjectCalendarsTable;
  slaRules: SlaRulesTable;
  slaClocks: SlaClocksTable;
  notifications: NotificationsTable;
  pendingNotices: PendingNoticesTable;
  counters: CountersTable;
  outbox: OutboxTable;
  serviceLanguagePhrases: ServiceLanguagePhrasesTable;
}
