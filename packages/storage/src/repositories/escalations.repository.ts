import type { EscalationKind, EscalationSeverity, EscalationStatus } from '@guanjia/core';
import type { Kysely } from 'kysely';
import { decodeRow, encodeRow, type RowShape } from '../codec.ts';
import { isPostgres } from '../dialect/detect.ts';
import type { Schema } from '../schema.ts';

/** Fault escalation forms (故障转呈单) and work-liaison letters (工作联系函), migration 0037, decision 0035. */
type Db = Kysely<Schema>;

/** A round the office sent back: the department's response and the office's reason. */
export interface EscalationPastRound {
  round: number;
  response: string | null;
  respondedBy: string | null;
  feedbackAt: string | null;
  verifiedBy: string;
  verifiedAt: string;
  note: string;
}

export interface EscalationFormRecord {
  id: string;
  organizationId: string;
  projectId: string;
  kind: EscalationKind;
  severity: EscalationSeverity;
  title: string;
  problem: string;
  departmentId: string;
  requestedDate: string;
  dueAt: string;
  round: number;
  status: EscalationStatus;
  sentBy: string;
  sentAt: string;
  response: string | null;
  respondedBy: string | null;
  feedbackAt: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  verificationNote: string | null;
  pastRounds: EscalationPastRound[];
  lateToldRound: number;
}

const SHAPE: RowShape = { booleans: [], json: ['pastRounds'] };

export async function insertEscalationForm(db: Db, row: EscalationFormRecord, caseIds: readonly string[]): Promise<void> {
  await db
    .insertInto('escalationForms')
    .values(encodeRow(row, SHAPE) as never)
    .execute();
  if (caseIds.length)
    await db
      .insertInto('escalationFormCases')
      .values(caseIds.map((caseId) => ({ formId: row.id, caseId, organizationId: row.organizationId })))
      .execute();
}

export async function findEscalationForm(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<EscalationFormRecord | null> {
  let q = db.selectFrom('escalationForms').selectAll().where('id', '=', id);
  if (options.forUpdate && isPostgres(db)) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? decodeRow<EscalationFormRecord>(row, SHAPE) : null;
}

export async function updateEscalationForm(
  db: Db,
  id: string,
  patch: Partial<Omit<EscalationFormRecord, 'id' | 'organizationId' | 'projectId'>>,
): Promise<void> {
  await db
    .updateTable('escalationForms')
    .set(encodeRow(patch, SHAPE) as never)
    .where('id', '=', id)
    .execute();
}

/** The cases linked to each form, by form id. */
export async function escalationFormCases(db: Db, formIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!formIds.length) return out;
  const rows = await db.selectFrom('escalationFormCases').select(['formId', 'caseId']).where('formId', 'in', formIds).orderBy('caseId').execute();
  for (const r of rows) out.set(r.formId, [...(out.get(r.formId) ?? []), r.caseId]);
  return out;
}

export interface EscalationFormFilter {
  organizationId: string;
  /** The projects whose forms are seen, and the departments whose forms are seen (either matches). */
  projectIds: readonly string[] | 'all';
  departmentIds: readonly string[];
  status?: EscalationStatus;
  kind?: EscalationKind;
  projectId?: string;
  departmentId?: string;
  caseId?: string;
  /** Only forms late now (awaiting a response past their due instant) — or only those not. */
  late?: boolean;
  now: string;
  limit: number;
}

export async function listEscalationForms(db: Db, f: EscalationFormFilter): Promise<EscalationFormRecord[]> {
  if (f.projectIds !== 'all' && !f.projectIds.length && !f.departmentIds.length) return [];
  let q = db.selectFrom('escalationForms').selectAll().where('organizationId', '=', f.organizationId);
  if (f.projectIds !== 'all') {
    const projects = f.projectIds;
    q = q.where((eb) =>
      eb.or([...(projects.length ? [eb('projectId', 'in', projects)] : []), ...(f.departmentIds.length ? [eb('departmentId', 'in', f.departmentIds)] : [])]),
    );
  }
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.projectId) q = q.where('projectId', '=', f.projectId);
  if (f.departmentId) q = q.where('departmentId', '=', f.departmentId);
  if (f.caseId) {
    const caseId = f.caseId;
    q = q.where('id', 'in', (eb) => eb.selectFrom('escalationFormCases').select('formId').where('caseId', '=', caseId));
  }
  if (f.late === true) q = q.where('status', 'in', ['sent', 'reopened']).where('dueAt', '<', f.now);
  if (f.late === false) q = q.where((eb) => eb.or([eb('status', 'not in', ['sent', 'reopened']), eb('dueAt', '>=', f.now)]));
  const rows = await q.orderBy('sentAt', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => decodeRow<EscalationFormRecord>(r, SHAPE));
}

/** Forms awaiting a response past their due instant whose round's lateness is not yet told. */
export async function listEscalationFormsToTellLate(db: Db, now: string, limit: number): Promise<EscalationFormRecord[]> {
  const rows = await db
    .selectFrom('escalationForms')
    .selectAll()
    .where('status', 'in', ['sent', 'reopened'])
    .where('dueAt', '<', now)
    .whereRef('lateToldRound', '<', 'round')
    .orderBy('dueAt')
    .limit(limit)
    .execute();
  return rows.map((r) => decodeRow<EscalationFormRecord>(r, SHAPE));
}

/** Claims the telling of a round's lateness: true for the one process whose update took it. */
export async function claimEscalationLateness(db: Db, id: string, round: number): Promise<boolean> {
  const r = await db
    .updateTable('escalationForms')
    .set({ lateToldRound: round })
    .where('id', '=', id)
    .where('round', '=', round)
    .where('lateToldRound', '<', round)
    .where('status', 'in', ['sent', 'reopened'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
