import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../structure/roles.ts';
import { buildCase, refusalOf, staff, T0 } from '../testing/factories.ts';
import { isAccused } from './accused.ts';
import { headsDepartmentOf, planApprovalRefusal } from './approval.ts';
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
    submittedByHead: fc.boolean(),
    level: fc.constantFrom('office', 'company', 'leadership') as fc.Arbitrary<CaseRecord['level']>,
    departmentId: dept,
    accused: fc.constantFrom(null, 'office_management', 's-1', 's-2', 'mgr-1'),
  })
  .map(({ submittedBy, submittedByHead, level, departmentId, accused }) =>
    buildCase({
      type: 'complaint',
      status: 'plan_submitted',
      level,
      departmentId,
      accusedParty: accused === null ? null : accused === 'office_management' ? 'office_management' : 'staff',
      accusedStaffId: accused !== null && accused !== 'office_management' ? accused : null,
      plan: { cause: '原因', steps: '步骤', expectedCompletionAt: T0, submittedBy, submittedAt: T0, submittedByHead, approvedBy: null, approvedAt: null },
    }),
  );

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
        // and the approver is the right one: the head for a staff member's plan, else the level's manager
        const levelRoles = {
          office: ['office_manager', 'quality_officer', 'leadership'],
          company: ['quality_officer', 'leadership'],
          leadership: ['leadership'],
        }[c.level];
        const headOfStaffPlan = !c.plan!.submittedByHead && headsDepartmentOf(actor, c);
        expect(headOfStaffPlan || actor.roles.some((r) => levelRoles.includes(r))).toBe(true);
        if (approve) expect(d.events[0]!.changes.plan).toMatchObject({ approvedBy: actor.id });
      }),
      { numRuns: 2000 },
    );
  });

  it('the office manager approves or returns any plan of the office, but not their own', () => {
    const manager = staff(['office_manager'], { id: 'mgr-1' });
    fc.assert(
      fc.property(caseArb, (c) => {
        const office = { ...c, level: 'office' as const, accusedParty: null, accusedStaffId: null };
        expect(planApprovalRefusal(manager, office)).toEqual(
          office.plan!.submittedBy === 'mgr-1' ? { code: 'PLAN_SELF_APPROVAL', field: undefined, params: undefined } : null,
        );
      }),
    );
  });

  it('the head approves a staff member’s plan of their department; the head’s own plan goes to the office manager', () => {
    const head = staff(['department_head'], { id: 'head-eng', departmentId: 'dept-eng' });
    const base = { type: 'complaint' as const, status: 'plan_submitted' as const, departmentId: 'dept-eng' };
    const plan = { cause: 'c', steps: 's', expectedCompletionAt: T0, submittedAt: T0, approvedBy: null, approvedAt: null };
    const byStaff = buildCase({ ...base, plan: { ...plan, submittedBy: 's-1', submittedByHead: false } });
    const byHead = buildCase({ ...base, plan: { ...plan, submittedBy: 'head-eng', submittedByHead: true } });
    expect(decide(byStaff, { type: 'approve_plan' }, head, T0).ok).toBe(true);
    expect(refusalOf(byHead, { type: 'approve_plan' }, head).code).toBe('PLAN_SELF_APPROVAL');
    const deputy = staff(['department_head'], { id: 'head-eng-2', departmentId: 'dept-eng' });
    expect(refusalOf(byHead, { type: 'approve_plan' }, deputy).code).toBe('PLAN_APPROVER_INVALID');
    expect(decide(byHead, { type: 'approve_plan' }, staff(['office_manager'], { id: 'mgr-1' }), T0).ok).toBe(true);
    // company level: the quality department, not the office manager
    expect(refusalOf({ ...byHead, level: 'company' }, { type: 'approve_plan' }, staff(['office_manager'], { id: 'mgr-1' })).code).toBe('PLAN_APPROVER_INVALID');
    expect(decide({ ...byHead, level: 'company' }, { type: 'approve_plan' }, staff(['quality_officer'], { id: 'qa-1', companyWide: true }), T0).ok).toBe(true);
  });

  it('submit_plan records whether the head wrote it', () => {
    const c = buildCase({ type: 'complaint', status: 'in_progress', departmentId: 'dept-eng' });
    const cmd = { type: 'submit_plan', cause: 'c', steps: 's', expectedCompletionAt: T0 } as const;
    const byHead = decide(c, cmd, staff(['department_head'], { id: 'head-eng', departmentId: 'dept-eng' }), T0);
    const byTech = decide(c, cmd, staff(['technician'], { id: 'tech-1', departmentId: 'dept-eng' }), T0);
    expect(byHead.ok && byHead.events[0]!.changes.plan).toMatchObject({ submittedBy: 'head-eng', submittedByHead: true });
    expect(byTech.ok && byTech.events[0]!.changes.plan).toMatchObject({ submittedBy: 'tech-1', submittedByHead: false });
  });
});
