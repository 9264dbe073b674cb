/**
 * Test factories for the pure core: a full CaseRecord with overrides, staff and owner actors, and a
 * runner that folds decide() + evolveAll() over a list of commands and throws on the first refusal.
 */
import { staffActor, type Actor, type OwnerActor, type StaffActor } from '../access/actor.ts';
import type { CaseRecord } from '../cases/case.ts';
import type { CaseCommand, CaseCommandType } from '../cases/commands.ts';
import { decide } from '../cases/decide.ts';
import type { NewCaseEvent } from '../cases/events.ts';
import { evolveAll } from '../cases/evolve.ts';
import { openCase } from '../cases/open-case.ts';
import type { Refusal } from '../shared/errors.ts';
import { addMinutes } from '../shared/time.ts';
import type { StaffRole } from '../structure/roles.ts';

export const ORG_ID = 'org-1';
export const PROJECT_ID = 'proj-1';
export const OWNER_ID = 'owner-1';
/** 2026-11-25 09:00 in Asia/Shanghai. */
export const T0 = '2026-11-25T01:00:00.000Z';

/** A complete case record: an open inquiry of owner-1 in proj-1, registered at T0, version 1. */
export function buildCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const opened = openCase(
    {
      projectId: PROJECT_ID,
      type: overrides.type ?? 'inquiry',
      channel: 'hotline',
      title: '测试工单',
      description: '业主来电反映问题',
      ownerId: OWNER_ID,
      unitId: 'unit-1',
      // stated at intake (a complaint needs both); the overrides below set them where a test needs them true
      apologized: overrides.apologized ?? false,
      readBack: overrides.readBack ?? false,
    },
    staff(['agent'], { id: 'agent-1' }),
    { id: 'case-1', organizationId: ORG_ID, number: 'ZX-20261125-000001' },
    T0,
  );
  if (!opened.ok) throw new Error(`buildCase: ${opened.refusal.code}`);
  return { ...opened.record, ...overrides };
}

/** A staff actor of proj-1 with these roles; id defaults to the roles joined by '+'. */
export function staff(roles: readonly StaffRole[], overrides: Partial<Omit<StaffActor, 'kind' | 'capabilities' | 'roles'>> = {}): StaffActor {
  return staffActor({
    id: `staff-${roles.join('+') || 'none'}`,
    organizationId: ORG_ID,
    name: '员工',
    roles,
    departmentId: null,
    projectIds: [PROJECT_ID],
    companyWide: false,
    ...overrides,
  });
}

export function owner(id: string = OWNER_ID, organizationId: string = ORG_ID): OwnerActor {
  return { kind: 'owner', id, organizationId, name: '业主' };
}

export interface RunResult {
  record: CaseRecord;
  events: NewCaseEvent[];
  /** The record after each command (same length as the commands). */
  states: CaseRecord[];
}

/**
 * Applies commands in order; command i is given by actors[i] (or by the one actor) at T0 + (i+1)*step
 * minutes after `start`. Throws on the first refusal, naming the command and the refusal code.
 */
export function run(
  c: CaseRecord,
  commands: readonly CaseCommand[],
  actors: Actor | readonly Actor[],
  options: { start?: string; stepMinutes?: number } = {},
): RunResult {
  const start = options.start ?? c.updatedAt;
  const stepMinutes = options.stepMinutes ?? 10;
  let record = c;
  const events: NewCaseEvent[] = [];
  const states: CaseRecord[] = [];
  commands.forEach((command, i) => {
    const actor = Array.isArray(actors) ? (actors as readonly Actor[])[i] : (actors as Actor);
    if (!actor) throw new Error(`run: no actor for command #${i} (${command.type})`);
    const now = addMinutes(start, (i + 1) * stepMinutes);
    const decision = decide(record, command, actor, now);
    if (!decision.ok) {
      const { code, field } = decision.refusal;
      throw new Error(`run: command #${i} ${command.type} refused: ${code}${field ? ` (${field})` : ''}`);
    }
    events.push(...decision.events);
    record = evolveAll(record, decision.events);
    states.push(record);
  });
  return { record, events, states };
}

/** The refusal decide() gives; throws if the command is accepted. */
export function refusalOf(c: CaseRecord, command: CaseCommand, actor: Actor, now: string = addMinutes(c.updatedAt, 1)): Refusal {
  const decision = decide(c, command, actor, now);
  if (decision.ok) throw new Error(`refusalOf: ${command.type} was accepted (${decision.events.map((e) => e.type).join(', ')})`);
  return decision.refusal;
}

/** One valid-looking command of each type, for table-driven tests. */
export function sampleCommand(type: CaseCommandType): CaseCommand {
  const later = addMinutes(T0, 24 * 60);
  const commands: { [K in CaseCommandType]: Extract<CaseCommand, { type: K }> } = {
    acknowledge: { type: 'acknowledge', apology: true, readBack: true, content: '非常抱歉，给您添麻烦了' },
    answer: { type: 'answer', content: '您好，物业费可在前台缴纳' },
    transfer: { type: 'transfer', departmentId: 'dept-eng' },
    accept: { type: 'accept', committedAt: later },
    record_contact: { type: 'record_contact', content: '已电话联系业主' },
    submit_answer: { type: 'submit_answer', content: '部门答复' },
    submit_plan: { type: 'submit_plan', cause: '管道老化', steps: '更换管道', expectedCompletionAt: later },
    approve_plan: { type: 'approve_plan' },
    return_plan: { type: 'return_plan', reason: '方案不完整' },
    evaluate: { type: 'evaluate', feasible: true, plan: '增设路灯', expectedAt: later },
    inform_owner: { type: 'inform_owner', content: '您好，处理结果如下' },
    record_satisfaction: { type: 'record_satisfaction', satisfied: true },
    close: { type: 'close', causeAnalysis: '原因', preventiveMeasures: '措施' },
    close_out_of_scope: { type: 'close_out_of_scope', reason: '不属于物业服务范围' },
    dispatch: { type: 'dispatch', assigneeId: 'tech-1' },
    schedule_appointment: { type: 'schedule_appointment', appointmentAt: later, ownerAgreed: true },
    arrive: { type: 'arrive' },
    complete: { type: 'complete', summary: '已修复' },
    escalate: { type: 'escalate', level: 'company', reason: 'beyond_office', note: '管理处无法处理' },
    mark_major: { type: 'mark_major', reason: '影响面大' },
    record_corrective_action: { type: 'record_corrective_action', report: '纠正措施报告' },
    message: { type: 'message', content: '您好', direction: 'outbound' },
    add_note: { type: 'add_note', content: '内部备注' },
    reassign: { type: 'reassign', assigneeId: 'staff-2' },
    retype: { type: 'retype', newType: 'complaint', reason: '业主认为权益受损' },
    set_repair_grade: { type: 'set_repair_grade', grade: 'urgent' },
    extend_deadline: { type: 'extend_deadline', which: 'promise', newAt: later, ownerAgreed: true, note: '业主同意延期' },
    rate: { type: 'rate', rating: 5 },
    pause_clocks: { type: 'pause_clocks', reason: '业主出差，约定下周一上门' },
    resume_clocks: { type: 'resume_clocks', note: '业主已回复' },
    record_follow_up: { type: 'record_follow_up', content: '已电话回访，业主确认已修好' },
    link_owner: { type: 'link_owner', ownerId: 'owner-9', note: '来电人已登记入住' },
  };
  return commands[type];
}
