import type { StaffRole } from '../structure/roles.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import type { CaseRecord } from './case.ts';

/** Whom a complaint names, as far as the accused rule needs it. */
export type AccusedOf = Pick<CaseRecord, 'accusedParty' | 'accusedStaffId'>;

/** A staff member as the accused rule sees them: who, and in which roles. */
export interface StaffPerson {
  id: string;
  roles: readonly StaffRole[];
}

/**
 * Whether this staff member is accused by the complaint (SPEC §4): the named staff member, or, for a
 * complaint against the office's management, every office manager (管理处主任). The accused never
 * sees the complaint, never handles or approves it, and is never told of it.
 */
export function isAccused(person: StaffPerson, c: AccusedOf): boolean {
  if (c.accusedStaffId !== null && c.accusedStaffId === person.id) return true;
  return c.accusedParty === 'office_management' && person.roles.includes('office_manager');
}

/** Refuses a person for a role on the case (assignee, approver, recipient) when they are accused; `field` names it. */
export function accusedRefusal(person: StaffPerson, c: AccusedOf, field: string): Refusal | null {
  return isAccused(person, c) ? refuse('ACCUSED_EXCLUDED', field) : null;
}

/** The people of a list who may be told of the complaint (everyone but the accused). */
export function withoutAccused<P extends StaffPerson>(people: readonly P[], c: AccusedOf): P[] {
  return people.filter((p) => !isAccused(p, c));
}

/** What a query needs to leave out the complaints this person is accused in (storage's AccusedExclusion). */
export function accusedExclusionOf(person: StaffPerson): { staffId: string; officeManager: boolean } {
  return { staffId: person.id, officeManager: person.roles.includes('office_manager') };
}
