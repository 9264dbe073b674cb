import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from './cell-values.ts';
import type { EstateBuilding, EstateUnit } from './estate-keys.ts';
import { planUnitsImport, type EstateSnapshot, type UnitsImportPlan } from './plan-units.ts';
import type { ImportRow } from './row-reader.ts';

const text = (t: string): Cell => ({ kind: 'text', text: t });
const PROJECTS = [
  { id: 'p1', code: 'CUIHU', name: '翠湖花园' },
  { id: 'p2', code: 'BINJIANG', name: '滨江名苑' },
];
const empty: EstateSnapshot = { projects: PROJECTS, buildings: [], units: [] };

function row(rowNumber: number, cells: Record<string, string | Cell>): ImportRow {
  return { rowNumber, cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, typeof v === 'string' ? text(v) : v])) };
}

/** What applying a plan leaves (the server's job, done here in memory for the tests). */
function applied(estate: EstateSnapshot, plan: UnitsImportPlan): EstateSnapshot {
  const buildings: EstateBuilding[] = [...estate.buildings];
  const ids = new Map<string, string>();
  for (const b of plan.newBuildings) {
    const id = `b${buildings.length + 1}`;
    buildings.push({ id, projectId: b.projectId, code: b.code, name: b.name });
    ids.set(`${b.projectId}|${b.key}`, id);
  }
  const units: EstateUnit[] = [...estate.units];
  for (const r of plan.rows) {
    const u = r.unit;
    if (!u || r.action === 'skip' || r.action === 'error') continue;
    const fields = { floor: u.floor, areaSqm: u.areaSqm, kind: u.kind };
    if (r.action === 'update')
      Object.assign(
        units.find((x) => x.id === u.unitId)!,
        fields,
      );
    else
      units.push({
        id: `u${units.length + 1}`,
        projectId: u.projectId,
        buildingId: u.buildingId ?? ids.get(`${u.projectId}|${u.buildingKey}`)!,
        code: u.code,
        entrance: u.entrance,
        ...fields,
      });
  }
  return { projects: estate.projects, buildings, units };
}

describe('the buildings-and-units import, dry run', () => {
  it('creates the buildings and units a file names, then finds them all on a second run', () => {
    const rows = [
      row(2, { project: '翠湖花园', building: '1栋', entrance: '1', room: '101', floor: '1', areaSqm: '89.5' }),
      row(3, { project: 'CUIHU', building: '1号楼', entrance: '1', room: '102' }),
      row(4, { project: '滨江名苑', building: 'A座', room: '0301', kind: '公共区域' }),
    ];
    const plan = planUnitsImport(rows, empty, null);
    expect(plan.counts).toEqual({ create: 3, update: 0, skip: 0, error: 0 });
    // 1栋 and 1号楼 are one building
    expect(plan.newBuildings.map((b) => [b.projectId, b.name, b.code])).toEqual([
      ['p1', '1栋', '1'],
      ['p2', 'A座', 'A'],
    ]);
    expect(plan.rows[2]!.unit).toMatchObject({ code: '0301', kind: 'public_area', entrance: null });
    const again = planUnitsImport(rows, applied(empty, plan), null);
    expect(again.counts).toEqual({ create: 0, update: 0, skip: 3, error: 0 });
  });

  it('updates what changed and leaves what a blank cell does not mention', () => {
    const first = planUnitsImport([row(2, { project: '翠湖花园', building: '2栋', room: '201', floor: '2', areaSqm: '100' })], empty, null);
    const estate = applied(empty, first);
    const plan = planUnitsImport([row(2, { project: '翠湖花园', building: '2栋', room: '201', floor: '3' })], estate, null);
    expect(plan.rows[0]).toMatchObject({ action: 'update', changed: ['floor'], unit: { floor: 3, areaSqm: 100 } });
  });

  it('refuses each bad row with every problem of its cells, and the rest still plans', () => {
    const plan = planUnitsImport(
      [
        row(2, { project: '不存在', building: '1栋', room: '101' }),
        row(3, { project: '翠湖花园', building: { kind: 'formula', formula: 'A1' }, room: '101', floor: '三楼', areaSqm: { kind: 'error', error: '#REF!' } }),
        row(4, { project: '翠湖花园', building: '1栋', room: '101' }),
        row(5, { project: '翠湖花园', building: '1号楼', room: '0101' }),
        row(6, { project: '翠湖花园', building: '1栋', entrance: '一', room: '101', kind: '车位' }),
      ],
      empty,
      null,
    );
    expect(plan.rows.map((r) => r.action)).toEqual(['error', 'error', 'create', 'error', 'error']);
    expect(plan.rows[0]!.problems).toEqual([{ column: 'project', code: 'unknown_project', params: { value: '不存在' } }]);
    expect(plan.rows[1]!.problems.map((p) => [p.column, p.code])).toEqual([
      ['building', 'formula'],
      ['floor', 'not_a_number'],
      ['areaSqm', 'error_value'],
    ]);
    // 1号楼 0101 is 1栋 101 again
    expect(plan.rows[3]!.problems).toEqual([{ column: null, code: 'duplicate_row', params: { row: 4 } }]);
    expect(plan.rows[4]!.problems.map((p) => p.code)).toEqual(['unknown_value', 'unknown_value']);
  });

  it('refuses rows of projects the importer does not manage', () => {
    const plan = planUnitsImport([row(2, { project: '滨江名苑', building: '1栋', room: '101' })], empty, ['p1']);
    expect(plan.rows[0]).toMatchObject({ action: 'error', problems: [{ column: 'project', code: 'not_in_your_projects' }] });
  });

  it('changes nothing when the same file is imported twice (any file)', () => {
    const anyRow = fc.record({
      project: fc.constantFrom('翠湖花园', 'CUIHU', '滨江名苑', 'nowhere'),
      building: fc.constantFrom('1栋', '1号楼', '2栋', 'A座', ''),
      entrance: fc.constantFrom('', '1', '2', '01'),
      room: fc.constantFrom('101', '0101', '102', '1-1', '', '?'),
      floor: fc.constantFrom('', '1', '2', 'x'),
    });
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 25 }), (cells) => {
        const rows = cells.map((c, i) => row(i + 2, c));
        const first = planUnitsImport(rows, empty, null);
        const second = planUnitsImport(rows, applied(empty, first), null);
        expect(second.counts.create + second.counts.update).toBe(0);
        expect(second.newBuildings).toEqual([]);
        // every row is refused the second time exactly when it was the first time
        expect(second.rows.map((r) => r.action === 'error')).toEqual(first.rows.map((r) => r.action === 'error'));
      }),
    );
  });
});
