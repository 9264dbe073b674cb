import type { QuietSpan } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { isPostgres } from '../dialect/detect.ts';
import { insertOf, runWrites } from '../row-writes.ts';
import type { Schema } from '../schema.ts';

type Db = Kysely<Schema>;

/**
 * Visits (走访, migration 0026, decision 0029): the monthly plans, the plan's visits as rows of
 * `owner_visits`, the facts a plan is made from, and the opinions a visit raised.
 */

export interface VisitPlanRecord {
  id: string;
  organizationId: string;
  projectId: string;
  month: string;
  generatedAt: string;
  generatedBy: string | null;
  updatedAt: string;
  /** Households left out: their quiet hours leave no time by 21:00. */
  unscheduled: string[];
  /** Occupied households when generated. */
  households: number;
  /** Each person's quota per building when generated. */
  quotas: PlanQuota[];
}

export interface PlanQuota {
  staffId: string | null;
  role: string;
  buildingId: string;
  quota: number;
}

export interface VisitTopicRecord {
  topic: string;
  rating: number | null;
  remark: string | null;
}

/** A visit row of `owner_visits` with the columns of migration 0026 (old new-owner rows have them null). */
export interface VisitRecord {
  id: string;
  organizationId: string;
  projectId: string;
  ownerId: string;
  unitId: string | null;
  kind: string;
  status: 'due' | 'done' | 'cancelled';
  dueOn: string;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  closedReason: string | null;
  planId: string | null;
  buildingId: string | null;
  assigneeId: string | null;
  companionId: string | null;
  quotaRole: string | null;
  reason: string | null;
  plannedOn: string | null;
  plannedTime: string | null;
  requestReason: string | null;
  appointmentAt: string | null;
  method: string | null;
  visitedAt: string | null;
  topics: VisitTopicRecord[] | null;
  summary: string | null;
  privateNotes: string | null;
  evaluationScore: number | null;
  evaluationText: string | null;
  /** When the visitors were reminded on the visit's day (migration 0033; cleared when it moves to another day). */
  remindedAt?: string | null;
}

export interface VisitOpinionRecord {
  id: string;
  organizationId: string;
  projectId: string;
  visitId: string;
  seq: number;
  text: string;
  caseType: string;
  caseId: string | null;
  createdAt: string;
}

type VisitRow = Omit<VisitRecord, 'topics'> & { topics: string | null };
const decodeVisit = (r: VisitRow): VisitRecord => ({ ...r, topics: r.topics ? (JSON.parse(r.topics) as VisitTopicRecord[]) : null });
const encodeVisit = (v: VisitRecord): VisitRow => ({ ...v, topics: v.topics ? JSON.stringify(v.topics) : null });

// --- plans -------------------------------------------------------------------------------------------

type PlanRow = Schema['visitPlans'];
const decodePlan = (r: PlanRow): VisitPlanRecord => ({
  ...r,
  households: Number(r.households),
  unscheduled: JSON.parse(r.unscheduled || '[]') as string[],
  quotas: JSON.parse(r.quotas || '[]') as PlanQuota[],
});

export async function findVisitPlan(db: Db, projectId: string, month: string): Promise<VisitPlanRecord | null> {
  const row = await db.selectFrom('visitPlans').selectAll().where('projectId', '=', projectId).where('month', '=', month).executeTakeFirst();
  return row ? decodePlan(row) : null;
}

export async function findVisitPlanById(db: Db, id: string): Promise<VisitPlanRecord | null> {
  const row = await db.selectFrom('visitPlans').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodePlan(row) : null;
}

/** Inserts a plan or, for its project × month, rewrites its generation fields. */
export async function saveVisitPlan(db: Db, p: VisitPlanRecord): Promise<void> {
  const row = { ...p, unscheduled: JSON.stringify(p.unscheduled), quotas: JSON.stringify(p.quotas) };
  const { id: _id, organizationId: _o, projectId: _p, month: _m, ...again } = row;
  await db
    .insertInto('visitPlans')
    .values(row)
    .onConflict((oc) => oc.columns(['projectId', 'month']).doUpdateSet(again))
    .execute();
}

export async function touchVisitPlan(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('visitPlans').set({ updatedAt: at }).where('id', '=', id).execute();
}

// --- visits ------------------------------------------------------------------------------------------

/** A plan's rows without the query builder (row-writes.ts): SQLite one cached statement per row, PostgreSQL 1,000 rows a statement. */
export async function insertVisits(db: Db, visits: readonly VisitRecord[]): Promise<void> {
  const step = isPostgres(db) ? 1000 : visits.length || 1;
  for (let i = 0; i < visits.length; i += step)
    await runWrites(
      db,
      visits.slice(i, i + step).map((v) => insertOf('ownerVisits', encodeVisit(v) as unknown as Record<string, unknown>)),
    );
}

/** Removes the plan's visits not yet made (a regeneration plans them again). */
export async function deleteDueVisitsOfPlan(db: Db, planId: string): Promise<void> {
  await db.deleteFrom('ownerVisits').where('planId', '=', planId).where('status', '=', 'due').execute();
}

export async function findVisit(db: Db, id: string): Promise<VisitRecord | null> {
  const row = await db.selectFrom('ownerVisits').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decodeVisit(row as VisitRow) : null;
}

/** The plan's visits (all statuses), by building, day and time. */
export async function listVisitsOfPlan(db: Db, planId: string): Promise<VisitRecord[]> {
  const rows = await db
    .selectFrom('ownerVisits')
    .selectAll()
    .where('planId', '=', planId)
    .orderBy('buildingId')
    .orderBy('plannedOn')
    .orderBy('plannedTime')
    .orderBy('id')
    .execute();
  return rows.map((r) => decodeVisit(r as VisitRow));
}

/** Changes a visit still due; false when it is not due any more (made or removed meanwhile). */
export async function updateDueVisit(db: Db, id: string, set: Partial<Omit<VisitRecord, 'id' | 'topics'>> & { topics?: VisitTopicRecord[] }): Promise<boolean> {
  const { topics, ...rest } = set;
  const r = await db
    .updateTable('ownerVisits')
    .set({ ...rest, ...(topics ? { topics: JSON.stringify(topics) } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'due')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Due visits planned on one of `days` (local dates), with a visitor, not reminded yet: the day's reminders to send. */
export async function listVisitsToRemind(db: Db, days: readonly string[], limit: number): Promise<VisitRecord[]> {
  if (!days.length) return [];
  const rows = await db
    .selectFrom('ownerVisits')
    .selectAll()
    .where('status', '=', 'due')
    .where('plannedOn', 'in', [...days])
    .where('remindedAt', 'is', null)
    .where('assigneeId', 'is not', null)
    .orderBy('plannedOn')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => decodeVisit(r as VisitRow));
}

export async function markVisitReminded(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('ownerVisits').set({ remindedAt: at }).where('id', '=', id).where('remindedAt', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Visits of the projects (null: all of the organization), filtered, soonest first. */
export async function listVisits(
  db: Db,
  f: {
    organizationId: string;
    projectIds: readonly string[] | null;
    ownerId?: string;
    status?: string;
    kind?: string;
    dueBy?: string;
    planId?: string;
    /** Visits this person makes (assignee or companion). */
    staffId?: string;
    limit: number;
    offset: number;
  },
): Promise<VisitRecord[]> {
  if (f.projectIds && f.projectIds.length === 0) return [];
  let q = db.selectFrom('ownerVisits').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds) q = q.where('projectId', 'in', f.projectIds as string[]);
  if (f.ownerId) q = q.where('ownerId', '=', f.ownerId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.dueBy) q = q.where('dueOn', '<=', f.dueBy);
  if (f.planId) q = q.where('planId', '=', f.planId);
  if (f.staffId) q = q.where((eb) => eb.or([eb('assigneeId', '=', f.staffId!), eb('companionId', '=', f.staffId!)]));
  const rows = await q.orderBy('dueOn').orderBy('plannedOn').orderBy('plannedTime').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return rows.map((r) => decodeVisit(r as VisitRow));
}

// --- the facts a plan is made from ---------------------------------------------------------------------

export interface HouseholdFacts {
  unitId: string;
  buildingId: string;
  ownerId: string;
  quiet: QuietSpan[];
  moveInDate: string | null;
}

/**
 * The project's occupied households (indoor units with a current tie), one per unit: its primary owner
 * (else the first), and the 免打扰 spans of all its current owners together.
 */
export async function occupiedHouseholds(db: Db, projectId: string, unitId?: string): Promise<HouseholdFacts[]> {
  let q = db
    .selectFrom('ownerUnits as ou')
    .innerJoin('units as u', 'u.id', 'ou.unitId')
    .innerJoin('owners as o', 'o.id', 'ou.ownerId')
    .select(['ou.unitId', 'u.buildingId', 'ou.ownerId', 'ou.isPrimary', 'ou.moveInDate', 'o.doNotDisturb'])
    .where('ou.projectId', '=', projectId)
    .where('ou.movedOutOn', 'is', null)
    .where('u.kind', '=', 'indoor');
  if (unitId) q = q.where('ou.unitId', '=', unitId);
  const rows = await q.execute();
  const byUnit = new Map<string, HouseholdFacts & { primary: boolean }>();
  for (const r of rows) {
    const quiet = !r.doNotDisturb || r.doNotDisturb === '[]' ? [] : (JSON.parse(r.doNotDisturb) as QuietSpan[]);
    const primary = Number(r.isPrimary) === 1;
    const h = byUnit.get(r.unitId);
    if (!h) {
      byUnit.set(r.unitId, { unitId: r.unitId, buildingId: r.buildingId, ownerId: r.ownerId, quiet, moveInDate: r.moveInDate ?? null, primary });
      continue;
    }
    h.quiet.push(...quiet);
    if (primary && !h.primary) Object.assign(h, { ownerId: r.ownerId, primary });
    if (r.moveInDate && (!h.moveInDate || r.moveInDate < h.moveInDate)) h.moveInDate = r.moveInDate;
  }
  return [...byUnit.values()].map(({ primary: _p, ...h }) => h);
}

/** The instant of each unit's last visit made in the project (`visited_at`, else `closed_at`). */
export async function lastVisitDays(db: Db, projectId: string, unitId?: string): Promise<Map<string, string>> {
  let q = db
    .selectFrom('ownerVisits')
    .select(['unitId', (eb) => eb.fn.max(eb.fn.coalesce('visitedAt', 'closedAt')).as('at')])
    .where('projectId', '=', projectId)
    .where('status', '=', 'done')
    .where('unitId', 'is not', null);
  if (unitId) q = q.where('unitId', '=', unitId);
  const rows = await q.groupBy('unitId').execute();
  return new Map(rows.filter((r) => r.at).map((r) => [r.unitId!, String(r.at)]));
}

/** Units with complaints or suggestions opened since `openedSince`, and units whose complaints closed since `closedSince` (a follow-up is owed). */
export async function opinionUnits(
  db: Db,
  projectId: string,
  openedSince: string,
  closedSince: string,
): Promise<{ recent: Set<string>; followUp: Set<string> }> {
  const rows = await db
    .selectFrom('cases')
    .select(['unitId', 'type', 'status', 'createdAt', 'updatedAt'])
    .where('projectId', '=', projectId)
    .where('type', 'in', ['complaint', 'suggestion'])
    .where('unitId', 'is not', null)
    .where((eb) => eb.or([eb('createdAt', '>=', openedSince), eb('updatedAt', '>=', closedSince)]))
    .execute();
  const recent = new Set<string>();
  const followUp = new Set<string>();
  for (const r of rows) {
    if (r.createdAt >= openedSince) recent.add(r.unitId!);
    if (r.type === 'complaint' && r.status === 'closed' && r.updatedAt >= closedSince) followUp.add(r.unitId!);
  }
  return { recent, followUp };
}

// --- opinions ----------------------------------------------------------------------------------------

export async function insertVisitOpinions(db: Db, opinions: readonly VisitOpinionRecord[]): Promise<void> {
  if (opinions.length)
    await db
      .insertInto('visitOpinions')
      .values([...opinions])
      .execute();
}

export async function listVisitOpinions(db: Db, visitIds: readonly string[]): Promise<VisitOpinionRecord[]> {
  if (!visitIds.length) return [];
  return db
    .selectFrom('visitOpinions')
    .selectAll()
    .where('visitId', 'in', visitIds as string[])
    .orderBy('visitId')
    .orderBy('seq')
    .execute();
}

export async function findVisitOpinion(db: Db, id: string): Promise<VisitOpinionRecord | null> {
  return (await db.selectFrom('visitOpinions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
