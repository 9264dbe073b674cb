export * from './shared/errors.ts';
export * from './shared/time.ts';
export * from './shared/ids.ts';
export * from './structure/roles.ts';
export * from './access/actor.ts';
export * from './access/policy.ts';
export * from './access/lockout.ts';
export * from './access/password-policy.ts';
export * from './access/account-setup.ts';
export * from './calendar/business-calendar.ts';
export * from './calendar/mainland-calendar.ts';
export { LocalClock, startOfLocalDate } from './calendar/local-clock.ts';
export * from './cases/case.ts';
export * from './cases/summary.ts';
export * from './cases/commands.ts';
export * from './cases/events.ts';
export * from './cases/evolve.ts';
export * from './cases/workflows.ts';
export * from './cases/accused.ts';
export * from './cases/approval.ts';
export * from './cases/routing.ts';
export * from './cases/permissions.ts';
export * from './cases/decide.ts';
export * from './cases/allowed.ts';
export * from './cases/open-case.ts';
export * from './cases/service-language.ts';
export * from './owners/masking.ts';
export * from './owners/grade-change.ts';
export * from './owners/tenure.ts';
export * from './i18n/messages.ts';
export * from './sla/policies.ts';
export * from './sla/clocks.ts';
export * from './sla/escalation.ts';
export * from './sla/explain.ts';
export * from './sla/digest.ts';
export {
  checkServiceLanguage,
  DEFAULT_FORBIDDEN_PHRASES,
  findForbiddenPhrases,
  LANGUAGE_ISSUE_TEXT,
  type LanguageIssue,
  type LanguageIssueKind,
} from '@guanjia/vocabulary';
export * from './structure/unit-address.ts';
export * from './cases/assignment.ts';
export * from './owners/disclosure.ts';
export * from './search/tokens.ts';
export * from './search/snippet.ts';
export * from './search/case-query.ts';
export * from './sla/escalation-steps.ts';
// the estate in and out (issue 12): import columns, cells, keys and the dry run's plans
export * from './estate/id-number.ts';
export * from './estate/mainland-phone.ts';
export * from './estate/import-columns.ts';
export * from './estate/cell-values.ts';
export * from './estate/import-problems.ts';
export * from './estate/row-reader.ts';
export * from './estate/estate-keys.ts';
export * from './estate/plan-units.ts';
export * from './estate/plan-owners.ts';
export * from './estate/plan-staff.ts';
export * from './estate/roster-writes.ts';
// messages that leave the system (issue 13): retries, 免打扰, an owner's channel, the on-duty roster, templates, notices
export * from './delivery/retry.ts';
export * from './delivery/quiet-hours.ts';
export * from './delivery/owner-reach.ts';
export * from './delivery/on-duty.ts';
export * from './delivery/templates.ts';
export * from './delivery/notice-rules.ts';
// statutory postings (法定公示) and the outage register (停水/停电/电梯停运), issue 13
export * from './notices/statutory.ts';
export * from './notices/outages.ts';
// notices (通知公告) and their ledger, issue 13: the state machine, what publication needs, the steward's paper tasks
export * from './notices/notice-lifecycle.ts';
export * from './notices/notice-publication.ts';
export * from './notices/paper-tasks.ts';
export * from './callbacks/weekly-sample.ts';
export * from './callbacks/quality-marks.ts';
export * from './callbacks/round-summary.ts';
export * from './surveys/sampling.ts';
export * from './surveys/statistics.ts';
export * from './surveys/campaign.ts';
export * from './surveys/open-letter.ts';
// the owners' yearly steward rating (管家评价) and staff self-evaluation forms (员工自评), issue 14
export * from './surveys/steward-rating.ts';
export * from './staff/self-evaluation.ts';
// callbacks (回访), issue 14: retries, the queue's clock, which callbacks a case owes
export * from './callbacks/callback-attempts.ts';
export * from './callbacks/callback-assignment.ts';
export * from './callbacks/callbacks-owed.ts';
// visits (走访, issue 14): the monthly plan per building, the checks of a planned time and of a visit record
export * from './visits/visit-plan.ts';
export * from './visits/visit-rules.ts';
// the monthly communication cycle (每月客户沟通, issue 14): the contact list and its clock, the summary's steps, meetings' minutes
export * from './monthly/contact-list.ts';
export * from './monthly/summary.ts';
// internal meetings (内部会议, issue 16 item 3): who holds or reads one, the late minutes' reminder
export * from './meetings/internal-meetings.ts';
export * from './callbacks/callback-record.ts';
// patrols (巡检, issue 15): plans repeating by weekday or day of month, tasks per round with each point's window, grading
export * from './inspections/patrol-plan.ts';
export * from './inspections/point-code.ts';
export * from './inspections/location.ts';
export * from './inspections/photo-hash.ts';
export * from './inspections/defects.ts';
export * from './inspections/rectification.ts';
export * from './inspections/checklists.ts';
export * from './inspections/night-checks.ts';
export * from './inspections/quality-duties.ts';
export * from './inspections/bulletin.ts';
export * from './inspections/scored-checks.ts';
export * from './inspections/audit-sample.ts';
export * from './inspections/starter-checklists.ts';
export * from './escalations/escalation-forms.ts';
// complaint causes ranked and their corrective measures (纠正措施, issue 16 item 1)
export * from './reports/complaint-causes.ts';
export * from './kpi/appraisal.ts';
