import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../structure/roles.ts';
import { buildCase } from '../testing/factories.ts';
import { isAccused } from './accused.ts';
import { isAssignable, repairDepartmentOf, whyNotAssignable, type AssignmentCandidate } from './assignment.ts';

const person = (roles: StaffRole[], over: Partial<AssignmentCandidate> = {}): AssignmentCandidate => ({
  id: 'p-1',
  roles,
  departmentId: 'dept-eng',
  projectIds: ['project-1'],
  companyWide: false,
  active: true,
  ...over,
});
const repair = buildCase({ type: 'repair', projectId: 'project-1', departmentId: 'dept-eng' });

describe('who may be dispatched a repair', () => {
  it('technicians and the head of the repair department', () => {
    expect(isAssignable(person(['technician']), repair)).toBe(true);
    expect(isAssignable(person(['department_head']), repair)).toBe(true);
  });
  it('not a technician of another department, another project, or an inactive account', () => {
    expect(whyNotAssignable(person(['technician'], { departmentId: 'dept-sec' }), repair)).toBe('other_department');
    expect(whyNotAssignable(person(['technician'], { projectIds: ['project-2'] }), repair)).toBe('not_in_project');
    expect(whyNotAssignable(person(['technician'], { active: false }), repair)).toBe('inactive');
  });
  it('never the archivist, the administrator, an agent or the management representative', () => {
    for (const role of ['archive_keeper', 'admin', 'agent', 'front_desk', 'management_rep'] as const)
      expect(whyNotAssignable(person([role]), repair), role).toBe('no_working_role');
  });
  it('a repair with no department yet: any technician of the project', () => {
    expect(isAssignable(person(['technician'], { departmentId: 'dept-sec' }), { ...repair, departmentId: null })).toBe(true);
  });
  it('an administrator role adds nothing: whoever is assignable is so without it', () => {
    fc.assert(
      fc.property(
        fc.subarray([...STAFF_ROLES], { maxLength: 3 }),
        fc.constantFrom('repair', 'complaint', 'inquiry', 'suggestion') as fc.Arbitrary<'repair'>,
        fc.constantFrom(null, 'dept-eng', 'dept-sec'),
        fc.constantFrom(null, 'dept-eng'),
        (roles, type, staffDept, caseDept) => {
          const c = buildCase({ type, projectId: 'project-1', departmentId: caseDept });
          const without = person(
            roles.filter((r) => r !== 'admin'),
            { departmentId: staffDept },
          );
          expect(isAssignable({ ...without, roles: [...without.roles, 'admin'] }, c)).toBe(isAssignable(without, c));
          if (roles.every((r) => r === 'admin' || r === 'archive_keeper' || r === 'management_rep')) expect(isAssignable(without, c)).toBe(false);
        },
      ),
    );
  });
});

describe('who may be given the other cases', () => {
  const complaint = buildCase({ type: 'complaint', projectId: 'project-1', departmentId: 'dept-eng' });
  it('the case department’s staff and the overseers, never the accused', () => {
    expect(isAssignable(person(['technician']), complaint)).toBe(true);
    expect(isAssignable(person(['office_manager'], { departmentId: null }), complaint)).toBe(true);
    expect(whyNotAssignable(person(['agent'], { departmentId: 'dept-sc' }), complaint)).toBe('other_department');
    expect(whyNotAssignable(person(['office_manager'], { id: 'mgr' }), { ...complaint, accusedStaffId: 'mgr' })).toBe('accused');
  });
  it('a complaint against the office’s management: no office manager, whoever else may take it still may', () => {
    const againstManagement = { ...complaint, accusedParty: 'office_management' as const };
    expect(whyNotAssignable(person(['office_manager'], { departmentId: null }), againstManagement)).toBe('accused');
    expect(whyNotAssignable(person(['office_manager', 'department_head']), againstManagement)).toBe('accused');
    expect(isAssignable(person(['technician']), againstManagement)).toBe(true);
    expect(isAssignable(person(['quality_officer'], { departmentId: null, companyWide: true }), againstManagement)).toBe(true);
  });
  it('never anyone the complaint is against, whatever else holds (core’s isAccused)', () => {
    fc.assert(
      fc.property(
        fc.subarray([...STAFF_ROLES], { maxLength: 3 }),
        fc.constantFrom(null, 'staff', 'office_management') as fc.Arbitrary<'staff' | 'office_management' | null>,
        fc.constantFrom(null, 'p-1', 'p-2'),
        fc.constantFrom(null, 'dept-eng'),
        fc.constantFrom('repair', 'complaint') as fc.Arbitrary<'complaint'>,
        (roles, accusedParty, accusedStaffId, departmentId, type) => {
          const c = buildCase({ type, projectId: 'project-1', departmentId, accusedParty, accusedStaffId: accusedParty === 'staff' ? accusedStaffId : null });
          const p = person(roles);
          if (isAccused(p, c)) expect(whyNotAssignable(p, c)).toBe('accused');
          else expect(whyNotAssignable(p, c)).not.toBe('accused');
        },
      ),
    );
  });
  it('with no department: the service desk', () => {
    expect(isAssignable(person(['agent'], { departmentId: 'dept-sc' }), { ...complaint, departmentId: null })).toBe(true);
    expect(whyNotAssignable(person(['technician']), { ...complaint, departmentId: null })).toBe('other_department');
  });
});

describe('repairDepartmentOf', () => {
  it('the project’s own engineering department, the first by code', () => {
    const ds = [
      { id: 'q', projectId: null, code: 'QUALITY', kind: 'engineering' },
      { id: 'sc', projectId: 'p1', code: 'SC', kind: 'service_center' },
      { id: 'e2', projectId: 'p1', code: 'ENG2', kind: 'engineering' },
      { id: 'e1', projectId: 'p1', code: 'ENG1', kind: 'engineering' },
      { id: 'other', projectId: 'p2', code: 'ENG', kind: 'engineering' },
    ];
    expect(repairDepartmentOf(ds, 'p1')?.id).toBe('e1');
    expect(repairDepartmentOf(ds, 'p2')?.id).toBe('other');
    expect(repairDepartmentOf(ds, 'p3')).toBeNull();
  });
});
