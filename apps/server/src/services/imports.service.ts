import {
  describeRowProblem,
  DomainError,
  formatUnitLabel,
  IMPORT_COLUMNS,
  mappingProblems,
  savedMappingOf,
  type Capability,
  type ImportKind,
  type Locale,
  type PlannedAction,
  type RowProblem,
  type StaffActor,
} from '@guanjia/core';
import { IMPORT_REPORT_ROWS } from '@guanjia/api-contract';
import {
  appendAudit,
  claimImport,
  findImport,
  finishImport,
  insertImport,
  listImportsBy,
  recordImportChunk,
  saveImportMapping,
  setImportChunksTotal,
  updateImportPlan,
  type ImportRecord,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { chunksOf, writeChunk, type ImportChunk } from './import-chunks.ts';
import { readImportWorkbook, readImportWrites, removeImportFiles, storeImportWorkbook, storeImportWrites } from './import-files.ts';
import { guessedMapping, headerOf, missingColumnsOf, planImport, readWorkbook, requireCompleteMapping, type ImportPlan } from './import-plan.ts';
import { inTransaction } from './transaction.ts';

/** Who may import each kind: the same capability as typing it in (deny by default). */
const IMPORT_CAPABILITY: Record<ImportKind, Capability> = {
  units: 'structure.admin',
  owners: 'owner.write',
  staff: 'staff.admin',
};

export function requireImportCapability(actor: StaffActor, kind: ImportKind): void {
  if (!actor.capabilities.has(IMPORT_CAPABILITY[kind])) throw new DomainError('FORBIDDEN');
}

/** A plan's rows as the dry run reports them. */
interface PlannedRow {
  rowNumber: number;
  action: PlannedAction;
  changed: string[];
  problems: RowProblem[];
  /** owners: the tie's unit */
  link?: { unitLabel: string } | null;
  /** units: the unit as read */
  unit?: { buildingName: string; entrance: string | null; code: string } | null;
}

const unitLabelOf = (r: PlannedRow): string | null =>
  r.link?.unitLabel ?? (r.unit ? formatUnitLabel({ buildingName: r.unit.buildingName, entrance: r.unit.entrance, code: r.unit.code }) : null);

/** An import as the API shows it (its report comes with the dry run). */
function importView(r: ImportRecord, headers?: readonly string[]) {
  return {
    id: r.id,
    kind: r.kind as ImportKind,
    filename: r.filename,
    status: r.status as 'checked' | 'applying' | 'applied' | 'failed',
    rows: r.rowCount,
    counts: r.counts,
    ...(headers ? { mapping: mappingView(r.kind as ImportKind, headers, r.mapping) } : {}),
    chunksTotal: r.chunksTotal,
    chunksDone: r.chunksDone,
    skipProblemRows: r.skipProblemRows,
    failure: r.failure,
    createdAt: r.createdAt,
    appliedAt: r.appliedAt,
  };
}

const mappingView = (kind: ImportKind, headers: readonly string[], mapping: readonly (string | null)[]) =>
  headers.map((header, i) => ({ header, column: mapping[i] ?? null, label: mapping[i] ? headerOf(kind, mapping[i]!) : null }));

/** The dry run's report: every row that is not left as it is, each problem in the caller's language. */
function reportOf(kind: ImportKind, p: ImportPlan | null, locale: Locale) {
  const sheetHeader = new Map(p ? p.mapping.flatMap((key, i) => (key ? [[key, p.sheet.headers[i]!] as const] : [])) : []);
  const reported = p ? (p.planned.plan.rows as PlannedRow[]).filter((r) => r.action !== 'skip') : [];
  return {
    columns: IMPORT_COLUMNS[kind].map((c) => ({ key: c.key, label: c.header, required: c.required })),
    report: reported.slice(0, IMPORT_REPORT_ROWS).map((r) => ({
      rowNumber: r.rowNumber,
      action: r.action,
      changed: r.changed,
      unitLabel: unitLabelOf(r),
      problems: r.problems.map((problem) => ({
        column: problem.column,
        header: problem.column ? (sheetHeader.get(problem.column) ?? headerOf(kind, problem.column)) : null,
        code: problem.code,
        message: describeRowProblem(problem, locale),
      })),
    })),
    reportTruncated: reported.length > IMPORT_REPORT_ROWS,
  };
}

/**
 * An import is its uploader's (like a draft): only they see, remap, report or apply it, and only while
 * they still hold the capability of its kind. Anyone else is told it does not exist.
 */
async function visibleImport(deps: AppDeps, actor: StaffActor, id: string): Promise<ImportRecord> {
  const r = await findImport(deps.database.db, id);
  if (!r || r.organizationId !== actor.organizationId || r.createdBy !== actor.id || !actor.capabilities.has(IMPORT_CAPABILITY[r.kind as ImportKind]))
    throw new DomainError('IMPORT_NOT_FOUND', 'id');
  return r;
}

/**
 * 预检: uploads a workbook and plans its import against the organization as it is now, row by row,
 * with every problem in the caller's language; nothing of the estate is written. The upload is kept
 * (an import record with the plan's digest), to be remapped, reported as a workbook, or applied. A
 * sheet whose headers do not name every required column is kept too, unplanned, with the columns
 * missing named: the user maps the sheet's own columns (PUT …/mapping), then it is planned.
 */
export async function dryRunImport(deps: AppDeps, actor: StaffActor, kind: ImportKind, bytes: Buffer, locale: Locale, filename = `${kind}.xlsx`) {
  requireImportCapability(actor, kind);
  const sheet = await readWorkbook(bytes);
  const mapping = await guessedMapping(deps, actor, kind, sheet);
  const missingColumns = missingColumnsOf(kind, mapping);
  const plan = missingColumns.length ? null : await planImport(deps, actor, kind, sheet, mapping);
  const id = deps.newId();
  const { sha256, storageKey } = await storeImportWorkbook(deps, id, bytes);
  const record: Parameters<typeof insertImport>[1] = {
    id,
    organizationId: actor.organizationId,
    kind,
    filename: filename.slice(0, 200),
    sha256,
    sizeBytes: bytes.length,
    storageKey,
    mapping,
    status: 'checked',
    rowCount: sheet.rows.length,
    counts: plan?.planned.plan.counts ?? { create: 0, update: 0, skip: 0, error: 0 },
    planDigest: plan?.digest ?? '',
    createdBy: actor.id,
    createdAt: deps.now(),
  };
  await insertImport(deps.database.db, record);
  const saved: ImportRecord = {
    ...record,
    chunksTotal: 0,
    chunksDone: 0,
    skipProblemRows: false,
    leaseUntil: null,
    failure: null,
    appliedBy: null,
    appliedAt: null,
  };
  return { ...importView(saved, sheet.headers), missingColumns, ...reportOf(kind, plan, locale) };
}

/**
 * The user's own columns (对应列): the mapping chosen in the console, saved for the organization
 * (reused by its next uploads of that kind) and the dry run made again with it.
 */
export async function remapImport(deps: AppDeps, actor: StaffActor, id: string, columns: (string | null)[], locale: Locale) {
  const r = await visibleImport(deps, actor, id);
  if (r.status !== 'checked') throw new DomainError(r.status === 'applied' ? 'IMPORT_ALREADY_APPLIED' : 'IMPORT_IN_PROGRESS', 'id');
  const kind = r.kind as ImportKind;
  const sheet = await readWorkbook(await readImportWorkbook(deps, r.storageKey));
  if (columns.length !== sheet.headers.length)
    throw new DomainError('IMPORT_MAPPING_INVALID', 'columns', {
      column: columns.length + 1,
      reason: `表格共有 ${sheet.headers.length} 列`,
      reasonEn: `the sheet has ${sheet.headers.length} columns`,
    });
  const problem = mappingProblems(kind, columns)[0];
  if (problem)
    throw new DomainError('IMPORT_MAPPING_INVALID', `columns.${problem.index}`, {
      // the sheet's own header is quoted in Chinese; in English the column's number alone
      column: `${problem.index + 1}（${sheet.headers[problem.index] ?? ''}）`,
      columnEn: problem.index + 1,
      reason: problem.reason === 'duplicate_column' ? '重复对应' : '不是可导入的列',
      reasonEn: problem.reason === 'duplicate_column' ? 'mapped twice' : 'not a column of ours',
    });
  requireCompleteMapping(kind, columns);
  const mapping = columns;
  const plan = await planImport(deps, actor, kind, sheet, mapping);
  await inTransaction(deps.database, async (db) => {
    await updateImportPlan(db, id, { mapping, counts: plan.planned.plan.counts, planDigest: plan.digest, rowCount: sheet.rows.length });
    await saveImportMapping(db, {
      organizationId: actor.organizationId,
      kind,
      mapping: savedMappingOf(sheet.headers, mapping),
      updatedBy: actor.id,
      updatedAt: deps.now(),
    });
  });
  const saved = (await findImport(deps.database.db, id))!;
  return { ...importView(saved, sheet.headers), missingColumns: [], ...reportOf(kind, plan, locale) };
}

export async function getImport(deps: AppDeps, actor: StaffActor, id: string) {
  return importView(await visibleImport(deps, actor, id));
}

/** The caller's recent imports (of the kinds they may import). */
export async function listMyImports(deps: AppDeps, actor: StaffActor) {
  const rows = await listImportsBy(deps.database.db, actor.organizationId, actor.id, 50);
  return rows.filter((r) => actor.capabilities.has(IMPORT_CAPABILITY[r.kind as ImportKind])).map((r) => importView(r));
}

/** The plan made again from the stored upload, for the report workbook. */
export async function planOfImport(deps: AppDeps, actor: StaffActor, id: string) {
  const r = await visibleImport(deps, actor, id);
  if (r.status === 'applied') throw new DomainError('IMPORT_ALREADY_APPLIED', 'id');
  requireCompleteMapping(r.kind as ImportKind, r.mapping);
  const sheet = await readWorkbook(await readImportWorkbook(deps, r.storageKey));
  return { record: r, plan: await planImport(deps, actor, r.kind as ImportKind, sheet, r.mapping) };
}

/**
 * Apply (导入): does exactly what the dry run said, or nothing. The plan is made again against the
 * organization as it is now; if it differs from the dry run's (someone changed the estate meanwhile)
 * the apply is refused. Rows with problems are left out only when the caller confirms it
 * (`skipProblemRows`). The writes go a chunk per transaction, each moving the journal with it: a
 * killed apply leaves whole chunks only and is resumed by applying again (after its lease).
 */
export async function applyImport(
  deps: AppDeps,
  actor: StaffActor,
  id: string,
  options: { skipProblemRows?: boolean },
  onProgress?: (done: number, total: number) => void,
) {
  let r = await visibleImport(deps, actor, id);
  const kind = r.kind as ImportKind;
  if (r.status === 'applied') throw new DomainError('IMPORT_ALREADY_APPLIED', 'id');
  const now = () => deps.now();
  const leaseUntil = () => new Date(Date.parse(deps.now()) + deps.limits.importLeaseSeconds * 1000).toISOString();
  if (r.status === 'checked' || r.chunksDone === 0) {
    // a first apply (or one killed before its first chunk): plan again, compare with the dry run, and
    // write the records of every chunk to the writes file before the first is applied
    requireCompleteMapping(kind, r.mapping);
    const plan = await planImport(deps, actor, kind, await readWorkbook(await readImportWorkbook(deps, r.storageKey)), r.mapping);
    if (plan.digest !== r.planDigest) throw new DomainError('IMPORT_PLAN_CHANGED', 'id');
    const problems = plan.planned.plan.counts.error;
    const skip = options.skipProblemRows ?? r.skipProblemRows;
    if (problems > 0 && !skip) throw new DomainError('IMPORT_HAS_PROBLEMS', 'skipProblemRows', { count: problems });
    if (!(await claimImport(deps.database.db, id, { now: now(), leaseUntil: leaseUntil(), appliedBy: actor.id, skipProblemRows: skip })))
      throw new DomainError('IMPORT_IN_PROGRESS', 'id');
    const total = await storeImportWrites(deps, id, chunksOf(deps, actor, plan.planned, id));
    await setImportChunksTotal(deps.database.db, id, total);
  } else if (!(await claimImport(deps.database.db, id, { now: now(), leaseUntil: leaseUntil(), appliedBy: actor.id }))) {
    // resumed: the writes made by the first apply, from the chunk after the journal's last
    throw new DomainError('IMPORT_IN_PROGRESS', 'id');
  }
  // the plan is let go: the chunks are read back from the file one at a time
  r = (await findImport(deps.database.db, id))!;
  const total = r.chunksTotal;
  onProgress?.(r.chunksDone, total);
  try {
    let done = r.chunksDone;
    for await (const chunk of readImportWrites<ImportChunk>(deps, id, done)) {
      await inTransaction(deps.database, async (db) => {
        await writeChunk(db, chunk);
        if (!(await recordImportChunk(db, id, done + 1, leaseUntil()))) throw new DomainError('IMPORT_IN_PROGRESS', 'id');
      });
      done += 1;
      onProgress?.(done, total);
    }
    if (done !== total) throw new Error(`the writes file holds ${done} of ${total} chunks`);
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'IMPORT_IN_PROGRESS'))
      await finishImport(deps.database.db, id, { status: 'failed', at: now(), failure: error instanceof Error ? error.message.slice(0, 500) : String(error) });
    throw error;
  }
  await inTransaction(deps.database, async (db) => {
    await finishImport(db, id, { status: 'applied', at: now() });
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'import.apply',
      targetType: 'import',
      targetId: id,
      detail: { kind, filename: r.filename, sha256: r.sha256, rows: r.rowCount, counts: r.counts, skipProblemRows: r.skipProblemRows },
      at: now(),
    });
  });
  await removeImportFiles(deps, id, r.storageKey);
  // names and labels in lists, roles of accounts: read again
  deps.unitLabelCache?.clear();
  deps.ownerNameCache?.clear();
  deps.staffNameCache?.clear();
  deps.actorCache?.clear();
  return importView((await findImport(deps.database.db, id))!);
}
