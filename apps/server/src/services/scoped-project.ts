import { canSeeProject, DomainError, requireCapability, type Actor, type Capability } from '@guanjia/core';
import type { AppDeps } from '../context.ts';
import { requireProjectOf } from './references.ts';

/**
 * The capability first (403), then the project: another tenant's, or one outside the actor's scope,
 * answers like an unknown one (PROJECT_NOT_FOUND, 404). Returns the project.
 */
export async function requireProjectIn(deps: AppDeps, actor: Actor, capability: Capability, projectId: string, field = 'projectId') {
  requireCapability(actor, capability);
  const project = await requireProjectOf(deps, actor, projectId, field);
  if (!canSeeProject(actor, actor.organizationId, projectId)) throw new DomainError('PROJECT_NOT_FOUND', field);
  return project;
}
