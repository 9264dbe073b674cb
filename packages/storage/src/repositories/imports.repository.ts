import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ImportsTable, Schema } from '../schema.ts';

type Db = Kysely<Schema>;

/** An uploaded workbook and its dry run and apply (decision 0021); JSON columns decoded. */
export interface ImportRecord extends Omit<Selectable<ImportsTable>, 'mapping' | 'counts' | 'skipProblemRows'> {
  mapping: (string | null)[];
  counts: { create: number; update: number; skip: number; error: number };
  skipProblemRows: boolean;
}

function decode(row: Selectable<ImportsTable>): ImportRecord {
  return {
    ...row,
    mapping: JSON.parse(row.mapping) as (string | null)[],
    counts: JSON.parse(row.counts) as ImportRecord['counts'],
    skipProblemRows: Number(row.skipProblemRows) === 1,
    chunksTotal: Number(row.chunksTotal),
    chunksDone: Number(row.chunksDone),
    rowCount: Number(row.rowCount),
    sizeBytes: Number(row.sizeBytes),
  };
}

export async function insertImport(
  db: Db,
  r: Omit<ImportRecord, 'chunksTotal' | 'chunksDone' | 'skipProblemRows' | 'leaseUntil' | 'failure' | 'appliedBy' | 'appliedAt'>,
): Promise<void> {
  const row: Insertable<ImportsTable> = { ...r, mapping: JSON.stringify(r.mapping), counts: JSON.stringify(r.counts) };
  await db.insertInto('imports').values(row).execute();
}

export async function findImport(db: Db, id: string): Promise<ImportRecord | null> {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? decode(row) : null;
}

/** One staff member's imports, newest first. */
export async function listImportsBy(db: Db, organizationId: string, createdBy: string, limit: number): Promise<ImportRecord[]> {
  const rows = await db
    .selectFrom('imports')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .where('createdBy', '=', createdBy)
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .execute();
  return rows.map(decode);
}

/** A new dry run of the same upload (another mapping, or the estate changed): the plan it stands for. */
export async function updateImportPlan(
  db: Db,
  id: string,
  plan: { mapping: (string | null)[]; counts: ImportRecord['counts']; planDigest: string; rowCount: number },
): Promise<void> {
  await db
    .updateTable('imports')
    .set({ mapping: JSON.stringify(plan.mapping), counts: JSON.stringify(plan.counts), planDigest: plan.planDigest, rowCount: plan.rowCount })
    .where('id', '=', id)
    .where('status', '=', 'checked')
    .execute();
}

/**
 * Takes the import for an apply: from `checked` (a first apply) or from `applying` whose lease ran
 * out (a killed apply, resumed). False: someone else holds it, or it is finished.
 */
export async function claimImport(
  db: Db,
  id: string,
  claim: { now: string; leaseUntil: string; appliedBy: string; chunksTotal?: number; skipProblemRows?: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set({
      status: 'applying',
      leaseUntil: claim.leaseUntil,
      appliedBy: claim.appliedBy,
      failure: null,
      ...(claim.chunksTotal !== undefined ? { chunksTotal: claim.chunksTotal } : {}),
      ...(claim.skipProblemRows !== undefined ? { skipProblemRows: claim.skipProblemRows ? 1 : 0 } : {}),
    })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('status', '=', 'checked'), eb.and([eb('status', '=', 'applying'), eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', claim.now)])])]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many chunks the apply's writes file holds (set once, before the first chunk is written). */
export async function setImportChunksTotal(db: Db, id: string, total: number): Promise<void> {
  await db.updateTable('imports').set({ chunksTotal: total }).where('id', '=', id).execute();
}

/**
 * The journal: chunk `done - 1` is written. Runs inside the chunk's transaction, so the count moves
 * with the chunk's rows or not at all; false when another apply moved it meanwhile.
 */
export async function recordImportChunk(db: Db, id: string, done: number, leaseUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set({ chunksDone: done, leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'applying')
    .where('chunksDone', '=', done - 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishImport(db: Db, id: string, end: { status: 'applied' | 'failed'; at: string; failure?: string }): Promise<void> {
  await db
    .updateTable('imports')
    .set({ status: end.status, leaseUntil: null, failure: end.failure ?? null, ...(end.status === 'applied' ? { appliedAt: end.at } : {}) })
    .where('id', '=', id)
    .execute();
}

/** The organization's saved mapping of one kind: normalized sheet header → our column key. */
export async function findImportMapping(db: Db, organizationId: string, kind: string): Promise<Record<string, string> | null> {
  const row = await db.selectFrom('importMappings').select('mapping').where('organizationId', '=', organizationId).where('kind', '=', kind).executeTakeFirst();
  return row ? (JSON.parse(row.mapping) as Record<string, string>) : null;
}

export async function saveImportMapping(
  db: Db,
  m: { organizationId: string; kind: string; mapping: Record<string, string>; updatedBy: string; updatedAt: string },
): Promise<void> {
  const values = { ...m, mapping: JSON.stringify(m.mapping) };
  await db
    .insertInto('importMappings')
    .values(values)
    .onConflict((oc) => oc.columns(['organizationId', 'kind']).doUpdateSet({ mapping: values.mapping, updatedBy: m.updatedBy, updatedAt: m.updatedAt }))
    .execute();
}
