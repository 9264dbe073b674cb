import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor.ts';
import { canSeeCase } from '../access/policy.ts';
import { buildCase, owner, refusalOf, staff, T0 } from '../testing/factories.ts';
import { accusedExclusionOf, accusedRefusal, isAccused, withoutAccused } from './accused.ts';
import { allowedCommands } from './allowed.ts';
import { decide } from './decide.ts';
import { intakeLevel, openCase } from './open-case.ts';
import { levelRecipients, qualityDepartmentOf, type RoutingDepartment, type RoutingPerson } from './routing.ts';

const manager = staff(['office_manager'], { id: 'mgr-1' });
const otherManager = staff(['office_manager'], { id: 'mgr-2' });
const agent = staff(['agent'], { id: 'agent-1' });
const supervisor = staff(['service_supervisor'], { id: 'sup-1' });
const leader = staff(['leadership'], { id: 'leader-1', companyWide: true });

const intake = (extra: Record<string, unknown>, type: 'complaint' | 'inquiry' = 'complaint', actor: Actor = agent) =>
  openCase(
    {
      projectId: 'proj-1',
      type,
      channel: 'hotline',
      description: '投诉',
      ...(type === 'complaint' && actor.kind === 'staff' ? { apologized: true, readBack: true } : {}),
      ...extra,
    },
    actor,
    { id: 'c-1', organizationId: 'org-1', number: 'TS-1' },
    T0,
  );

describe('complaint intake names the accused (SPEC §4)', () => {
  it('against a staff member or the office’s management, or claiming compensation: leadership from the first event', () => {
    for (const extra of [{ accusedStaffId: 'sup-1' }, { accusedParty: 'office_management' }, { compensationClaim: true }]) {
      const r = intake(extra);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.record.level).toBe('leadership');
      expect(r.event.data).toMatchObject({ level: 'leadership' });
    }
    const plain = intake({});
    expect(plain.ok && plain.record).toMatchObject({ level: 'office', accusedParty: null, accusedStaffId: null, compensationClaim: false });
    const staffAccused = intake({ accusedStaffId: 'sup-1' });
    expect(staffAccused.ok && staffAccused.record).toMatchObject({ accusedParty: 'staff', accusedStaffId: 'sup-1' });
  });

  it('refuses inconsistent answers, naming the field; other case types cannot name an accused', () => {
    const refusal = (r: ReturnType<typeof intake>) => (r.ok ? null : r.refusal);
    expect(refusal(intake({ accusedParty: 'staff' }))).toMatchObject({ code: 'FIELD_REQUIRED', field: 'accusedStaffId' });
    expect(refusal(intake({ accusedParty: 'office_management', accusedStaffId: 'sup-1' }))).toMatchObject({
      code: 'ACCUSED_STAFF_NOT_EXPECTED',
      field: 'accusedStaffId',
    });
    expect(refusal(intake({ accusedStaffId: 'sup-1' }, 'inquiry'))).toMatchObject({ code: 'ACCUSED_ONLY_FOR_COMPLAINTS', field: 'accusedStaffId' });
    expect(refusal(intake({ compensationClaim: true }, 'inquiry'))).toMatchObject({ code: 'ACCUSED_ONLY_FOR_COMPLAINTS', field: 'compensationClaim' });
    expect(refusal(intake({ accusedStaffId: 'sup-1' }, 'complaint', owner()))).toMatchObject({ code: 'FORBIDDEN', field: 'accusedStaffId' });
    // the accused cannot record it either (a colleague does): it never passes through them
    expect(refusal(intake({ accusedStaffId: 'sup-1' }, 'complaint', staff(['service_supervisor'], { id: 'sup-1' })))).toMatchObject({
      code: 'ACCUSED_EXCLUDED',
      field: 'accusedStaffId',
    });
    expect(refusal(intake({ accusedParty: 'office_management' }, 'complaint', staff(['office_manager'], { id: 'mgr-9' })))).toMatchObject({
      code: 'ACCUSED_EXCLUDED',
      field: 'accusedParty',
    });
    expect(intakeLevel({ type: 'inquiry', accusedParty: null, compensationClaim: false })).toBe('office');
  });
});

describe('the accused', () => {
  const againstManagement = buildCase({ type: 'complaint', level: 'leadership', accusedParty: 'office_management' });
  const againstSupervisor = buildCase({ type: 'complaint', level: 'leadership', accusedParty: 'staff', accusedStaffId: 'sup-1' });

  it('are every office manager when the complaint is against the office’s management; the named one otherwise', () => {
    expect(isAccused(manager, againstManagement)).toBe(true);
    expect(isAccused(otherManager, againstManagement)).toBe(true);
    expect(isAccused(supervisor, againstManagement)).toBe(false);
    expect(isAccused(supervisor, againstSupervisor)).toBe(true);
    expect(isAccused(manager, againstSupervisor)).toBe(false);
    expect(accusedRefusal(manager, againstManagement, 'assigneeId')).toEqual({ code: 'ACCUSED_EXCLUDED', field: 'assigneeId', params: undefined });
    expect(withoutAccused([manager, supervisor, leader], againstManagement).map((p) => p.id)).toEqual(['sup-1', 'leader-1']);
    expect(accusedExclusionOf(manager)).toEqual({ staffId: 'mgr-1', officeManager: true });
  });

  it('never see the case and may give no command on it', () => {
    expect(canSeeCase(manager, againstManagement)).toBe(false);
    expect(canSeeCase(supervisor, againstManagement)).toBe(true);
    expect(canSeeCase(supervisor, againstSupervisor)).toBe(false);
    expect(allowedCommands(againstManagement, manager)).toEqual([]);
    expect(refusalOf(againstManagement, { type: 'add_note', content: 'x' }, manager)).toMatchObject({ code: 'ACCUSED_EXCLUDED' });
  });

  it('are never assignee: dispatch and reassign to them are refused naming assigneeId; escalation against the assignee takes the case from them', () => {
    expect(refusalOf(againstSupervisor, { type: 'reassign', assigneeId: 'sup-1' }, agent)).toMatchObject({ code: 'ACCUSED_EXCLUDED', field: 'assigneeId' });
    const repair = buildCase({ type: 'repair', status: 'new', accusedStaffId: 'tech-1', accusedParty: 'staff' });
    expect(refusalOf(repair, { type: 'dispatch', assigneeId: 'tech-1' }, agent)).toMatchObject({ code: 'ACCUSED_EXCLUDED', field: 'assigneeId' });
    const held = buildCase({ type: 'complaint', status: 'in_progress', assigneeId: 'mgr-1', apologized: true, readBack: true });
    const d = decide(held, { type: 'escalate', level: 'leadership', reason: 'against_office_manager', accusedStaffId: 'mgr-1', note: '投诉主任' }, agent, T0);
    expect(d.ok && d.events[0]!.changes).toMatchObject({ assigneeId: null, accusedStaffId: 'mgr-1', accusedParty: 'staff', level: 'leadership' });
  });

  it('an agent (not only a supervisor) may escalate a complaint', () => {
    const c = buildCase({ type: 'complaint', status: 'new' });
    expect(decide(c, { type: 'escalate', level: 'company', reason: 'beyond_office', note: '超出管理处权限' }, agent, T0).ok).toBe(true);
    expect(refusalOf(c, { type: 'escalate', level: 'company', reason: 'beyond_office', note: 'x' }, staff(['technician'])).code).toBe('ACTION_NOT_PERMITTED');
  });
});

describe('who hears of a level reached', () => {
  const quality: RoutingDepartment = { id: 'dq', projectId: null, kind: 'quality', isSupervising: true, headStaffId: 'qhead' };
  const eng: RoutingDepartment = { id: 'de', projectId: 'proj-1', kind: 'engineering', isSupervising: false, headStaffId: 'ehead' };
  const person = (id: string, roles: RoutingPerson['roles'], departmentId: string | null = null, active = true): RoutingPerson => ({
    id,
    roles,
    departmentId,
    active,
  });
  const people = [
    person('q1', ['quality_officer'], 'dq'),
    person('qhead', ['department_head'], 'dq'),
    person('ehead', ['department_head'], 'de'),
    person('l1', ['leadership']),
    person('l2', ['leadership'], null, false),
    person('mgr', ['office_manager', 'leadership']),
  ];
  it('company: the quality department; leadership: active leaders; never the accused or the one who escalated', () => {
    const none = { accusedParty: null, accusedStaffId: null };
    expect(levelRecipients('company', people, [quality, eng], none)).toEqual(['q1', 'qhead']);
    expect(levelRecipients('leadership', people, [quality, eng], none)).toEqual(['l1', 'mgr']);
    expect(levelRecipients('leadership', people, [quality, eng], { accusedParty: 'office_management', accusedStaffId: null })).toEqual(['l1']);
    expect(levelRecipients('leadership', people, [quality, eng], none, 'l1')).toEqual(['mgr']);
    expect(levelRecipients('office', people, [quality, eng], none)).toEqual([]);
    expect(qualityDepartmentOf([eng, quality])?.id).toBe('dq');
    expect(qualityDepartmentOf([eng])).toBeNull();
  });
});
