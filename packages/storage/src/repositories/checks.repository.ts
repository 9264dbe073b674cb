import type {
  CheckScore,
  ChecklistItem,
  DefectSeverity,
  DefectStatus,
  InspectionKind,
  InspectionStatus,
  InspectionTrigger,
  StoredResult,
  WeatherWarningKind,
} from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/**
 * Scored checks (issue 15 item 1, migration 0035, decision 0034): checklist templates of an
 * organization, the checks made with them (each keeps its checklist as it was when begun, its results,
 * score, photos, signatures, report and — a communication audit — its drawn sample), and the weather
 * warnings whose nights owe a night check.
 */
type Db = Kysely<Schema>;

export interface ChecklistTemplateRecord {
  id: string;
  organizationId: string;
  name: string;
  kind: InspectionKind;
  items: ChecklistItem[];
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
const TEMPLATE_SHAPE: RowShape = { booleans: ['active'], json: ['items'] };

export async function insertChecklistTemplates(db: Db, rows: readonly ChecklistTemplateRecord[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto('checklistTemplates')
    .values(rows.map((r) => encodeRow(r, TEMPLATE_SHAPE)) as never)
    .execute();
}

export async function findChecklistTemplate(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ChecklistTemplateRecord | null> {
  let q = db.selectFrom('checklistTemplates').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeRow<ChecklistTemplateRecord>(row, TEMPLATE_SHAPE) : null;
}

export async function updateChecklistTemplate(
  db: Db,
  id: string,
  patch: Partial<Pick<ChecklistTemplateRecord, 'name' | 'items' | 'active' | 'updatedAt'>>,
): Promise<void> {
  await db
    .updateTable('checklistTemplates')
    .set(encodeRow(patch, TEMPLATE_SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

export async function listChecklistTemplates(
  db: Db,
  f: { organizationId: string; kind?: InspectionKind; activeOnly?: boolean },
): Promise<ChecklistTemplateRecord[]> {
  let q = db.selectFrom('checklistTemplates').selectAll().where('organizationId', '=', f.organizationId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('kind').orderBy('createdAt').orderBy('id').execute();
  return rows.map((r) => decodeRow<ChecklistTemplateRecord>(r, TEMPLATE_SHAPE));
}

// --- checks -----------------------------------------------------------------------------------------

/** A communication audit's draw and the figures it was started with (kept: the audit reads them as they were). */
export interface AuditSample {
  seed: number;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  requested: number;
  /** How many cases of the period the sample was drawn from. */
  population: number;
  cases: { id: string; number: string; type: string; channel: string; status: string; createdAt: string }[];
  figures: {
    casesReceived: number;
    complaintClocks: { met: number; breached: number; rate: number | null };
    satisfaction: { satisfied: number; asked: number; rate: number | null };
    /** Flagged texts sent anyway (仍然发送) in the period, and by how many staff (audits begun before these were kept have none). */
    languageOverrides?: { count: number; staff: number };
  };
  /** The archive's spot check: owners of the project drawn with seed + 1 (audits begun before it was kept have none). */
  archive?: { requested: number; population: number; owners: { id: string; name: string; updatedAt: string }[] };
}

export interface InspectionRecord {
  id: string;
  organizationId: string;
  projectId: string;
  templateId: string | null;
  kind: InspectionKind;
  title: string;
  items: ChecklistItem[];
  trigger: InspectionTrigger;
  weatherWarningId: string | null;
  scheduledOn: string | null;
  inspectorId: string | null;
  inspectedStaffId: string | null;
  inspectedName: string | null;
  status: InspectionStatus;
  startedAt: string | null;
  submittedAt: string | null;
  results: StoredResult[];
  score: CheckScore | null;
  photoIds: string[];
  inspectorSignatureId: string | null;
  inspectedSignatureId: string | null;
  report: string | null;
  sample: AuditSample | null;
  createdBy: string | null;
  createdAt: string;
}
const INSPECTION_SHAPE: RowShape = { booleans: [], json: ['items', 'results', 'score', 'photoIds', 'sample'] };

export async function insertInspections(db: Db, rows: readonly InspectionRecord[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('inspections')
      .values(rows.slice(i, i + 100).map((r) => encodeRow(r, INSPECTION_SHAPE)) as never)
      .execute();
}

export async function findInspection(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<InspectionRecord | null> {
  let q = db.selectFrom('inspections').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeRow<InspectionRecord>(row, INSPECTION_SHAPE) : null;
}

export async function updateInspection(db: Db, id: string, patch: Partial<Omit<InspectionRecord, 'id' | 'organizationId' | 'projectId'>>): Promise<void> {
  await db
    .updateTable('inspections')
    .set(encodeRow(patch, INSPECTION_SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

export interface InspectionFilter {
  organizationId: string;
  projectIds: readonly string[] | 'all';
  kind?: InspectionKind;
  status?: InspectionStatus;
  inspectorId?: string;
  /** Begun in [startedFrom, startedTo) — or, not begun yet, scheduled on a local date in [scheduledFrom, scheduledTo). */
  period?: { startedFrom: string; startedTo: string; scheduledFrom: string; scheduledTo: string };
  limit: number;
}

/** Checks of the projects, the latest first (those not begun by their scheduled night). */
export async function listInspections(db: Db, f: InspectionFilter): Promise<InspectionRecord[]> {
  let q = db.selectFrom('inspections').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds !== 'all') {
    if (!f.projectIds.length) return [];
    q = q.where('projectId', 'in', f.projectIds);
  }
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.inspectorId) q = q.where('inspectorId', '=', f.inspectorId);
  const p = f.period;
  if (p)
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('startedAt', '>=', p.startedFrom), eb('startedAt', '<', p.startedTo)]),
        eb.and([eb('startedAt', 'is', null), eb('scheduledOn', '>=', p.scheduledFrom), eb('scheduledOn', '<', p.scheduledTo)]),
      ]),
    );
  const rows = await q
    .orderBy((eb) => eb.fn.coalesce('startedAt', 'scheduledOn'), 'desc')
    .orderBy('id')
    .limit(f.limit)
    .execute();
  return rows.map((r) => decodeRow<InspectionRecord>(r, INSPECTION_SHAPE));
}

/** The night checks of a project begun in [from, to) or scheduled on local dates in [fromDate, toDate): what a month's count reads. */
export async function listNightInspections(
  db: Db,
  f: { projectId: string; startedFrom: string; startedTo: string; scheduledFrom: string; scheduledTo: string },
): Promise<InspectionRecord[]> {
  return listInspectionsOfProject(db, f.projectId, 'night', f);
}

async function listInspectionsOfProject(
  db: Db,
  projectId: string,
  kind: InspectionKind,
  p: { startedFrom: string; startedTo: string; scheduledFrom: string; scheduledTo: string },
): Promise<InspectionRecord[]> {
  const rows = await db
    .selectFrom('inspections')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('kind', '=', kind)
    .where((eb) =>
      eb.or([
        eb.and([eb('startedAt', '>=', p.startedFrom), eb('startedAt', '<', p.startedTo)]),
        eb.and([eb('scheduledOn', '>=', p.scheduledFrom), eb('scheduledOn', '<', p.scheduledTo)]),
      ]),
    )
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => decodeRow<InspectionRecord>(r, INSPECTION_SHAPE));
}

/** The local dates of a project's nights already scheduled by a weather warning (a night is scheduled once, whichever warning covers it). */
export async function scheduledWarningNights(db: Db, projectId: string, dates: readonly string[]): Promise<Set<string>> {
  if (!dates.length) return new Set();
  const rows = await db
    .selectFrom('inspections')
    .select('scheduledOn')
    .where('projectId', '=', projectId)
    .where('kind', '=', 'night')
    .where('weatherWarningId', 'is not', null)
    .where('scheduledOn', 'in', dates)
    .execute();
  return new Set(rows.map((r) => r.scheduledOn!));
}

/** The defects a check's failed items opened (its view lists them). */
export async function listInspectionDefects(
  db: Db,
  inspectionId: string,
): Promise<{ id: string; itemId: string | null; severity: DefectSeverity; status: DefectStatus; onDailySheet: boolean }[]> {
  const rows = await db
    .selectFrom('defects')
    .select(['id', 'itemId', 'severity', 'status', 'onDailySheet'])
    .where('sourceId', '=', inspectionId)
    .where('sourceType', '=', 'inspection')
    .orderBy('foundAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.itemId,
    severity: r.severity as DefectSeverity,
    status: r.status as DefectStatus,
    onDailySheet: Number(r.onDailySheet) === 1,
  }));
}

/** Of these photos, those found to repeat an earlier one (inspection_photos.reuse_of), with the earlier photo's hashes and check. */
export async function listPhotoReuse(
  db: Db,
  attachmentIds: readonly string[],
): Promise<{ attachmentId: string; sha256: string; phash: string; earlierSha256: string; earlierPhash: string; earlierSourceId: string }[]> {
  if (!attachmentIds.length) return [];
  return db
    .selectFrom('inspectionPhotos as p')
    .innerJoin('inspectionPhotos as e', 'e.attachmentId', 'p.reuseOf')
    .select(['p.attachmentId', 'p.sha256', 'p.phash', 'e.sha256 as earlierSha256', 'e.phash as earlierPhash', 'e.sourceId as earlierSourceId'])
    .where('p.attachmentId', 'in', attachmentIds)
    .execute();
}

// --- weather warnings -------------------------------------------------------------------------------

export interface WeatherWarningRecord {
  id: string;
  organizationId: string;
  projectId: string;
  kind: WeatherWarningKind;
  level: string | null;
  fromDate: string;
  toDate: string;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export async function insertWeatherWarning(db: Db, w: WeatherWarningRecord): Promise<void> {
  await db
    .insertInto('weatherWarnings')
    .values(w as never)
    .execute();
}

/** Warnings of the projects in force on some day of [fromDate, toDate] (local dates, inclusive), the latest first. */
export async function listWeatherWarnings(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | 'all'; fromDate?: string; toDate?: string; limit: number },
): Promise<WeatherWarningRecord[]> {
  let q = db.selectFrom('weatherWarnings').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds !== 'all') {
    if (!f.projectIds.length) return [];
    q = q.where('projectId', 'in', f.projectIds);
  }
  if (f.toDate) q = q.where('fromDate', '<=', f.toDate);
  if (f.fromDate) q = q.where('toDate', '>=', f.fromDate);
  return (await q.orderBy('fromDate', 'desc').orderBy('id').limit(f.limit).execute()) as WeatherWarningRecord[];
}

// --- the communication audit's population -----------------------------------------------------------

/** The ids of a project's cases received in [from, to) (instants), through the project/created index; at most `limit`. */
export async function listCaseIdsReceived(
  db: Db,
  f: { organizationId: string; projectId: string; from: string; to: string; excludeAccusedStaffId?: string; limit: number },
): Promise<string[]> {
  let q = db
    .selectFrom('cases')
    .select('id')
    .where('organizationId', '=', f.organizationId)
    .where('projectId', '=', f.projectId)
    .where('createdAt', '>=', f.from)
    .where('createdAt', '<', f.to);
  if (f.excludeAccusedStaffId) q = q.where((eb) => eb.or([eb('accusedStaffId', 'is', null), eb('accusedStaffId', '!=', f.excludeAccusedStaffId!)]));
  const rows = await q.orderBy('createdAt').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => r.id);
}

export async function listCasesBrief(db: Db, ids: readonly string[]): Promise<AuditSample['cases']> {
  if (!ids.length) return [];
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'type', 'channel', 'status', 'createdAt'])
    .where('id', 'in', ids)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

/** Claims a reminder (project and subject) in the transaction that sends it: false when it was sent before. */
export async function claimInspectionReminder(db: Db, r: { projectId: string; subject: string; organizationId: string; sentAt: string }): Promise<boolean> {
  const res = await db
    .insertInto('inspectionReminders')
    .values(r)
    .onConflict((oc) => oc.columns(['projectId', 'subject']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The projects of every organization, with their time zones (the reminders' sweep). */
export async function listProjectZones(db: Db): Promise<{ id: string; organizationId: string; timeZone: string }[]> {
  return db.selectFrom('projects').select(['id', 'organizationId', 'timeZone']).orderBy('id').execute();
}

/** The owners tied to a project's units now (its archive), ids only: the population of an audit's archive draw. */
export async function listProjectOwnerIds(db: Db, organizationId: string, projectId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('ownerUnits')
    .select('ownerId')
    .distinct()
    .where('organizationId', '=', organizationId)
    .where('projectId', '=', projectId)
    .where('movedOutOn', 'is', null)
    .orderBy('ownerId')
    .limit(limit)
    .execute();
  return rows.map((r) => r.ownerId);
}

/** Owners by id: name and when their record last changed (an audit's archive sample). */
export async function listOwnersBrief(db: Db, ids: readonly string[]): Promise<{ id: string; name: string; updatedAt: string }[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('owners')
    .select(['id', 'name', 'updatedAt'])
    .where('id', 'in', ids as string[])
    .orderBy('id')
    .execute();
}
