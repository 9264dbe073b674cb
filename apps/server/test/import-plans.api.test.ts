import { formatUnitLabel, planOwnersImport, planStaffImport, planUnitsImport, type Cell, type ImportRow } from '@guanjia/core';
import { ROLE_LABELS } from '@guanjia/vocabulary';
import { loadEstateSnapshot } from '@guanjia/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterSnapshotOf, staffSnapshotOf } from '../src/services/import-snapshots.ts';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * The dry runs against a real database (issue 12): what the organization has, read back as rows,
 * plans to change nothing; the other company's estate is never in the comparison; ID numbers are
 * compared decrypted.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const TODAY = '2026-12-05';
const text = (value: string | null): Cell => (value === null ? { kind: 'empty' } : { kind: 'text', text: value });
const rowsOf = (cells: Record<string, string | null>[]): ImportRow[] =>
  cells.map((c, i) => ({ rowNumber: i + 2, cells: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, text(v)])) }));

describe('the dry runs on the demo company', () => {
  it('its own buildings and units, written back as a sheet, change nothing; the other company’s are not compared', async () => {
    const estate = await loadEstateSnapshot(t.deps.database.db, t.a.organizationId);
    const other = await loadEstateSnapshot(t.deps.database.db, t.b.organizationId);
    expect(estate.units.length).toBeGreaterThan(10);
    expect(estate.units.filter((u) => other.units.some((o) => o.id === u.id))).toEqual([]);
    const projectName = new Map(estate.projects.map((p) => [p.id, p.name]));
    const buildingName = new Map(estate.buildings.map((b) => [b.id, b.name]));
    const rows = rowsOf(
      estate.units.map((u) => ({
        project: projectName.get(u.projectId)!,
        building: buildingName.get(u.buildingId)!,
        entrance: u.entrance,
        room: u.code,
        floor: u.floor === null ? null : String(u.floor),
        kind: u.kind === 'public_area' ? '公共区域' : '户内',
      })),
    );
    const plan = planUnitsImport(rows, estate, null);
    expect(plan.rows.filter((r) => r.action !== 'skip').map((r) => [r.rowNumber, r.action, r.problems, r.changed])).toEqual([]);
  });

  it('its owners, written back as a roster, change nothing; an ID number finds its archive though encrypted', async () => {
    const roster = await rosterSnapshotOf(t.deps, t.a.organizationId);
    const units = new Map(roster.units.map((u) => [u.id, u]));
    const buildings = new Map(roster.buildings.map((b) => [b.id, b]));
    const projects = new Map(roster.projects.map((p) => [p.id, p]));
    const owners = new Map(roster.owners.map((o) => [o.id, o]));
    const rows = rowsOf(
      roster.links.map((l) => {
        const u = units.get(l.unitId)!;
        const o = owners.get(l.ownerId)!;
        return {
          project: projects.get(u.projectId)!.name,
          unitLabel: formatUnitLabel({ buildingName: buildings.get(u.buildingId)!.name, entrance: u.entrance, code: u.code }),
          name: o.name,
          relation: l.relation === 'owner' ? '产权人' : '使用人',
          phone: o.phones[0] ?? null,
        };
      }),
    );
    expect(rows.length).toBeGreaterThan(3);
    const plan = planOwnersImport(rows, roster, null, TODAY);
    expect(plan.rows.filter((r) => r.action !== 'skip').map((r) => [r.rowNumber, r.action, r.problems, r.changed])).toEqual([]);

    // an archive with a 居民身份证号码, found by it alone under another spelling of the name
    const agent = await t.login('agent1');
    const unitId = t.a.projects.CUIHU!.buildings.B2!.units['203'] ?? t.a.projects.CUIHU!.buildings.B2!.units['202']!;
    const moved = await t.request(agent, {
      method: 'POST',
      url: '/api/move-ins',
      payload: { unitId, moveInDate: '2026-11-20', relation: 'occupant', owner: { name: '钱多多', idNumber: '11010519491231002X' } },
    });
    expect(moved.status).toBe(201);
    const after = await rosterSnapshotOf(t.deps, t.a.organizationId);
    const u = after.units.find((x) => x.id === unitId)!;
    const label = formatUnitLabel({ buildingName: after.buildings.find((b) => b.id === u.buildingId)!.name, entrance: u.entrance, code: u.code });
    const byId = planOwnersImport(
      rowsOf([{ project: after.projects.find((p) => p.id === u.projectId)!.name, unitLabel: label, name: '钱朵朵', idNumber: '11010519491231002x' }]),
      after,
      null,
      TODAY,
    );
    expect(byId.rows[0]!.problems).toEqual([]);
    expect(byId.rows[0]).toMatchObject({ action: 'update', changed: ['name'], owner: { ownerId: moved.body.id } });
    // the other company's archive with the same number is not this one
    const otherRoster = await rosterSnapshotOf(t.deps, t.b.organizationId);
    expect(otherRoster.owners.some((o) => o.id === moved.body.id)).toBe(false);
  });

  it('its staff accounts, written back with their roles in Chinese, change nothing', async () => {
    const snapshot = await staffSnapshotOf(t.deps, t.a.organizationId);
    const projects = new Map(snapshot.projects.map((p) => [p.id, p.name]));
    const departments = new Map(snapshot.departments.map((d) => [d.id, d.code]));
    const rows = rowsOf(
      snapshot.staff.map((s) => ({
        username: s.username,
        name: s.name,
        phone: s.phone,
        email: s.email,
        department: s.departmentId ? departments.get(s.departmentId)! : null,
        roles: s.roles.map((r) => ROLE_LABELS[r][0]).join('、'),
        projects: s.companyWide ? null : s.projectIds.map((p) => projects.get(p)!).join('、'),
      })),
    );
    const admin = snapshot.staff.find((s) => s.roles.includes('admin'))!;
    const plan = planStaffImport(rows, snapshot, { id: admin.id, projectIds: null, isAdmin: true });
    expect(plan.rows.filter((r) => r.action !== 'skip').map((r) => [r.rowNumber, r.action, r.problems, r.changed])).toEqual([]);
  });
});
