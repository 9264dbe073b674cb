import type { RouteQuery } from '@guanjia/api-contract';
import {
  accusedExclusionOf,
  canSeeCase,
  DomainError,
  interpretOwnerSearch,
  unitMatchesAddress,
  maskEmail,
  maskIdNumber,
  maskPhone,
  requireCapability,
  visibleProjectIds,
  type Actor,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  findBuilding,
  findOwner,
  listProjects,
  unitLabelsOf,
  findProject,
  findUnit,
  findOwnerByPortalLogin,
  insertOwnerContacts,
  insertOwnerEvent,
  listCaseSummaries,
  listEventsOfCases,
  listOwnerContacts,
  listOwnerEvents,
  listOwnerTies,
  listOwnerUnits,
  searchOwners,
  unitsWithRoom,
  updateOwner,
  type OwnerSearch,
  type OwnerUnitRecord,
  type OwnerContactRecord,
  type OwnerRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { hashPassword } from '../security/passwords.ts';
import { requireOwnerOf } from './references.ts';
import { requirePasswordPolicy } from './password-rules.ts';
import { endAccountAccess } from './account-access.ts';
import type { NewOwnerFields } from './owner-records.ts';
import { inTransaction } from './transaction.ts';
import { encodeCursor } from './case-cursor.ts';
import { summaryOf } from './cases.service.ts';
import { visitsOfOwner } from './visits.service.ts';

export function maskContact(c: OwnerContactRecord): string {
  if (c.kind === 'phone') return maskPhone(c.value);
  if (c.kind === 'email') return maskEmail(c.value);
  return `${c.value.slice(0, 2)}***`;
}

/**
 * Owner as staff see it: every contact and the ID number masked (revealing is a separate, logged
 * call); the units they hold or occupy now, and those they left (迁出/过户), newest first.
 */
export async function ownerViews(deps: AppDeps, owners: OwnerRecord[]) {
  const db = deps.database.db;
  const ids = owners.map((o) => o.id);
  const [contacts, links] = await Promise.all([listOwnerContacts(db, ids), listOwnerTies(db, ids)]);
  // the units and projects of the whole page at once (one statement each, never one per link)
  const [units, projects] = await Promise.all([
    unitLabelsOf(
      db,
      links.map((l) => l.unitId),
    ),
    owners.length ? listProjects(db, owners[0]!.organizationId, [...new Set(links.map((l) => l.projectId))]) : [],
  ]);
  const projectNames = new Map(projects.map((p) => [p.id, p.name]));
  const unitView = (l: OwnerUnitRecord) => ({
    unitId: l.unitId,
    projectId: l.projectId,
    relation: l.relation,
    isPrimary: l.isPrimary,
    moveInDate: l.moveInDate,
    movedOutOn: l.movedOutOn ?? null,
    ...unitInfo.get(l.unitId)!,
  });
  const unitInfo = new Map<string, { unitCode: string; buildingName: string; projectName: string }>();
  for (const l of links) {
    const u = units.get(l.unitId);
    unitInfo.set(l.unitId, { unitCode: u?.code ?? '', buildingName: u?.buildingName ?? '', projectName: projectNames.get(l.projectId) ?? '' });
  }
  return owners.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    residency: o.residency,
    party: o.party,
    grade: o.grade,
    gender: o.gender,
    birthday: o.birthday,
    idNumber: o.idNumberMasked,
    specialNeeds: o.specialNeeds,
    doNotDisturb: o.doNotDisturb,
    preferredChannel: o.preferredChannel,
    responsibleAgentId: o.responsibleAgentId,
    householdMembers: o.householdMembers,
    portalLogin: o.portalLogin ? maskPhone(o.portalLogin) : null,
    notes: o.notes,
    contacts: contacts
      .filter((c) => c.ownerId === o.id)
      .map((c) => ({ id: c.id, kind: c.kind, value: maskContact(c), label: c.label, isPrimary: c.isPrimary })),
    units: links.filter((l) => l.ownerId === o.id && !l.movedOutOn).map(unitView),
    formerUnits: links
      .filter((l) => l.ownerId === o.id && l.movedOutOn)
      .sort((a, b) => (a.movedOutOn! < b.movedOutOn! ? 1 : a.movedOutOn! > b.movedOutOn! ? -1 : 0))
      .map(unitView),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    version: o.version,
  }));
}

/** An owner visible to this staff member: tied to one of their projects, now or before (company-wide: any). */
export async function visibleOwner(deps: AppDeps, actor: StaffActor, id: string, field = 'id'): Promise<OwnerRecord> {
  return (await visibleOwnerInProject(deps, actor, id, field)).owner;
}

/**
 * The owner and the first of their projects this staff member works in (null: the owner has no unit
 * yet). A former owner (迁出/过户) stays visible to the project's staff: the archive is its history.
 */
export async function visibleOwnerInProject(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  field = 'id',
): Promise<{ owner: OwnerRecord; projectId: string | null }> {
  const owner = await requireOwnerOf(deps.database, actor, id, field);
  const scope = visibleProjectIds(actor);
  // current ties first: they name the project an audit entry is filed under
  const links = (await listOwnerTies(deps.database.db, [id])).sort((a, b) => Number(!!a.movedOutOn) - Number(!!b.movedOutOn));
  if (scope === 'all') return { owner, projectId: links[0]?.projectId ?? null };
  const link = links.find((l) => scope.includes(l.projectId));
  if (!link) throw new DomainError('OWNER_NOT_FOUND', field);
  return { owner, projectId: link.projectId };
}

/** An archive as typed at the desk: the fields of a new archive (owner-records.ts), its portal password in clear, its contacts. */
export type OwnerInput = Omit<NewOwnerFields, 'kind' | 'portalPasswordHash' | 'grade' | 'gender'> & {
  kind?: OwnerRecord['kind'];
  grade?: OwnerRecord['grade'];
  gender?: OwnerRecord['gender'];
  portalPassword?: string | null;
  contacts?: { kind: OwnerContactRecord['kind']; value: string; label?: string | null; isPrimary: boolean }[];
};

export async function getOwner(deps: AppDeps, actor: StaffActor, id: string) {
  requireCapability(actor, 'owner.read');
  return (await ownerViews(deps, [await visibleOwner(deps, actor, id)]))[0]!;
}

/** The owner list's filters (GET /api/owners, its export). */
export type OwnerListQuery = RouteQuery<'GET /api/owners'>;

/**
 * The list's filters as searchOwners takes them, within the staff member's projects; null when
 * nothing can match (a project outside them, an address naming no unit).
 */
export async function ownerListSearch(deps: AppDeps, actor: StaffActor, q: Omit<OwnerListQuery, 'limit' | 'offset'>, page: { limit: number; offset: number }) {
  requireCapability(actor, 'owner.read');
  const db = deps.database.db;
  const scope = visibleProjectIds(actor);
  let projectIds: readonly string[] | null = scope === 'all' ? null : scope;
  if (q.projectId) {
    if (projectIds && !projectIds.includes(q.projectId)) return null;
    projectIds = [q.projectId];
  }
  if (q.buildingId) {
    const building = await findBuilding(db, q.buildingId);
    if (!building || building.organizationId !== actor.organizationId || (projectIds && !projectIds.includes(building.projectId)))
      throw new DomainError('BUILDING_NOT_FOUND', 'query.buildingId');
  }
  const search: OwnerSearch = {
    organizationId: actor.organizationId,
    projectIds,
    unitId: q.unitId,
    buildingId: q.buildingId,
    grade: q.grade,
    tenure: q.tenure,
    specialNeeds: q.specialNeeds ? { text: q.specialNeeds } : q.hasSpecialNeeds ? { any: q.hasSpecialNeeds === 'true' } : undefined,
    ...page,
  };
  const text = q.q ? interpretOwnerSearch(q.q) : null;
  if (text?.kind === 'phone_last4') search.phoneLast4 = text.last4;
  if (text?.kind === 'phone') Object.assign(search, { phoneLast4: text.phone.slice(-4), text: text.phone });
  if (text?.kind === 'text') search.text = text.text;
  if (text?.kind === 'unit') {
    // 1-2-301 / 1栋2单元301: the units of that room number, kept when building and entrance match too
    const room = text.address.room;
    const rooms = /^\d+$/.test(room) ? [...new Set([room, String(Number(room))])] : [room];
    const units = await unitsWithRoom(db, { organizationId: actor.organizationId, projectIds, rooms, limit: 200 });
    search.unitIds = units.filter((u) => unitMatchesAddress(text.address, u)).map((u) => u.unitId);
    if (search.unitIds.length === 0) return null;
  }
  return search;
}

export async function findOwners(deps: AppDeps, actor: StaffActor, q: OwnerListQuery & { limit: number; offset: number }) {
  const { limit, offset, ...filters } = q;
  const search = await ownerListSearch(deps, actor, filters, { limit, offset });
  return search ? ownerViews(deps, await searchOwners(deps.database.db, search)) : [];
}

/** Archive edits are events: the owner event lists the changed fields (sensitive values masked). */
export async function editOwner(deps: AppDeps, actor: StaffActor, id: string, patch: Partial<OwnerInput> & { expectedVersion?: number }) {
  requireCapability(actor, 'owner.write');
  const o = await visibleOwner(deps, actor, id);
  if (patch.expectedVersion !== undefined && patch.expectedVersion !== o.version)
    throw new DomainError('VERSION_CONFLICT', 'expectedVersion', { version: o.version });
  const { expectedVersion: _v, idNumber, portalPassword, contacts: _c, ...fields } = patch;
  // the customer grade changes only through an approved request (grade-requests.service.ts)
  if (fields.grade !== undefined && fields.grade !== o.grade) throw new DomainError('GRADE_CHANGE_NEEDS_APPROVAL', 'grade');
  delete fields.grade;
  if (fields.portalLogin && fields.portalLogin !== o.portalLogin && (await findOwnerByPortalLogin(deps.database.db, fields.portalLogin)))
    throw new DomainError('USERNAME_TAKEN', 'portalLogin');
  const now = deps.now();
  const changes: Partial<OwnerRecord> = { ...(fields as Partial<OwnerRecord>), updatedAt: now };
  const logged: Record<string, unknown> = { ...fields };
  if (fields.portalLogin) logged.portalLogin = maskPhone(fields.portalLogin);
  if (idNumber !== undefined) {
    changes.idNumberEncrypted = idNumber ? deps.cipher.encrypt(idNumber) : null;
    changes.idNumberMasked = idNumber ? maskIdNumber(idNumber) : null;
    logged.idNumber = changes.idNumberMasked;
  }
  if (portalPassword) {
    requirePasswordPolicy(portalPassword, fields.portalLogin ?? o.portalLogin ?? '', 'portalPassword');
    changes.portalPasswordHash = await hashPassword(portalPassword);
    logged.portalPassword = '(changed)';
  }
  await inTransaction(deps.database, async (db) => {
    // Re-read under the write lock: two edits made from the same version must not both succeed.
    const current = await findOwner(db, id, { forUpdate: true });
    if (!current) throw new DomainError('OWNER_NOT_FOUND', 'id');
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== current.version)
      throw new DomainError('VERSION_CONFLICT', 'expectedVersion', { version: current.version });
    await updateOwner(db, id, { ...changes, version: current.version + 1 });
    // a new portal password set by staff ends the owner's sessions at once
    if (portalPassword) await endAccountAccess(db, { kind: 'owner', id }, now);
    await insertOwnerEvent(db, {
      id: deps.newId(),
      organizationId: actor.organizationId,
      ownerId: id,
      type: 'archive_updated',
      actorKind: 'staff',
      actorId: actor.id,
      data: { changes: logged },
      at: now,
    });
  });
  deps.ownerNameCache?.delete(id); // lists show the new name at once (other processes within seconds)
  if (portalPassword) deps.actorCache?.clear();
  return getOwner(deps, actor, id);
}

export async function addOwnerContact(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  c: { kind: OwnerContactRecord['kind']; value: string; label?: string | null; isPrimary: boolean },
) {
  requireCapability(actor, 'owner.write');
  await visibleOwner(deps, actor, id);
  const now = deps.now();
  const contact: OwnerContactRecord = {
    id: deps.newId(),
    organizationId: actor.organizationId,
    ownerId: id,
    kind: c.kind,
    value: c.value,
    label: c.label ?? null,
    isPrimary: c.isPrimary,
    createdAt: now,
  };
  await inTransaction(deps.database, async (db) => {
    await insertOwnerContacts(db, [contact]);
    await insertOwnerEvent(db, {
      id: deps.newId(),
      organizationId: actor.organizationId,
      ownerId: id,
      type: 'contact_added',
      actorKind: 'staff',
      actorId: actor.id,
      data: { contactId: contact.id, kind: c.kind, value: maskContact(contact) },
      at: now,
    });
  });
  return getOwner(deps, actor, id);
}

/** Unmasks one value for a stated reason; each reveal is an audit entry (who, what, when, why). */
export async function revealOwnerField(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  input: { field: 'idNumber' | 'contact'; contactId?: string; reason: string },
  ip: string | null,
) {
  requireCapability(actor, 'owner.reveal');
  const { owner: o, projectId } = await visibleOwnerInProject(deps, actor, id);
  let value: string | null;
  if (input.field === 'idNumber') {
    value = o.idNumberEncrypted ? deps.cipher.decrypt(o.idNumberEncrypted) : null;
  } else {
    const contact = (await listOwnerContacts(deps.database.db, [id])).find((c) => c.id === input.contactId);
    if (!contact) throw new DomainError('CONTACT_NOT_FOUND', 'contactId');
    value = contact.value;
  }
  await appendAudit(deps.database.db, {
    organizationId: actor.organizationId,
    actorKind: 'staff',
    actorId: actor.id,
    action: 'owner.reveal',
    targetType: 'owner',
    targetId: id,
    projectId,
    detail: { field: input.field, contactId: input.contactId ?? null, reason: input.reason },
    ip,
    at: deps.now(),
  });
  return { field: input.field, contactId: input.contactId ?? null, value };
}

/** The archive shows this many of the owner's cases at once, newest first; the rest through GET /api/cases?ownerId=…&cursor=. */
export const ARCHIVE_CASES_PAGE = 50;
/** …and the newest this many events of those cases, as many as the console's timeline shows; a case's whole history is on its own page. */
export const ARCHIVE_EVENTS = 50;
/** What the visibility rule reads of a case besides its summary (the accused: decision 0008). */
const ARCHIVE_RULE_COLUMNS = ['accusedStaffId'] as const;

/**
 * The archive: the owner, their units, their newest cases this staff member may see (one keyset page,
 * `casesNextCursor` for the next ones), the newest events of those cases, and the archive's own events.
 */
export async function getOwnerArchive(deps: AppDeps, actor: StaffActor, id: string) {
  requireCapability(actor, 'owner.read');
  const owner = await getOwner(deps, actor, id);
  // summaries, as every case list sends (decision 0019), with what the visibility rule reads
  const rows = await listCaseSummaries(
    deps.database.db,
    {
      organizationId: actor.organizationId,
      projectIds: actor.companyWide ? null : actor.projectIds,
      excludeAccused: accusedExclusionOf(actor),
      ownerId: id,
      limit: ARCHIVE_CASES_PAGE + 1,
    },
    ARCHIVE_RULE_COLUMNS,
  );
  const cases = rows
    .slice(0, ARCHIVE_CASES_PAGE)
    .filter((c) => canSeeCase(actor, c))
    .map((c) => summaryOf(c, ARCHIVE_RULE_COLUMNS));
  const last = cases[cases.length - 1];
  const casesNextCursor = rows.length > ARCHIVE_CASES_PAGE && last ? encodeCursor(last) : null;
  const events = await listEventsOfCases(
    deps.database.db,
    cases.map((c) => c.id),
    { includeInternal: true, newest: ARCHIVE_EVENTS },
  );
  const [ownerEvents, visits] = await Promise.all([listOwnerEvents(deps.database.db, id), visitsOfOwner(deps, actor, id)]);
  const messages = events.filter((e) => e.type === 'message' || e.direction === 'inbound' || e.direction === 'outbound');
  return { owner, cases, casesNextCursor, events, messages, archiveEvents: ownerEvents, visits };
}

/** The owner's own units and their projects (the portal's "where is this about"). */
export async function myUnits(deps: AppDeps, actor: Actor) {
  if (actor.kind !== 'owner') throw new DomainError('FORBIDDEN');
  const links = await listOwnerUnits(deps.database.db, [actor.id]);
  const out = [];
  for (const l of links) {
    const [unit, project] = await Promise.all([findUnit(deps.database.db, l.unitId), findProject(deps.database.db, l.projectId)]);
    const building = unit ? await findBuilding(deps.database.db, unit.buildingId) : null;
    out.push({
      unitId: l.unitId,
      projectId: l.projectId,
      projectName: project?.name ?? '',
      buildingName: building?.name ?? '',
      unitCode: unit?.code ?? '',
      relation: l.relation,
      timeZone: project?.timeZone ?? 'Asia/Shanghai',
    });
  }
  return out;
}
