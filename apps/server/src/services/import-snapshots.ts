import { normalizeIdNumber, parseMainlandPhone, type RosterSnapshot, type StaffSnapshot } from '@guanjia/core';
import { loadEstateSnapshot, loadRosterRows, loadStaffRows } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/**
 * The organization's estate and owners as the roster's dry run compares them: ID numbers decrypted
 * here, in memory for the comparison only (they are never sent or logged), phones as digits.
 */
export async function rosterSnapshotOf(deps: AppDeps, organizationId: string): Promise<RosterSnapshot> {
  const db = deps.database.db;
  const [estate, rows] = await Promise.all([loadEstateSnapshot(db, organizationId), loadRosterRows(db, organizationId)]);
  const phones = new Map<string, string[]>();
  const emails = new Map<string, string[]>();
  for (const c of rows.contacts) {
    const into = c.kind === 'phone' ? phones : emails;
    // a phone as the roster's rows read it (mainland-phone.ts), anything else by its digits
    const value = c.kind === 'phone' ? (parseMainlandPhone(c.value)?.digits ?? c.value.replace(/\D/g, '')) : c.value;
    into.set(c.ownerId, [...(into.get(c.ownerId) ?? []), value]);
  }
  return {
    ...estate,
    owners: rows.owners.map((o) => ({
      id: o.id,
      name: o.name,
      grade: o.grade,
      gender: o.gender,
      birthday: o.birthday,
      idNumber: o.idNumberEncrypted ? normalizeIdNumber(deps.cipher.decrypt(o.idNumberEncrypted)) : null,
      specialNeeds: o.specialNeeds,
      notes: o.notes,
      phones: phones.get(o.id) ?? [],
      emails: emails.get(o.id) ?? [],
    })),
    links: rows.links.map((l) => ({ ownerId: l.ownerId, unitId: l.unitId, relation: l.relation, primary: l.isPrimary, moveInDate: l.moveInDate })),
  };
}

/** The organization's projects, departments and staff accounts as the staff import's dry run compares them. */
export async function staffSnapshotOf(deps: AppDeps, organizationId: string): Promise<StaffSnapshot> {
  const db = deps.database.db;
  const [estate, rows] = await Promise.all([loadEstateSnapshot(db, organizationId), loadStaffRows(db, organizationId)]);
  return { projects: estate.projects, ...rows };
}
