import {
  describeRowProblem,
  DomainError,
  guessColumnMapping,
  IMPORT_COLUMNS,
  missingRequiredColumns,
  normalizeIdNumber,
  parseMainlandPhone,
  planOwnersImport,
  planStaffImport,
  planUnitsImport,
  type Capability,
  type ImportCounts,
  type ImportKind,
  type Locale,
  type PlannedAction,
  type RosterSnapshot,
  type RowProblem,
  type StaffActor,
  type StaffSnapshot,
} from '@guanjia/core';
import { IMPORT_REPORT_ROWS } from '@guanjia/api-contract';
import { loadEstateSnapshot, loadRosterRows, loadStaffRows } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { readFirstSheet, rowsByColumns, WorkbookUnreadable } from './workbook-reader.ts';

/** Who may import each kind: the same capability as typing it in (deny by default). */
const IMPORT_CAPABILITY: Record<ImportKind, Capability> = {
  units: 'structure.admin',
  owners: 'owner.write',
  staff: 'staff.admin',
};

export function requireImportCapability(actor: StaffActor, kind: ImportKind): void {
  if (!actor.capabilities.has(IMPORT_CAPABILITY[kind])) throw new DomainError('FORBIDDEN');
}

/**
 * The organization's estate and owners as the roster's dry run compares them: ID numbers decrypted
 * here, in memory for the comparison only (they are never sent or logged), phones as digits.
 */
export async function rosterSnapshotOf(deps: AppDeps, organizationId: string): Promise<RosterSnapshot> {
  const db = deps.database.db;
  const [estate, rows] = await Promise.all([loadEstateSnapshot(db, organizationId), loadRosterRows(db, organizationId)]);
  const phones = new Map<string, string[]>();
  const emails = new Map<string, string[]>();
  for (const c of rows.contacts) {
    const into = c.kind === 'phone' ? phones : emails;
    // a phone as the roster's rows read it (mainland-phone.ts), anything else by its digits
    const value = c.kind === 'phone' ? (parseMainlandPhone(c.value)?.digits ?? c.value.replace(/\D/g, '')) : c.value;
    into.set(c.ownerId, [...(into.get(c.ownerId) ?? []), value]);
  }
  return {
    ...estate,
    owners: rows.owners.map((o) => ({
      id: o.id,
      name: o.name,
      grade: o.grade,
      gender: o.gender,
      birthday: o.birthday,
      idNumber: o.idNumberEncrypted ? normalizeIdNumber(deps.cipher.decrypt(o.idNumberEncrypted)) : null,
      specialNeeds: o.specialNeeds,
      notes: o.notes,
      phones: phones.get(o.id) ?? [],
      emails: emails.get(o.id) ?? [],
    })),
    links: rows.links.map((l) => ({ ownerId: l.ownerId, unitId: l.unitId, relation: l.relation, primary: l.isPrimary, moveInDate: l.moveInDate })),
  };
}

/** The organization's projects, departments and staff accounts as the staff import's dry run compares them. */
export async function staffSnapshotOf(deps: AppDeps, organizationId: string): Promise<StaffSnapshot> {
  const db = deps.database.db;
  const [estate, rows] = await Promise.all([loadEstateSnapshot(db, organizationId), loadStaffRows(db, organizationId)]);
  return { projects: estate.projects, ...rows };
}

/** A plan's rows as the dry run reports them. */
interface PlannedRow {
  rowNumber: number;
  action: PlannedAction;
  changed: string[];
  problems: RowProblem[];
}

/**
 * 预检: what importing this workbook would do, row by row, with every problem in the caller's
 * language; nothing is written. The columns are guessed from the first row's headers (Chinese or
 * English); a sheet without a required column is refused as a whole, naming the columns.
 */
export async function dryRunImport(deps: AppDeps, actor: StaffActor, kind: ImportKind, bytes: Buffer, locale: Locale) {
  requireImportCapability(actor, kind);
  const sheet = await readFirstSheet(bytes).catch((error: unknown) => {
    if (error instanceof WorkbookUnreadable) throw new DomainError('WORKBOOK_UNREADABLE', 'body', { reason: error.message.slice(0, 120) });
    throw error;
  });
  const mapping = guessColumnMapping(kind, sheet.headers);
  const columns = IMPORT_COLUMNS[kind];
  const headerOf = (key: string) => columns.find((c) => c.key === key)?.header ?? key;
  const missing = missingRequiredColumns(kind, mapping);
  if (missing.length) throw new DomainError('IMPORT_COLUMNS_MISSING', 'body', { columns: missing.map(headerOf).join('、') });
  const rows = rowsByColumns(sheet, mapping);
  const projectIds = actor.companyWide ? null : actor.projectIds;
  const organizationId = actor.organizationId;
  let plan: { rows: PlannedRow[]; counts: ImportCounts };
  if (kind === 'units') plan = planUnitsImport(rows, await loadEstateSnapshot(deps.database.db, organizationId), projectIds);
  else if (kind === 'owners') plan = planOwnersImport(rows, await rosterSnapshotOf(deps, organizationId), projectIds, deps.now().slice(0, 10));
  else plan = planStaffImport(rows, await staffSnapshotOf(deps, organizationId), { id: actor.id, projectIds, isAdmin: actor.roles.includes('admin') });
  const sheetHeader = new Map(mapping.flatMap((key, i) => (key ? [[key, sheet.headers[i]!] as const] : [])));
  const reported = plan.rows.filter((r) => r.action !== 'skip');
  return {
    kind,
    rows: rows.length,
    mapping: sheet.headers.map((header, i) => ({ header, column: mapping[i] ?? null, label: mapping[i] ? headerOf(mapping[i]!) : null })),
    counts: plan.counts,
    report: reported.slice(0, IMPORT_REPORT_ROWS).map((r) => ({
      rowNumber: r.rowNumber,
      action: r.action,
      changed: r.changed,
      problems: r.problems.map((p) => ({
        column: p.column,
        header: p.column ? (sheetHeader.get(p.column) ?? headerOf(p.column)) : null,
        code: p.code,
        message: describeRowProblem(p, locale),
      })),
    })),
    reportTruncated: reported.length > IMPORT_REPORT_ROWS,
  };
}
