import { buildingFinder, buildingKey, projectFinder, unitFinder, unitKey, type EstateBuilding, type EstateProject, type EstateUnit } from './estate-keys.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';
import type { RowProblem } from './import-problems.ts';
import { RowReader, type ImportRow } from './row-reader.ts';

/** What an import would do with a row: create, update, leave as it is (skip), or refuse it (error). */
export type PlannedAction = 'create' | 'update' | 'skip' | 'error';

export interface ImportCounts {
  create: number;
  update: number;
  skip: number;
  error: number;
}

/** A unit as a row of the buildings-and-units import leaves it. */
export interface PlannedUnit {
  projectId: string;
  /** The building's key in its project (estate-keys.ts); `buildingId` null: a building this import creates. */
  buildingKey: string;
  buildingId: string | null;
  buildingName: string;
  entrance: string | null;
  code: string;
  floor: number | null;
  areaSqm: number | null;
  kind: string;
  /** The unit's id when it exists (update or skip). */
  unitId: string | null;
}

export interface UnitRowPlan {
  rowNumber: number;
  action: PlannedAction;
  problems: RowProblem[];
  unit: PlannedUnit | null;
  /** The fields an update changes. */
  changed: string[];
}

export interface NewBuilding {
  projectId: string;
  key: string;
  name: string;
  code: string;
}

export interface UnitsImportPlan {
  rows: UnitRowPlan[];
  /** Buildings the file names that do not exist yet: created before their units. */
  newBuildings: NewBuilding[];
  counts: ImportCounts;
}

export interface EstateSnapshot {
  projects: readonly EstateProject[];
  buildings: readonly EstateBuilding[];
  units: readonly EstateUnit[];
}

const ENTRANCE = /^[0-9A-Za-z]{1,8}$/;

/**
 * The dry run of a buildings-and-units import (楼栋房屋): for each row, what would be created,
 * updated or left as it is, and every problem, against what the organization has now. `projectIds`:
 * the projects the importer manages (null: all). Pure; applying the plan is the server's.
 */
export function planUnitsImport(rows: readonly ImportRow[], estate: EstateSnapshot, projectIds: readonly string[] | null): UnitsImportPlan {
  const columns = IMPORT_COLUMNS.units;
  const findProject = projectFinder(estate.projects);
  const findBuilding = buildingFinder(estate.buildings);
  const findUnit = unitFinder(estate);
  const newBuildings = new Map<string, NewBuilding>();
  const seen = new Map<string, number>();
  const plans = rows.map((row): UnitRowPlan => {
    const r = new RowReader(row, columns);
    const projectText = r.text('project', { required: true });
    const buildingText = r.text('building', { required: true, maxLength: 40 });
    const entrance = r.text('entrance', { maxLength: 8 });
    const room = r.text('room', { required: true, maxLength: 32 });
    const floor = r.integer('floor');
    const areaSqm = r.decimal('areaSqm');
    const kind = r.closed('kind') ?? 'indoor';
    if (entrance !== null && !ENTRANCE.test(entrance.normalize('NFKC'))) r.problem('entrance', 'unknown_value', { value: entrance, choices: '数字或字母' });
    if (floor !== null && (floor < -10 || floor > 200)) r.problem('floor', 'not_an_integer', { value: floor });
    if (areaSqm !== null && (areaSqm <= 0 || areaSqm > 100_000)) r.problem('areaSqm', 'not_a_number', { value: areaSqm });
    const project = projectText === null ? undefined : findProject(projectText);
    if (projectText !== null && !project) r.problem('project', 'unknown_project', { value: projectText });
    if (project && projectIds && !projectIds.includes(project.id)) r.problem('project', 'not_in_your_projects', { value: projectText! });
    if (r.problems.length || !project || buildingText === null || room === null)
      return { rowNumber: row.rowNumber, action: 'error', problems: r.problems, unit: null, changed: [] };

    const bKey = buildingKey(buildingText);
    const building = findBuilding(project.id, bKey);
    const key = unitKey(project.id, building ? buildingKey(building.name) : bKey, entrance, room);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      r.problem(null, 'duplicate_row', { row: earlier });
      return { rowNumber: row.rowNumber, action: 'error', problems: r.problems, unit: null, changed: [] };
    }
    seen.set(key, row.rowNumber);
    if (!building && !newBuildings.has(`${project.id}|${bKey}`))
      newBuildings.set(`${project.id}|${bKey}`, {
        projectId: project.id,
        key: bKey,
        name: buildingText.normalize('NFKC').trim(),
        code: buildingCodeOf(buildingText),
      });
    const existing = building ? findUnit(key)?.unit : undefined;
    const unit: PlannedUnit = {
      projectId: project.id,
      buildingKey: bKey,
      buildingId: building?.id ?? null,
      buildingName: building?.name ?? buildingText,
      entrance: entrance?.normalize('NFKC') ?? null,
      code: room.normalize('NFKC'),
      // an empty cell leaves what the unit has
      floor: floor ?? existing?.floor ?? null,
      areaSqm: areaSqm ?? existing?.areaSqm ?? null,
      kind: row.cells.kind && row.cells.kind.kind !== 'empty' ? kind : (existing?.kind ?? kind),
      unitId: existing?.id ?? null,
    };
    if (!existing) return { rowNumber: row.rowNumber, action: 'create', problems: [], unit, changed: [] };
    const changed = (['floor', 'areaSqm', 'kind'] as const).filter((f) => unit[f] !== existing[f]);
    return { rowNumber: row.rowNumber, action: changed.length ? 'update' : 'skip', problems: [], unit, changed };
  });
  return { rows: plans, newBuildings: [...newBuildings.values()], counts: countActions(plans) };
}

/** A new building's code: its number (1栋 → 1), else its name. */
function buildingCodeOf(name: string): string {
  const key = buildingKey(name);
  return key.length <= 32 ? key.toUpperCase() : name.slice(0, 32);
}

export function countActions(rows: readonly { action: PlannedAction }[]): ImportCounts {
  const counts: ImportCounts = { create: 0, update: 0, skip: 0, error: 0 };
  for (const r of rows) counts[r.action] += 1;
  return counts;
}
