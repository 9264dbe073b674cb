import { insertOwnerContacts, insertOwners, insertUnits, upsertOwnerUnits, type OwnerContactRecord, type OwnerRecord } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/**
 * Many households at once, written straight to the tables (an import of 20,000 would take minutes),
 * for the notice tests and the notify bench: `perBuilding` homes in each of the given buildings, one
 * owner each — a mainland mobile for all, a linked WeChat (openid) for every 3rd owner, email (and a
 * preference for it) for every 7th, 免打扰 22:00–07:00 for every 5th, reminders muted by SMS for every
 * 11th. Returns the owners in order (owner i lives in home i).
 */
export async function seedHouseholds(
  deps: Pick<AppDeps, 'database' | 'newId' | 'now'>,
  place: { organizationId: string; projectId: string; buildingIds: readonly string[]; perBuilding: number },
): Promise<{ ownerIds: string[]; unitIds: string[] }> {
  const { organizationId, projectId } = place;
  const now = deps.now();
  const units: Parameters<typeof insertUnits>[1][number][] = [];
  for (const buildingId of place.buildingIds)
    for (let u = 0; u < place.perBuilding; u += 1) {
      const code = `${Math.floor(u / 4) + 1}${String((u % 4) + 1).padStart(2, '0')}`;
      units.push({
        id: deps.newId(),
        organizationId,
        projectId,
        buildingId,
        code,
        entrance: null,
        kind: 'indoor',
        floor: null,
        areaSqm: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  const owners: OwnerRecord[] = [];
  const contacts: OwnerContactRecord[] = [];
  units.forEach((_, i) => {
    const id = deps.newId();
    owners.push({
      id,
      organizationId,
      name: `业主${i}`,
      kind: 'owner',
      residency: 'permanent',
      party: 'household',
      grade: 'normal',
      gender: null,
      birthday: null,
      idNumberEncrypted: null,
      idNumberMasked: null,
      specialNeeds: null,
      doNotDisturb: i % 5 === 0 ? [{ from: '22:00', to: '07:00' }] : [],
      preferredChannel: i % 7 === 0 ? 'email' : null,
      responsibleAgentId: null,
      householdMembers: [],
      portalLogin: null,
      portalPasswordHash: null,
      notes: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const contact = (kind: OwnerContactRecord['kind'], value: string, isPrimary: boolean): OwnerContactRecord => ({
      id: deps.newId(),
      organizationId,
      ownerId: id,
      kind,
      value,
      label: null,
      isPrimary,
      createdAt: now,
    });
    contacts.push(contact('phone', `139${String(i).padStart(8, '0')}`, true));
    if (i % 3 === 0) contacts.push(contact('wechat', `o${String(i).padStart(27, 'x')}`, false));
    if (i % 7 === 0) contacts.push(contact('email', `owner${i}@example.com`, false));
  });
  await deps.database.write(async (db) => {
    for (let i = 0; i < units.length; i += 2000) await insertUnits(db, units.slice(i, i + 2000));
    for (let i = 0; i < owners.length; i += 1000) await insertOwners(db, owners.slice(i, i + 1000));
    for (let i = 0; i < contacts.length; i += 400) await insertOwnerContacts(db, contacts.slice(i, i + 400));
    const ties = units.map((u, i) => ({
      ownerId: owners[i]!.id,
      unitId: u.id,
      organizationId,
      projectId,
      relation: 'owner' as const,
      moveInDate: '2024-01-01',
      createdAt: now,
      isPrimary: true,
    }));
    for (let i = 0; i < ties.length; i += 2000) await upsertOwnerUnits(db, ties.slice(i, i + 2000));
    const muted = owners.filter((_, i) => i % 11 === 0).map((o) => o.id);
    for (let i = 0; i < muted.length; i += 1000)
      await db
        .updateTable('owners')
        .set({ messageMutes: JSON.stringify([{ kind: 'reminder', channel: 'sms' }]) })
        .where('id', 'in', muted.slice(i, i + 1000))
        .execute();
  });
  return { ownerIds: owners.map((o) => o.id), unitIds: units.map((u) => u.id) };
}
