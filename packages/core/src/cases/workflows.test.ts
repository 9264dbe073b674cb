import { describe, expect, it } from 'vitest';
import { addMinutes } from '../shared/time.ts';
import { buildCase, owner, OWNER_ID, PROJECT_ID, refusalOf, run, sampleCommand, staff, T0 } from '../testing/factories.ts';
import type { Actor } from '../access/actor.ts';
import type { CaseRecord, CaseType } from './case.ts';
import { CASE_COMMAND_TYPES, type CaseCommand } from './commands.ts';
import { decide, REWORK_FOLLOW_UP_MINUTES } from './decide.ts';
import { allowedCommands } from './allowed.ts';
import { evolveAll } from './evolve.ts';
import { formatCaseNumber, localDateOf, openCase } from './open-case.ts';
import { CLOSED_COMMANDS, isAllowedInState, WORKFLOWS } from './workflows.ts';

const agent = staff(['agent'], { id: 'agent-1' });
const engineer = staff(['technician'], { id: 'eng-1', departmentId: 'dept-eng' });
const technician = staff(['technician'], { id: 'tech-1', departmentId: 'dept-eng' });
const engHead = staff(['department_head'], { id: 'head-eng', departmentId: 'dept-eng' });
const supervisor = staff(['service_supervisor'], { id: 'sup-1' });
const admin = staff(['admin'], { id: 'admin-1', companyWide: true });
const ownerA = owner();

/** The instant run() gives command #i (10-minute steps from T0). */
const at = (i: number) => addMinutes(T0, (i + 1) * 10);
const hours = (h: number) => addMinutes(T0, h * 60);

/** A new case registered by the agent through openCase (the real intake), at T0. */
function intake(type: CaseType, extra: Partial<Parameters<typeof openCase>[0]> = {}): CaseRecord {
  const opened = openCase(
    { projectId: PROJECT_ID, type, channel: 'hotline', description: '业主来电', ownerId: OWNER_ID, ...extra },
    agent,
    { id: `case-${type}`, organizationId: 'org-1', number: formatCaseNumber(type, '2026-11-25', 1) },
    T0,
  );
  if (!opened.ok) throw new Error(opened.refusal.code);
  return opened.record;
}

function apply(c: CaseRecord, command: CaseCommand, actor: Actor, now = addMinutes(c.updatedAt, 5)): CaseRecord {
  const d = decide(c, command, actor, now);
  if (!d.ok) throw new Error(`${command.type} refused: ${d.refusal.code}`);
  return evolveAll(c, d.events);
}

describe('openCase (intake)', () => {
  it('staff recording a complaint must state apology and read-back (never assumed); owners need not', () => {
    const complaint = { projectId: PROJECT_ID, type: 'complaint' as const, channel: 'hotline' as const, description: '噪音' };
    const ids = { id: 'c1', organizationId: 'org-1', number: 'TS-20261125-0001' };
    expect(openCase(complaint, agent, ids, T0)).toEqual({ ok: false, refusal: { code: 'FIELD_REQUIRED', field: 'apologized', params: undefined } });
    expect(openCase({ ...complaint, apologized: false }, agent, ids, T0)).toEqual({
      ok: false,
      refusal: { code: 'FIELD_REQUIRED', field: 'readBack', params: undefined },
    });
    const stated = openCase({ ...complaint, apologized: false, readBack: true }, agent, ids, T0);
    expect(stated.ok && [stated.record.apologized, stated.record.readBack]).toEqual([false, true]);
    const byOwner = openCase({ ...complaint, channel: 'portal' }, owner(), ids, T0);
    expect(byOwner.ok && [byOwner.record.apologized, byOwner.record.readBack]).toEqual([false, false]);
    const inquiry = openCase({ ...complaint, type: 'inquiry' }, agent, ids, T0);
    expect(inquiry.ok).toBe(true);
  });

  it('registers a new case at version 1 with its first receiver and a created event', () => {
    const r = openCase(
      { projectId: PROJECT_ID, type: 'complaint', channel: 'hotline', description: '楼上漏水\n第二行', ownerId: OWNER_ID, apologized: true, readBack: false },
      agent,
      { id: 'c1', organizationId: 'org-1', number: 'TS-20261125-0001' },
      T0,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({
      status: 'new',
      version: 1,
      firstReceiverId: 'agent-1',
      title: '楼上漏水',
      apologized: true,
      readBack: false,
      repairGrade: null,
      repairScope: null,
      level: 'office',
      reopenCount: 0,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(r.event).toMatchObject({
      type: 'created',
      actorKind: 'staff',
      actorId: 'agent-1',
      channel: 'hotline',
      direction: 'inbound',
      content: '楼上漏水\n第二行',
      changes: {},
      at: T0,
    });
  });

  it('an owner opens cases only for themselves, on the portal channel, with no first receiver', () => {
    const r = openCase(
      { projectId: PROJECT_ID, type: 'inquiry', channel: 'hotline', description: '问一下', ownerId: 'someone-else' },
      ownerA,
      { id: 'c1', organizationId: 'org-1', number: 'n' },
      T0,
    );
    expect(r.ok && r.record).toMatchObject({ ownerId: OWNER_ID, channel: 'portal', firstReceiverId: null });
  });

  it('repairs default to grade normal and indoor scope; an appointment needs its time; only repairs have a grade', () => {
    expect(intake('repair')).toMatchObject({ repairGrade: 'normal', repairScope: 'indoor' });
    expect(intake('repair', { appointmentAt: hours(30) })).toMatchObject({ repairGrade: 'appointment', appointmentAt: hours(30) });
    const ids = { id: 'c', organizationId: 'org-1', number: 'n' };
    const noTime = openCase({ projectId: PROJECT_ID, type: 'repair', channel: 'hotline', description: 'x', repairGrade: 'appointment' }, agent, ids, T0);
    expect(noTime).toEqual({ ok: false, refusal: { code: 'APPOINTMENT_REQUIRED', field: 'appointmentAt', params: undefined } });
    const graded = openCase({ projectId: PROJECT_ID, type: 'inquiry', channel: 'hotline', description: 'x', repairGrade: 'urgent' }, agent, ids, T0);
    expect(graded.ok === false && graded.refusal.code).toBe('REPAIR_GRADE_ONLY_FOR_REPAIRS');
  });

  it('a long first line becomes a 40-character title with an ellipsis', () => {
    const r = openCase(
      { projectId: PROJECT_ID, type: 'suggestion', channel: 'suggestion_box', description: '建'.repeat(50) },
      agent,
      { id: 'c', organizationId: 'org-1', number: 'n' },
      T0,
    );
    expect(r.ok && r.record.title).toBe(`${'建'.repeat(40)}…`);
  });

  it('case numbers carry the type prefix, the local date and a 6-digit serial', () => {
    expect(formatCaseNumber('complaint', '2026-11-25', 7)).toBe('TS-20261125-000007');
    expect(formatCaseNumber('repair', '2026-01-02', 123)).toBe('BX-20260102-000123');
    expect(formatCaseNumber('inquiry', '2026-01-02', 1234567)).toBe('ZX-20260102-1234567');
    expect(formatCaseNumber('suggestion', '2026-01-02', 1)).toMatch(/^JY-20260102-0{5}1$/);
    expect(localDateOf('2026-11-24T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-25');
    expect(localDateOf('2026-11-24T15:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-24');
    expect(localDateOf('2026-11-24T17:30:00.000Z', 'UTC')).toBe('2026-11-24'); // each zone has its own formatter
  });
});

describe('inquiry 咨询', () => {
  it('answered directly: new → owner_informed → resolved → closed', () => {
    const start = intake('inquiry');
    const { record, events, states } = run(
      start,
      [{ type: 'answer', content: '您好，物业费可在前台缴纳' }, { type: 'record_satisfaction', satisfied: true }, { type: 'close' }],
      [agent, ownerA, agent],
    );
    expect(states.map((s) => s.status)).toEqual(['owner_informed', 'resolved', 'closed']);
    expect(events.map((e) => e.type)).toEqual(['answered', 'satisfaction_recorded', 'closed']);
    expect(events[0]).toMatchObject({
      actorKind: 'staff',
      actorId: 'agent-1',
      direction: 'outbound',
      channel: 'hotline',
      content: '您好，物业费可在前台缴纳',
      internal: false,
      at: at(0),
    });
    expect(states[0].answer).toBe('您好，物业费可在前台缴纳');
    expect(events[1]).toMatchObject({
      actorKind: 'owner',
      actorId: OWNER_ID,
      channel: 'portal',
      direction: 'inbound',
      data: { command: 'record_satisfaction', satisfied: true, rating: null },
    });
    expect(states[1].satisfied).toBe(true);
    expect(record).toMatchObject({
      status: 'closed',
      closeReason: 'resolved',
      closedAt: at(2),
      updatedAt: at(2),
      version: 4,
      reopenCount: 0,
      departmentId: null,
    });
  });

  it('answered directly but the owner is not satisfied: back to new, reopen count 1, answered again', () => {
    const { states } = run(
      intake('inquiry'),
      [
        { type: 'answer', content: '答复一' },
        { type: 'record_satisfaction', satisfied: false, opinion: '没说清楚' },
        { type: 'answer', content: '答复二' },
        { type: 'record_satisfaction', satisfied: true, rating: 5 },
      ],
      [agent, ownerA, agent, ownerA],
    );
    expect(states.map((s) => s.status)).toEqual(['owner_informed', 'new', 'owner_informed', 'resolved']);
    expect(states[1]).toMatchObject({ satisfied: false, reopenCount: 1 });
    expect(states[3]).toMatchObject({ satisfied: true, reopenCount: 1, rating: 5, answer: '答复二' });
  });

  it('via a department: transfer → accept → submit_answer → inform → not satisfied → again → satisfied → close', () => {
    const start = intake('inquiry', { ownerDeadlineAt: hours(48) });
    const { record, events, states } = run(
      start,
      [
        { type: 'transfer', departmentId: 'dept-eng', promisedAt: hours(24), note: '需工程部确认' },
        { type: 'accept', committedAt: hours(4) },
        { type: 'submit_answer', content: '水压问题由二次供水引起' },
        { type: 'inform_owner', content: '您好，经工程部确认…' },
        { type: 'record_satisfaction', satisfied: false },
        { type: 'submit_answer', content: '补充答复' },
        { type: 'inform_owner', content: '您好，补充说明…', channel: 'wechat_group' },
        { type: 'record_satisfaction', satisfied: true, rating: 4 },
        { type: 'close', ratingComment: '满意' },
      ],
      [agent, engineer, engineer, agent, agent, engineer, agent, ownerA, agent],
    );
    expect(states.map((s) => s.status)).toEqual([
      'transferred',
      'in_progress',
      'answer_ready',
      'owner_informed',
      'in_progress',
      'answer_ready',
      'owner_informed',
      'resolved',
      'closed',
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'transferred',
      'accepted',
      'answer_submitted',
      'owner_informed',
      'satisfaction_recorded',
      'answer_submitted',
      'owner_informed',
      'satisfaction_recorded',
      'closed',
    ]);
    expect(states[0]).toMatchObject({ departmentId: 'dept-eng', promisedAt: hours(24), ownerDeadlineAt: hours(48), assigneeId: null, committedAt: null });
    expect(events[0]).toMatchObject({
      internal: true,
      content: '需工程部确认',
      data: { command: 'transfer', fromDepartmentId: null, toDepartmentId: 'dept-eng' },
    });
    expect(states[1]).toMatchObject({ committedAt: hours(4), assigneeId: 'eng-1' });
    expect(states[2].answer).toBe('水压问题由二次供水引起');
    expect(events[2].internal).toBe(true);
    expect(events[3]).toMatchObject({ direction: 'outbound', channel: 'hotline', internal: false });
    expect(states[4]).toMatchObject({ reopenCount: 1, satisfied: false });
    expect(events[4]).toMatchObject({ actorKind: 'staff', channel: null });
    expect(events[6].channel).toBe('wechat_group');
    expect(states[7]).toMatchObject({ satisfied: true, rating: 4 });
    expect(record).toMatchObject({ status: 'closed', rating: 4, ratingComment: '满意', reopenCount: 1, version: start.version + 9 });
  });

  it('a direct answer is only possible while new; once transferred the department must answer', () => {
    const transferred = run(intake('inquiry'), [{ type: 'transfer', departmentId: 'dept-eng' }], agent).record;
    expect(refusalOf(transferred, { type: 'answer', content: 'x' }, agent)).toEqual({
      code: 'TRANSITION_NOT_ALLOWED',
      field: undefined,
      params: { command: 'answer', status: 'transferred', type: 'inquiry' },
    });
    // an inquiry answered directly but registered with a department goes back to that department
    const withDept = run(
      intake('inquiry', { departmentId: 'dept-eng' }),
      [
        { type: 'answer', content: 'x' },
        { type: 'record_satisfaction', satisfied: false },
      ],
      [agent, ownerA],
    ).record;
    expect(withDept.status).toBe('in_progress');
  });
});

describe('complaint 投诉', () => {
  it('full path with a returned plan, a reopen and a close with cause analysis and preventive measures', () => {
    const start = intake('complaint', { ownerDeadlineAt: hours(72), apologized: false, readBack: false });
    expect(start).toMatchObject({ apologized: false, readBack: false });
    const { record, events, states } = run(
      start,
      [
        /* 0 */ { type: 'acknowledge', apology: true, readBack: true, content: '非常抱歉，我复述一下您的问题…' },
        /* 1 */ { type: 'transfer', departmentId: 'dept-eng', promisedAt: hours(48) },
        /* 2 */ { type: 'accept', committedAt: hours(24) },
        /* 3 */ { type: 'record_contact', content: '已电话联系业主了解情况' },
        /* 4 */ { type: 'submit_plan', cause: '管道老化', steps: '更换', expectedCompletionAt: hours(20) },
        /* 5 */ { type: 'return_plan', reason: '步骤不具体' },
        /* 6 */ { type: 'submit_plan', cause: '管道老化', steps: '关阀、更换主管、试压', expectedCompletionAt: hours(20) },
        /* 7 */ { type: 'approve_plan', comment: '同意' },
        /* 8 */ { type: 'inform_owner', content: '您好，处理方案如下…' },
        /* 9 */ { type: 'record_satisfaction', satisfied: false, opinion: '还在漏' },
        /* 10 */ { type: 'submit_plan', cause: '管道老化及接口松动', steps: '重新密封接口', expectedCompletionAt: hours(30) },
        /* 11 */ { type: 'approve_plan' },
        /* 12 */ { type: 'inform_owner', content: '您好，已重新处理' },
        /* 13 */ { type: 'record_satisfaction', satisfied: true, rating: 4 },
        /* 14 */ { type: 'close', causeAnalysis: '管道老化未及时更换', preventiveMeasures: '每季度巡检管道' },
      ],
      [agent, agent, engineer, engineer, engineer, engHead, engineer, engHead, agent, ownerA, engineer, engHead, agent, ownerA, agent],
    );
    expect(states.map((s) => s.status)).toEqual([
      'new',
      'transferred',
      'in_progress',
      'in_progress',
      'plan_submitted',
      'in_progress',
      'plan_submitted',
      'plan_approved',
      'owner_informed',
      'in_progress',
      'plan_submitted',
      'plan_approved',
      'owner_informed',
      'resolved',
      'closed',
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'acknowledged',
      'transferred',
      'accepted',
      'owner_contacted',
      'plan_submitted',
      'plan_returned',
      'plan_submitted',
      'plan_approved',
      'owner_informed',
      'satisfaction_recorded',
      'plan_submitted',
      'plan_approved',
      'owner_informed',
      'satisfaction_recorded',
      'closed',
    ]);
    expect(states[0]).toMatchObject({ apologized: true, readBack: true });
    expect(events[0]).toMatchObject({ direction: 'outbound', content: '非常抱歉，我复述一下您的问题…' });
    expect(states[1]).toMatchObject({ departmentId: 'dept-eng', promisedAt: hours(48), ownerDeadlineAt: hours(72) });
    expect(states[2]).toMatchObject({ assigneeId: 'eng-1', committedAt: hours(24) });
    expect(events[3]).toMatchObject({ type: 'owner_contacted', channel: 'hotline', direction: 'outbound' });
    expect(states[3].version).toBe(states[2].version + 1);
    expect(states[4].plan).toEqual({
      cause: '管道老化',
      steps: '更换',
      expectedCompletionAt: hours(20),
      submittedBy: 'eng-1',
      submittedAt: at(4),
      submittedByHead: false,
      submittedByRank: 'staff',
      approvedBy: null,
      approvedAt: null,
    });
    expect(events[5]).toMatchObject({ content: '步骤不具体', internal: true });
    expect(states[6].plan).toMatchObject({ steps: '关阀、更换主管、试压', submittedAt: at(6), approvedBy: null });
    expect(states[7].plan).toMatchObject({ steps: '关阀、更换主管、试压', approvedBy: 'head-eng', approvedAt: at(7) });
    expect(events[7]).toMatchObject({ content: '同意', internal: true });
    expect(events[8]).toMatchObject({ direction: 'outbound', internal: false });
    // not satisfied: back to the department, the reopen is counted
    expect(states[9]).toMatchObject({ status: 'in_progress', satisfied: false, reopenCount: 1, specialFollowUpDueAt: null });
    expect(events[9]).toMatchObject({ channel: 'portal', content: '还在漏' });
    expect(states[10].plan).toMatchObject({ cause: '管道老化及接口松动', approvedBy: null, approvedAt: null });
    expect(states[11].plan).toMatchObject({ approvedBy: 'head-eng', approvedAt: at(11) });
    expect(states[13]).toMatchObject({ satisfied: true, rating: 4, reopenCount: 1 });
    expect(record).toMatchObject({
      status: 'closed',
      closeReason: 'resolved',
      closedAt: at(14),
      causeAnalysis: '管道老化未及时更换',
      preventiveMeasures: '每季度巡检管道',
      reopenCount: 1,
      rating: 4,
      version: start.version + 15,
    });
  });

  it('refuses to transfer a complaint before apology and read-back', () => {
    const c = buildCase({ type: 'complaint' });
    expect(refusalOf(c, { type: 'transfer', departmentId: 'dept-eng' }, agent).code).toBe('COMPLAINT_NOT_ACKNOWLEDGED');
    const halfway = apply(c, { type: 'acknowledge', apology: true, readBack: false }, agent);
    expect(refusalOf(halfway, { type: 'transfer', departmentId: 'dept-eng' }, agent).code).toBe('COMPLAINT_NOT_ACKNOWLEDGED');
    const done = apply(halfway, { type: 'acknowledge', apology: false, readBack: true }, agent);
    expect(done).toMatchObject({ apologized: true, readBack: true, status: 'new' }); // acknowledgements accumulate
    expect(apply(done, { type: 'transfer', departmentId: 'dept-eng' }, agent).status).toBe('transferred');
  });

  it('refuses a promised time later than the owner deadline on transfer', () => {
    const c = buildCase({ type: 'complaint', apologized: true, readBack: true, ownerDeadlineAt: hours(10) });
    expect(refusalOf(c, { type: 'transfer', departmentId: 'd', promisedAt: hours(11) }, agent)).toEqual({
      code: 'COMMITTED_TIME_AFTER_DEADLINE',
      field: 'promisedAt',
      params: { deadline: hours(10) },
    });
    expect(refusalOf(c, { type: 'transfer', departmentId: 'd', promisedAt: hours(11), ownerDeadlineAt: hours(9) }, agent).code).toBe(
      'COMMITTED_TIME_AFTER_DEADLINE',
    );
    expect(apply(c, { type: 'transfer', departmentId: 'd', promisedAt: hours(10) }, agent).promisedAt).toBe(hours(10));
  });

  const resolved = (o: Partial<CaseRecord> = {}) =>
    buildCase({ type: 'complaint', status: 'resolved', departmentId: 'dept-eng', apologized: true, readBack: true, satisfied: true, ...o });

  it('refuses to close without cause analysis, then without preventive measures (naming the field)', () => {
    expect(refusalOf(resolved(), { type: 'close' }, agent)).toMatchObject({ code: 'CLOSE_REQUIRES_CAUSE_AND_PREVENTION', field: 'causeAnalysis' });
    expect(refusalOf(resolved(), { type: 'close', preventiveMeasures: '巡检' }, agent)).toMatchObject({
      code: 'CLOSE_REQUIRES_CAUSE_AND_PREVENTION',
      field: 'causeAnalysis',
    });
    expect(refusalOf(resolved(), { type: 'close', causeAnalysis: '原因' }, agent)).toMatchObject({
      code: 'CLOSE_REQUIRES_CAUSE_AND_PREVENTION',
      field: 'preventiveMeasures',
    });
    expect(refusalOf(resolved(), { type: 'close', causeAnalysis: '', preventiveMeasures: '巡检' }, agent).field).toBe('causeAnalysis');
    // values already on the case count
    const closed = apply(resolved({ causeAnalysis: '原因', preventiveMeasures: '措施' }), { type: 'close' }, agent);
    expect(closed).toMatchObject({ status: 'closed', causeAnalysis: '原因', preventiveMeasures: '措施' });
  });

  it('a major complaint needs a corrective-action report before closing', () => {
    const marked = apply(resolved(), { type: 'mark_major', reason: '多户受影响' }, supervisor);
    expect(marked).toMatchObject({ major: true, status: 'resolved' });
    const full = { type: 'close', causeAnalysis: '原因', preventiveMeasures: '措施' } as const;
    expect(refusalOf(marked, full, agent)).toMatchObject({ code: 'CORRECTIVE_ACTION_REQUIRED' });
    const reported = apply(marked, { type: 'record_corrective_action', report: '纠正措施报告' }, supervisor);
    expect(reported.correctiveActionReport).toBe('纠正措施报告');
    expect(apply(reported, full, agent).status).toBe('closed');
  });

  it('escalation: compensation and complaints against the office manager must go to leadership', () => {
    const c = buildCase({ type: 'complaint', status: 'in_progress', departmentId: 'dept-eng', apologized: true, readBack: true });
    expect(refusalOf(c, { type: 'escalate', level: 'company', reason: 'compensation', note: '业主要求赔偿' }, supervisor)).toEqual({
      code: 'ESCALATION_LEVEL_INVALID',
      field: 'level',
      params: { reason: 'compensation' },
    });
    expect(
      refusalOf(c, { type: 'escalate', level: 'company', reason: 'against_office_manager', accusedStaffId: 'mgr-1', note: 'x' }, supervisor),
    ).toMatchObject({ code: 'ESCALATION_LEVEL_INVALID', field: 'level' });
    expect(refusalOf(c, { type: 'escalate', level: 'leadership', reason: 'against_office_manager', note: 'x' }, supervisor)).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'accusedStaffId',
    });

    const againstManager = decide(
      c,
      { type: 'escalate', level: 'leadership', reason: 'against_office_manager', accusedStaffId: 'mgr-1', note: '投诉管理处主任' },
      supervisor,
      hours(1),
    );
    expect(againstManager.ok && againstManager.events[0]).toMatchObject({
      type: 'escalated',
      internal: true,
      changes: { level: 'leadership', accusedStaffId: 'mgr-1', compensationClaim: false },
      data: { reason: 'against_office_manager', fromLevel: 'office' },
    });

    const compensation = apply(c, { type: 'escalate', level: 'leadership', reason: 'compensation', note: '赔偿' }, supervisor);
    expect(compensation).toMatchObject({ level: 'leadership', compensationClaim: true, status: 'in_progress', departmentId: 'dept-eng' });

    const toQuality = apply(c, { type: 'escalate', level: 'company', reason: 'beyond_office', departmentId: 'dept-quality', note: '转品质部' }, supervisor);
    expect(toQuality).toMatchObject({
      level: 'company',
      status: 'transferred',
      departmentId: 'dept-quality',
      assigneeId: null,
      committedAt: null,
      compensationClaim: false,
    });
  });

  it('inform_owner and approve_plan refuse without an approved / any plan', () => {
    const unapproved = buildCase({
      type: 'complaint',
      status: 'plan_approved',
      plan: {
        cause: 'c',
        steps: 's',
        expectedCompletionAt: hours(5),
        submittedBy: 'eng-1',
        submittedAt: T0,
        submittedByHead: false,
        submittedByRank: 'staff',
        approvedBy: null,
        approvedAt: null,
      },
    });
    expect(refusalOf(unapproved, { type: 'inform_owner', content: 'x' }, agent).code).toBe('PLAN_NOT_APPROVED');
    const noPlan = buildCase({ type: 'complaint', status: 'plan_submitted', departmentId: 'dept-eng' });
    expect(refusalOf(noPlan, { type: 'approve_plan' }, engHead).code).toBe('PLAN_NOT_APPROVED');
  });

  it('a complaint has no direct answer, no evaluation and no dispatch', () => {
    const c = buildCase({ type: 'complaint', apologized: true, readBack: true });
    for (const type of ['answer', 'evaluate', 'dispatch', 'submit_answer', 'arrive'] as const) {
      expect(refusalOf(c, sampleCommand(type), admin)).toMatchObject({
        code: 'TRANSITION_NOT_ALLOWED',
        params: { command: type, status: 'new', type: 'complaint' },
      });
    }
  });
});

describe('suggestion 建议', () => {
  const walk = (evaluation: CaseCommand) =>
    run(
      intake('suggestion', { channel: 'suggestion_box' }),
      [
        { type: 'transfer', departmentId: 'dept-env' },
        { type: 'accept', committedAt: hours(120) },
        evaluation,
        { type: 'inform_owner', content: '感谢您的建议' },
        { type: 'record_satisfaction', satisfied: true },
        { type: 'close' },
      ],
      [
        agent,
        staff(['department_head'], { id: 'head-env', departmentId: 'dept-env' }),
        staff(['technician'], { id: 'env-1', departmentId: 'dept-env' }),
        agent,
        ownerA,
        agent,
      ],
    );

  it('feasible: evaluated with a plan and an expected date, owner thanked, closed', () => {
    const { record, events, states } = walk({ type: 'evaluate', feasible: true, plan: '增设路灯两盏', expectedAt: hours(200) });
    expect(states.map((s) => s.status)).toEqual(['transferred', 'in_progress', 'evaluated', 'owner_informed', 'resolved', 'closed']);
    expect(events.map((e) => e.type)).toEqual(['transferred', 'accepted', 'evaluated', 'owner_informed', 'satisfaction_recorded', 'closed']);
    expect(states[1].assigneeId).toBe('head-env');
    expect(states[2].evaluation).toEqual({ feasible: true, plan: '增设路灯两盏', expectedAt: hours(200), reason: null });
    expect(events[2]).toMatchObject({ content: '增设路灯两盏', internal: true, actorId: 'env-1' });
    expect(events[3].channel).toBe('suggestion_box');
    expect(record).toMatchObject({ status: 'closed', closeReason: 'resolved', evaluation: { feasible: true } });
  });

  it('infeasible: evaluated with a reason', () => {
    const { record, events } = walk({ type: 'evaluate', feasible: false, reason: '涉及规划调整，暂不可行' });
    expect(record.evaluation).toEqual({ feasible: false, plan: null, expectedAt: null, reason: '涉及规划调整，暂不可行' });
    expect(events[2].content).toBe('涉及规划调整，暂不可行');
    expect(record.status).toBe('closed');
  });

  it('refuses an evaluation without its required parts', () => {
    const c = buildCase({ type: 'suggestion', status: 'in_progress', departmentId: 'dept-env' });
    const env = staff(['technician'], { id: 'env-1', departmentId: 'dept-env' });
    expect(refusalOf(c, { type: 'evaluate', feasible: true, expectedAt: hours(9) }, env)).toMatchObject({ code: 'FIELD_REQUIRED', field: 'plan' });
    expect(refusalOf(c, { type: 'evaluate', feasible: true, plan: '方案' }, env)).toMatchObject({ code: 'FIELD_REQUIRED', field: 'expectedAt' });
    expect(refusalOf(c, { type: 'evaluate', feasible: false }, env)).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
    expect(refusalOf(c, { type: 'evaluate', feasible: false, reason: '' }, env)).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
  });

  it('a suggestion the owner is not happy with goes back to the department', () => {
    const c = buildCase({ type: 'suggestion', status: 'owner_informed', departmentId: 'dept-env' });
    expect(apply(c, { type: 'record_satisfaction', satisfied: false }, ownerA)).toMatchObject({ status: 'in_progress', reopenCount: 1 });
  });
});

describe('repair 报修', () => {
  it('dispatch → arrive → complete → rework (not satisfied) → … → satisfied → close with rating', () => {
    const start = intake('repair', { repairGrade: 'urgent' });
    const { record, events, states } = run(
      start,
      [
        /* 0 */ { type: 'dispatch', assigneeId: 'tech-1', departmentId: 'dept-eng', note: '派工单' },
        /* 1 */ { type: 'arrive' },
        /* 2 */ { type: 'complete', summary: '更换水龙头', attachmentIds: ['att-1'] },
        /* 3 */ { type: 'record_satisfaction', satisfied: false, opinion: '还在滴水', signatureAttachmentId: 'sig-1' },
        /* 4 */ { type: 'arrive', at: hours(0.75), reason: '到场时没有信号，补录' }, // recorded 5 minutes late
        /* 5 */ { type: 'complete', summary: '更换阀芯' },
        /* 6 */ { type: 'record_satisfaction', satisfied: true, rating: 4 },
        /* 7 */ { type: 'close', rating: 5, ratingComment: '师傅很耐心' },
      ],
      [agent, technician, technician, ownerA, technician, technician, ownerA, agent],
    );
    expect(states.map((s) => s.status)).toEqual(['dispatched', 'on_site', 'work_done', 'dispatched', 'on_site', 'work_done', 'resolved', 'closed']);
    expect(events.map((e) => e.type)).toEqual([
      'dispatched',
      'arrived_on_site',
      'work_completed',
      'satisfaction_recorded',
      'arrived_on_site',
      'work_completed',
      'satisfaction_recorded',
      'closed',
    ]);
    expect(states[0]).toMatchObject({ assigneeId: 'tech-1', departmentId: 'dept-eng', repairGrade: 'urgent' });
    expect(events[0]).toMatchObject({ internal: true, content: '派工单', data: { previousAssigneeId: null } });
    expect(states[1].onSiteAt).toBe(at(1));
    expect(states[2]).toMatchObject({ doneAt: at(2) });
    expect(events[2]).toMatchObject({ content: '更换水龙头', attachmentIds: ['att-1'] });
    // rework: back to the technician, special follow-up within 24 hours, site times cleared
    expect(states[3]).toMatchObject({
      status: 'dispatched',
      satisfied: false,
      reopenCount: 1,
      assigneeId: 'tech-1',
      onSiteAt: null,
      doneAt: null,
      specialFollowUpDueAt: addMinutes(at(3), 24 * 60),
    });
    expect(REWORK_FOLLOW_UP_MINUTES).toBe(24 * 60);
    expect(events[3]).toMatchObject({ attachmentIds: ['sig-1'], content: '还在滴水' });
    expect(states[4].onSiteAt).toBe(hours(0.75));
    expect(states[6]).toMatchObject({ satisfied: true, rating: 4, reopenCount: 1 });
    expect(record).toMatchObject({
      status: 'closed',
      rating: 5,
      ratingComment: '师傅很耐心',
      closedAt: at(7),
      specialFollowUpDueAt: addMinutes(at(3), 24 * 60),
      version: start.version + 8,
    });
  });

  it('regrading and appointments', () => {
    const c = buildCase({ type: 'repair' });
    expect(refusalOf(c, { type: 'set_repair_grade', grade: 'appointment' }, agent)).toMatchObject({ code: 'APPOINTMENT_REQUIRED', field: 'appointmentAt' });
    // a new appointment time needs the owner's agreement, stated
    expect(refusalOf(c, { type: 'set_repair_grade', grade: 'appointment', appointmentAt: hours(30) }, agent)).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'ownerAgreed',
    });
    expect(refusalOf(c, { type: 'set_repair_grade', grade: 'appointment', appointmentAt: hours(30), ownerAgreed: false }, agent)).toMatchObject({
      code: 'OWNER_AGREEMENT_REQUIRED',
      field: 'ownerAgreed',
    });
    expect(apply(c, { type: 'set_repair_grade', grade: 'appointment', appointmentAt: hours(30), ownerAgreed: true }, agent)).toMatchObject({
      repairGrade: 'appointment',
      appointmentAt: hours(30),
    });
    const regraded = apply(c, { type: 'set_repair_grade', grade: 'very_urgent' }, agent);
    expect(regraded).toMatchObject({ repairGrade: 'very_urgent', status: 'new' });
    expect(refusalOf(c, { type: 'schedule_appointment', appointmentAt: hours(30), ownerAgreed: false }, agent)).toMatchObject({
      code: 'OWNER_AGREEMENT_REQUIRED',
      field: 'ownerAgreed',
    });
    expect(apply(c, { type: 'schedule_appointment', appointmentAt: hours(30), ownerAgreed: true }, agent)).toMatchObject({
      repairGrade: 'appointment',
      appointmentAt: hours(30),
      status: 'new',
    });
  });

  it('cannot arrive before dispatch nor complete before arriving', () => {
    const c = buildCase({ type: 'repair', assigneeId: 'tech-1' });
    expect(refusalOf(c, { type: 'arrive' }, technician).code).toBe('TRANSITION_NOT_ALLOWED');
    expect(refusalOf({ ...c, status: 'dispatched' }, { type: 'complete', summary: 'x' }, technician).code).toBe('TRANSITION_NOT_ALLOWED');
    expect(refusalOf(c, { type: 'transfer', departmentId: 'dept-eng' }, agent).code).toBe('TRANSITION_NOT_ALLOWED');
  });
});

describe('refusals common to every type', () => {
  it('accept refuses a committed time after the owner deadline or the promised time, whichever is earlier', () => {
    const c = buildCase({ status: 'transferred', departmentId: 'dept-eng', ownerDeadlineAt: hours(10), promisedAt: hours(8) });
    expect(refusalOf(c, { type: 'accept', committedAt: hours(9) }, engineer)).toEqual({
      code: 'COMMITTED_TIME_AFTER_DEADLINE',
      field: 'committedAt',
      params: { deadline: hours(8) },
    });
    expect(refusalOf({ ...c, promisedAt: null }, { type: 'accept', committedAt: hours(11) }, engineer)).toMatchObject({
      code: 'COMMITTED_TIME_AFTER_DEADLINE',
      params: { deadline: hours(10) },
    });
    expect(apply(c, { type: 'accept', committedAt: hours(8) }, engineer)).toMatchObject({ status: 'in_progress', committedAt: hours(8) });
    expect(apply({ ...c, ownerDeadlineAt: null, promisedAt: null }, { type: 'accept', committedAt: hours(500) }, engineer).committedAt).toBe(hours(500));
  });

  it('extend_deadline needs the owner agreement and a later time', () => {
    const c = buildCase({ ownerDeadlineAt: hours(10), promisedAt: hours(5) });
    expect(refusalOf(c, { type: 'extend_deadline', which: 'owner_deadline', newAt: hours(20), ownerAgreed: false, note: 'x' }, agent)).toEqual({
      code: 'OWNER_AGREEMENT_REQUIRED',
      field: 'ownerAgreed',
      params: undefined,
    });
    expect(refusalOf(c, { type: 'extend_deadline', which: 'owner_deadline', newAt: hours(10), ownerAgreed: true, note: 'x' }, agent)).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'newAt',
      params: { reason: `> ${hours(10)}` },
    });
    expect(refusalOf(c, { type: 'extend_deadline', which: 'promise', newAt: hours(11), ownerAgreed: true, note: 'x' }, agent)).toMatchObject({
      code: 'COMMITTED_TIME_AFTER_DEADLINE',
      field: 'newAt',
    });
    const d = decide(c, { type: 'extend_deadline', which: 'owner_deadline', newAt: hours(20), ownerAgreed: true, note: '业主同意' }, agent, hours(1));
    expect(d.ok && d.events[0]).toMatchObject({
      type: 'deadline_extended',
      content: '业主同意',
      changes: { ownerDeadlineAt: hours(20) },
      data: { which: 'owner_deadline', previous: hours(10) },
    });
    const promise = apply(c, { type: 'extend_deadline', which: 'promise', newAt: hours(9), ownerAgreed: true, note: 'x' }, agent);
    expect(promise).toMatchObject({ promisedAt: hours(9), ownerDeadlineAt: hours(10) });
  });

  it('retype: refuses the same type; resets the workflow to new and sets or clears the repair grade', () => {
    const inquiry = buildCase({ status: 'transferred', departmentId: 'dept-eng' });
    expect(refusalOf(inquiry, { type: 'retype', newType: 'inquiry', reason: 'x' }, agent)).toMatchObject({ code: 'TYPE_UNCHANGED', field: 'newType' });
    const d = decide(inquiry, { type: 'retype', newType: 'complaint', reason: '实为投诉' }, agent, hours(1));
    expect(d.ok && d.events[0]).toMatchObject({
      type: 'retyped',
      internal: true,
      data: { fromType: 'inquiry', toType: 'complaint', fromStatus: 'transferred' },
    });
    const repair = apply(inquiry, { type: 'retype', newType: 'repair', reason: '实为报修' }, agent);
    expect(repair).toMatchObject({ type: 'repair', status: 'new', repairGrade: 'normal', repairScope: 'indoor' });
    expect(apply(repair, { type: 'retype', newType: 'suggestion', reason: 'x' }, agent)).toMatchObject({
      type: 'suggestion',
      status: 'new',
      repairGrade: null,
      repairScope: null,
    });
    expect(refusalOf(buildCase({ status: 'resolved' }), { type: 'retype', newType: 'complaint', reason: 'x' }, agent).code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it.each([0, 6, 4.5, -1, Number.NaN])('rating %s is refused by rate, record_satisfaction and close', (rating) => {
    const expected = { code: 'FIELD_INVALID', field: 'rating', params: { min: 1, max: 5 } };
    expect(refusalOf(buildCase({ status: 'closed', closedAt: T0 }), { type: 'rate', rating }, ownerA)).toEqual(expected);
    expect(refusalOf(buildCase({ status: 'owner_informed' }), { type: 'record_satisfaction', satisfied: true, rating }, ownerA)).toEqual(expected);
    expect(refusalOf(buildCase({ type: 'repair', status: 'resolved' }), { type: 'close', rating }, agent)).toEqual(expected);
  });

  it.each([1, 5])('rating %s is accepted', (rating) => {
    const rated = apply(buildCase({ status: 'closed', closedAt: T0, rating: 3 }), { type: 'rate', rating, comment: '好' }, ownerA);
    expect(rated).toMatchObject({ rating, ratingComment: '好', status: 'closed' });
  });

  it.each(['inquiry', 'complaint', 'suggestion', 'repair'] as const)('a closed %s takes only message, add_note, rate and record_follow_up', (type) => {
    const closed = buildCase({ type, status: 'closed', closedAt: T0, closeReason: 'resolved' });
    expect(CLOSED_COMMANDS).toEqual(['message', 'add_note', 'rate', 'record_follow_up']);
    for (const t of CASE_COMMAND_TYPES) {
      const d = decide(closed, sampleCommand(t), admin, hours(1));
      if (CLOSED_COMMANDS.includes(t)) {
        expect(d.ok, t).toBe(true);
        if (d.ok) expect(evolveAll(closed, d.events).status).toBe('closed');
      } else {
        expect(d.ok ? null : d.refusal, t).toEqual({ code: 'TRANSITION_NOT_ALLOWED', field: undefined, params: { command: t, status: 'closed', type } });
      }
    }
  });

  it('close_out_of_scope only from new, with the reason told to the owner', () => {
    const d = decide(buildCase({ type: 'complaint' }), { type: 'close_out_of_scope', reason: '属于市政管辖' }, agent, hours(1));
    expect(d.ok && d.events[0]).toMatchObject({
      type: 'closed_out_of_scope',
      direction: 'outbound',
      content: '属于市政管辖',
      changes: { status: 'closed', closeReason: 'out_of_scope', closedAt: hours(1) },
    });
    expect(refusalOf(buildCase({ status: 'transferred' }), { type: 'close_out_of_scope', reason: 'x' }, agent).code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('message, add_note and reassign keep the workflow state', () => {
    const c = buildCase({ status: 'in_progress', departmentId: 'dept-eng', assigneeId: 'eng-1' });
    const msg = decide(c, { type: 'message', content: '您好', direction: 'outbound', attachmentIds: ['a'] }, agent, hours(1));
    expect(msg.ok && msg.events[0]).toMatchObject({
      type: 'message',
      direction: 'outbound',
      channel: 'hotline',
      internal: false,
      attachmentIds: ['a'],
      changes: {},
    });
    const note = decide(c, { type: 'add_note', content: '内部' }, engineer, hours(1));
    expect(note.ok && note.events[0]).toMatchObject({ type: 'note', internal: true, direction: 'internal', changes: {} });
    const re = apply(c, { type: 'reassign', assigneeId: 'eng-2' }, agent);
    expect(re).toMatchObject({ assigneeId: 'eng-2', status: 'in_progress' });
  });
});

describe('workflow tables', () => {
  it('only closed cases take nothing but message/add_note/rate; rate is never a command on an open case', () => {
    for (const type of ['inquiry', 'complaint', 'suggestion', 'repair'] as const) {
      expect(WORKFLOWS[type].rate).toBeUndefined();
      expect(isAllowedInState(type, 'closed', 'rate')).toBe(true);
      expect(isAllowedInState(type, 'new', 'rate')).toBe(false);
      expect(isAllowedInState(type, 'closed', 'close')).toBe(false);
    }
  });

  it('each type has its own steps', () => {
    expect(isAllowedInState('inquiry', 'new', 'answer')).toBe(true);
    expect(isAllowedInState('complaint', 'new', 'answer')).toBe(false);
    expect(isAllowedInState('complaint', 'plan_submitted', 'approve_plan')).toBe(true);
    expect(isAllowedInState('inquiry', 'plan_submitted', 'approve_plan')).toBe(false);
    expect(isAllowedInState('suggestion', 'in_progress', 'evaluate')).toBe(true);
    expect(isAllowedInState('repair', 'in_progress', 'evaluate')).toBe(false);
    expect(isAllowedInState('repair', 'work_done', 'record_satisfaction')).toBe(true);
    expect(isAllowedInState('repair', 'owner_informed', 'record_satisfaction')).toBe(false);
    expect(isAllowedInState('complaint', 'resolved', 'escalate')).toBe(false);
    expect(isAllowedInState('complaint', 'resolved', 'mark_major')).toBe(true);
  });
});

describe('rules found in review (each was once broken)', () => {
  const supervisor = staff(['service_supervisor'], { id: 'sup-1' });
  const acknowledged = () => buildCase({ type: 'complaint', status: 'in_progress', departmentId: 'dept-eng', apologized: true, readBack: true });

  it('escalation never goes down: a compensation complaint stays with leadership', () => {
    const up = apply(acknowledged(), { type: 'escalate', level: 'leadership', reason: 'compensation', note: '要求赔偿' }, supervisor);
    expect(up).toMatchObject({ level: 'leadership', compensationClaim: true });
    expect(refusalOf(up, { type: 'escalate', level: 'company', reason: 'beyond_office', note: 'x' }, supervisor)).toMatchObject({
      code: 'ESCALATION_LEVEL_INVALID',
      field: 'level',
    });
  });

  it('an accused staff member is named only for complaints against the office manager', () => {
    expect(
      refusalOf(acknowledged(), { type: 'escalate', level: 'company', reason: 'beyond_office', accusedStaffId: 'mgr-1', note: 'x' }, supervisor),
    ).toMatchObject({ code: 'ACCUSED_STAFF_NOT_EXPECTED', field: 'accusedStaffId' });
  });

  it('an escalation is routed whatever the desk still owes (apology, read-back); the escalation says what, and acknowledge records it later', () => {
    const fresh = buildCase({ type: 'complaint', apologized: true, readBack: false });
    const d = decide(fresh, { type: 'escalate', level: 'company', reason: 'beyond_office', departmentId: 'dept-quality', note: 'x' }, supervisor, hours(1));
    if (!d.ok) throw new Error(d.refusal.code);
    expect(d.events[0]).toMatchObject({ type: 'escalated', data: { owed: ['read_back'] }, changes: { departmentId: 'dept-quality', status: 'transferred' } });
    const up = evolveAll(fresh, d.events);
    const quality = staff(['quality_officer'], { id: 'q-1', departmentId: 'dept-quality', companyWide: true });
    expect(allowedCommands(up, quality)).toContain('acknowledge');
    expect(apply(up, { type: 'acknowledge', apology: false, readBack: true }, quality)).toMatchObject({
      apologized: true,
      readBack: true,
      status: 'transferred',
    });
    const acknowledged = buildCase({ type: 'complaint', apologized: true, readBack: true });
    const clean = decide(
      acknowledged,
      { type: 'escalate', level: 'company', reason: 'beyond_office', departmentId: 'dept-quality', note: 'x' },
      supervisor,
      hours(1),
    );
    expect(clean.ok && clean.events[0]!.data).not.toHaveProperty('owed');
  });

  it('the promise never lands after the owner deadline: transfer with an earlier deadline, extension, intake', () => {
    const promised = buildCase({ promisedAt: hours(27) });
    expect(refusalOf(promised, { type: 'transfer', departmentId: 'dept-eng', ownerDeadlineAt: hours(26) }, agent)).toMatchObject({
      code: 'COMMITTED_TIME_AFTER_DEADLINE',
      field: 'promisedAt',
    });
    const opened = openCase(
      { projectId: PROJECT_ID, type: 'inquiry', channel: 'hotline', description: 'x', promisedAt: hours(5), ownerDeadlineAt: hours(4) },
      agent,
      { id: 'c', organizationId: 'org-1', number: 'n' },
      T0,
    );
    expect(opened.ok ? null : opened.refusal).toMatchObject({ code: 'COMMITTED_TIME_AFTER_DEADLINE', field: 'promisedAt' });
  });

  it('read-only roles (archive keeper, management representative) cannot write messages or notes', () => {
    for (const role of ['archive_keeper', 'management_rep'] as const) {
      const reader = staff([role]);
      expect(refusalOf(buildCase(), { type: 'message', content: '您好', direction: 'outbound' }, reader).code).toBe('ACTION_NOT_PERMITTED');
      expect(refusalOf(buildCase(), { type: 'add_note', content: '备注' }, reader).code).toBe('ACTION_NOT_PERMITTED');
    }
  });
});
