import { describe, expect, it } from 'vitest';
import { buildCase, owner, staff } from '../testing/factories.ts';
import { mayCallOwner, ownerNameFor, specialNeedsFor } from './disclosure.ts';

const c = buildCase({ type: 'repair', ownerId: 'owner-1', assigneeId: 'tech-1' });
const scoped = { projectIds: [c.projectId] };

describe('owner data on case screens', () => {
  it('names are masked unless the role may reveal owner data', () => {
    expect(ownerNameFor(staff(['agent'], scoped), '张伟')).toBe('张*');
    expect(ownerNameFor(staff(['service_supervisor'], scoped), '张伟')).toBe('张伟');
  });
  it('the desk of the project and the assigned technician may call the owner; nobody else', () => {
    expect(mayCallOwner(staff(['agent'], scoped), c)).toBe(true);
    expect(mayCallOwner(staff(['area_steward'], scoped), c)).toBe(true);
    expect(mayCallOwner(staff(['technician'], { ...scoped, id: 'tech-1' }), c)).toBe(true);
    expect(mayCallOwner(staff(['technician'], { ...scoped, id: 'tech-2' }), c)).toBe(false);
    expect(mayCallOwner(staff(['agent'], { projectIds: ['elsewhere'] }), c)).toBe(false);
    expect(mayCallOwner(staff(['archive_keeper'], scoped), c)).toBe(false);
    expect(mayCallOwner(owner('owner-1'), c)).toBe(false);
  });
  it('special needs: in full for those who serve the owner, a flag for others', () => {
    const text = '老人行动不便';
    expect(specialNeedsFor(staff(['technician'], { ...scoped, id: 'tech-1' }), c, text)).toEqual({ specialNeeds: text, hasSpecialNeeds: true });
    expect(specialNeedsFor(staff(['technician'], { ...scoped, id: 'tech-2' }), c, text)).toEqual({ specialNeeds: null, hasSpecialNeeds: true });
    expect(specialNeedsFor(staff(['agent'], scoped), c, null)).toEqual({ specialNeeds: null, hasSpecialNeeds: false });
  });
});
