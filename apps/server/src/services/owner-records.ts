import { maskIdNumber } from '@guanjia/core';
import type { OwnerContactRecord, OwnerRecord } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/** The archive fields a new owner may be given (业主档案); what is left out takes the archive's defaults. */
export interface NewOwnerFields {
  name: string;
  kind: OwnerRecord['kind'];
  residency?: OwnerRecord['residency'];
  party?: OwnerRecord['party'];
  grade?: string;
  gender?: string | null;
  birthday?: string | null;
  /** In clear: stored encrypted, with its mask. */
  idNumber?: string | null;
  specialNeeds?: string | null;
  doNotDisturb?: OwnerRecord['doNotDisturb'];
  preferredChannel?: string | null;
  responsibleAgentId?: string | null;
  householdMembers?: OwnerRecord['householdMembers'];
  portalLogin?: string | null;
  portalPasswordHash?: string | null;
  notes?: string | null;
}

/**
 * A new archive as the desk's move-in and the roster import both make it: the ID number encrypted
 * and masked exactly as when typed.
 */
export function newOwnerRecord(deps: AppDeps, organizationId: string, o: NewOwnerFields, now: string): OwnerRecord {
  return {
    id: deps.newId(),
    organizationId,
    name: o.name,
    kind: o.kind,
    residency: o.residency ?? 'permanent',
    party: o.party ?? 'household',
    grade: (o.grade ?? 'normal') as OwnerRecord['grade'],
    gender: (o.gender ?? null) as OwnerRecord['gender'],
    birthday: o.birthday ?? null,
    idNumberEncrypted: o.idNumber ? deps.cipher.encrypt(o.idNumber) : null,
    idNumberMasked: o.idNumber ? maskIdNumber(o.idNumber) : null,
    specialNeeds: o.specialNeeds ?? null,
    doNotDisturb: o.doNotDisturb ?? [],
    preferredChannel: o.preferredChannel ?? null,
    responsibleAgentId: o.responsibleAgentId ?? null,
    householdMembers: o.householdMembers ?? [],
    portalLogin: o.portalLogin ?? null,
    portalPasswordHash: o.portalPasswordHash ?? null,
    notes: o.notes ?? null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** An archive's new contacts; `firstIsPrimary`: a new archive's first contact is its primary one unless one says so. */
export function newOwnerContacts(
  deps: AppDeps,
  organizationId: string,
  ownerId: string,
  contacts: readonly { kind: OwnerContactRecord['kind']; value: string; label?: string | null; isPrimary?: boolean }[],
  now: string,
  options: { firstIsPrimary: boolean },
): OwnerContactRecord[] {
  const anyPrimary = contacts.some((c) => c.isPrimary);
  return contacts.map((c, i) => ({
    id: deps.newId(),
    organizationId,
    ownerId,
    kind: c.kind,
    value: c.value,
    label: c.label ?? null,
    isPrimary: !!c.isPrimary || (options.firstIsPrimary && !anyPrimary && i === 0),
    createdAt: now,
  }));
}
