import type { CheckGrade, PatrolRepeat, PatrolRouteStop, Specialty } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/**
 * Patrols (巡检, migration 0035, decision 0034): inspection points with their printed code's generation,
 * plans, the tasks they make and each task's checks of its points, and the photos of checks with their
 * hashes (reuse flags).
 */
type Db = Kysely<Schema>;

export type InspectionPointKind = 'equipment' | 'area';

export interface InspectionPointRecord {
  id: string;
  organizationId: string;
  projectId: string;
  name: string;
  kind: InspectionPointKind;
  specialty: Specialty;
  place: string | null;
  buildingId: string | null;
  latitude: number | null;
  longitude: number | null;
  radiusM: number;
  codeGeneration: number;
  codeValidUntil: string;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
const POINT_SHAPE: RowShape = { booleans: ['active'], json: [] };

export async function insertInspectionPoint(db: Db, p: InspectionPointRecord): Promise<void> {
  await db
    .insertInto('inspectionPoints')
    .values(encodeRow(p, POINT_SHAPE) as never)
    .execute();
}

export async function updateInspectionPoint(
  db: Db,
  id: string,
  patch: Partial<Omit<InspectionPointRecord, 'id' | 'organizationId' | 'projectId'>>,
): Promise<void> {
  await db
    .updateTable('inspectionPoints')
    .set(encodeRow(patch, POINT_SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

export async function findInspectionPoint(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<InspectionPointRecord | null> {
  let q = db.selectFrom('inspectionPoints').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeRow<InspectionPointRecord>(row, POINT_SHAPE) : null;
}

export async function listInspectionPoints(
  db: Db,
  filter: { organizationId: string; projectIds: readonly string[] | 'all'; ids?: readonly string[] },
): Promise<InspectionPointRecord[]> {
  let q = db.selectFrom('inspectionPoints').selectAll().where('organizationId', '=', filter.organizationId);
  if (filter.projectIds !== 'all') {
    if (!filter.projectIds.length) return [];
    q = q.where('projectId', 'in', filter.projectIds);
  }
  if (filter.ids) {
    if (!filter.ids.length) return [];
    q = q.where('id', 'in', filter.ids);
  }
  const rows = await q.orderBy('projectId').orderBy('name').orderBy('id').execute();
  return rows.map((r) => decodeRow<InspectionPointRecord>(r, POINT_SHAPE));
}

// --- plans ------------------------------------------------------------------------------------------

export type PatrolPlanKind = 'patrol' | 'maintenance';

export interface PatrolPlanRecord {
  id: string;
  organizationId: string;
  projectId: string;
  name: string;
  kind: PatrolPlanKind;
  specialty: Specialty;
  repeat: PatrolRepeat;
  rounds: string[];
  route: PatrolRouteStop[];
  inspectors: string[];
  leadMinutes: number;
  lateMinutes: number;
  makeupHours: number;
  acceptorId: string | null;
  /** The current version of the route (patrol_routes): tasks made from now on keep it. */
  routeId: string;
  active: boolean;
  generatedThrough: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
const PLAN_SHAPE: RowShape = { booleans: ['active'], json: ['repeat', 'rounds', 'route', 'inspectors'] };

export async function insertPatrolPlan(db: Db, p: PatrolPlanRecord): Promise<void> {
  await db
    .insertInto('patrolPlans')
    .values(encodeRow(p, PLAN_SHAPE) as never)
    .execute();
}

export async function updatePatrolPlan(db: Db, id: string, patch: Partial<Omit<PatrolPlanRecord, 'id' | 'organizationId' | 'projectId'>>): Promise<void> {
  await db
    .updateTable('patrolPlans')
    .set(encodeRow(patch, PLAN_SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

export async function findPatrolPlan(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<PatrolPlanRecord | null> {
  let q = db.selectFrom('patrolPlans').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeRow<PatrolPlanRecord>(row, PLAN_SHAPE) : null;
}

export async function listPatrolPlans(
  db: Db,
  filter: { organizationId?: string; projectIds: readonly string[] | 'all'; activeOnly?: boolean },
): Promise<PatrolPlanRecord[]> {
  let q = db.selectFrom('patrolPlans').selectAll();
  if (filter.organizationId) q = q.where('organizationId', '=', filter.organizationId);
  if (filter.projectIds !== 'all') {
    if (!filter.projectIds.length) return [];
    q = q.where('projectId', 'in', filter.projectIds);
  }
  if (filter.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('projectId').orderBy('name').orderBy('id').execute();
  return rows.map((r) => decodeRow<PatrolPlanRecord>(r, PLAN_SHAPE));
}

// --- tasks and checks -------------------------------------------------------------------------------

export type PatrolTaskStatus = 'open' | 'done' | 'incomplete' | 'overdue';

/** A point of a task's route with its window. */
export interface PatrolTaskStop {
  pointId: string;
  opensAt: string;
  closesAt: string;
}

export interface PatrolTaskRecord {
  id: string;
  organizationId: string;
  projectId: string;
  planId: string;
  kind: PatrolPlanKind;
  date: string;
  round: string;
  assigneeId: string | null;
  createAt: string;
  startsAt: string;
  endsAt: string;
  makeupUntil: string | null;
  /** The route version it was made from, and (read with it) its stops' windows. */
  routeId: string;
  points: number;
  route: PatrolTaskStop[];
  /** Points checked so far; at the end, the count per grade. */
  checked: number;
  /** Points whose window's reminder went out (in the order their windows open). */
  reminded: number;
  early: number;
  onTime: number;
  late: number;
  missed: number;
  status: PatrolTaskStatus;
  finishedAt: string | null;
  transferredFrom: string | null;
  transferReason: string | null;
  transferredAt: string | null;
  acceptedBy: string | null;
  acceptedAt: string | null;
  acceptance: 'accepted' | 'rejected' | null;
  acceptanceNote: string | null;
  summarySentAt: string | null;
}
const MINUTE = 60_000;

/** A version of a plan's route. */
export interface PatrolRouteVersion {
  id: string;
  organizationId: string;
  planId: string;
  stops: PatrolRouteStop[];
  createdAt: string;
}

export async function insertPatrolRoute(db: Db, r: PatrolRouteVersion): Promise<void> {
  await db
    .insertInto('patrolRoutes')
    .values({ ...r, stops: JSON.stringify(r.stops) })
    .execute();
}

/** Route versions never change: kept once read (a bounded map; the oldest dropped first). */
const routeCache = new Map<string, PatrolRouteStop[]>();
async function routesOf(db: Db, ids: readonly string[]): Promise<Map<string, PatrolRouteStop[]>> {
  const out = new Map<string, PatrolRouteStop[]>();
  const missing = [...new Set(ids)].filter((id) => {
    const hit = routeCache.get(id);
    if (hit) out.set(id, hit);
    return !hit;
  });
  if (missing.length) {
    const rows = await db.selectFrom('patrolRoutes').select(['id', 'stops']).where('id', 'in', missing).execute();
    for (const r of rows) {
      const stops = JSON.parse(r.stops) as PatrolRouteStop[];
      out.set(r.id, stops);
      if (routeCache.size >= 2000) routeCache.delete(routeCache.keys().next().value!);
      routeCache.set(r.id, stops);
    }
  }
  return out;
}

/** Task rows as records: each with its route version's stops as windows from the round's start. */
async function withRoutes(db: Db, rows: readonly Record<string, unknown>[]): Promise<PatrolTaskRecord[]> {
  const routes = await routesOf(
    db,
    rows.map((r) => r.routeId as string),
  );
  return rows.map((r) => {
    const start = Date.parse(r.startsAt as string);
    const stops = routes.get(r.routeId as string) ?? [];
    const route = stops.map((s) => ({
      pointId: s.pointId,
      opensAt: new Date(start + s.offsetMinutes * MINUTE).toISOString(),
      closesAt: new Date(start + (s.offsetMinutes + s.windowMinutes) * MINUTE).toISOString(),
    }));
    return { ...(r as unknown as PatrolTaskRecord), route };
  });
}

/** A point's check as recorded. */
export interface PatrolCheckRecord {
  id: string;
  taskId: string;
  organizationId: string;
  projectId: string;
  pointId: string;
  seq: number;
  opensAt: string;
  closesAt: string;
  checkedAt: string;
  recordedAt: string;
  grade: CheckGrade;
  result: 'normal' | 'abnormal';
  note: string | null;
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
  distanceM: number | null;
  photoIds: string[];
  photoFlags: { attachmentId: string; kind: 'same_file' | 'same_picture'; earlierCheckId: string; distance: number }[];
  makeup: boolean;
  scanNonce: string | null;
  checkedBy: string | null;
  defectId: string | null;
}
const CHECK_SHAPE: RowShape = { booleans: ['makeup'], json: ['photoIds', 'photoFlags'] };

/**
 * Writes tasks; a task already made (plan, date, round) is left as it is — generating twice makes it
 * once. Callers generate a plan's tasks holding the plan's row (findPatrolPlan forUpdate), so the
 * look-up and the insert do not race. Returns the tasks written.
 */
export async function insertPatrolTasks(db: Db, tasks: readonly PatrolTaskRecord[]): Promise<PatrolTaskRecord[]> {
  const written: PatrolTaskRecord[] = [];
  for (let i = 0; i < tasks.length; i += 500) {
    const slice = tasks.slice(i, i + 500);
    const existing = await db
      .selectFrom('patrolTasks')
      .select(['planId', 'date', 'round'])
      .where('planId', 'in', [...new Set(slice.map((t) => t.planId))])
      .where('date', 'in', [...new Set(slice.map((t) => t.date))])
      .execute();
    const made = new Set(existing.map((e) => `${e.planId}|${e.date}|${e.round}`));
    const fresh = slice.filter((t) => !made.has(`${t.planId}|${t.date}|${t.round}`));
    if (!fresh.length) continue;
    await db
      .insertInto('patrolTasks')
      .values(fresh.map(({ route: _route, ...row }) => row) as never)
      .onConflict((oc) => oc.columns(['planId', 'date', 'round']).doNothing())
      .execute();
    written.push(...fresh);
  }
  return written;
}

export async function findPatrolTask(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<PatrolTaskRecord | null> {
  let q = db.selectFrom('patrolTasks').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (await withRoutes(db, [row]))[0]! : null;
}

export async function updatePatrolTask(db: Db, id: string, patch: Partial<Omit<PatrolTaskRecord, 'id' | 'route' | 'routeId' | 'points'>>): Promise<void> {
  await db.updateTable('patrolTasks').set(patch).where('id', '=', id).execute();
}

export interface PatrolTaskFilter {
  organizationId: string;
  projectIds: readonly string[] | 'all';
  assigneeId?: string;
  dateFrom?: string;
  dateTo?: string;
  status?: PatrolTaskStatus;
  /** Only tasks already due to be seen (created at or before this instant). */
  visibleAt?: string;
  limit: number;
}

export async function listPatrolTasks(db: Db, f: PatrolTaskFilter): Promise<PatrolTaskRecord[]> {
  let q = db.selectFrom('patrolTasks').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds !== 'all') {
    if (!f.projectIds.length) return [];
    q = q.where('projectId', 'in', f.projectIds);
  }
  if (f.assigneeId) q = q.where('assigneeId', '=', f.assigneeId);
  if (f.dateFrom) q = q.where('date', '>=', f.dateFrom);
  if (f.dateTo) q = q.where('date', '<=', f.dateTo);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.visibleAt) q = q.where('createAt', '<=', f.visibleAt);
  const rows = await q.orderBy('startsAt').orderBy('id').limit(f.limit).execute();
  return withRoutes(db, rows);
}

export async function listPatrolChecks(db: Db, taskIds: readonly string[]): Promise<PatrolCheckRecord[]> {
  if (!taskIds.length) return [];
  const rows = await db.selectFrom('patrolChecks').selectAll().where('taskId', 'in', taskIds).orderBy('taskId').orderBy('seq').execute();
  return rows.map((r) => decodeRow<PatrolCheckRecord>(r, CHECK_SHAPE));
}

export async function findPatrolCheck(db: Db, taskId: string, pointId: string): Promise<PatrolCheckRecord | null> {
  const row = await db.selectFrom('patrolChecks').selectAll().where('taskId', '=', taskId).where('pointId', '=', pointId).executeTakeFirst();
  return row ? decodeRow<PatrolCheckRecord>(row, CHECK_SHAPE) : null;
}

export async function insertPatrolCheck(db: Db, c: PatrolCheckRecord): Promise<void> {
  await db
    .insertInto('patrolChecks')
    .values(encodeRow(c, CHECK_SHAPE) as never)
    .execute();
}

/** Open tasks whose end (or make-up time) has passed: to be finished as done, incomplete or overdue. */
export async function listPatrolTasksEnded(db: Db, now: string, limit: number): Promise<PatrolTaskRecord[]> {
  const rows = await db
    .selectFrom('patrolTasks')
    .selectAll()
    .where('status', '=', 'open')
    .where('endsAt', '<', now)
    .where((eb) => eb.or([eb('makeupUntil', 'is', null), eb('makeupUntil', '<', now)]))
    .orderBy('endsAt')
    .limit(limit)
    .execute();
  return withRoutes(db, rows);
}

/** Open tasks running now (started, not ended): their points' reminders may be due. */
export async function listPatrolTasksRunning(db: Db, now: string, limit: number): Promise<PatrolTaskRecord[]> {
  const rows = await db
    .selectFrom('patrolTasks')
    .selectAll()
    .where('status', '=', 'open')
    .where('endsAt', '>=', now)
    .where('startsAt', '<=', now)
    .orderBy('startsAt')
    .limit(limit)
    .execute();
  return withRoutes(db, rows);
}

// --- photos -----------------------------------------------------------------------------------------

export interface InspectionPhotoRecord {
  attachmentId: string;
  organizationId: string;
  projectId: string;
  pointId: string | null;
  sourceId: string;
  sha256: string;
  phash: string;
  reuseOf: string | null;
  takenBy: string | null;
  createdAt: string;
}

export async function insertInspectionPhotos(db: Db, rows: readonly InspectionPhotoRecord[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('inspectionPhotos')
      .values(rows as never)
      .execute();
}

export async function findInspectionPhoto(db: Db, attachmentId: string): Promise<InspectionPhotoRecord | null> {
  return (
    ((await db.selectFrom('inspectionPhotos').selectAll().where('attachmentId', '=', attachmentId).executeTakeFirst()) as InspectionPhotoRecord | undefined) ??
    null
  );
}

/** The project's photos of checks since a date, with their hashes: what a new photo is compared with. */
export async function listInspectionPhotoHashes(
  db: Db,
  projectId: string,
  since: string,
): Promise<Pick<InspectionPhotoRecord, 'attachmentId' | 'sha256' | 'phash' | 'sourceId'>[]> {
  return db
    .selectFrom('inspectionPhotos')
    .select(['attachmentId', 'sha256', 'phash', 'sourceId'])
    .where('projectId', '=', projectId)
    .where('createdAt', '>=', since)
    .execute();
}
