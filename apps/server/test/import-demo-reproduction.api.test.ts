import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportKind, type StaffActor } from '@guanjia/core';
import { findStaff, listDepartments, loadEstateSnapshot, type Database } from '@guanjia/storage';
import { freshDatabase } from '@guanjia/storage/testing';
import { OWNER_GRADE_LABELS, RELATION_LABELS, ROLE_LABELS, type OwnerGrade, type StaffRole } from '@guanjia/vocabulary';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '../src/index.ts';
import { actorFromStaff } from '../src/services/actors.ts';
import { importTemplate, DATA_SHEET } from '../src/services/import-template.ts';
import { rosterSnapshotOf, staffSnapshotOf } from '../src/services/import-snapshots.ts';
import { applyImport, dryRunImport } from '../src/services/imports.service.ts';
import { initializeOrganization } from '../src/services/setup.service.ts';
import { createDepartment, createProject } from '../src/services/structure.service.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Issue 12, item 6: the three templates filled with the demo company — its buildings and units, its
 * staff, its owners with their units and contacts — imported into a new company on a database of its
 * own, reproduce it: every unit, account and archive with what the templates carry, every tie with
 * its relation, 主业主 and move-in date, every ID number (encrypted again, masked the same). Projects
 * and departments are not imported (they are created first, as a new customer does at set-up).
 */
let demo: TestContext;
let copy: { deps: AppDeps; actor: StaffActor; drop: () => Promise<void>; dir: string };

beforeAll(async () => {
  demo = await createTestContext();
  const fresh = await freshDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'guanjia-copy-'));
  const deps: AppDeps = {
    database: fresh.database as Database,
    now: () => '2026-12-05T02:00:00.000Z',
    newId: createIdGenerator(),
    cipher: createFieldCipher(Buffer.alloc(32, 9)),
    attachmentsDir: dir,
    limits: { ...DEFAULT_LIMITS, importChunkRows: 7 },
  };
  const { adminId } = await initializeOrganization(deps, {
    organization: { code: 'COPY', name: '复刻物业' },
    admin: { username: 'copy.admin', name: '新公司管理员', password: 'Copy-company-2026!' },
  });
  copy = { deps, actor: actorFromStaff((await findStaff(deps.database.db, adminId))!), drop: fresh.drop, dir };
});
afterAll(async () => {
  await demo?.close();
  await copy?.drop();
  if (copy) rmSync(copy.dir, { recursive: true, force: true });
});

/** A downloaded template with its 数据 sheet filled: each row by our column keys. */
async function filledTemplate(kind: ImportKind, rows: Record<string, string | number | null>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await importTemplate(kind)) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(DATA_SHEET)!;
  const keyOf = new Map(IMPORT_COLUMNS[kind].map((c) => [c.header, c.key]));
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((h) => keyOf.get(String(h))!);
  rows.forEach((r, i) => {
    const row = sheet.getRow(i + 2);
    headers.forEach((key, c) => {
      const value = r[key];
      if (value !== null && value !== undefined) row.getCell(c + 1).value = value;
    });
    row.commit();
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importInto(kind: ImportKind, bytes: Buffer) {
  const dry = await dryRunImport(copy.deps, copy.actor, kind, bytes, 'zh-CN', `${kind}.xlsx`);
  expect(dry.missingColumns).toEqual([]);
  expect(dry.report.filter((r) => r.problems.length)).toEqual([]);
  const applied = await applyImport(copy.deps, copy.actor, dry.id, {});
  expect(applied.status).toBe('applied');
  return dry.counts;
}

/** What the templates carry of a company, by natural keys (no ids): units, accounts, archives and ties. */
async function picture(deps: AppDeps, organizationId: string, usernames?: (u: string) => boolean) {
  const estate = await loadEstateSnapshot(deps.database.db, organizationId);
  const roster = await rosterSnapshotOf(deps, organizationId);
  const staff = await staffSnapshotOf(deps, organizationId);
  const project = new Map(estate.projects.map((p) => [p.id, p.name]));
  const building = new Map(estate.buildings.map((b) => [b.id, b.name]));
  const unitKey = new Map(estate.units.map((u) => [u.id, `${project.get(u.projectId)} ${building.get(u.buildingId)} ${u.entrance ?? ''} ${u.code}`]));
  const department = new Map(staff.departments.map((d) => [d.id, d.name]));
  const owners = new Map(roster.owners.map((o) => [o.id, o]));
  return {
    units: estate.units.map((u) => `${unitKey.get(u.id)} ${u.floor} ${u.areaSqm} ${u.kind}`).sort(),
    staff: staff.staff
      .filter((s) => !usernames || usernames(s.username))
      .map((s) =>
        [
          s.username,
          s.name,
          s.phone,
          s.email,
          s.departmentId ? department.get(s.departmentId) : null,
          [...s.roles].sort().join(),
          s.projectIds
            .map((p) => project.get(p))
            .sort()
            .join(),
          s.companyWide,
        ].join('|'),
      )
      .sort(),
    owners: roster.owners
      .map((o) =>
        [o.name, o.grade, o.gender, o.birthday, o.idNumber, o.specialNeeds, o.notes, [...o.phones].sort().join(), [...o.emails].sort().join()].join('|'),
      )
      .sort(),
    ties: roster.links.map((l) => `${owners.get(l.ownerId)!.name} ${unitKey.get(l.unitId)} ${l.relation} ${l.primary} ${l.moveInDate}`).sort(),
  };
}

describe('the demo company from its filled templates (issue 12, item 6)', () => {
  it('is reproduced in a new company: units, staff, owners with their units and contacts', async () => {
    const db = demo.deps.database.db;
    const orgId = demo.a.organizationId;
    // set-up as a new customer does it: the offices and departments by hand
    const estate = await loadEstateSnapshot(db, orgId);
    const projectIds = new Map<string, string>();
    for (const p of estate.projects) {
      const made = await createProject(copy.deps, copy.actor, { code: p.code, name: p.name, phase: 'occupied', timeZone: 'Asia/Shanghai' });
      projectIds.set(p.id, made.id);
    }
    for (const d of await listDepartments(db, orgId, null))
      await createDepartment(copy.deps, copy.actor, {
        code: d.code,
        name: d.name,
        kind: d.kind,
        projectId: d.projectId ? projectIds.get(d.projectId)! : null,
        isSupervising: d.isSupervising,
      });

    const files: [ImportKind, Buffer][] = [];
    const keep = (kind: ImportKind, bytes: Buffer) => (files.push([kind, bytes]), bytes);
    // 1. buildings and units
    const project = new Map(estate.projects.map((p) => [p.id, p.name]));
    const building = new Map(estate.buildings.map((b) => [b.id, b.name]));
    const units = await importInto(
      'units',
      keep(
        'units',
        await filledTemplate(
          'units',
          estate.units.map((u) => ({
            project: project.get(u.projectId)!,
            building: building.get(u.buildingId)!,
            entrance: u.entrance,
            room: u.code,
            floor: u.floor,
            areaSqm: u.areaSqm,
            kind: u.kind === 'public_area' ? '公共区域' : '户内',
          })),
        ),
      ),
    );
    expect(units.create).toBe(estate.units.length);

    // 2. staff (the new company's own administrator stays as it is)
    const staff = await staffSnapshotOf(demo.deps, orgId);
    const department = new Map(staff.departments.map((d) => [d.id, d.name]));
    const staffCounts = await importInto(
      'staff',
      keep(
        'staff',
        await filledTemplate(
          'staff',
          staff.staff.map((s) => ({
            username: s.username,
            name: s.name,
            phone: s.phone,
            email: s.email,
            department: s.departmentId ? department.get(s.departmentId)! : null,
            roles: s.roles.map((r) => ROLE_LABELS[r as StaffRole][0]).join('、'),
            projects: s.companyWide ? null : s.projectIds.map((p) => project.get(p)!).join('、'),
          })),
        ),
      ),
    );
    expect(staffCounts.create).toBe(staff.staff.length);

    // 3. the roster: one row per owner and unit, contacts and ID numbers on each
    const roster = await rosterSnapshotOf(demo.deps, orgId);
    const units2 = new Map(roster.units.map((u) => [u.id, u]));
    const owners = new Map(roster.owners.map((o) => [o.id, o]));
    const rosterCounts = await importInto(
      'owners',
      keep(
        'owners',
        await filledTemplate(
          'owners',
          roster.links.map((l) => {
            const u = units2.get(l.unitId)!;
            const o = owners.get(l.ownerId)!;
            return {
              project: project.get(u.projectId)!,
              building: building.get(u.buildingId)!,
              entrance: u.entrance,
              room: u.code,
              name: o.name,
              relation: RELATION_LABELS[l.relation as 'owner' | 'occupant'][0],
              primary: l.primary ? '是' : '否',
              phone: o.phones[0] ?? null,
              phone2: o.phones[1] ?? null,
              idNumber: o.idNumber,
              gender: o.gender === 'male' ? '男' : o.gender === 'female' ? '女' : null,
              birthday: o.birthday,
              moveInDate: l.moveInDate,
              grade: OWNER_GRADE_LABELS[o.grade as OwnerGrade][0],
              email: o.emails[0] ?? null,
              specialNeeds: o.specialNeeds,
              notes: o.notes,
            };
          }),
        ),
      ),
    );
    expect(rosterCounts.error).toBe(0);

    const original = await picture(demo.deps, orgId);
    const copied = await picture(copy.deps, copy.actor.organizationId, (u) => u !== 'copy.admin');
    expect(copied.units).toEqual(original.units);
    expect(copied.staff).toEqual(original.staff);
    // owners without a unit are not in a roster (a roster row is an owner on a unit)
    const housed = new Set(roster.links.map((l) => l.ownerId));
    expect(copied.owners).toEqual(original.owners.filter((line) => roster.owners.some((o) => housed.has(o.id) && line.startsWith(`${o.name}|`))));
    expect(copied.ties).toEqual(original.ties);
    expect(copied.owners.length).toBeGreaterThan(3);
    // ID numbers encrypted again with the new company's key, masked as when typed
    const masks = async (deps: AppDeps, organizationId: string, ids?: Set<string>) =>
      (await deps.database.db.selectFrom('owners').select(['id', 'idNumberMasked']).where('organizationId', '=', organizationId).execute())
        .filter((r) => r.idNumberMasked !== null && (!ids || ids.has(r.id)))
        .map((r) => r.idNumberMasked)
        .sort();
    expect(await masks(copy.deps, copy.actor.organizationId)).toEqual(await masks(demo.deps, orgId, housed));
    expect((await masks(copy.deps, copy.actor.organizationId)).length).toBeGreaterThan(0);

    // and the same three files again change nothing
    for (const [kind, bytes] of files) {
      const again = await dryRunImport(copy.deps, copy.actor, kind, bytes, 'zh-CN');
      expect(again.counts, kind).toMatchObject({ create: 0, update: 0, error: 0 });
    }
  }, 120_000);
});
