import { buildingNumberOf, formatUnitLabel } from '../structure/unit-address.ts';

/**
 * Natural keys of the estate (issue 12): an import finds what already exists by them, so that
 * importing the same file twice changes nothing. A project by its name or code; a building by its
 * number (1栋, 1号楼 and 1 are one building) or else its name; a unit by project + building +
 * entrance + room (0301 and 301 are one room).
 */
export interface EstateProject {
  id: string;
  code: string;
  name: string;
}
export interface EstateBuilding {
  id: string;
  projectId: string;
  code: string;
  name: string;
}
export interface EstateUnit {
  id: string;
  projectId: string;
  buildingId: string;
  code: string;
  entrance: string | null;
  floor: number | null;
  areaSqm: number | null;
  kind: string;
}

/** Text as compared: NFKC, no spaces, lower case. */
export const comparable = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();

/** A building's key within its project: its number (1栋 → "1", A座 → "a"), else its whole name. */
export function buildingKey(nameOrCode: string): string {
  return comparable(buildingNumberOf(nameOrCode) ?? nameOrCode);
}

/** A room or entrance as compared: digits without leading zeros, else the text. */
export function partKey(part: string | null): string {
  if (part === null) return '';
  const c = comparable(part);
  return /^\d+$/.test(c) ? String(Number(c)) : c;
}

export function unitKey(projectId: string, building: string, entrance: string | null, room: string): string {
  return [projectId, building, partKey(entrance), partKey(room)].join('|');
}

/** The projects by every name and code they answer to. */
export function projectFinder(projects: readonly EstateProject[]): (text: string) => EstateProject | undefined {
  const byName = new Map<string, EstateProject>();
  for (const p of projects) for (const n of [p.code, p.name]) byName.set(comparable(n), p);
  return (text) => byName.get(comparable(text));
}

/** The buildings of each project by key: both its name's and its code's (either finds it). */
export function buildingFinder(buildings: readonly EstateBuilding[]): (projectId: string, key: string) => EstateBuilding | undefined {
  const byKey = new Map<string, EstateBuilding>();
  for (const b of buildings) for (const n of [b.code, b.name]) byKey.set(`${b.projectId}|${buildingKey(n)}`, b);
  return (projectId, key) => byKey.get(`${projectId}|${key}`);
}

/** A unit found by its natural key, with the label every screen shows (1栋-2单元-301). */
export interface FoundUnit {
  unit: EstateUnit;
  label: string;
}

/** The units by natural key: either name of their building finds them (`unitKey(project, buildingKey(text), entrance, room)`). */
export function unitFinder(estate: { buildings: readonly EstateBuilding[]; units: readonly EstateUnit[] }): (key: string) => FoundUnit | undefined {
  const buildingsById = new Map(estate.buildings.map((b) => [b.id, b]));
  const units = new Map<string, FoundUnit>();
  for (const u of estate.units) {
    const b = buildingsById.get(u.buildingId);
    if (!b) continue;
    const found = { unit: u, label: formatUnitLabel({ buildingName: b.name, entrance: u.entrance, code: u.code }) };
    for (const name of [b.name, b.code]) units.set(unitKey(u.projectId, buildingKey(name), u.entrance, u.code), found);
  }
  return (key) => units.get(key);
}
