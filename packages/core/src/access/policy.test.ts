import { describe, expect, it } from 'vitest';
import { buildCase, owner, staff } from '../testing/factories.ts';
import { DomainError } from '../shared/errors.ts';
import { can } from './actor.ts';
import { canSeeCase, canSeeProject, requireCapability, requireProjectCapability, visibleProjectIds } from './policy.ts';

const c = buildCase({ organizationId: 'org-1', projectId: 'proj-1', ownerId: 'owner-1' });
const agent = staff(['agent'], { id: 'agent-1', projectIds: ['proj-1'] });

describe('canSeeProject', () => {
  it('staff see the projects they work in, within their organization only', () => {
    expect(canSeeProject(agent, 'org-1', 'proj-1')).toBe(true);
    expect(canSeeProject(agent, 'org-1', 'proj-2')).toBe(false);
    expect(canSeeProject(agent, 'org-2', 'proj-1')).toBe(false);
  });

  it('company-wide staff see every project of their own organization, not of another', () => {
    const quality = staff(['quality_officer'], { projectIds: [], companyWide: true });
    expect(canSeeProject(quality, 'org-1', 'proj-1')).toBe(true);
    expect(canSeeProject(quality, 'org-1', 'any-project')).toBe(true);
    expect(canSeeProject(quality, 'org-2', 'proj-1')).toBe(false);
  });

  it('owners see no project', () => {
    expect(canSeeProject(owner(), 'org-1', 'proj-1')).toBe(false);
  });
});

describe('canSeeCase', () => {
  it('staff of the project see the case', () => {
    expect(canSeeCase(agent, c)).toBe(true);
  });

  it('another organization is denied, even company-wide staff and admins with the same project id', () => {
    expect(canSeeCase(staff(['admin'], { organizationId: 'org-2', companyWide: true }), c)).toBe(false);
    expect(canSeeCase(staff(['agent'], { organizationId: 'org-2', projectIds: ['proj-1'] }), c)).toBe(false);
    expect(canSeeCase(owner('owner-1', 'org-2'), c)).toBe(false);
  });

  it('another project is denied', () => {
    expect(canSeeCase(staff(['agent'], { projectIds: ['proj-2'] }), c)).toBe(false);
    expect(canSeeCase(staff(['office_manager'], { projectIds: [] }), c)).toBe(false);
  });

  it('company-wide staff see cases of every project', () => {
    const leader = staff(['leadership'], { projectIds: [], companyWide: true });
    expect(canSeeCase(leader, c)).toBe(true);
    expect(canSeeCase(leader, { ...c, projectId: 'proj-9' })).toBe(true);
  });

  it('an owner sees only their own cases', () => {
    expect(canSeeCase(owner('owner-1'), c)).toBe(true);
    expect(canSeeCase(owner('owner-2'), c)).toBe(false);
    expect(canSeeCase(owner('owner-1'), { ...c, ownerId: null })).toBe(false);
  });

  it('the accused staff member never sees the case, whatever their role or scope', () => {
    const accused = { ...c, accusedStaffId: 'mgr-1', level: 'leadership' as const };
    expect(canSeeCase(staff(['office_manager'], { id: 'mgr-1' }), accused)).toBe(false);
    expect(canSeeCase(staff(['admin', 'leadership'], { id: 'mgr-1', companyWide: true }), accused)).toBe(false);
    // everyone else in scope still does
    expect(canSeeCase(staff(['office_manager'], { id: 'mgr-2' }), accused)).toBe(true);
    expect(canSeeCase(staff(['leadership'], { id: 'boss', companyWide: true }), accused)).toBe(true);
  });

  it('staff without case.read see nothing', () => {
    expect(canSeeCase(staff([]), c)).toBe(false);
  });
});

describe('capability guards', () => {
  it('requireCapability throws FORBIDDEN for owners and staff without it', () => {
    expect(() => requireCapability(agent, 'case.intake')).not.toThrow();
    for (const actor of [owner(), staff(['technician'])]) {
      try {
        requireCapability(actor, 'case.intake');
        expect.unreachable('should have thrown');
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).code).toBe('FORBIDDEN');
        expect((e as DomainError).kind).toBe('forbidden');
        expect((e as DomainError).params).toEqual({ capability: 'case.intake' });
      }
    }
  });

  it('requireProjectCapability also needs the project in scope', () => {
    expect(() => requireProjectCapability(agent, 'case.create', 'org-1', 'proj-1')).not.toThrow();
    expect(() => requireProjectCapability(agent, 'case.create', 'org-1', 'proj-2')).toThrow(DomainError);
    expect(() => requireProjectCapability(agent, 'case.create', 'org-2', 'proj-1')).toThrow(DomainError);
    expect(() => requireProjectCapability(agent, 'staff.admin', 'org-1', 'proj-1')).toThrow('FORBIDDEN');
  });

  it('can() is false for owners and for missing capabilities', () => {
    expect(can(agent, 'case.intake')).toBe(true);
    expect(can(agent, 'case.approve')).toBe(false);
    expect(can(owner(), 'case.read')).toBe(false);
  });

  it('visibleProjectIds: all for company-wide staff, else the own list', () => {
    expect(visibleProjectIds(staff(['quality_officer'], { companyWide: true }))).toBe('all');
    expect(visibleProjectIds(staff(['agent'], { projectIds: ['proj-1', 'proj-3'] }))).toEqual(['proj-1', 'proj-3']);
  });
});
