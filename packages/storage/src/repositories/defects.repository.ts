import type { DefectSeverity, DefectStatus, RectificationStatus, Specialty } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/** Defects (不合格项) and rectification notices (整改通知), migration 0035, decision 0034. */
type Db = Kysely<Schema>;

export type DefectSource = 'inspection' | 'patrol' | 'manual';

export interface DefectRecord {
  id: string;
  organizationId: string;
  projectId: string;
  sourceType: DefectSource;
  sourceId: string | null;
  itemId: string | null;
  pointId: string | null;
  specialty: Specialty;
  severity: DefectSeverity;
  causedByStaff: boolean;
  onDailySheet: boolean;
  description: string;
  photoIds: string[];
  responsibleId: string | null;
  foundBy: string | null;
  foundAt: string;
  periodStart: string;
  deadline: string;
  status: DefectStatus;
  closureNote: string | null;
  closurePhotoIds: string[];
  closedAt: string | null;
  closedBy: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  verifiedIn: string | null;
  reopenCount: number;
  escalationLevel: number;
  escalatedAt: string | null;
  caseId: string | null;
  rectificationId: string | null;
}
const DEFECT_SHAPE: RowShape = { booleans: ['causedByStaff', 'onDailySheet'], json: ['photoIds', 'closurePhotoIds'] };

export async function insertDefects(db: Db, rows: readonly DefectRecord[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300)
    await db
      .insertInto('defects')
      .values(rows.slice(i, i + 300).map((r) => encodeRow(r, DEFECT_SHAPE)) as never)
      .execute();
}

export async function findDefect(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<DefectRecord | null> {
  let q = db.selectFrom('defects').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeRow<DefectRecord>(row, DEFECT_SHAPE) : null;
}

export async function updateDefect(db: Db, id: string, patch: Partial<Omit<DefectRecord, 'id' | 'organizationId' | 'projectId'>>): Promise<void> {
  await db
    .updateTable('defects')
    .set(encodeRow(patch, DEFECT_SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

export interface DefectFilter {
  organizationId: string;
  projectIds: readonly string[] | 'all';
  status?: DefectStatus;
  responsibleId?: string;
  pointId?: string;
  /** The defect a case was opened from (its caseId). */
  caseId?: string;
  onDailySheet?: boolean;
  foundFrom?: string;
  foundTo?: string;
  ids?: readonly string[];
  limit: number;
}

export async function listDefects(db: Db, f: DefectFilter): Promise<DefectRecord[]> {
  let q = db.selectFrom('defects').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds !== 'all') {
    if (!f.projectIds.length) return [];
    q = q.where('projectId', 'in', f.projectIds);
  }
  if (f.ids) {
    if (!f.ids.length) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.status) q = q.where('status', '=', f.status);
  if (f.responsibleId) q = q.where('responsibleId', '=', f.responsibleId);
  if (f.pointId) q = q.where('pointId', '=', f.pointId);
  if (f.caseId) q = q.where('caseId', '=', f.caseId);
  if (f.onDailySheet !== undefined) q = q.where('onDailySheet', '=', f.onDailySheet ? 1 : 0);
  if (f.foundFrom) q = q.where('foundAt', '>=', f.foundFrom);
  if (f.foundTo) q = q.where('foundAt', '<', f.foundTo);
  const rows = await q.orderBy('foundAt', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => decodeRow<DefectRecord>(r, DEFECT_SHAPE));
}

/** Open defects past their deadline whose escalation may be due (the sweep decides the level). */
export async function listDefectsPastDeadline(db: Db, now: string, limit: number): Promise<DefectRecord[]> {
  const rows = await db
    .selectFrom('defects')
    .selectAll()
    .where('status', '=', 'open')
    .where('deadline', '<', now)
    .where('escalationLevel', '<', 2)
    .orderBy('deadline')
    .limit(limit)
    .execute();
  return rows.map((r) => decodeRow<DefectRecord>(r, DEFECT_SHAPE));
}

// --- rectification notices --------------------------------------------------------------------------

export interface RectificationRecord {
  id: string;
  organizationId: string;
  projectId: string;
  title: string;
  requirement: string;
  defectIds: string[];
  issuedBy: string;
  issuedAt: string;
  responsibleId: string;
  deadline: string;
  round: number;
  status: RectificationStatus;
  measures: string | null;
  measuresAt: string | null;
  report: string | null;
  reportedAt: string | null;
  reinspectedBy: string | null;
  reinspectedAt: string | null;
  reinspectionNote: string | null;
  escalationLevel: number;
  escalatedAt: string | null;
}
const RECTIFICATION_SHAPE: RowShape = { booleans: [], json: ['defectIds'] };

export async function insertRectification(db: Db, r: RectificationRecord): Promise<void> {
  await db
    .insertInto('rectificationNotices')
    .values(encodeRow(r, RECTIFICATION_SHAPE) as never)
    .execute();
}

export async function findRectification(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<RectificationRecord | null> {
  let q = db.selectFrom('rectificationNotices').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeRow<RectificationRecord>(row, RECTIFICATION_SHAPE) : null;
}

export async function updateRectification(db: Db, id: string, patch: Partial<Omit<RectificationRecord, 'id' | 'organizationId' | 'projectId'>>): Promise<void> {
  await db
    .updateTable('rectificationNotices')
    .set(encodeRow(patch, RECTIFICATION_SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

export async function listRectifications(
  db: Db,
  f: { organizationId: string; projectIds: readonly string[] | 'all'; status?: RectificationStatus; limit: number },
): Promise<RectificationRecord[]> {
  let q = db.selectFrom('rectificationNotices').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds !== 'all') {
    if (!f.projectIds.length) return [];
    q = q.where('projectId', 'in', f.projectIds);
  }
  if (f.status) q = q.where('status', '=', f.status);
  const rows = await q.orderBy('issuedAt', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => decodeRow<RectificationRecord>(r, RECTIFICATION_SHAPE));
}

/** Notices not reported by their deadline whose escalation may be due (the sweep decides the level). */
export async function listRectificationsPastDeadline(db: Db, now: string, limit: number): Promise<RectificationRecord[]> {
  const rows = await db
    .selectFrom('rectificationNotices')
    .selectAll()
    .where('status', 'in', ['issued', 'measures'])
    .where('deadline', '<', now)
    .where('escalationLevel', '<', 2)
    .orderBy('deadline')
    .limit(limit)
    .execute();
  return rows.map((r) => decodeRow<RectificationRecord>(r, RECTIFICATION_SHAPE));
}
