import { maskIdNumber, rosterWritesOf, type PersonWrite, type StaffActor } from '@guanjia/core';
import {
  appendAudit,
  insertBuilding,
  insertOwnerContacts,
  insertOwnerEvents,
  insertOwners,
  insertStaff,
  insertUnits,
  setStaffProjects,
  updateOwnerFields,
  updateStaff,
  updateUnit,
  upsertOwnerUnits,
  type AuditEntry,
  type BuildingRow,
  type NewStaffRecord,
  type OwnerContactRecord,
  type OwnerEventRecord,
  type OwnerRecord,
  type OwnerUnitRecord,
  type Schema,
  type UnitRow,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import type { KindPlan } from './import-plan.ts';
import { newOwnerContacts, newOwnerRecord } from './owner-records.ts';

/**
 * The apply's chunks (decision 0021): every record an import writes, made once before the first
 * chunk is written (ids drawn, ID numbers encrypted), then written a chunk per transaction. A chunk
 * holds whole people (an owner with their contacts and ties) or whole buildings' worth of units, so
 * a killed apply leaves whole chunks only.
 */
export type ImportChunk =
  | { kind: 'units'; buildings: BuildingRow[]; units: UnitRow[]; unitUpdates: { id: string; patch: Partial<UnitRow> }[] }
  | {
      kind: 'owners';
      owners: OwnerRecord[];
      ownerUpdates: { id: string; patch: Partial<OwnerRecord> }[];
      contacts: OwnerContactRecord[];
      ties: OwnerUnitRecord[];
      events: OwnerEventRecord[];
    }
  | {
      kind: 'staff';
      staff: NewStaffRecord[];
      staffUpdates: { id: string; organizationId: string; patch: Partial<NewStaffRecord>; projectIds: string[] }[];
      audits: AuditEntry[];
    };

const inSlices = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** The chunks of a plan, made one after another; rows with problems write nothing (the caller decided whether to go on without them). */
export function* chunksOf(deps: AppDeps, actor: StaffActor, planned: KindPlan, importId: string): Generator<ImportChunk> {
  const now = deps.now();
  const size = deps.limits.importChunkRows;
  if (planned.kind === 'units') {
    const buildingIds = new Map<string, string>();
    const buildings: BuildingRow[] = planned.plan.newBuildings.map((b) => {
      const id = deps.newId();
      buildingIds.set(`${b.projectId}|${b.key}`, id);
      return { id, organizationId: actor.organizationId, projectId: b.projectId, code: b.code, name: b.name, floors: null, createdAt: now, updatedAt: now };
    });
    const units: UnitRow[] = [];
    const unitUpdates: { id: string; patch: Partial<UnitRow> }[] = [];
    for (const row of planned.plan.rows) {
      const u = row.unit;
      if (!u) continue;
      if (row.action === 'create')
        units.push({
          id: deps.newId(),
          organizationId: actor.organizationId,
          projectId: u.projectId,
          buildingId: u.buildingId ?? buildingIds.get(`${u.projectId}|${u.buildingKey}`)!,
          code: u.code,
          entrance: u.entrance,
          kind: u.kind,
          floor: u.floor,
          areaSqm: u.areaSqm,
          createdAt: now,
          updatedAt: now,
        });
      else if (row.action === 'update' && u.unitId)
        unitUpdates.push({ id: u.unitId, patch: { floor: u.floor, areaSqm: u.areaSqm, kind: u.kind, updatedAt: now } });
    }
    const chunks: ImportChunk[] = inSlices(units, size).map((slice) => ({ kind: 'units', buildings: [], units: slice, unitUpdates: [] }));
    const updates = inSlices(unitUpdates, size).map((slice): ImportChunk => ({ kind: 'units', buildings: [], units: [], unitUpdates: slice }));
    const all = [...chunks, ...updates];
    // the new buildings go with the first chunk, before their units
    if (all[0]?.kind === 'units') all[0].buildings = buildings;
    else if (buildings.length) all.push({ kind: 'units', buildings, units: [], unitUpdates: [] });
    yield* all;
    return;
  }
  if (planned.kind === 'owners') {
    const projectOfUnit = new Map(planned.estate.units.map((u) => [u.id, u.projectId]));
    // a chunk's records are made when it is written to the file, not all at once
    const people = rosterWritesOf(planned.plan);
    for (let at = 0; at < people.length; at += size) yield ownersChunk(deps, actor, people.slice(at, at + size), projectOfUnit, importId, now);
    return;
  }
  const current = new Map(planned.estate.staff.map((s) => [s.id, s]));
  const rows = planned.plan.rows.filter((r) => (r.action === 'create' || r.action === 'update') && r.staff);
  yield* inSlices(rows, size).map((slice): ImportChunk => {
    const chunk: Extract<ImportChunk, { kind: 'staff' }> = { kind: 'staff', staff: [], staffUpdates: [], audits: [] };
    for (const row of slice) {
      const s = row.staff!;
      const fields = { name: s.name, phone: s.phone, email: s.email, roles: s.roles, departmentId: s.departmentId, companyWide: s.companyWide };
      let id = s.staffId;
      if (id === null) {
        id = deps.newId();
        // no password: an administrator sets a first one (重置密码), which must be changed at the first sign-in
        chunk.staff.push({
          id,
          organizationId: actor.organizationId,
          username: s.username,
          ...fields,
          passwordHash: '!',
          active: true,
          failedLogins: 0,
          lockedUntil: null,
          createdAt: now,
          updatedAt: now,
          projectIds: s.projectIds,
        });
      } else chunk.staffUpdates.push({ id, organizationId: actor.organizationId, patch: { ...fields, updatedAt: now }, projectIds: s.projectIds });
      const before = s.staffId ? current.get(s.staffId) : undefined;
      chunk.audits.push({
        organizationId: actor.organizationId,
        actorKind: 'staff',
        actorId: actor.id,
        action: before ? 'staff.update' : 'staff.create',
        targetType: 'staff',
        targetId: id,
        projectId: s.companyWide || s.projectIds.length !== 1 ? null : s.projectIds[0]!,
        detail: { importId, row: row.rowNumber, changed: row.changed, roles: s.roles, projectIds: s.projectIds, companyWide: s.companyWide },
        at: now,
      });
    }
    return chunk;
  });
}

function ownersChunk(
  deps: AppDeps,
  actor: StaffActor,
  people: readonly PersonWrite[],
  projectOfUnit: ReadonlyMap<string, string>,
  importId: string,
  now: string,
): ImportChunk {
  const chunk: Extract<ImportChunk, { kind: 'owners' }> = { kind: 'owners', owners: [], ownerUpdates: [], contacts: [], ties: [], events: [] };
  for (const p of people) {
    const f = p.fields;
    let ownerId = p.ownerId;
    const logged: Record<string, unknown> = {};
    if (ownerId === null) {
      const owner = newOwnerRecord(deps, actor.organizationId, { ...f, kind: p.ties.some((t) => t.relation === 'owner') ? 'owner' : 'occupant' }, now);
      ownerId = owner.id;
      chunk.owners.push(owner);
    } else if (p.changedFields.length) {
      const patch: Partial<OwnerRecord> = { updatedAt: now };
      for (const field of p.changedFields) {
        if (field === 'idNumber') {
          patch.idNumberEncrypted = f.idNumber ? deps.cipher.encrypt(f.idNumber) : null;
          patch.idNumberMasked = f.idNumber ? maskIdNumber(f.idNumber) : null;
          logged.idNumber = patch.idNumberMasked;
        } else {
          (patch as Record<string, unknown>)[field] = f[field];
          logged[field] = f[field];
        }
      }
      chunk.ownerUpdates.push({ id: ownerId, patch });
    }
    const contacts = newOwnerContacts(
      deps,
      actor.organizationId,
      ownerId,
      [...p.newPhones.map((value) => ({ kind: 'phone' as const, value })), ...p.newEmails.map((value) => ({ kind: 'email' as const, value }))],
      now,
      { firstIsPrimary: p.ownerId === null },
    );
    chunk.contacts.push(...contacts);
    for (const t of p.ties)
      chunk.ties.push({
        ownerId,
        unitId: t.unitId,
        organizationId: actor.organizationId,
        projectId: projectOfUnit.get(t.unitId)!,
        relation: t.relation,
        moveInDate: t.moveInDate,
        createdAt: now,
        isPrimary: t.primary,
      });
    chunk.events.push({
      id: deps.newId(),
      organizationId: actor.organizationId,
      ownerId,
      type: p.ownerId === null ? 'imported' : 'import_updated',
      actorKind: 'staff',
      actorId: actor.id,
      data: {
        importId,
        rows: p.rowNumbers,
        ...(p.ownerId === null ? {} : { changes: logged }),
        contactsAdded: contacts.length,
        units: p.ties.map((t) => ({ unitId: t.unitId, label: t.unitLabel, relation: t.relation, primary: t.primary, moveInDate: t.moveInDate })),
      },
      at: now,
    });
  }
  return chunk;
}

/** Writes one chunk (inside the caller's transaction). */
export async function writeChunk(db: Kysely<Schema>, chunk: ImportChunk): Promise<void> {
  if (chunk.kind === 'units') {
    for (const b of chunk.buildings) await insertBuilding(db, b);
    await insertUnits(db, chunk.units);
    for (const u of chunk.unitUpdates) await updateUnit(db, u.id, u.patch);
  } else if (chunk.kind === 'owners') {
    await insertOwners(db, chunk.owners);
    for (const u of chunk.ownerUpdates) await updateOwnerFields(db, u.id, u.patch);
    for (let i = 0; i < chunk.contacts.length; i += 400) await insertOwnerContacts(db, chunk.contacts.slice(i, i + 400));
    // ties losing 主业主 first: the unique index allows one primary per unit at every moment
    await upsertOwnerUnits(
      db,
      [...chunk.ties].sort((a, b) => Number(a.isPrimary) - Number(b.isPrimary)),
    );
    await insertOwnerEvents(db, chunk.events);
  } else {
    for (const s of chunk.staff) await insertStaff(db, s);
    for (const u of chunk.staffUpdates) {
      await updateStaff(db, u.id, u.patch);
      await setStaffProjects(db, u.id, u.organizationId, u.projectIds);
    }
    for (const a of chunk.audits) await appendAudit(db, a);
  }
}
