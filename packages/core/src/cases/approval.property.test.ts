import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAN_AUTHOR_RANKS } from '@guanjia/vocabulary';
import type { StaffActor } from '../access/actor.ts';
import { STAFF_ROLES } from '../structure/roles.ts';
import { buildCase, refusalOf, staff, T0 } from '../testing/factories.ts';
import { isAccused } from './accused.ts';
import { planApprovalRefusal, planApproverRank, planAuthorRank, planRankOf } from './approval.ts';
import type { CaseRecord } from './case.ts';
import { decide } from './decide.ts';
import { mayGiveCommand } from './permissions.ts';

const ids = fc.constantFrom('s-1', 's-2', 's-3', 'head-eng', 'mgr-1');
const dept = fc.constantFrom(null, 'dept-eng', 'dept-sec');
const actorArb = fc
  .record({ id: ids, roles: fc.subarray([...STAFF_ROLES], { minLength: 1, maxLength: 3 }), departmentId: dept, companyWide: fc.boolean() })
  .map(({ id, roles, departmentId, companyWide }) => staff(roles, { id, departmentId, companyWide }));
const caseArb = fc
  .record({
    submittedBy: ids,
    submittedByRank: fc.constantFrom(...PLAN_AUTHOR_RANKS),
    level: fc.constantFrom('office', 'company', 'leadership') as fc.Arbitrary<CaseRecord['level']>,
    departmentId: dept,
    accused: fc.constantFrom(null, 'office_management', 's-1', 's-2', 'mgr-1'),
  })
  .map(({ submittedBy, submittedByRank, level, departmentId, accused }) =>
    buildCase({
      type: 'complaint',
      status: 'plan_submitted',
      level,
      departmentId,
      accusedParty: accused === null ? null : accused === 'office_management' ? 'office_management' : 'staff',
      accusedStaffId: accused !== null && accused !== 'office_management' ? accused : null,
      plan: {
        cause: '原因',
        steps: '步骤',
        expectedCompletionAt: T0,
        submittedBy,
        submittedAt: T0,
        submittedByHead: submittedByRank === 'department_head',
        submittedByRank,
        approvedBy: null,
        approvedAt: null,
      },
    }),
  );

/** The approver's rank index (PLAN_AUTHOR_RANKS' order) from roles alone: the oracle of the properties below. */
function rankIndexOf(actor: StaffActor, c: Pick<CaseRecord, 'departmentId'>): number {
  if (actor.roles.includes('leadership')) return 4;
  if (actor.roles.includes('quality_officer')) return 3;
  if (actor.roles.includes('office_manager')) return 2;
  return actor.roles.includes('department_head') && c.departmentId !== null && actor.departmentId === c.departmentId ? 1 : 0;
}

describe('separation of duties in plan approval (seed 004)', () => {
  it('for random actors and plans: an accepted approval or return is never by the submitter nor by the accused', () => {
    fc.assert(
      fc.property(actorArb, caseArb, fc.boolean(), (actor, c, approve) => {
        const command = approve ? ({ type: 'approve_plan' } as const) : ({ type: 'return_plan', reason: '方案不具体' } as const);
        const d = decide(c, command, actor, T0);
        expect(mayGiveCommand(actor, c, command.type)).toBe(d.ok);
        if (!d.ok) return;
        expect(actor.id).not.toBe(c.plan!.submittedBy);
        expect(isAccused(actor, c)).toBe(false);
        // and the approver is the right one (an oracle written apart from approval.ts): above the author
        // — the head for a staff member's plan, else a higher rank (a leader's: another leader) — and at
        // least who answers for the level, unless the head decides his staff's plan
        const approver = rankIndexOf(actor, c);
        const author = PLAN_AUTHOR_RANKS.indexOf(c.plan!.submittedByRank);
        const level = { office: 2, company: 3, leadership: 4 }[c.level];
        if (author === 0) expect(approver === 1 || approver >= level).toBe(true);
        else {
          expect(approver > author || (author === 4 && approver === 4)).toBe(true);
          expect(approver).toBeGreaterThanOrEqual(level);
        }
        if (approve) expect(d.events[0]!.changes.plan).toMatchObject({ approvedBy: actor.id });
      }),
      { numRuns: 2000 },
    );
  });

  it('the office manager approves or returns any plan of the office written below his rank, but not their own', () => {
    const manager = staff(['office_manager'], { id: 'mgr-1' });
    fc.assert(
      fc.property(caseArb, (c) => {
        const office = { ...c, level: 'office' as const, accusedParty: null, accusedStaffId: null };
        const below = ['staff', 'department_head'].includes(office.plan!.submittedByRank);
        const refusal = planApprovalRefusal(manager, office);
        if (office.plan!.submittedBy === 'mgr-1') expect(refusal).toMatchObject({ code: 'PLAN_SELF_APPROVAL' });
        else if (below) expect(refusal).toBeNull();
        else expect(refusal).toMatchObject({ code: 'PLAN_APPROVER_INVALID' });
      }),
    );
  });

  it('a plan by the office manager or anyone above is never decided by a department head, nor by an equal', () => {
    fc.assert(
      fc.property(actorArb, caseArb, fc.boolean(), (actor, c, approve) => {
        fc.pre(['office_manager', 'quality', 'leadership'].includes(c.plan!.submittedByRank));
        const command = approve ? ({ type: 'approve_plan' } as const) : ({ type: 'return_plan', reason: '方案不具体' } as const);
        const approver = rankIndexOf(actor, c);
        const author = PLAN_AUTHOR_RANKS.indexOf(c.plan!.submittedByRank);
        if (approver <= 1 || (approver <= author && author < 4)) expect(decide(c, command, actor, T0).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('whoever ranks above the author and answers for the level may decide (not the author, not the accused)', () => {
    fc.assert(
      fc.property(actorArb, caseArb, (actor, c) => {
        const approver = rankIndexOf(actor, c);
        const author = PLAN_AUTHOR_RANKS.indexOf(c.plan!.submittedByRank);
        const level = { office: 2, company: 3, leadership: 4 }[c.level];
        fc.pre(actor.capabilities.has('case.approve') && actor.id !== c.plan!.submittedBy && !isAccused(actor, c));
        const above = author === 0 ? approver === 1 || approver >= level : (approver > author || (author === 4 && approver === 4)) && approver >= level;
        expect(planApprovalRefusal(actor, c) === null).toBe(above);
        if (!above) expect(planApprovalRefusal(actor, c)).toMatchObject({ code: 'PLAN_APPROVER_INVALID' });
      }),
      { numRuns: 2000 },
    );
  });

  it('the rank that decides: above the author, never below the level', () => {
    expect(planApproverRank('staff', 'office')).toBe('department_head');
    expect(planApproverRank('department_head', 'office')).toBe('office_manager');
    expect(planApproverRank('department_head', 'company')).toBe('quality');
    expect(planApproverRank('office_manager', 'office')).toBe('quality');
    expect(planApproverRank('office_manager', 'leadership')).toBe('leadership');
    expect(planApproverRank('quality', 'company')).toBe('leadership');
    expect(planApproverRank('leadership', 'leadership')).toBe('leadership');
  });

  it('the office manager’s plan: neither the head nor another office manager; the quality department or leadership', () => {
    const base = { type: 'complaint' as const, status: 'plan_submitted' as const, departmentId: 'dept-eng' };
    const plan = { cause: 'c', steps: 's', expectedCompletionAt: T0, submittedAt: T0, approvedBy: null, approvedAt: null };
    const byManager = buildCase({ ...base, plan: { ...plan, submittedBy: 'mgr-1', submittedByHead: false, submittedByRank: 'office_manager' } });
    const head = staff(['department_head'], { id: 'head-eng', departmentId: 'dept-eng' });
    expect(refusalOf(byManager, { type: 'approve_plan' }, head).code).toBe('PLAN_APPROVER_INVALID');
    expect(refusalOf(byManager, { type: 'return_plan', reason: '再议' }, head).code).toBe('PLAN_APPROVER_INVALID');
    expect(refusalOf(byManager, { type: 'approve_plan' }, staff(['office_manager'], { id: 'mgr-2' })).code).toBe('PLAN_APPROVER_INVALID');
    expect(decide(byManager, { type: 'approve_plan' }, staff(['quality_officer'], { id: 'qa-1', companyWide: true }), T0).ok).toBe(true);
    expect(decide(byManager, { type: 'approve_plan' }, staff(['leadership'], { id: 'lead-1', companyWide: true }), T0).ok).toBe(true);
    // the quality department's plan goes to leadership; a leader's to another leader
    const byQuality = { ...byManager, level: 'company' as const, plan: { ...byManager.plan!, submittedBy: 'qa-1', submittedByRank: 'quality' as const } };
    expect(refusalOf(byQuality, { type: 'approve_plan' }, staff(['quality_officer'], { id: 'qa-2', companyWide: true })).code).toBe('PLAN_APPROVER_INVALID');
    expect(decide(byQuality, { type: 'approve_plan' }, staff(['leadership'], { id: 'lead-1', companyWide: true }), T0).ok).toBe(true);
    const byLeader = {
      ...byManager,
      level: 'leadership' as const,
      plan: { ...byManager.plan!, submittedBy: 'lead-1', submittedByRank: 'leadership' as const },
    };
    expect(refusalOf(byLeader, { type: 'approve_plan' }, staff(['leadership'], { id: 'lead-1', companyWide: true })).code).toBe('PLAN_SELF_APPROVAL');
    expect(decide(byLeader, { type: 'approve_plan' }, staff(['leadership'], { id: 'lead-2', companyWide: true }), T0).ok).toBe(true);
  });

  it('a plan stored before ranks were recorded: its head flag says the rank', () => {
    expect(planAuthorRank({ submittedByHead: true })).toBe('department_head');
    expect(planAuthorRank({ submittedByHead: false })).toBe('staff');
    expect(planAuthorRank({ submittedByHead: false, submittedByRank: 'office_manager' })).toBe('office_manager');
  });

  it('the head approves a staff member’s plan of their department; the head’s own plan goes to the office manager', () => {
    const head = staff(['department_head'], { id: 'head-eng', departmentId: 'dept-eng' });
    const base = { type: 'complaint' as const, status: 'plan_submitted' as const, departmentId: 'dept-eng' };
    const plan = { cause: 'c', steps: 's', expectedCompletionAt: T0, submittedAt: T0, approvedBy: null, approvedAt: null };
    const byStaff = buildCase({ ...base, plan: { ...plan, submittedBy: 's-1', submittedByHead: false, submittedByRank: 'staff' } });
    const byHead = buildCase({ ...base, plan: { ...plan, submittedBy: 'head-eng', submittedByHead: true, submittedByRank: 'department_head' } });
    expect(decide(byStaff, { type: 'approve_plan' }, head, T0).ok).toBe(true);
    expect(refusalOf(byHead, { type: 'approve_plan' }, head).code).toBe('PLAN_SELF_APPROVAL');
    const deputy = staff(['department_head'], { id: 'head-eng-2', departmentId: 'dept-eng' });
    expect(refusalOf(byHead, { type: 'approve_plan' }, deputy).code).toBe('PLAN_APPROVER_INVALID');
    expect(decide(byHead, { type: 'approve_plan' }, staff(['office_manager'], { id: 'mgr-1' }), T0).ok).toBe(true);
    // company level: the quality department, not the office manager
    expect(refusalOf({ ...byHead, level: 'company' }, { type: 'approve_plan' }, staff(['office_manager'], { id: 'mgr-1' })).code).toBe('PLAN_APPROVER_INVALID');
    expect(decide({ ...byHead, level: 'company' }, { type: 'approve_plan' }, staff(['quality_officer'], { id: 'qa-1', companyWide: true }), T0).ok).toBe(true);
  });

  it('submit_plan records the author’s rank (and whether the head wrote it)', () => {
    const c = buildCase({ type: 'complaint', status: 'in_progress', departmentId: 'dept-eng' });
    const cmd = { type: 'submit_plan', cause: 'c', steps: 's', expectedCompletionAt: T0 } as const;
    const byHead = decide(c, cmd, staff(['department_head'], { id: 'head-eng', departmentId: 'dept-eng' }), T0);
    const byTech = decide(c, cmd, staff(['technician'], { id: 'tech-1', departmentId: 'dept-eng' }), T0);
    const byManager = decide(c, cmd, staff(['office_manager'], { id: 'mgr-1' }), T0);
    expect(byHead.ok && byHead.events[0]!.changes.plan).toMatchObject({ submittedBy: 'head-eng', submittedByHead: true, submittedByRank: 'department_head' });
    expect(byTech.ok && byTech.events[0]!.changes.plan).toMatchObject({ submittedBy: 'tech-1', submittedByHead: false, submittedByRank: 'staff' });
    expect(byManager.ok && byManager.events[0]!.changes.plan).toMatchObject({
      submittedBy: 'mgr-1',
      submittedByHead: false,
      submittedByRank: 'office_manager',
    });
    // the rank is the highest of the author's roles; the head rank only for the case's own department
    expect(planRankOf({ roles: ['department_head'], departmentId: 'dept-sec' }, c)).toBe('staff');
    expect(planRankOf({ roles: ['department_head', 'office_manager'], departmentId: 'dept-eng' }, c)).toBe('office_manager');
  });
});
