import type { Actor } from '../access/actor.ts';
import { canSeeCase } from '../access/policy.ts';
import type { CaseRecord } from '../cases/case.ts';
import { maskName } from './masking.ts';

/**
 * What staff are shown of an owner on case screens (SPEC §2, §13): names masked (张*) unless the role
 * may reveal owner data; special needs in full for those who serve the owner, a mere flag otherwise;
 * the phone number only on request, logged, to whoever must call the owner about this case.
 */
export function mayRevealOwnerData(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.capabilities.has('owner.reveal');
}

/** The owner's name as this actor sees it on lists and cards. */
export function ownerNameFor(actor: Actor, name: string): string {
  return mayRevealOwnerData(actor) ? name : maskName(name);
}

/**
 * Whoever must call the owner about a case: the service desk of its project (客服专员, 大堂助理,
 * 管家, 客服主管, 管理处主任 …: the intake roles), and the case's assignee (the technician on his way).
 */
export function mayCallOwner(
  actor: Actor,
  c: Pick<CaseRecord, 'organizationId' | 'projectId' | 'ownerId' | 'accusedParty' | 'accusedStaffId' | 'assigneeId'>,
): boolean {
  if (actor.kind !== 'staff' || !canSeeCase(actor, c)) return false;
  return actor.capabilities.has('case.intake') || c.assigneeId === actor.id;
}

/**
 * 特殊需求 (health, disability, family situations) are sensitive: shown to those who read owner
 * archives or must call the owner about this case; others learn only that there are some.
 */
export function specialNeedsFor(
  actor: Actor,
  c: Pick<CaseRecord, 'organizationId' | 'projectId' | 'ownerId' | 'accusedParty' | 'accusedStaffId' | 'assigneeId'>,
  specialNeeds: string | null,
): { specialNeeds: string | null; hasSpecialNeeds: boolean } {
  const has = !!specialNeeds?.trim();
  const permitted = actor.kind === 'staff' && (actor.capabilities.has('owner.read') || mayCallOwner(actor, c));
  return { specialNeeds: has && permitted ? specialNeeds : null, hasSpecialNeeds: has };
}
