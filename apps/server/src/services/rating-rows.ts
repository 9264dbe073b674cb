import type { CaseCommand, CaseRecord } from '@guanjia/core';
import type { CaseRatingRecord } from '@guanjia/storage';

/** The case_ratings row of an owner's `rate` command: overall is the case's rating, the other scores beside it (decision 0028). */
export function ratingRowOf(
  c: Pick<CaseRecord, 'id' | 'organizationId' | 'projectId' | 'ownerId'>,
  cmd: Extract<CaseCommand, { type: 'rate' }>,
  now: string,
): Omit<CaseRatingRecord, 'reply' | 'repliedBy' | 'repliedAt'> {
  return {
    caseId: c.id,
    organizationId: c.organizationId,
    projectId: c.projectId,
    ownerId: c.ownerId,
    overall: cmd.rating,
    speed: cmd.speed ?? null,
    technician: cmd.technician ?? null,
    comment: cmd.comment ?? null,
    ratedAt: now,
  };
}
