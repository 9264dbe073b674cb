import { phoneLast4 } from '@guanjia/core';
import { sql, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { containsText } from '../dialect/text-search.ts';
import { executePlannedPerExecution } from '../dialect/one-process.ts';
import { findRowById, findRowWhere } from '../dialect/fast-queries.ts';
import type { Schema } from '../schema.ts';

type Db = Kysely<Schema>;

export interface DoNotDisturbSpan {
  from: string;
  to: string;
}
export interface HouseholdMember {
  name: string;
  relation: string;
  birthday?: string | null;
}

/** 业主档案: the owner or occupant as stored (the ID number only encrypted). */
export interface OwnerRecord {
  id: string;
  organizationId: string;
  name: string;
  kind: 'owner' | 'occupant';
  residency: 'permanent' | 'temporary';
  party: 'household' | 'enterprise' | 'developer';
  grade: 'important' | 'member' | 'vip' | 'normal';
  gender: 'male' | 'female' | null;
  birthday: string | null;
  idNumberEncrypted: string | null;
  idNumberMasked: string | null;
  specialNeeds: string | null;
  doNotDisturb: DoNotDisturbSpan[];
  preferredChannel: string | null;
  responsibleAgentId: string | null;
  householdMembers: HouseholdMember[];
  portalLogin: string | null;
  portalPasswordHash: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface OwnerContactRecord {
  id: string;
  organizationId: string;
  ownerId: string;
  kind: 'phone' | 'email' | 'wechat';
  value: string;
  label: string | null;
  isPrimary: boolean;
  createdAt: string;
}
export interface OwnerUnitRecord {
  ownerId: string;
  unitId: string;
  organizationId: string;
  projectId: string;
  relation: 'owner' | 'occupant';
  moveInDate: string | null;
  createdAt: string;
  /** 主业主: the unit's one primary owner. */
  isPrimary: boolean;
  /** 迁出/过户: the day the tie ended (migration 0019); absent or null while it lasts. */
  movedOutOn?: string | null;
}
export interface OwnerEventRecord {
  id: string;
  organizationId: string;
  ownerId: string;
  type: string;
  actorKind: string;
  actorId: string | null;
  data: Record<string, unknown>;
  at: string;
}

const OWNER_SHAPE: RowShape = { booleans: [], json: ['doNotDisturb', 'householdMembers'] };
const CONTACT_SHAPE: RowShape = { booleans: ['isPrimary'], json: [] };
const EVENT_SHAPE: RowShape = { booleans: [], json: ['data'] };

export async function insertOwner(db: Db, o: OwnerRecord): Promise<void> {
  await db
    .insertInto('owners')
    .values(encodeRow(o, OWNER_SHAPE) as Insertable<Schema['owners']>)
    .execute();
}
export async function updateOwner(db: Db, id: string, patch: Partial<OwnerRecord>): Promise<void> {
  await db
    .updateTable('owners')
    .set(encodeRow(patch, OWNER_SHAPE) as Updateable<Schema['owners']>)
    .where('id', '=', id)
    .execute();
}
export async function findOwner(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<OwnerRecord | null> {
  const row = await findRowById<Record<string, unknown>>(db, 'owners', id, options);
  return row ? decodeRow<OwnerRecord>(row, OWNER_SHAPE) : null;
}
export async function findOwnerByPortalLogin(db: Db, login: string): Promise<OwnerRecord | null> {
  const row = await db.selectFrom('owners').selectAll().where('portalLogin', '=', login).executeTakeFirst();
  return row ? decodeRow<OwnerRecord>(row, OWNER_SHAPE) : null;
}

export async function insertOwnerContacts(db: Db, contacts: readonly OwnerContactRecord[]): Promise<void> {
  if (contacts.length)
    await db
      .insertInto('ownerContacts')
      .values(
        contacts.map((c) => ({
          ...(encodeRow(c, CONTACT_SHAPE) as Insertable<Schema['ownerContacts']>),
          phoneLast4: c.kind === 'phone' ? phoneLast4(c.value) : null,
        })),
      )
      .execute();
}
export async function deleteOwnerContact(db: Db, id: string): Promise<void> {
  await db.deleteFrom('ownerContacts').where('id', '=', id).execute();
}
export async function listOwnerContacts(db: Db, ownerIds: readonly string[]): Promise<OwnerContactRecord[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db
    .selectFrom('ownerContacts')
    .selectAll()
    .where('ownerId', 'in', ownerIds as string[])
    .orderBy('isPrimary', 'desc')
    .orderBy('createdAt')
    .execute();
  return rows.map(({ phoneLast4: _indexed, ...r }) => decodeRow<OwnerContactRecord>(r, CONTACT_SHAPE));
}

/** Links an owner to a unit; false when that link already existed (nothing written). */
export async function insertOwnerUnit(db: Db, link: OwnerUnitRecord): Promise<boolean> {
  const result = await db
    .insertInto('ownerUnits')
    .values({ ...link, isPrimary: link.isPrimary ? 1 : 0 })
    .onConflict((oc) => oc.columns(['ownerId', 'unitId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
/** The owners' current ties (ended ones — 迁出/过户 — are history: owner-tenure.repository.ts). */
export async function listOwnerUnits(db: Db, ownerIds: readonly string[]): Promise<OwnerUnitRecord[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db
    .selectFrom('ownerUnits')
    .selectAll()
    .where('ownerId', 'in', ownerIds as string[])
    .where('movedOutOn', 'is', null)
    .execute();
  return rows.map((r) => ({ ...r, relation: r.relation as OwnerUnitRecord['relation'], isPrimary: Number(r.isPrimary) === 1 }));
}

/** Whether the unit has its 主业主 already. */
export async function unitHasPrimaryOwner(db: Db, unitId: string): Promise<boolean> {
  return (await findRowWhere(db, 'ownerUnits', ['ownerId'], { unitId, isPrimary: 1 })) !== null;
}

/** The owner's customer grade (客户等级), which some SLA rules depend on. */
export async function findOwnerGrade(db: Db, ownerId: string): Promise<OwnerRecord['grade'] | null> {
  return (await findRowWhere<{ grade: OwnerRecord['grade'] }>(db, 'owners', ['grade'], { id: ownerId }))?.grade ?? null;
}

/** Whether the owner holds or occupies a unit in the project now (one indexed lookup; an ended tie does not count). */
export async function ownerLinkedToProject(db: Db, ownerId: string, projectId: string): Promise<boolean> {
  const row = await db
    .selectFrom('ownerUnits')
    .select('ownerId')
    .where('projectId', '=', projectId)
    .where('ownerId', '=', ownerId)
    .where('movedOutOn', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertOwnerEvent(db: Db, e: OwnerEventRecord): Promise<void> {
  await db
    .insertInto('ownerEvents')
    .values(encodeRow(e, EVENT_SHAPE) as Insertable<Schema['ownerEvents']>)
    .execute();
}
export async function listOwnerEvents(db: Db, ownerId: string): Promise<OwnerEventRecord[]> {
  // ids are time-ordered: events of one instant keep the order they were written in
  const rows = await db.selectFrom('ownerEvents').selectAll().where('ownerId', '=', ownerId).orderBy('at').orderBy('id').execute();
  return rows.map((r) => decodeRow<OwnerEventRecord>(r, EVENT_SHAPE));
}

/**
 * The owner list (业主) and the owner finder: owners of the organization tied to units of the given
 * projects (null: every project, company-wide staff), matching a name, a phone (any part of any
 * contact) or a unit code, 尾号 (a phone's last four), named units, a building, a grade, special needs.
 * `tenure` says which ties count: current ones (default), only ended ones (former owners), or any
 * (company-wide, with no other tie filter: owners without a unit too).
 */
export async function searchOwners(db: Db, f: OwnerSearch): Promise<OwnerRecord[]> {
  if (f.projectIds && f.projectIds.length === 0) return [];
  if (f.unitIds && f.unitIds.length === 0) return [];
  // a text: scans of the organization's names, contacts and unit codes, planned for this text (one-process.ts)
  const rows = f.text ? await executePlannedPerExecution(db, ownerSearchQuery(db, f)) : await ownerSearchQuery(db, f).execute();
  return rows.map((r) => decodeRow<OwnerRecord>(r, OWNER_SHAPE));
}

/** What searchOwners is asked. */
export interface OwnerSearch {
  organizationId: string;
  projectIds: readonly string[] | null;
  text?: string;
  /** 尾号: a phone's last four digits (owner_contacts' last-4 index). */
  phoneLast4?: string;
  unitId?: string;
  /** Owners tied to one of these units (a typed address found them). */
  unitIds?: readonly string[];
  buildingId?: string;
  grade?: string;
  /** 特殊困难和需求: any at all, none, or containing a text. */
  specialNeeds?: { any: boolean } | { text: string };
  /** current (default) | former: only ended ties in scope | all. */
  tenure?: 'current' | 'former' | 'all';
  limit: number;
  offset: number;
}

/** The statement of searchOwners (exported for the query-plan tests; projectIds, when given, not empty). */
export function ownerSearchQuery(db: Db, f: OwnerSearch) {
  const tenure = f.tenure ?? 'current';
  const unitIds = [...(f.unitIds ?? []), ...(f.unitId ? [f.unitId] : [])];
  // with a text, the organization as an expression: the matching owners are read by key, not by walking the names' index
  let q = db
    .selectFrom('owners')
    .selectAll('owners')
    .where(f.text ? sql<SqlBool>`(owners.organization_id || '') = ${f.organizationId}` : sql<SqlBool>`owners.organization_id = ${f.organizationId}`);
  /** The ties that put an owner on the list: in the projects, the building, the units; current or ended. */
  const ties = (state: 'current' | 'ended' | 'any') => {
    let t = db.selectFrom('ownerUnits').select('ownerUnits.ownerId');
    t = f.projectIds ? t.where('ownerUnits.projectId', 'in', f.projectIds as string[]) : t.where('ownerUnits.organizationId', '=', f.organizationId);
    if (f.buildingId) t = t.where('ownerUnits.unitId', 'in', db.selectFrom('units').select('units.id').where('units.buildingId', '=', f.buildingId));
    if (unitIds.length) t = t.where('ownerUnits.unitId', 'in', unitIds);
    if (state === 'current') t = t.where('ownerUnits.movedOutOn', 'is', null);
    if (state === 'ended') t = t.where('ownerUnits.movedOutOn', 'is not', null);
    return t;
  };
  // with a text, the few matching owners are checked for a tie (walking every owner of the projects
  // and checking each against the matches cost half the search); without, the ties are the list
  const tiedBy = (state: 'current' | 'ended' | 'any') =>
    f.text ? q.where((e) => e.exists(ties(state).where(sql<SqlBool>`owner_units.owner_id = owners.id`))) : q.where('owners.id', 'in', ties(state));
  if (tenure === 'current') q = tiedBy('current');
  else if (tenure === 'former') q = tiedBy('ended').where('owners.id', 'not in', ties('current'));
  else if (f.projectIds || f.buildingId || unitIds.length) q = tiedBy('any');
  if (f.grade) q = q.where('owners.grade', '=', f.grade);
  const needs = f.specialNeeds;
  if (needs && 'text' in needs) q = q.where((e) => containsText(e, 'owners.specialNeeds', needs.text));
  else if (needs?.any) q = q.where('owners.specialNeeds', 'is not', null).where('owners.specialNeeds', '!=', '');
  else if (needs) q = q.where((e) => e.or([e('owners.specialNeeds', 'is', null), e('owners.specialNeeds', '=', '')]));
  if (f.phoneLast4)
    q = q.where(
      'owners.id',
      'in',
      db
        .selectFrom('ownerContacts')
        .select('ownerContacts.ownerId')
        .where('ownerContacts.organizationId', '=', f.organizationId)
        .where('ownerContacts.phoneLast4', '=', f.phoneLast4),
    );
  if (f.text) {
    const text = f.text;
    // the owners matching by name, by a contact or by a unit code, each set from one pass over its
    // table (or index), then those owners by key — not every owner checked against three conditions
    const byName = db
      .selectFrom('owners')
      .select('owners.id as ownerId')
      .where('owners.organizationId', '=', f.organizationId)
      .where((e) => containsText(e, 'owners.name', text));
    const byContact = db
      .selectFrom('ownerContacts')
      .select('ownerContacts.ownerId')
      .where((e) => containsText(e, 'ownerContacts.value', text));
    const byUnit = db
      .selectFrom('ownerUnits')
      .select('ownerUnits.ownerId')
      .where('ownerUnits.movedOutOn', 'is', null)
      .where(
        'ownerUnits.unitId',
        'in',
        db
          .selectFrom('units')
          .select('units.id')
          .where('units.organizationId', '=', f.organizationId)
          .where((e) => containsText(e, 'units.code', text)),
      );
    q = q.where('owners.id', 'in', byName.unionAll(byContact).unionAll(byUnit));
  }
  return q.orderBy('owners.name').orderBy('owners.id').limit(f.limit).offset(f.offset);
}

/** Rows per INSERT of the bulk writers below: well under both databases' limits on parameters. */
const BULK_ROWS = 400;
const inBatches = <T>(rows: readonly T[]) =>
  Array.from({ length: Math.ceil(rows.length / BULK_ROWS) }, (_, i) => rows.slice(i * BULK_ROWS, (i + 1) * BULK_ROWS));

/** Many archives at once (an import's chunk): one INSERT per few hundred rows. */
export async function insertOwners(db: Db, owners: readonly OwnerRecord[]): Promise<void> {
  for (const batch of inBatches(owners))
    await db
      .insertInto('owners')
      .values(batch.map((o) => encodeRow(o, OWNER_SHAPE) as Insertable<Schema['owners']>))
      .execute();
}

export async function insertOwnerEvents(db: Db, events: readonly OwnerEventRecord[]): Promise<void> {
  for (const batch of inBatches(events))
    await db
      .insertInto('ownerEvents')
      .values(batch.map((e) => encodeRow(e, EVENT_SHAPE) as Insertable<Schema['ownerEvents']>))
      .execute();
}

/**
 * Ties written as given: a new tie, a changed one (主业主, the move-in date), or an ended one taken up
 * again (迁出 then back: the tie's moved_out_on is cleared). Many rows per statement.
 */
export async function upsertOwnerUnits(db: Db, links: readonly OwnerUnitRecord[]): Promise<void> {
  for (const batch of inBatches(links))
    await db
      .insertInto('ownerUnits')
      .values(batch.map((l) => ({ ...l, isPrimary: l.isPrimary ? 1 : 0, movedOutOn: null })))
      .onConflict((oc) =>
        oc.columns(['ownerId', 'unitId']).doUpdateSet((eb) => ({
          relation: eb.ref('excluded.relation'),
          moveInDate: eb.ref('excluded.moveInDate'),
          isPrimary: eb.ref('excluded.isPrimary'),
          movedOutOn: null,
        })),
      )
      .execute();
}

/** An archive's fields changed by an import: the version moves on as with any edit. */
export async function updateOwnerFields(db: Db, id: string, patch: Partial<OwnerRecord>): Promise<void> {
  await db
    .updateTable('owners')
    .set({ ...(encodeRow(patch, OWNER_SHAPE) as Updateable<Schema['owners']>), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}
