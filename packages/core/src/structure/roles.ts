import type { StaffRole } from '@guanjia/vocabulary';

export { STAFF_ROLES, type StaffRole } from '@guanjia/vocabulary';

/** What a staff role (STAFF_ROLES, in the vocabulary package) may do; nothing is granted by default. */
export const CAPABILITIES = [
  'case.read', // see cases in scope
  'case.create', // register a case (受理)
  'case.intake', // service-center steps: transfer, inform owner, record satisfaction, close, dispatch, re-type
  'case.department', // department steps: accept, contact owner, submit plan / answer / evaluation
  'case.approve', // approve or send back a complaint plan
  'case.field', // technician steps: on site, done
  'case.escalate', // escalate, mark major, corrective-action report
  'case.oversee', // act on any department's case in scope (office manager, leadership, quality)
  'owner.read',
  'owner.write', // move-in registration, archive edits
  'owner.reveal', // unmask phone / ID number (logged)
  'owner.grade.approve', // approve or reject a change of an owner's customer grade (客户分级, seed 004)
  'structure.read',
  'structure.admin', // projects, buildings, units, departments
  'staff.admin', // staff accounts, roles, API tokens of others
  'audit.read',
  'report.read', // timeliness and other measures of the projects in scope
  'messaging.admin', // outside channels and their secrets, message templates, the dead-letter list
  'duty.manage', // the on-duty roster (值班表) of the projects in scope
  'notice.write', // draft notices (通知公告), submit them, undo or supersede a published one
  'notice.approve', // approve or reject a notice someone else wrote (it is published on approval)
  'callback.make', // work the callback queue (回访): record calls, their outcome and the owner's words
  'callback.admin', // callback settings per repair category, the weekly sample (抽样回访) and its rounds, quality marks
  'visit.make', // make visits (走访) and write their records
  'visit.plan', // the monthly visit plan per building, editing it, new-owner visits' assignment
  'visit.private', // read the restricted field of visit records (private observations)
  'monthly.write', // the service supervisor's monthly contact list and the draft 每月客户沟通总结, owner meetings
  'monthly.review', // review the monthly summary and assign each opinion an owner and a deadline
  'survey.manage', // satisfaction survey campaigns (满意度调查), questionnaires, samples, statistics
  'survey.enter', // enter paper or phone answers of a survey
  'survey.letter.approve', // approve the open letter (公开信) that answers a survey
  'steward.assign', // name the area steward (物业管家) of each building, whom owners rate yearly (管家评价)
  'staff.evaluate', // review the self-evaluation forms (员工自评) of the staff of one's projects
  'inspection.read', // patrol tasks, checks, defects and the monthly bulletin (月检通报) of the projects in scope
  'inspection.patrol', // walk one's patrol and maintenance tasks (巡检/保养): scan points, record checks with photos
  'inspection.check', // scored checks (日检, 夜间查岗) and verifying defects' closures (消项验证)
  'inspection.admin', // inspection points and their printed codes, patrol and maintenance plans, checklists, weather warnings
  'inspection.audit', // the quality department's monthly and quarterly checks (月检/季检) and communication audits
  'defect.manage', // defects' responsible persons and deadlines, rectification notices (整改通知), re-inspection
  'escalation.write', // send fault escalation forms (故障转呈单) and work-liaison letters (工作联系函) of one's offices to a department, verify the fix
  'escalation.answer', // answer the escalation forms sent to one's own department
  'complaint.measure', // record the corrective measures (纠正措施) of the main complaint causes of one's projects, mark them done
  'complaint.verify', // the quality department's check that a done corrective measure worked (效果验证), company-wide
  'meeting.hold', // hold internal meetings (管理处例会, 部门例会, 质量分析会 …) of one's offices or department: minutes, resolutions and their owners
  'appraisal.write', // draw up the appraisal sheets (考核) of the staff of one's projects and write the supervisor's comment
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const AGENT: Capability[] = ['case.read', 'case.create', 'case.intake', 'owner.read', 'owner.write', 'structure.read'];

export const ROLE_CAPABILITIES: Record<StaffRole, readonly Capability[]> = {
  agent: [...AGENT, 'notice.write', 'callback.make', 'survey.enter'],
  front_desk: [...AGENT, 'notice.write', 'callback.make', 'visit.make', 'survey.enter'],
  area_steward: [...AGENT, 'callback.make', 'visit.make', 'survey.enter', 'inspection.patrol'],
  service_supervisor: [
    ...AGENT,
    'case.escalate',
    'owner.reveal',
    'report.read',
    'duty.manage',
    'notice.write',
    'callback.make',
    'visit.make',
    'visit.plan',
    'monthly.write',
    'survey.enter',
    'inspection.read',
    'inspection.patrol',
    'inspection.check',
    'meeting.hold',
  ],
  technician: ['case.read', 'case.department', 'case.field', 'structure.read', 'inspection.patrol'],
  department_head: [
    'case.read',
    'case.department',
    'case.approve',
    'case.field',
    'owner.read',
    'structure.read',
    'report.read',
    'duty.manage',
    'staff.evaluate',
    'inspection.read',
    'inspection.patrol',
    'inspection.check',
    'inspection.admin',
    'defect.manage',
    'escalation.answer',
    'meeting.hold',
    'appraisal.write',
  ],
  // the office manager approves or returns any plan of the office (and the department heads' own)
  office_manager: [
    ...AGENT,
    'case.department',
    'case.approve',
    'case.escalate',
    'case.oversee',
    'owner.reveal',
    'owner.grade.approve',
    'audit.read',
    'report.read',
    'duty.manage',
    'notice.write',
    'notice.approve',
    'callback.make',
    'visit.make',
    'visit.plan',
    'visit.private',
    'monthly.review',
    'survey.enter',
    'steward.assign',
    'staff.evaluate',
    'inspection.read',
    'inspection.patrol',
    'inspection.check',
    'inspection.admin',
    'defect.manage',
    'escalation.write',
    'complaint.measure',
    'appraisal.write',
    'meeting.hold',
  ],
  quality_officer: [
    'case.read',
    'case.intake',
    'case.department',
    'case.approve',
    'case.escalate',
    'case.oversee',
    'owner.read',
    'owner.reveal',
    'structure.read',
    'report.read',
    'callback.make',
    'callback.admin',
    'visit.private',
    'survey.manage',
    'survey.enter',
    'inspection.read',
    'inspection.check',
    'inspection.audit',
    'defect.manage',
    'escalation.answer',
    'meeting.hold',
    'complaint.measure',
    'complaint.verify',
  ],
  archive_keeper: ['case.read', 'owner.read', 'owner.reveal', 'structure.read', 'audit.read'],
  management_rep: ['case.read', 'owner.read', 'structure.read', 'audit.read', 'report.read', 'survey.letter.approve', 'inspection.read'],
  leadership: [
    'case.read',
    'case.create',
    'case.intake',
    'case.department',
    'case.approve',
    'case.escalate',
    'case.oversee',
    'owner.read',
    'owner.reveal',
    'owner.grade.approve',
    'structure.read',
    'audit.read',
    'report.read',
    'notice.approve',
    'visit.private',
    'staff.evaluate',
    'inspection.read',
    'appraisal.write',
    'meeting.hold',
  ],
  admin: [...CAPABILITIES],
};

export function capabilitiesOf(roles: readonly StaffRole[]): Set<Capability> {
  const set = new Set<Capability>();
  for (const role of roles) for (const cap of ROLE_CAPABILITIES[role] ?? []) set.add(cap);
  return set;
}
