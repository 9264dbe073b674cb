import type { CustomerGrade } from '@guanjia/vocabulary';
import type { StaffActor } from '../access/actor.ts';
import { refuse, type Refusal } from '../shared/errors.ts';

export type GradeRequestStatus = 'pending' | 'approved' | 'rejected';

/**
 * A change of an owner's customer grade (客户分级) waiting for a manager (seed 004: the grading is
 * approved by a leader). The grade itself changes only when the request is approved.
 */
export interface GradeChangeRequest {
  id: string;
  organizationId: string;
  ownerId: string;
  fromGrade: CustomerGrade;
  toGrade: CustomerGrade;
  reason: string;
  status: GradeRequestStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** Asks for a new grade: it must differ from the current one, and one request per owner waits at a time. */
export function requestGradeChange(
  owner: { id: string; organizationId: string; grade: CustomerGrade },
  input: { toGrade: CustomerGrade; reason: string },
  pending: GradeChangeRequest | null,
  actor: StaffActor,
  id: string,
  now: string,
): Result<GradeChangeRequest> {
  if (!actor.capabilities.has('owner.write')) return { ok: false, refusal: refuse('FORBIDDEN') };
  if (input.toGrade === owner.grade) return { ok: false, refusal: refuse('FIELD_INVALID', 'toGrade', { reason: `≠ ${owner.grade}` }) };
  if (pending) return { ok: false, refusal: refuse('GRADE_REQUEST_PENDING', 'ownerId') };
  if (!input.reason.trim()) return { ok: false, refusal: refuse('FIELD_REQUIRED', 'reason') };
  return {
    ok: true,
    value: {
      id,
      organizationId: owner.organizationId,
      ownerId: owner.id,
      fromGrade: owner.grade,
      toGrade: input.toGrade,
      reason: input.reason.trim(),
      status: 'pending',
      requestedBy: actor.id,
      requestedAt: now,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
    },
  };
}

/**
 * A manager (office manager or leadership: capability owner.grade.approve) approves or rejects a
 * pending request — never their own; a rejection says why.
 */
export function decideGradeChange(
  request: GradeChangeRequest,
  decision: { approve: boolean; note?: string | null },
  actor: StaffActor,
  now: string,
): Result<GradeChangeRequest> {
  if (!actor.capabilities.has('owner.grade.approve')) return { ok: false, refusal: refuse('FORBIDDEN') };
  if (request.requestedBy === actor.id) return { ok: false, refusal: refuse('GRADE_SELF_APPROVAL') };
  if (request.status !== 'pending') return { ok: false, refusal: refuse('GRADE_REQUEST_DECIDED', 'id') };
  const note = decision.note?.trim() || null;
  if (!decision.approve && !note) return { ok: false, refusal: refuse('FIELD_REQUIRED', 'note') };
  return { ok: true, value: { ...request, status: decision.approve ? 'approved' : 'rejected', decidedBy: actor.id, decidedAt: now, decisionNote: note } };
}
