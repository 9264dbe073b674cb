import fc from 'fast-check';
import { CUSTOMER_GRADES } from '@guanjia/vocabulary';
import { describe, expect, it } from 'vitest';
import { staff, T0 } from '../testing/factories.ts';
import { STAFF_ROLES } from '../structure/roles.ts';
import { decideGradeChange, requestGradeChange, type GradeChangeRequest } from './grade-change.ts';

const owner = { id: 'owner-1', organizationId: 'org-1', grade: 'normal' as const };
const agent = staff(['agent'], { id: 'agent-1' });
const manager = staff(['office_manager'], { id: 'mgr-1' });

function pending(by = 'agent-1'): GradeChangeRequest {
  const r = requestGradeChange(owner, { toGrade: 'vip', reason: '长期预缴' }, null, staff(['agent'], { id: by }), 'req-1', T0);
  if (!r.ok) throw new Error(r.refusal.code);
  return r.value;
}

describe('customer-grade change requests (seed 004)', () => {
  it('a request keeps the old grade and who asked; refuses the same grade, an empty reason, a second pending request', () => {
    expect(pending()).toMatchObject({ fromGrade: 'normal', toGrade: 'vip', status: 'pending', requestedBy: 'agent-1' });
    const same = requestGradeChange(owner, { toGrade: 'normal', reason: 'x' }, null, agent, 'r', T0);
    expect(!same.ok && same.refusal).toMatchObject({ code: 'FIELD_INVALID', field: 'toGrade' });
    const blank = requestGradeChange(owner, { toGrade: 'vip', reason: ' ' }, null, agent, 'r', T0);
    expect(!blank.ok && blank.refusal).toMatchObject({ code: 'FIELD_REQUIRED', field: 'reason' });
    const twice = requestGradeChange(owner, { toGrade: 'vip', reason: 'x' }, pending(), agent, 'r', T0);
    expect(!twice.ok && twice.refusal.code).toBe('GRADE_REQUEST_PENDING');
    const tech = requestGradeChange(owner, { toGrade: 'vip', reason: 'x' }, null, staff(['technician']), 'r', T0);
    expect(!tech.ok && tech.refusal.code).toBe('FORBIDDEN');
  });

  it('for random deciders: a decision is taken only by an office manager or leadership who did not ask, once', () => {
    fc.assert(
      fc.property(
        fc.subarray([...STAFF_ROLES], { minLength: 1, maxLength: 3 }),
        fc.constantFrom('agent-1', 'mgr-1', 'leader-1'),
        fc.boolean(),
        fc.constantFrom(...CUSTOMER_GRADES),
        (roles, id, approve, toGrade) => {
          const request = { ...pending(), toGrade };
          const d = decideGradeChange(request, { approve, note: '理由' }, staff(roles, { id }), T0);
          const manages = roles.some((r) => r === 'office_manager' || r === 'leadership' || r === 'admin');
          expect(d.ok).toBe(manages && id !== request.requestedBy);
          if (!d.ok) return;
          expect(d.value).toMatchObject({ status: approve ? 'approved' : 'rejected', decidedBy: id });
          const again = decideGradeChange(d.value, { approve: true }, manager, T0);
          expect(!again.ok && again.refusal.code).toBe('GRADE_REQUEST_DECIDED');
        },
      ),
    );
  });

  it('a rejection says why; the asker never decides', () => {
    const r = decideGradeChange(pending(), { approve: false }, manager, T0);
    expect(!r.ok && r.refusal).toMatchObject({ code: 'FIELD_REQUIRED', field: 'note' });
    const own = decideGradeChange(pending('mgr-1'), { approve: true }, manager, T0);
    expect(!own.ok && own.refusal.code).toBe('GRADE_SELF_APPROVAL');
  });
});
