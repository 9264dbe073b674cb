import { accusedRefusal, DomainError, levelRecipients, qualityDepartmentOf, type CaseRecord, type NewCaseEvent } from '@guanjia/core';
import { insertNotification, listDepartments, listStaff, type NotificationRecord, type Schema, type StaffRecord } from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';

/**
 * Complaint routing on the server (SPEC §4): the rules are core's (accused.ts, routing.ts); this
 * file looks up the people and departments they need and writes the notices.
 */

/** Refuses a staff member picked for a role on a complaint they are accused in (assignee, recipient…). */
export function requireNotAccused(person: StaffRecord, c: Pick<CaseRecord, 'accusedParty' | 'accusedStaffId'>, field: string): void {
  const refusal = accusedRefusal(person, c, field);
  if (refusal) throw DomainError.from(refusal);
}

/** The company's quality department (品质部), if the organization has one. */
export async function qualityDepartmentId(db: Kysely<Schema>, organizationId: string): Promise<string | null> {
  return qualityDepartmentOf(await listDepartments(db, organizationId, null))?.id ?? null;
}

/**
 * Tells the people of the level a complaint has just reached (company: the quality department;
 * leadership: company leadership), minus the accused and the actor, with one in-app notice each.
 * Runs inside the caller's transaction. Returns whom it told.
 */
export async function notifyLevelReached(
  deps: AppDeps,
  db: Kysely<Schema>,
  c: CaseRecord,
  cause: { event: NewCaseEvent; actorId: string | null },
): Promise<string[]> {
  const notices = levelNotices(deps, await levelPeopleOf(db, c), c, cause);
  for (const n of notices) await insertNotification(db, n);
  return notices.map((n) => n.recipientId);
}

/** The staff of the case's project and the company's departments: whom a level may reach. */
export async function levelPeopleOf(db: Kysely<Schema>, c: Pick<CaseRecord, 'organizationId' | 'projectId'>) {
  const [people, departments] = await Promise.all([listStaff(db, c.organizationId, [c.projectId]), listDepartments(db, c.organizationId, null)]);
  return { people, departments };
}

/** The notices of notifyLevelReached, one per recipient, without I/O (an intake writes them with its other rows). */
export function levelNotices(
  deps: AppDeps,
  found: Awaited<ReturnType<typeof levelPeopleOf>>,
  c: CaseRecord,
  cause: { event: NewCaseEvent; actorId: string | null },
): NotificationRecord[] {
  const recipients = levelRecipients(c.level, found.people, found.departments, c, cause.actorId);
  return recipients.map((recipientId) => ({
    id: deps.newId(),
    organizationId: c.organizationId,
    recipientId,
    caseId: c.id,
    kind: 'case_escalated',
    data: {
      caseId: c.id,
      caseNumber: c.number,
      level: c.level,
      reason: (cause.event.data.reason as string | undefined) ?? (c.compensationClaim ? 'compensation' : c.accusedParty ? 'accused' : null),
      atIntake: cause.event.type === 'created',
      // the apology or read-back the desk still owes the owner, when escalated before them
      ...(Array.isArray(cause.event.data.owed) ? { owed: cause.event.data.owed } : {}),
    },
    createdAt: cause.event.at,
    readAt: null,
  }));
}
