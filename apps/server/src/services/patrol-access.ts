import { createHmac } from 'node:crypto';
import { DomainError, requireCapability, visibleProjectIds, type Actor, type Capability, type Signer, type StaffActor } from '@guanjia/core';
import { listStaff, type Schema } from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';

/**
 * Shared by the inspection services (issue 15, decision 0034): who may read, and the signing key of
 * point codes and scan tickets — an HMAC-SHA256 under a key derived from the server's field key for
 * this purpose and organization, so another company's codes never verify here and a restart keeps them.
 */

/** Readers of patrols, checks and defects: any of these capabilities. */
export const INSPECTION_READERS: readonly Capability[] = ['inspection.read', 'inspection.admin', 'inspection.audit', 'defect.manage', 'inspection.check'];

export function requireInspectionReader(actor: Actor): asserts actor is StaffActor {
  if (actor.kind === 'staff' && INSPECTION_READERS.some((c) => actor.capabilities.has(c))) return;
  requireCapability(actor, 'inspection.read');
}

/** The projects the actor reads inspections of (all, or their own). */
export function inspectionProjects(actor: StaffActor): readonly string[] | 'all' {
  return visibleProjectIds(actor);
}

export function inScope(actor: StaffActor, row: { organizationId: string; projectId: string }): boolean {
  if (row.organizationId !== actor.organizationId) return false;
  const mine = visibleProjectIds(actor);
  return mine === 'all' || mine.includes(row.projectId);
}

/** A row of the actor's organization and projects, else the not-found error (never a hint it exists). */
export function requireInScope<T extends { organizationId: string; projectId: string }>(
  actor: StaffActor,
  row: T | null,
  code: 'INSPECTION_POINT_NOT_FOUND' | 'PATROL_PLAN_NOT_FOUND' | 'PATROL_TASK_NOT_FOUND' | 'DEFECT_NOT_FOUND' | 'RECTIFICATION_NOT_FOUND',
  field = 'id',
): T {
  if (!row || !inScope(actor, row)) throw new DomainError(code, field);
  return row;
}

export function patrolSigner(deps: AppDeps, organizationId: string): Signer {
  const key = deps.cipher.derive(`patrol-codes:${organizationId}`);
  return (text) => createHmac('sha256', key).update(text, 'utf8').digest('base64url');
}

/** The project's active office managers (管理处主任): the inspections' notices of a project go to them. */
export async function officeManagersOf(db: Kysely<Schema>, organizationId: string, projectId: string) {
  return (await listStaff(db, organizationId, [projectId])).filter((s) => s.active && s.roles.includes('office_manager') && s.projectIds.includes(projectId));
}
