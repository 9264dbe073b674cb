import { canSeeProject, DomainError, type Actor } from '@guanjia/core';
import { findOutage } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/**
 * An outage a case of `projectId` may be linked to: one of the actor's organization and scope
 * (else OUTAGE_NOT_FOUND, as an unknown id), of the case's own project (else OUTAGE_NOT_IN_PROJECT).
 * A closed outage may still be linked (a late call about it).
 */
export async function requireOutageForCase(deps: AppDeps, actor: Actor, outageId: string, projectId: string, field = 'outageId') {
  const o = await findOutage(deps.database.db, outageId);
  if (!o || !canSeeProject(actor, o.organizationId, o.projectId)) throw new DomainError('OUTAGE_NOT_FOUND', field);
  if (o.projectId !== projectId) throw new DomainError('OUTAGE_NOT_IN_PROJECT', field);
  return o;
}
