import { createHash } from 'node:crypto';
import {
  DomainError,
  guessColumnMapping,
  IMPORT_COLUMNS,
  missingRequiredColumns,
  planOwnersImport,
  planStaffImport,
  planUnitsImport,
  type ImportKind,
  type OwnersImportPlan,
  type RosterSnapshot,
  type StaffActor,
  type StaffImportPlan,
  type StaffSnapshot,
  type UnitsImportPlan,
} from '@guanjia/core';
import { findImportMapping, loadEstateSnapshot } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { rosterSnapshotOf, staffSnapshotOf } from './import-snapshots.ts';
import { readFirstSheet, rowsByColumns, WorkbookUnreadable, type SheetRows } from './workbook-reader.ts';

/** A plan of one kind with what it was made against (the apply needs the units' projects). */
export type KindPlan =
  | { kind: 'units'; plan: UnitsImportPlan; estate: Awaited<ReturnType<typeof loadEstateSnapshot>> }
  | { kind: 'owners'; plan: OwnersImportPlan; estate: RosterSnapshot }
  | { kind: 'staff'; plan: StaffImportPlan; estate: StaffSnapshot };

export interface ImportPlan {
  sheet: SheetRows;
  mapping: (string | null)[];
  planned: KindPlan;
  /** What the plan does, as a digest: an apply refuses when the plan made now differs from the dry run's. */
  digest: string;
}

export async function readWorkbook(bytes: Buffer): Promise<SheetRows> {
  return readFirstSheet(bytes).catch((error: unknown) => {
    if (error instanceof WorkbookUnreadable) throw new DomainError('WORKBOOK_UNREADABLE', 'body', { reason: error.message.slice(0, 120) });
    throw error;
  });
}

export const headerOf = (kind: ImportKind, key: string) => IMPORT_COLUMNS[kind].find((c) => c.key === key)?.header ?? key;

/** The sheet's columns as the organization saved them for this kind, then guessed from the headers. */
export async function guessedMapping(deps: AppDeps, actor: StaffActor, kind: ImportKind, sheet: SheetRows): Promise<(string | null)[]> {
  return guessColumnMapping(kind, sheet.headers, (await findImportMapping(deps.database.db, actor.organizationId, kind)) ?? {});
}

/** Our required columns a mapping leaves without a sheet column, by their Chinese headers. */
export const missingColumnsOf = (kind: ImportKind, mapping: readonly (string | null)[]): string[] =>
  missingRequiredColumns(kind, mapping).map((k) => headerOf(kind, k));

/** A plan needs every required column: refused whole otherwise, naming them. */
export function requireCompleteMapping(kind: ImportKind, mapping: readonly (string | null)[]): void {
  const keys = missingRequiredColumns(kind, mapping);
  if (keys.length)
    throw new DomainError('IMPORT_COLUMNS_MISSING', 'body', {
      columns: keys.map((k) => headerOf(kind, k)).join('、'),
      // in English, our columns by their keys' words (unitLabel → unit label)
      columnsEn: keys.map((k) => k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)).join(', '),
    });
}

/** 预检 against the organization as it is now: pure planners over a snapshot loaded once. */
export async function planImport(deps: AppDeps, actor: StaffActor, kind: ImportKind, sheet: SheetRows, mapping: (string | null)[]): Promise<ImportPlan> {
  const rows = rowsByColumns(sheet, mapping);
  const projectIds = actor.companyWide ? null : actor.projectIds;
  const organizationId = actor.organizationId;
  let planned: KindPlan;
  if (kind === 'units') {
    const estate = await loadEstateSnapshot(deps.database.db, organizationId);
    planned = { kind, plan: planUnitsImport(rows, estate, projectIds), estate };
  } else if (kind === 'owners') {
    const estate = await rosterSnapshotOf(deps, organizationId);
    planned = { kind, plan: planOwnersImport(rows, estate, projectIds, deps.now().slice(0, 10)), estate };
  } else {
    const estate = await staffSnapshotOf(deps, organizationId);
    planned = { kind, plan: planStaffImport(rows, estate, { id: actor.id, projectIds, isAdmin: actor.roles.includes('admin') }), estate };
  }
  return { sheet, mapping, planned, digest: planDigest(planned) };
}

/** The digest of what a plan writes: its rows' actions, changes, problems and planned records. */
function planDigest(planned: KindPlan): string {
  const hash = createHash('sha256');
  hash.update(planned.kind);
  for (const row of planned.plan.rows) hash.update(JSON.stringify(row));
  if (planned.kind === 'units') hash.update(JSON.stringify(planned.plan.newBuildings));
  return hash.digest('hex');
}
