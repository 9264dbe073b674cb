import { OwnerCaseEventSchema, OwnerCaseSchema } from '@guanjia/api-contract';
import {
  CASE_COMMAND_TYPES,
  CASE_STATUSES,
  CASE_TYPES,
  decide,
  openCase,
  ownerFacingTexts,
  staffActor,
  type Actor,
  type CaseCommand,
  type CaseCommandType,
  type CaseRecord,
  type StaffRole,
} from '@guanjia/core';
import { OWNER_FACING_FIELDS } from '@guanjia/vocabulary';
import { describe, expect, it } from 'vitest';

/**
 * "Owner-facing" cannot drift (issue 10 item 5): every command is run, and any staff text that lands
 * where an owner reads it — the content of an event owners see (not internal; the portal's timeline)
 * or a case field of the owner's view (the contract's OwnerCaseSchema) — must come from a field the
 * service-language guard checks (OWNER_FACING_FIELDS). Owners' own words recorded by staff (inbound:
 * a satisfaction opinion, an inbound message) are not staff language and are not checked.
 */

const NOW = '2026-11-25T03:00:00.000Z';
const EARLIER = '2026-11-25T02:50:00.000Z';
const LATER = '2026-11-27T02:00:00.000Z';
const mark = (field: string) => `«${field}»`;

/** One command of each type, every free text marked with its field's name (the compiler wants a new command here). */
const SAMPLES: { [K in CaseCommandType]: Extract<CaseCommand, { type: K }> } = {
  acknowledge: { type: 'acknowledge', apology: true, readBack: true, content: mark('content') },
  answer: { type: 'answer', content: mark('content') },
  transfer: { type: 'transfer', departmentId: 'dept-eng', note: mark('note') },
  accept: { type: 'accept', committedAt: LATER, note: mark('note') },
  record_contact: { type: 'record_contact', content: mark('content') },
  submit_answer: { type: 'submit_answer', content: mark('content') },
  submit_plan: { type: 'submit_plan', cause: mark('cause'), steps: mark('steps'), expectedCompletionAt: LATER },
  approve_plan: { type: 'approve_plan', comment: mark('comment') },
  return_plan: { type: 'return_plan', reason: mark('reason') },
  evaluate: { type: 'evaluate', feasible: true, plan: mark('plan'), expectedAt: LATER, reason: mark('reason') },
  inform_owner: { type: 'inform_owner', content: mark('content') },
  record_satisfaction: { type: 'record_satisfaction', satisfied: true, opinion: mark('opinion'), rating: 5 },
  close: {
    type: 'close',
    causeAnalysis: mark('causeAnalysis'),
    preventiveMeasures: mark('preventiveMeasures'),
    rating: 5,
    ratingComment: mark('ratingComment'),
  },
  close_out_of_scope: { type: 'close_out_of_scope', reason: mark('reason') },
  dispatch: { type: 'dispatch', assigneeId: 'tech-1', departmentId: 'dept-eng', note: mark('note') },
  schedule_appointment: { type: 'schedule_appointment', appointmentAt: LATER, ownerAgreed: true },
  arrive: { type: 'arrive', at: EARLIER, reason: mark('reason') },
  complete: { type: 'complete', summary: mark('summary'), at: EARLIER, reason: mark('reason') },
  escalate: { type: 'escalate', level: 'company', reason: 'beyond_office', note: mark('note') },
  mark_major: { type: 'mark_major', reason: mark('reason') },
  record_corrective_action: { type: 'record_corrective_action', report: mark('report') },
  message: { type: 'message', direction: 'outbound', content: mark('content') },
  add_note: { type: 'add_note', content: mark('content') },
  reassign: { type: 'reassign', assigneeId: 'tech-2' },
  retype: { type: 'retype', newType: 'inquiry', reason: mark('reason') },
  set_repair_grade: { type: 'set_repair_grade', grade: 'urgent' },
  extend_deadline: { type: 'extend_deadline', which: 'promise', newAt: LATER, ownerAgreed: true, note: mark('note') },
  rate: { type: 'rate', rating: 4, comment: mark('comment') },
  pause_clocks: { type: 'pause_clocks', reason: mark('reason') },
  resume_clocks: { type: 'resume_clocks', note: mark('note') },
  record_follow_up: { type: 'record_follow_up', content: mark('content') },
  link_owner: { type: 'link_owner', ownerId: 'owner-2', note: mark('note') },
};

const person = (id: string, roles: StaffRole[], departmentId: string | null = null, companyWide = false) =>
  staffActor({ id, organizationId: 'org-1', name: id, roles, departmentId, projectIds: ['proj-1'], companyWide });
/** Whoever may give a command somewhere: the desk, a technician on the job, the department's head, an administrator, leadership. */
const ACTORS: Actor[] = [
  person('agent-1', ['agent']),
  person('tech-1', ['technician'], 'dept-eng'),
  person('head-1', ['department_head'], 'dept-eng'),
  person('admin-1', ['admin'], null, true),
  person('leader-1', ['leadership'], null, true),
];

/** A case of this type and status with what every step needs (acknowledged, a plan, a department, an assignee on site). */
function caseIn(type: (typeof CASE_TYPES)[number], status: (typeof CASE_STATUSES)[number], ownerId: string | null): CaseRecord {
  const opened = openCase(
    { projectId: 'proj-1', type, channel: 'hotline', description: '业主来电', ownerId, apologized: true, readBack: true },
    ACTORS[0]!,
    { id: 'case-1', organizationId: 'org-1', number: 'X-1' },
    '2026-11-25T01:00:00.000Z',
  );
  if (!opened.ok) throw new Error(opened.refusal.code);
  const plan = {
    cause: '原因',
    steps: '步骤',
    expectedCompletionAt: LATER,
    submittedBy: 'tech-1',
    submittedAt: EARLIER,
    submittedByHead: false,
    submittedByRank: 'staff' as const,
    approvedBy: status === 'plan_approved' ? 'head-1' : null,
    approvedAt: status === 'plan_approved' ? EARLIER : null,
  };
  return {
    ...opened.record,
    status,
    departmentId: 'dept-eng',
    assigneeId: 'tech-1',
    plan: type === 'complaint' ? plan : null,
    onSiteAt: status === 'on_site' ? '2026-11-25T02:40:00.000Z' : null,
    closedAt: status === 'closed' ? EARLIER : null,
  };
}

/** Where the command goes through: every accepted (case, actor) pair, with its events. */
function accepted(cmd: CaseCommand) {
  const out: { c: CaseRecord; actor: Actor; events: Extract<ReturnType<typeof decide>, { ok: true }>['events'] }[] = [];
  for (const type of CASE_TYPES)
    for (const status of CASE_STATUSES)
      for (const ownerId of ['owner-1', null])
        for (const actor of ACTORS) {
          const c = caseIn(type, status, ownerId);
          const d = decide(c, cmd, actor, NOW);
          if (d.ok) out.push({ c, actor, events: d.events });
        }
  return out;
}

const ownerCaseFields = Object.keys(OwnerCaseSchema.shape) as (keyof CaseRecord)[];
const textFields = (cmd: CaseCommand) =>
  Object.entries(cmd)
    .filter(([k, v]) => k !== 'type' && typeof v === 'string' && v === mark(k))
    .map(([k]) => k);

describe('every staff text an owner reads is checked for barred phrases', () => {
  it('the owner’s view carries event content (the timeline) and the case’s answer', () => {
    expect(Object.keys(OwnerCaseEventSchema.shape)).toContain('content');
    expect(ownerCaseFields).toContain('answer');
  });

  it.each([...CASE_COMMAND_TYPES])('%s', (type) => {
    const cmd = SAMPLES[type];
    const runs = accepted(cmd);
    expect(runs.length, `${type} is accepted somewhere`).toBeGreaterThan(0);
    const checked = new Set(ownerFacingTexts(cmd).map((t) => t.field));
    const reaching = new Set<string>();
    for (const { events } of runs)
      for (const e of events) {
        if (e.internal || e.actorKind !== 'staff' || e.direction === 'inbound') continue; // not shown to owners, or the owner's own words
        for (const field of textFields(cmd)) if (e.content?.includes(mark(field))) reaching.add(field);
      }
    for (const { events } of runs)
      for (const e of events)
        for (const key of ownerCaseFields) {
          const value = e.changes[key];
          if (typeof value !== 'string') continue;
          for (const field of textFields(cmd)) if (value.includes(mark(field))) reaching.add(field);
        }
    expect(
      [...reaching].filter((f) => !checked.has(f)),
      `${type}: owner-visible texts not in OWNER_FACING_FIELDS`,
    ).toEqual([]);
    // and the list names nothing owners never see (a stale entry would refuse texts for nothing)
    const listed = (OWNER_FACING_FIELDS as Record<string, string>)[type];
    if (listed) expect(reaching.has(listed), `${type}.${listed} is listed but never reaches an owner`).toBe(true);
  });
});
