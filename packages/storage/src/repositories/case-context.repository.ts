import { formatUnitLabel, type CaseRecord, type ClockKind } from '@guanjia/core';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { decodeRow, type RowShape } from '../codec.ts';
import { containsText } from '../dialect/text-search.ts';
import type { CaseCallersTable, Schema } from '../schema.ts';
import { insertOf, type RowInsert } from '../row-writes.ts';
import { notAccusedIn, type AccusedExclusion } from './cases.repository.ts';

/**
 * Who and where (issue 10): the names, unit labels, callers and nearest clocks that case screens show
 * beside each case, looked up for a whole page at once (one statement per kind of thing, never one
 * per case).
 */

type Db = Kysely<Schema>;

/** Which cases a staff member may see: their projects (null: all of the organization), minus those they are accused in. */
export interface CaseScope {
  organizationId: string;
  projectIds: readonly string[] | null;
  excludeAccused?: AccusedExclusion;
}

export interface UnitLabel {
  unitId: string;
  projectId: string;
  buildingName: string;
  buildingCode: string;
  entrance: string | null;
  code: string;
  kind: string;
  /** 楼栋-单元-房号, e.g. 1栋-1单元-101. */
  label: string;
}

/** Unit labels (楼栋-单元-房号) of many units: one join of units and buildings. */
export async function unitLabelsOf(db: Db, unitIds: readonly (string | null)[]): Promise<Map<string, UnitLabel>> {
  const ids = [...new Set(unitIds.filter((x): x is string => !!x))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.buildingId')
    .select(['units.id', 'units.projectId', 'units.code', 'units.entrance', 'units.kind', 'buildings.name as buildingName', 'buildings.code as buildingCode'])
    .where('units.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, toLabel(r)]));
}

function toLabel(r: {
  id: string;
  projectId: string;
  code: string;
  entrance: string | null;
  kind: string;
  buildingName: string;
  buildingCode: string;
}): UnitLabel {
  const label =
    r.kind === 'public_area' ? `${r.buildingName}-${r.code}` : formatUnitLabel({ buildingName: r.buildingName, entrance: r.entrance, code: r.code });
  return {
    unitId: r.id,
    projectId: r.projectId,
    buildingName: r.buildingName,
    buildingCode: r.buildingCode,
    entrance: r.entrance,
    code: r.code,
    kind: r.kind,
    label,
  };
}

/** Units of the projects whose room number is one of `rooms` (the address search narrows these further in core). */
export async function unitsWithRoom(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; rooms: readonly string[]; limit: number },
): Promise<UnitLabel[]> {
  if (f.rooms.length === 0 || (f.projectIds && f.projectIds.length === 0)) return [];
  let q = db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.buildingId')
    .select(['units.id', 'units.projectId', 'units.code', 'units.entrance', 'units.kind', 'buildings.name as buildingName', 'buildings.code as buildingCode'])
    .where('units.organizationId', '=', f.organizationId)
    .where('units.code', 'in', f.rooms as string[]);
  if (f.projectIds) q = q.where('units.projectId', 'in', f.projectIds as string[]);
  const rows = await q.orderBy('buildings.code').orderBy('units.code').limit(f.limit).execute();
  return rows.map(toLabel);
}

async function namesOf(db: Db, table: 'owners' | 'staff' | 'departments', ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
export const ownerNamesOf = (db: Db, ids: readonly (string | null)[]) => namesOf(db, 'owners', ids);
export const staffNamesOf = (db: Db, ids: readonly (string | null)[]) => namesOf(db, 'staff', ids);
export const departmentNamesOf = (db: Db, ids: readonly (string | null)[]) => namesOf(db, 'departments', ids);

export interface NearestClock {
  kind: ClockKind;
  dueAt: string;
}

/** The statement of nearestClocksOf: the page's running clocks from their own index (sla_clocks_running_case_idx), no table rows. */
export function nearestClocksQuery(db: Db, caseIds: readonly string[]) {
  return db
    .selectFrom('slaClocks')
    .select(['caseId', 'kind', 'dueAt'])
    .where('caseId', 'in', caseIds as string[])
    .where('stoppedAt', 'is', null)
    .where('dueAt', 'is not', null);
}

/** Each case's running clock that falls due first (kind and due instant): one statement for the page. */
export async function nearestClocksOf(db: Db, caseIds: readonly string[]): Promise<Map<string, NearestClock>> {
  if (caseIds.length === 0) return new Map();
  const rows = await nearestClocksQuery(db, caseIds).execute();
  const out = new Map<string, NearestClock>();
  for (const r of rows) {
    const seen = out.get(r.caseId);
    if (!seen || r.dueAt! < seen.dueAt) out.set(r.caseId, { kind: r.kind as ClockKind, dueAt: r.dueAt! });
  }
  return out;
}

// --- callers ----------------------------------------------------------------------------------------

/** The caller of a case as intake heard them; the phone only encrypted (and a masked copy, and its last four digits for search). */
export type CaseCallerRecord = CaseCallersTable;

export async function insertCaseCaller(db: Db, c: CaseCallerRecord): Promise<void> {
  await db.insertInto('caseCallers').values(c).execute();
}
/** The insert of a case's caller (row-writes.ts). */
export function caseCallerInsert(c: CaseCallerRecord): RowInsert {
  return insertOf('caseCallers', { ...c });
}
/** The callers' names of many cases (a list's who and where: nothing encrypted is read). */
export async function callerNamesOf(db: Db, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('caseCallers')
    .select(['caseId', 'name'])
    .where('caseId', 'in', caseIds as string[])
    .where('name', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.caseId, r.name!]));
}

export async function findCaseCallers(db: Db, caseIds: readonly string[]): Promise<Map<string, CaseCallerRecord>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('caseCallers')
    .selectAll()
    .where('caseId', 'in', caseIds as string[])
    .execute();
  return new Map(rows.map((r) => [r.caseId, r]));
}

// --- an owner's recent history (the owner card) ---------------------------------------------------

/** The visibility of a case as a condition (joined queries name the cases table `cases`). */
function inScope<TB extends keyof Schema>(eb: ExpressionBuilder<Schema, TB | 'cases'>, s: CaseScope): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<Schema, 'cases'>;
  const parts: Expression<SqlBool>[] = [e('cases.organizationId', '=', s.organizationId)];
  if (s.projectIds) parts.push(e('cases.projectId', 'in', s.projectIds as string[]));
  if (s.excludeAccused) parts.push(notAccusedIn(s.excludeAccused)(e));
  return e.and(parts);
}

export interface OwnerCaseSummary {
  id: string;
  number: string;
  type: CaseRecord['type'];
  status: CaseRecord['status'];
  title: string;
  createdAt: string;
}

/** The owner's open cases the viewer may see, newest first (count and the first `limit`). */
export async function openCasesOfOwner(db: Db, ownerId: string, scope: CaseScope, limit: number): Promise<{ count: number; items: OwnerCaseSummary[] }> {
  if (scope.projectIds && scope.projectIds.length === 0) return { count: 0, items: [] };
  const base = db
    .selectFrom('cases')
    .where('cases.ownerId', '=', ownerId)
    .where(sql<boolean>`cases.status <> 'closed'`)
    .where((eb) => inScope(eb, scope));
  const [counted, items] = await Promise.all([
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    base
      .select(['cases.id', 'cases.number', 'cases.type', 'cases.status', 'cases.title', 'cases.createdAt'])
      .orderBy('cases.createdAt', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { count: Number(counted?.n ?? 0), items: items as OwnerCaseSummary[] };
}

export interface Interaction {
  caseId: string;
  caseNumber: string;
  type: string;
  channel: string | null;
  direction: string | null;
  content: string | null;
  actorKind: string;
  at: string;
}

/** How many of an owner's newest cases the owner card's exchanges come from (the work stays the same however long the owner's history). */
export const RECENT_INTERACTION_CASES = 20;

/**
 * The owner's last exchanges with the office (what they said and were told), newest first, on their
 * RECENT_INTERACTION_CASES newest cases the viewer may see (cases_owner_created_idx): an owner with
 * hundreds of cases costs what one with twenty does; older cases are in the archive.
 */
export async function recentInteractionsOfOwner(db: Db, ownerId: string, scope: CaseScope, limit: number): Promise<Interaction[]> {
  if (scope.projectIds && scope.projectIds.length === 0) return [];
  const newestCases = db
    .selectFrom('cases')
    .select('cases.id')
    .where('cases.ownerId', '=', ownerId)
    .where((eb) => inScope(eb, scope))
    .orderBy('cases.createdAt', 'desc')
    .limit(RECENT_INTERACTION_CASES);
  const rows = await db
    .selectFrom('caseEvents')
    .innerJoin('cases', 'cases.id', 'caseEvents.caseId')
    .where('cases.id', 'in', newestCases)
    .where('cases.ownerId', '=', ownerId)
    .where('caseEvents.internal', '=', 0)
    .where('caseEvents.direction', 'in', ['inbound', 'outbound'])
    .where((eb) => inScope(eb, scope))
    .select([
      'caseEvents.caseId',
      'cases.number as caseNumber',
      'caseEvents.type',
      'caseEvents.channel',
      'caseEvents.direction',
      'caseEvents.content',
      'caseEvents.actorKind',
      'caseEvents.at',
    ])
    .orderBy('caseEvents.at', 'desc')
    .orderBy('caseEvents.seq', 'desc')
    .limit(limit)
    .execute();
  return rows;
}

// --- finding a caller (intake) --------------------------------------------------------------------

const OWNER_SHAPE: RowShape = { booleans: [], json: ['doNotDisturb', 'householdMembers'] };

/**
 * Owner ids of the organization visible in the projects (through their units) matching one of: a
 * phone ending in `phoneSuffix` or containing `phoneDigits`, a name containing `name`, or holding one
 * of `unitIds`. Owners without a unit are found by company-wide staff only (projectIds null).
 */
export async function findOwnerIdsForIntake(
  db: Db,
  f: {
    organizationId: string;
    projectIds: readonly string[] | null;
    phoneSuffix?: string;
    phoneDigits?: string;
    name?: string;
    unitIds?: readonly string[];
    limit: number;
  },
): Promise<{ id: string; matchedBy: 'phone' | 'name' | 'unit' }[]> {
  if (f.projectIds && f.projectIds.length === 0) return [];
  const projectOwners = () =>
    db
      .selectFrom('ownerUnits')
      .select('ownerId')
      .where('projectId', 'in', f.projectIds as string[])
      .where('movedOutOn', 'is', null);
  const found: { id: string; matchedBy: 'phone' | 'name' | 'unit' }[] = [];
  const add = (ids: string[], matchedBy: 'phone' | 'name' | 'unit') => {
    for (const id of ids) if (!found.some((x) => x.id === id)) found.push({ id, matchedBy });
  };
  if (f.phoneSuffix || f.phoneDigits) {
    let q = db
      .selectFrom('ownerContacts')
      .innerJoin('owners', 'owners.id', 'ownerContacts.ownerId')
      .select('owners.id')
      .where('ownerContacts.organizationId', '=', f.organizationId)
      .where('ownerContacts.kind', '=', 'phone');
    q = f.phoneSuffix
      ? q.where('ownerContacts.phoneLast4', '=', f.phoneSuffix) // 尾号: indexed (organization_id, phone_last4)
      : q.where((eb) => containsText(eb, 'ownerContacts.value', f.phoneDigits!));
    if (f.projectIds) q = q.where('owners.id', 'in', projectOwners());
    add(
      (await q.limit(f.limit).execute()).map((r) => r.id),
      'phone',
    );
  }
  if (f.name) {
    let q = db
      .selectFrom('owners')
      .select('owners.id')
      .where('owners.organizationId', '=', f.organizationId)
      .where((eb) => containsText(eb, 'owners.name', f.name!));
    if (f.projectIds) q = q.where('owners.id', 'in', projectOwners());
    add(
      (await q.orderBy('owners.name').limit(f.limit).execute()).map((r) => r.id),
      'name',
    );
  }
  if (f.unitIds?.length) {
    const rows = await db
      .selectFrom('ownerUnits')
      .select('ownerId')
      .where('unitId', 'in', f.unitIds as string[])
      .where('movedOutOn', 'is', null)
      .limit(f.limit)
      .execute();
    add(
      rows.map((r) => r.ownerId),
      'unit',
    );
  }
  return found.slice(0, f.limit);
}

export interface IntakeOwnerRow {
  id: string;
  name: string;
  grade: string;
  specialNeeds: string | null;
  preferredChannel: string | null;
  doNotDisturb: { from: string; to: string }[];
}
export async function findIntakeOwners(db: Db, ids: readonly string[]): Promise<IntakeOwnerRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('owners')
    .select(['id', 'name', 'grade', 'specialNeeds', 'preferredChannel', 'doNotDisturb', 'householdMembers'])
    .where('id', 'in', ids as string[])
    .execute();
  return rows.map((r) => decodeRow<IntakeOwnerRow>(r, OWNER_SHAPE));
}

/** Cases of unregistered callers (no owner yet) whose phone ends in these four digits: intake links them once the owner is known. */
export async function unlinkedCallerCases(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | null; excludeAccused?: AccusedExclusion; last4: string; limit: number },
) {
  if (f.projectIds && f.projectIds.length === 0) return [];
  let q = db
    .selectFrom('caseCallers')
    .innerJoin('cases', 'cases.id', 'caseCallers.caseId')
    .select([
      'cases.id',
      'cases.number',
      'cases.projectId',
      'cases.status',
      'caseCallers.name',
      'caseCallers.phoneMasked',
      'caseCallers.phoneEncrypted',
      'cases.createdAt',
    ])
    .where('caseCallers.organizationId', '=', f.organizationId)
    .where('caseCallers.phoneLast4', '=', f.last4)
    .where('cases.ownerId', 'is', null);
  if (f.projectIds) q = q.where('cases.projectId', 'in', f.projectIds as string[]);
  // a complaint from an unregistered caller is as invisible to its accused here as in every list (decision 0008)
  if (f.excludeAccused) q = q.where(notAccusedIn(f.excludeAccused));
  return q.orderBy('cases.createdAt', 'desc').limit(f.limit).execute();
}

/** Open cases assigned to each of these staff members (dispatch shows the workload): one grouped statement on the open cases' assignee index. */
export async function openAssignedCounts(db: Db, organizationId: string, staffIds: readonly string[]): Promise<Map<string, number>> {
  if (staffIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['assigneeId', sql<number>`count(*)`.as('n')])
    .where('organizationId', '=', organizationId)
    .where('assigneeId', 'in', staffIds as string[])
    .where(sql<boolean>`status <> 'closed'`)
    .groupBy('assigneeId')
    .execute();
  return new Map(rows.map((r) => [r.assigneeId!, Number(r.n)]));
}
