import { z } from 'zod';
import {
  ChangePasswordSchema,
  DisableTwoFactorSchema,
  LoginResponseSchema,
  MeSchema,
  OwnerLoginSchema,
  PasswordChangedSchema,
  RecoveryCodesSchema,
  StaffLoginSchema,
  TwoFactorCodeSchema,
  TwoFactorSetupSchema,
} from './auth.ts';
import {
  CaseAttachmentSchema,
  CaseCommandRequestSchema,
  CaseCommandResponses,
  CaseCountsQuerySchema,
  CaseCountsSchema,
  CaseDetailResponses,
  CaseEventsResponses,
  CaseListResponses,
  CaseQuerySchema,
  CreateCaseSchema,
  UploadedAttachmentResponses,
} from './cases.ts';
import { ImportApplyInputSchema, ImportDryRunSchema, ImportMappingInputSchema, ImportSchema, ImportUploadQuerySchema } from './imports.ts';
import {
  ChannelSettingsListSchema,
  ChannelSettingsViewSchema,
  ChannelTestResultSchema,
  ChannelTestSchema,
  CreateDutyShiftSchema,
  DeliveriesQuerySchema,
  DeliveryPageSchema,
  DeliverySchema,
  DutyShiftListSchema,
  DutyShiftQuerySchema,
  DutyShiftSchema,
  MessagePreviewSchema,
  MessageTemplateListSchema,
  MessageTemplateViewSchema,
  OnDutyQuerySchema,
  OnDutySchema,
  PreviewMessageTemplateSchema,
  SaveChannelSettingsSchema,
  SaveMessageTemplateSchema,
} from './delivery.ts';
import {
  AssignableQuerySchema,
  AssignableStaffListSchema,
  CallerSearchQuerySchema,
  CallerSearchResultSchema,
  CaseContextSchema,
  RevealedPhoneSchema,
  RevealOwnerPhoneSchema,
  WorkOrderListSchema,
} from './desk.ts';
import {
  AddContactSchema,
  GradeDecisionSchema,
  GradeRequestInputSchema,
  GradeRequestQuerySchema,
  GradeRequestSchema,
  MovedInSchema,
  MovedOutSchema,
  MoveInSchema,
  MoveOutSchema,
  OwnerArchiveSchema,
  OwnerQuerySchema,
  OwnerSchema,
  OwnerVisitQuerySchema,
  OwnerVisitSchema,
  UpdateOwnerSchema,
  PortalUnitSchema,
  RevealedSchema,
  RevealSchema,
} from './owners.ts';
import {
  CreateNoticeSchema,
  MessageSettingsSchema,
  NoticeDetailSchema,
  NoticeListQuerySchema,
  NoticePageSchema,
  NoticePostingListSchema,
  NoticePostingSchema,
  NoticeReachSchema,
  NoticeSchema,
  PortalNoticeListSchema,
  PostingDoneSchema,
  RejectNoticeSchema,
  SaveMessageSettingsSchema,
  UpdateNoticeSchema,
} from './notices.ts';
import { NoticeFiguresListSchema, NoticeFiguresQuerySchema, NoticeRecipientPageSchema, NoticeRecipientsQuerySchema } from './notice-recipients.ts';
import {
  ActiveOutagesQuerySchema,
  CaseOutageListSchema,
  CreateOutageSchema,
  LinkOutageSchema,
  OutageListSchema,
  OutageQuerySchema,
  OutageSchema,
} from './outages.ts';
import {
  CallbackDetailSchema,
  CallbackListSchema,
  CallbackQuerySchema,
  CallbackSettingsQuerySchema,
  CallbackSettingsSchema,
  FillMonthlyCallbacksSchema,
  FilledCallbacksSchema,
  PutCallbackSettingSchema,
  RecordCallbackSchema,
} from './callbacks.ts';
import {
  AddVisitSchema,
  EditVisitSchema,
  GenerateVisitPlanSchema,
  OpinionCaseSchema,
  RecordVisitSchema,
  RemoveVisitSchema,
  VisitDetailSchema,
  VisitPlanQuerySchema,
  VisitPlanSchema,
} from './visits.ts';
import {
  ContactAttemptInputSchema,
  CreateMeetingActionSchema,
  CreateMeetingSchema,
  EditMonthlySummarySchema,
  MarkUnreachableSchema,
  MeetingListSchema,
  MeetingMinutesSchema,
  MeetingSchema,
  MeetingsQuerySchema,
  MonthlyContactListSchema,
  MonthlyContactSchema,
  MonthlyContactsQuerySchema,
  MonthlyDoneSchema,
  MonthlyOpinionListSchema,
  MonthlyOpinionSchema,
  MonthlyProjectMonthSchema,
  MonthlySummariesQuerySchema,
  MonthlySummaryListSchema,
  MonthlySummarySchema,
  OpinionsQuerySchema,
  ReviewMonthlySummarySchema,
  SummaryVersionSchema,
} from './monthly.ts';
import {
  CreateStatutoryScheduleSchema,
  OwnerObjectionSchema,
  PortalStatutoryPostingListSchema,
  RecordedStatutoryPostingSchema,
  RecordStatutoryPostingSchema,
  StaffObjectionSchema,
  StatutoryPostingListSchema,
  StatutoryScheduleListSchema,
  StatutoryScheduleSchema,
  UpdateStatutoryScheduleSchema,
} from './statutory.ts';
import { NoContentSchema, type Audiences } from './responses.ts';
import { ServiceLanguageListBodySchema, ServiceLanguageListSchema } from './service-language.ts';
import {
  CalendarYearLoadedSchema,
  CalendarYearSchema,
  CalendarYearViewSchema,
  CaseSlaSchema,
  NotificationSchema,
  NotificationsQuerySchema,
  OutcomesQuerySchema,
  OutcomesReportSchema,
  ProjectCalendarSavedSchema,
  ProjectCalendarSchema,
  ProjectCalendarViewSchema,
  SlaRulesBodySchema,
  SlaRulesSavedSchema,
  SlaRulesViewSchema,
  TimelinessQuerySchema,
  TimelinessReportSchema,
  UnreadCountSchema,
} from './sla.ts';
import {
  BuildingSchema,
  CreateBuildingSchema,
  CreateDepartmentSchema,
  CreateStaffSchema,
  CreateUnitSchema,
  DepartmentSchema,
  ProjectSchema,
  StaffSchema,
  UnitQuerySchema,
  UnitSchema,
  UpdateBuildingSchema,
  UpdateDepartmentSchema,
  UpdateProjectSchema,
  UpdateStaffSchema,
  UpdateUnitSchema,
} from './structure.ts';
import { SystemInfoSchema } from './system.ts';

/** The query of `GET /api/staff` (people of one project). */
export const StaffQuerySchema = z.object({ projectId: z.string().max(64).optional() });
/** The query of `POST /api/attachments` (the file's name; the body is its bytes). */
export const UploadQuerySchema = z.object({ filename: z.string().max(200).default('attachment') });

/** One route as a client sees it: what it takes (query, JSON body) and what it answers on success. */
export interface RouteSpec {
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success answer; an `Audiences` pair when staff and owners get different shapes; NoContent for 204. */
  response: z.ZodType | Audiences<z.ZodType, z.ZodType>;
}

/**
 * The routes the browser apps call, keyed `METHOD /path` with the server's own schemas: the typed client
 * (apps/web/src/shared/api.ts) takes its request and response types from here, and a server test checks
 * that each entry is a route the server documents with these very schemas.
 */
export const API_ROUTES = {
  'GET /api/system/info': { response: SystemInfoSchema },
  // sign-in and the account
  'POST /api/auth/login': { body: StaffLoginSchema, response: LoginResponseSchema },
  'POST /api/portal/login': { body: OwnerLoginSchema, response: LoginResponseSchema },
  'POST /api/auth/logout': { response: NoContentSchema },
  'GET /api/auth/me': { response: MeSchema },
  'POST /api/auth/password': { body: ChangePasswordSchema, response: PasswordChangedSchema },
  'POST /api/auth/two-factor/setup': { response: TwoFactorSetupSchema },
  'POST /api/auth/two-factor/enable': { body: TwoFactorCodeSchema, response: RecoveryCodesSchema },
  'POST /api/auth/two-factor/disable': { body: DisableTwoFactorSchema, response: NoContentSchema },
  'GET /api/portal/units': { response: z.array(PortalUnitSchema) },
  // cases
  'POST /api/cases': { body: CreateCaseSchema, response: CaseCommandResponses },
  'GET /api/cases': { query: CaseQuerySchema, response: CaseListResponses },
  'GET /api/cases/counts': { query: CaseCountsQuerySchema, response: CaseCountsSchema },
  'GET /api/cases/:id': { response: CaseDetailResponses },
  'GET /api/cases/:id/events': { response: CaseEventsResponses },
  'GET /api/cases/:id/attachments': { response: z.array(CaseAttachmentSchema) },
  'POST /api/cases/:id/commands': { body: CaseCommandRequestSchema, response: CaseCommandResponses },
  'GET /api/cases/:id/sla': { response: CaseSlaSchema },
  'POST /api/attachments': { query: UploadQuerySchema, response: UploadedAttachmentResponses },
  // owners
  'GET /api/owners': { query: OwnerQuerySchema, response: z.array(OwnerSchema) },
  'GET /api/owners/:id': { response: OwnerSchema },
  'PATCH /api/owners/:id': { body: UpdateOwnerSchema, response: OwnerSchema },
  'POST /api/owners/:id/contacts': { body: AddContactSchema, response: OwnerSchema },
  'GET /api/owners/:id/archive': { response: OwnerArchiveSchema },
  'POST /api/move-ins': { body: MoveInSchema, response: MovedInSchema },
  'POST /api/owners/:id/move-outs': { body: MoveOutSchema, response: MovedOutSchema },
  'GET /api/visits': { query: OwnerVisitQuerySchema, response: z.array(OwnerVisitSchema) },
  'POST /api/owners/:id/reveal': { body: RevealSchema, response: RevealedSchema },
  // who and where, dispatch
  'GET /api/cases/:id/context': { response: CaseContextSchema },
  'POST /api/cases/:id/owner-phone': { body: RevealOwnerPhoneSchema, response: RevealedPhoneSchema },
  'GET /api/cases/:id/assignable-staff': { query: AssignableQuerySchema, response: AssignableStaffListSchema },
  'GET /api/work-orders': { response: WorkOrderListSchema },
  'GET /api/intake/callers': { query: CallerSearchQuerySchema, response: CallerSearchResultSchema },
  // notifications and reports
  'GET /api/notifications': { query: NotificationsQuerySchema, response: z.array(NotificationSchema) },
  'GET /api/notifications/unread-count': { response: UnreadCountSchema },
  'POST /api/notifications/:id/read': { response: NoContentSchema },
  'GET /api/reports/timeliness': { query: TimelinessQuerySchema, response: TimelinessReportSchema },
  'GET /api/reports/outcomes': { query: OutcomesQuerySchema, response: OutcomesReportSchema },
  // structure and people
  'GET /api/projects': { response: z.array(ProjectSchema) },
  'PATCH /api/projects/:id': { body: UpdateProjectSchema, response: ProjectSchema },
  'GET /api/projects/:id/buildings': { response: z.array(BuildingSchema) },
  'POST /api/projects/:id/buildings': { body: CreateBuildingSchema, response: BuildingSchema },
  'PATCH /api/buildings/:id': { body: UpdateBuildingSchema, response: BuildingSchema },
  'GET /api/units': { query: UnitQuerySchema, response: z.array(UnitSchema) },
  'POST /api/buildings/:id/units': { body: CreateUnitSchema, response: UnitSchema },
  'PATCH /api/units/:id': { body: UpdateUnitSchema, response: UnitSchema },
  'GET /api/departments': { response: z.array(DepartmentSchema) },
  'POST /api/departments': { body: CreateDepartmentSchema, response: DepartmentSchema },
  'PATCH /api/departments/:id': { body: UpdateDepartmentSchema, response: DepartmentSchema },
  'GET /api/staff': { query: StaffQuerySchema, response: z.array(StaffSchema) },
  'POST /api/staff': { body: CreateStaffSchema, response: StaffSchema },
  'PATCH /api/staff/:id': { body: UpdateStaffSchema, response: StaffSchema },
  // imports of the estate (issue 12)
  'POST /api/imports/:kind/dry-run': { query: ImportUploadQuerySchema, response: ImportDryRunSchema },
  'GET /api/imports': { response: z.array(ImportSchema) },
  'GET /api/imports/:id': { response: ImportSchema },
  'PUT /api/imports/:id/mapping': { body: ImportMappingInputSchema, response: ImportDryRunSchema },
  'POST /api/imports/:id/apply': { body: ImportApplyInputSchema, response: ImportSchema },
  // service language (服务忌语)
  'GET /api/service-language': { response: ServiceLanguageListSchema },
  'PUT /api/service-language': { body: ServiceLanguageListBodySchema, response: ServiceLanguageListSchema },
  // time limits
  'GET /api/projects/:id/calendar': { response: ProjectCalendarViewSchema },
  'PUT /api/projects/:id/calendar': { body: ProjectCalendarSchema, response: ProjectCalendarSavedSchema },
  'GET /api/calendar-years': { response: z.array(CalendarYearViewSchema) },
  'PUT /api/calendar-years/:year': { body: CalendarYearSchema, response: CalendarYearLoadedSchema },
  'GET /api/projects/:id/sla-rules': { response: SlaRulesViewSchema },
  'PUT /api/projects/:id/sla-rules': { body: SlaRulesBodySchema, response: SlaRulesSavedSchema },
  // routing, approvals and grade requests
  'POST /api/owners/:id/grade-requests': { body: GradeRequestInputSchema, response: GradeRequestSchema },
  'GET /api/grade-requests': { query: GradeRequestQuerySchema, response: z.array(GradeRequestSchema) },
  'POST /api/grade-requests/:id/approve': { body: GradeDecisionSchema, response: GradeRequestSchema },
  'POST /api/grade-requests/:id/reject': { body: GradeDecisionSchema, response: GradeRequestSchema },
  // messaging (issue 13): channels, deliveries and dead letters, templates, the on-duty roster
  'GET /api/channels': { response: ChannelSettingsListSchema },
  'PUT /api/channels/:channel': { body: SaveChannelSettingsSchema, response: ChannelSettingsViewSchema },
  'POST /api/channels/:channel/test': { body: ChannelTestSchema, response: ChannelTestResultSchema },
  'GET /api/deliveries': { query: DeliveriesQuerySchema, response: DeliveryPageSchema },
  'POST /api/deliveries/:id/retry': { response: DeliverySchema },
  'GET /api/cases/:id/deliveries': { response: z.array(DeliverySchema) },
  'GET /api/message-templates': { response: MessageTemplateListSchema },
  'PUT /api/message-templates/:kind/:locale': { body: SaveMessageTemplateSchema, response: MessageTemplateViewSchema },
  'POST /api/message-templates/:kind/:locale/preview': { body: PreviewMessageTemplateSchema, response: MessagePreviewSchema },
  'GET /api/duty-shifts': { query: DutyShiftQuerySchema, response: DutyShiftListSchema },
  'POST /api/duty-shifts': { body: CreateDutyShiftSchema, response: DutyShiftSchema },
  'DELETE /api/duty-shifts/:id': { response: NoContentSchema },
  'GET /api/on-duty': { query: OnDutyQuerySchema, response: OnDutySchema },
  // notices (issue 13 items 5 and 7): the ledger, a notice's life, its reach and recipients; the portal's notices and message settings; the steward's paper tasks
  'GET /api/notices': { query: NoticeListQuerySchema, response: NoticePageSchema },
  'POST /api/notices': { body: CreateNoticeSchema, response: NoticeSchema },
  'GET /api/notices/figures': { query: NoticeFiguresQuerySchema, response: NoticeFiguresListSchema },
  'GET /api/notices/:id': { response: NoticeDetailSchema },
  'PATCH /api/notices/:id': { body: UpdateNoticeSchema, response: NoticeSchema },
  'GET /api/notices/:id/reach': { response: NoticeReachSchema },
  'GET /api/notices/:id/recipients': { query: NoticeRecipientsQuerySchema, response: NoticeRecipientPageSchema },
  'POST /api/notices/:id/submit': { response: NoticeSchema },
  'POST /api/notices/:id/approve': { response: NoticeSchema },
  'POST /api/notices/:id/reject': { body: RejectNoticeSchema, response: NoticeSchema },
  'POST /api/notices/:id/revise': { response: NoticeSchema },
  'POST /api/notices/:id/undo': { response: NoticeSchema },
  'POST /api/notices/:id/supersede': { response: NoticeSchema },
  'GET /api/portal/notices': { response: PortalNoticeListSchema },
  'POST /api/portal/notices/:id/read': { response: NoContentSchema },
  'GET /api/portal/message-settings': { response: MessageSettingsSchema },
  'PUT /api/portal/message-settings': { body: SaveMessageSettingsSchema, response: MessageSettingsSchema },
  'GET /api/notice-postings': { response: NoticePostingListSchema },
  'POST /api/notice-postings/:id/done': { body: PostingDoneSchema, response: NoticePostingSchema },
  // statutory postings (法定公示, issue 13 item 6)
  'GET /api/projects/:id/statutory-schedules': { response: StatutoryScheduleListSchema },
  'POST /api/projects/:id/statutory-schedules': { body: CreateStatutoryScheduleSchema, response: StatutoryScheduleSchema },
  'POST /api/projects/:id/statutory-schedules/defaults': { response: StatutoryScheduleListSchema },
  'PATCH /api/statutory-schedules/:id': { body: UpdateStatutoryScheduleSchema, response: StatutoryScheduleSchema },
  'GET /api/statutory-schedules/:id/postings': { response: StatutoryPostingListSchema },
  'POST /api/statutory-schedules/:id/postings': { body: RecordStatutoryPostingSchema, response: RecordedStatutoryPostingSchema },
  'POST /api/statutory-postings/:id/objections': { body: StaffObjectionSchema, response: CaseCommandResponses },
  'GET /api/portal/statutory-postings': { response: PortalStatutoryPostingListSchema },
  'POST /api/portal/statutory-postings/:id/objections': { body: OwnerObjectionSchema, response: CaseCommandResponses },
  // the outage register (停水/停电/电梯停运, issue 13 item 7)
  'GET /api/outages': { query: OutageQuerySchema, response: OutageListSchema },
  'POST /api/outages': { body: CreateOutageSchema, response: OutageSchema },
  'POST /api/outages/:id/close': { response: OutageSchema },
  'GET /api/outages/active': { query: ActiveOutagesQuerySchema, response: OutageListSchema },
  'POST /api/cases/:id/outage-links': { body: LinkOutageSchema, response: CaseOutageListSchema },
  'GET /api/cases/:id/outages': { response: CaseOutageListSchema },
  // callbacks (回访, decision 0027)
  'GET /api/callbacks': { query: CallbackQuerySchema, response: CallbackListSchema },
  'GET /api/callbacks/:id': { response: CallbackDetailSchema },
  'POST /api/callbacks/:id/records': { body: RecordCallbackSchema, response: CallbackDetailSchema },
  'POST /api/callbacks/monthly': { body: FillMonthlyCallbacksSchema, response: FilledCallbacksSchema },
  'GET /api/callback-settings': { query: CallbackSettingsQuerySchema, response: CallbackSettingsSchema },
  'PUT /api/callback-settings': { body: PutCallbackSettingSchema, response: CallbackSettingsSchema },
  // visits (走访, decision 0029)
  'POST /api/visit-plans': { body: GenerateVisitPlanSchema, response: VisitPlanSchema },
  'GET /api/visit-plans': { query: VisitPlanQuerySchema, response: VisitPlanSchema },
  'POST /api/visits': { body: AddVisitSchema, response: OwnerVisitSchema },
  'GET /api/visits/:id': { response: VisitDetailSchema },
  'PATCH /api/visits/:id': { body: EditVisitSchema, response: OwnerVisitSchema },
  'POST /api/visits/:id/remove': { body: RemoveVisitSchema, response: OwnerVisitSchema },
  'POST /api/visits/:id/record': { body: RecordVisitSchema, response: VisitDetailSchema },
  'POST /api/visits/:id/opinions/:opinionId/case': { body: OpinionCaseSchema, response: VisitDetailSchema },
  // the monthly communication cycle (每月客户沟通, decision 0031)
  'POST /api/monthly/contacts/generate': { body: MonthlyProjectMonthSchema, response: MonthlyContactListSchema },
  'GET /api/monthly/contacts': { query: MonthlyContactsQuerySchema, response: MonthlyContactListSchema },
  'POST /api/monthly/contacts/:id/attempts': { body: ContactAttemptInputSchema, response: MonthlyContactSchema },
  'POST /api/monthly/contacts/:id/unreachable': { body: MarkUnreachableSchema, response: MonthlyContactSchema },
  'POST /api/monthly/summaries': { body: MonthlyProjectMonthSchema, response: MonthlySummarySchema },
  'GET /api/monthly/summaries': { query: MonthlySummariesQuerySchema, response: MonthlySummaryListSchema },
  'GET /api/monthly/summaries/:id': { response: MonthlySummarySchema },
  'PATCH /api/monthly/summaries/:id': { body: EditMonthlySummarySchema, response: MonthlySummarySchema },
  'POST /api/monthly/summaries/:id/refresh': { body: SummaryVersionSchema, response: MonthlySummarySchema },
  'POST /api/monthly/summaries/:id/submit': { body: SummaryVersionSchema, response: MonthlySummarySchema },
  'POST /api/monthly/summaries/:id/review': { body: ReviewMonthlySummarySchema, response: MonthlySummarySchema },
  'GET /api/monthly/opinions': { query: OpinionsQuerySchema, response: MonthlyOpinionListSchema },
  'POST /api/monthly/opinions/:id/done': { body: MonthlyDoneSchema, response: MonthlyOpinionSchema },
  'POST /api/meetings': { body: CreateMeetingSchema, response: MeetingSchema },
  'GET /api/meetings': { query: MeetingsQuerySchema, response: MeetingListSchema },
  'POST /api/meetings/:id/minutes': { body: MeetingMinutesSchema, response: MeetingSchema },
  'POST /api/meetings/:id/actions': { body: CreateMeetingActionSchema, response: MeetingSchema },
  'POST /api/meeting-actions/:id/done': { body: MonthlyDoneSchema, response: MeetingSchema },
} as const satisfies Record<`${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}`, RouteSpec>;

export type ApiRoutes = typeof API_ROUTES;
export type RouteKey = keyof ApiRoutes;
export type Audience = 'staff' | 'owner';

type Spec<K extends RouteKey> = ApiRoutes[K];
type SchemaOf<R, A extends Audience> = R extends Audiences<infer S, infer O> ? (A extends 'staff' ? S : O) : R;

/** What a route answers on success, for staff or for an owner (the shape the server sends them). */
export type RouteResponse<K extends RouteKey, A extends Audience = 'staff'> = z.output<SchemaOf<Spec<K>['response'], A>>;
/** The JSON body a route takes (what the client may send: defaults optional), or never. */
export type RouteBody<K extends RouteKey> = Spec<K> extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** The query a route takes, or never. */
export type RouteQuery<K extends RouteKey> = Spec<K> extends { query: infer Q extends z.ZodType } ? z.input<Q> : never;

type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer Rest}` ? N | ParamNames<`/${Rest}`> : P extends `${string}:${infer N}` ? N : never;
/** The path parameters of a route (`:id` → { id: string }). */
export type RouteParams<K extends RouteKey> = { [N in ParamNames<K extends `${string} ${infer P}` ? P : never>]: string };
