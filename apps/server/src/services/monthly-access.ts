import { canSeeProject, DomainError, localDateOf, type Actor, type Capability, type StaffActor } from '@guanjia/core';
import type { AppDeps } from '../context.ts';
import { requireProjectOf } from './references.ts';

/**
 * Access to the monthly cycle (每月客户沟通): writing needs `monthly.write` (the service supervisor),
 * reviewing `monthly.review` (the office manager); reading either. The capability first (403), then
 * the project: one outside the actor's scope answers like an unknown one (404).
 */
export const MONTHLY_READ: readonly Capability[] = ['monthly.write', 'monthly.review'];

export function requireAnyCapability(actor: Actor, capabilities: readonly Capability[]): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || !capabilities.some((c) => actor.capabilities.has(c)))
    throw new DomainError('FORBIDDEN', undefined, { capability: capabilities.join(' / ') });
}

/** The project (with its time zone) after the capability and scope checks. */
export async function monthlyProject(deps: AppDeps, actor: Actor, capabilities: readonly Capability[], projectId: string, field = 'projectId') {
  requireAnyCapability(actor, capabilities);
  const project = await requireProjectOf(deps, actor, projectId, field);
  if (!canSeeProject(actor, actor.organizationId, projectId)) throw new DomainError('PROJECT_NOT_FOUND', field);
  return project;
}

/** A record of the cycle the actor may reach: another project's or tenant's answers as unknown (`code`). */
export function requireVisible<T extends { organizationId: string; projectId: string }>(
  actor: Actor,
  record: T | null,
  code: 'MONTHLY_CONTACT_NOT_FOUND' | 'MONTHLY_SUMMARY_NOT_FOUND' | 'MONTHLY_OPINION_NOT_FOUND' | 'MEETING_NOT_FOUND' | 'MEETING_ACTION_NOT_FOUND',
): T {
  if (!record || !canSeeProject(actor, record.organizationId, record.projectId)) throw new DomainError(code, 'id');
  return record;
}

/** Today in the project's time zone. */
export function todayIn(deps: AppDeps, timeZone: string): string {
  return localDateOf(deps.now(), timeZone);
}
